/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsecd - the sockets' peers: accepted, read one request at a time, and
 * each request dispatched (ops.h).
 */
#ifndef CAMSECD_SERVER_H
#define CAMSECD_SERVER_H

#include <stdbool.h>
#include <stdint.h>

struct camsecd;
struct client;

/* The Unix socket, d->socket_path: 0 or -errno. */
int server_listen(struct camsecd *d);
void server_accept(struct camsecd *d);
void server_accept_remote(struct camsecd *d);
/* Serve one request of @c, reading first if none is whole. */
void server_read(struct camsecd *d, struct client *c);
/* Does @c have a request, or bytes, waiting without its socket saying so? */
bool server_pending(const struct client *c);
/* What to poll @c for. */
short server_events(const struct client *c);
/* Has @c left its replies untaken for OUT_STALL_S? It is to be closed. */
bool server_stalled(const struct client *c, int64_t now);

#endif
