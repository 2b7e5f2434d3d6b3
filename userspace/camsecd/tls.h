/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsecd - remote management: the protocol over TLS (-t, -C, -K).
 */
#ifndef CAMSECD_TLS_H
#define CAMSECD_TLS_H

#include <stddef.h>
#include <sys/types.h>

struct camsecd;
struct client;

/* Listen on d->tls_listen, if set: 0 or -errno. */
int tls_start(struct camsecd *d);
void tls_stop(struct camsecd *d);
/* A new peer's socket, its address in @source; -1 if none. */
int tls_accept(struct camsecd *d, char *source, size_t len);
/* @c speaks TLS from now, its handshake first: 0 or -1. */
int tls_attach(const struct camsecd *d, struct client *c);
/* The handshake's next step; c->want < 0 when it failed. */
void tls_handshake(struct client *c);
/* Bytes read, 0 at the end, -EAGAIN for later. */
ssize_t tls_recv(struct client *c, void *buf, size_t len);
/* Bytes taken (a part, perhaps), -EAGAIN (c->want set), or -EIO. */
ssize_t tls_send(struct client *c, const void *buf, size_t len);

#endif
