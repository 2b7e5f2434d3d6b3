// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecd - the Unix socket. A peer must be root or the one other uid the
 * daemon was told to allow (SO_PEERCRED, checked at accept). A connection
 * carries at most one login; closing it logs out. Requests are served one
 * line at a time, in order.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "camsecd.h"
#include "clients.h"
#include "clock.h"
#include "ops.h"
#include "reply.h"
#include "server.h"
#include "tls.h"
#include "verbs.h"

int server_listen(struct camsecd *d)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(d->socket_path) >= sizeof(sun.sun_path))
		return -ENAMETOOLONG;
	strcpy(sun.sun_path, d->socket_path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -errno;
	unlink(d->socket_path);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) ||
	    chmod(d->socket_path, d->allowed_uid ? 0666 : 0600) ||
	    listen(fd, 16)) {
		close(fd);
		return -errno;
	}
	d->listen_fd = fd;
	return 0;
}

static void refuse_peer(int fd, const char *msg)
{
	struct proto_buf b;

	proto_start(&b, REPLY_ERR);
	proto_add(&b, "code", "EACCES");
	proto_add(&b, "msg", msg);
	/* Once, without waiting: a peer that cannot take one line gets none. */
	if (!proto_finish(&b))
		send(fd, b.line, b.len, MSG_DONTWAIT | MSG_NOSIGNAL);
	close(fd);
}

void server_accept(struct camsecd *d)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);
	int fd;

	fd = accept4(d->listen_fd, NULL, NULL, SOCK_CLOEXEC);
	if (fd < 0)
		return;
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) ||
	    (cred.uid != 0 && cred.uid != d->allowed_uid)) {
		refuse_peer(fd, "this user may not talk to camsecd");
		return;
	}
	client_new(d, fd);	/* closes @fd if no slot can be had */
}

/* A peer on the TLS socket: its handshake comes first, as it reads. */
void server_accept_remote(struct camsecd *d)
{
	char source[SOURCE_MAX];
	struct client *c;
	int fd = tls_accept(d, source, sizeof(source));

	if (fd < 0)
		return;
	c = client_new(d, fd);	/* closes @fd if no slot can be had */
	if (!c)
		return;
	snprintf(c->source, sizeof(c->source), "%s", source);
	if (tls_attach(d, c))
		client_close(d, c);
}

/* The first word of @line: its verb, should it parse. */
static void verb_of(const char *line, size_t len, char *verb, size_t size)
{
	const char *space = memchr(line, ' ', len);

	snprintf(verb, size, "%.*s", (int)(space ? (size_t)(space - line) : len),
		 line);
}
static void serve_line(struct camsecd *d, struct client *c, size_t len)
{
	struct proto_msg m;
	struct request r = { .d = d, .c = c, .m = &m };
	char verb[PROTO_NAME_MAX + 1];
	const char *why;

	verb_of(c->in, len, verb, sizeof(verb));
	if (!c->token[0] && ops_counted_before_login(verb) &&
	    ++c->anonymous > ANONYMOUS_MAX) {
		reply_err(&r, EBUSY, "too many requests without a login: connect again");
		c->broken = true;
		return;
	}
	if (proto_parse(c->in, len, &m, &why)) {
		reply_err(&r, EINVAL, why);
		return;
	}
	if (c->token[0]) {
		r.s = session_use(&d->sessions, c->token, now_s());
		if (!r.s)
			explicit_bzero(c->token, sizeof(c->token));
		else
			snprintf(r.account, sizeof(r.account), "%s", r.s->account);
	}
	ops_dispatch(&r);
	proto_wipe(&m);
}

/* Descriptors passed with the bytes read: kept for the request (3 at most). */
static void take_fds(struct client *c, struct msghdr *mh)
{
	struct cmsghdr *cm;
	unsigned int i, n;
	int fd;

	for (cm = CMSG_FIRSTHDR(mh); cm; cm = CMSG_NXTHDR(mh, cm)) {
		if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS)
			continue;
		n = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (i = 0; i < n; i++) {
			memcpy(&fd, CMSG_DATA(cm) + i * sizeof(int), sizeof(int));
			if (c->nfds < 3)
				c->fds[c->nfds++] = fd;
			else
				close(fd);
		}
	}
}

/* Bytes read into c->in, 0 at the end, -EAGAIN for later. */
static ssize_t receive(struct client *c)
{
	union {
		char buf[CMSG_SPACE(3 * sizeof(int))];
		struct cmsghdr align;
	} ctl;
	struct iovec iov = {
		.iov_base = c->in + c->inlen, .iov_len = sizeof(c->in) - c->inlen,
	};
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf),
	};
	ssize_t n;

	if (c->ssl)
		return tls_recv(c, iov.iov_base, iov.iov_len);
	n = recvmsg(c->fd, &mh, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
	if (n > 0)
		take_fds(c, &mh);
	if (n < 0)
		return errno == EAGAIN || errno == EINTR ? -EAGAIN : 0;
	return n;
}

/*
 * Does @c have a request, or bytes, waiting without the socket saying so?
 * Not while its replies wait: it is read again once it has taken them.
 */
bool server_pending(const struct client *c)
{
	return c->fd >= 0 && !c->child && !c->handshaking && !c->outlen &&
	       (memchr(c->in, '\n', c->inlen) || (c->ssl && SSL_pending(c->ssl)));
}

/* Has @c left its replies untaken for OUT_STALL_S? It is then closed. */
bool server_stalled(const struct client *c, int64_t now)
{
	return c->fd >= 0 && c->outlen && now - c->out_since >= OUT_STALL_S;
}

/* What to poll @c for: its handshake's or its queue's need, else a request. */
short server_events(const struct client *c)
{
	return c->handshaking || c->outlen ? c->want : POLLIN;
}

/*
 * Serve one request of @c, reading first if none is whole: one per
 * client per turn of the loop, so that a flood on one connection does
 * not hold up the others.
 */
void server_read(struct camsecd *d, struct client *c)
{
	ssize_t n;
	size_t len;
	char *nl;

	if (c->handshaking) {
		tls_handshake(c);
		if (c->want < 0)
			client_close(d, c);
		return;
	}
	if (c->outlen) {
		if (reply_flush(c))
			client_close(d, c);
		return;
	}
	if (!memchr(c->in, '\n', c->inlen)) {
		n = receive(c);
		if (n == -EAGAIN)
			return;
		if (n <= 0) {
			client_close(d, c);
			return;
		}
		c->inlen += (size_t)n;
	}
	nl = memchr(c->in, '\n', c->inlen);
	if (nl) {
		len = (size_t)(nl - c->in);
		serve_line(d, c, len);
		if (c->fd < 0)
			return;
		if (c->broken) {
			client_close(d, c);
			return;
		}
		client_drop_fds(c);
		memmove(c->in, nl + 1, c->inlen - len - 1);
		c->inlen -= len + 1;
	}
	explicit_bzero(c->in + c->inlen, sizeof(c->in) - c->inlen);
	if (c->inlen == sizeof(c->in)) {
		struct request r = { .d = d, .c = c };

		reply_err(&r, E2BIG, "line too long");
		client_close(d, c);
	}
}
