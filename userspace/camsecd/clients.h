/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsecd - the client slots (CLIENTS_MAX): the Unix socket's peers, the
 * remote ones (tls.c), the console's login and the connections lent to a
 * session's programs (run.c).
 */
#ifndef CAMSECD_CLIENTS_H
#define CAMSECD_CLIENTS_H

struct camsecd;
struct client;

/* A client slot for @fd, or NULL (and @fd closed) when none can be had. */
struct client *client_new(struct camsecd *d, int fd);
/* Close @c, logging out its session unless it was lent. */
void client_close(struct camsecd *d, struct client *c);
/* The descriptors passed with the request served: closed. */
void client_drop_fds(struct client *c);

#endif
