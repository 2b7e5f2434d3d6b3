// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecd - the client slots (clients.h)
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "camsecd.h"
#include "clients.h"
#include "clock.h"
#include "firmware.h"
#include "trail.h"

static struct client *free_client(struct camsecd *d)
{
	unsigned int i;

	for (i = 0; i < CLIENTS_MAX; i++) {
		if (d->clients[i].fd < 0)
			return &d->clients[i];
	}
	return NULL;
}

/*
 * When every slot is taken, the connection that has waited longest
 * without logging in makes room: a flood of idle or guessing connections
 * cannot keep the administrator out. The console's stays.
 */
static struct client *evict(struct camsecd *d)
{
	struct client *c, *oldest = NULL;
	unsigned int i;

	for (i = 0; i < CLIENTS_MAX; i++) {
		c = &d->clients[i];
		if (c->token[0] || c->child || c->console)
			continue;
		if (!oldest || c->since < oldest->since)
			oldest = c;
	}
	if (oldest)
		client_close(d, oldest);
	return oldest;
}

/* A client slot for @fd, or NULL (and @fd closed) when none can be had. */
struct client *client_new(struct camsecd *d, int fd)
{
	struct client *c = free_client(d) ?: evict(d);
	int sndbuf = SOCKET_SNDBUF;

	if (!c) {
		close(fd);
		return NULL;
	}
	setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf));
	memset(c, 0, sizeof(*c));
	c->fd = fd;
	c->since = now_s();
	snprintf(c->source, sizeof(c->source), "local");
	return c;
}

/* The descriptors passed with the request served: closed. */
void client_drop_fds(struct client *c)
{
	while (c->nfds)
		close(c->fds[--c->nfds]);
}

void client_close(struct camsecd *d, struct client *c)
{
	const struct session *s = NULL;

	if (c->token[0] && !c->lent)
		s = session_use(&d->sessions, c->token, now_s());
	if (s) {
		trail_log(d, "logout", "ok", s->account, c->source,
			  "session=%u connection closed", s->id);
		session_close(&d->sessions, c->token);
	}
	firmware_abort(d, c);
	client_drop_fds(c);
	SSL_free(c->ssl);
	close(c->fd);
	if (c->out)
		explicit_bzero(c->out, c->outcap);
	free(c->out);
	explicit_bzero(c, sizeof(*c));
	c->fd = -1;
}
