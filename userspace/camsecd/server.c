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

/* Bytes taken by the socket, -EAGAIN when it is full, or -EIO. */
static ssize_t send_plain(struct client *c, const char *buf, size_t len)
{
	ssize_t n = send(c->fd, buf, len, MSG_DONTWAIT | MSG_NOSIGNAL);

	if (n >= 0)
		return n;
	if (errno == EAGAIN || errno == EINTR) {
		c->want = POLLOUT;
		return -EAGAIN;
	}
	return -EIO;
}

/* As much of the queue as the peer takes now; never waits. */
static int flush(struct client *c)
{
	ssize_t n;

	while (c->outlen) {
		n = c->ssl ? tls_send(c, c->out, c->outlen) :
			     send_plain(c, c->out, c->outlen);
		if (n == -EAGAIN)
			return 0;
		if (n <= 0)
			return -EIO;
		memmove(c->out, c->out + n, c->outlen - (size_t)n);
		c->outlen -= (size_t)n;
		c->out_since = now_s();
	}
	free(c->out);
	c->out = NULL;
	c->outcap = 0;
	return 0;
}

static int queue(struct client *c, const char *line, size_t len)
{
	size_t cap = c->outcap ? c->outcap : 4096;
	char *out;

	if (c->outlen + len > OUT_MAX)
		return -ENOBUFS;
	if (!c->outlen)
		c->out_since = now_s();
	while (cap < c->outlen + len)
		cap *= 2;
	if (cap != c->outcap) {
		out = realloc(c->out, cap);
		if (!out)
			return -ENOMEM;
		c->out = out;
		c->outcap = cap;
	}
	memcpy(c->out + c->outlen, line, len);
	c->outlen += len;
	return 0;
}

static struct client *free_client(struct camsecd *d)
{
	unsigned int i;

	for (i = 0; i < CLIENTS_MAX; i++) {
		if (d->clients[i].fd < 0)
			return &d->clients[i];
	}
	return NULL;
}

/* Queued, and sent as far as the peer takes it: a peer that does not read
 * costs the loop nothing, and one that never does is closed. */
static void send_line(struct client *c, const char *line, size_t len)
{
	if (c->broken || queue(c, line, len) || flush(c))
		c->broken = true;
}

static void refuse_peer(int fd, const char *msg)
{
	struct proto_buf b;

	proto_start(&b, "err");
	proto_add(&b, "code", "EACCES");
	proto_add(&b, "msg", msg);
	/* Once, without waiting: a peer that cannot take one line gets none. */
	if (!proto_finish(&b))
		send(fd, b.line, b.len, MSG_DONTWAIT | MSG_NOSIGNAL);
	close(fd);
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
		server_close(d, oldest);
	return oldest;
}

/* A client slot for @fd, or NULL (and @fd closed) when none can be had. */
struct client *server_new_client(struct camsecd *d, int fd)
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
	server_new_client(d, fd);	/* closes @fd if no slot can be had */
}

static void close_fds(struct client *c)
{
	while (c->nfds)
		close(c->fds[--c->nfds]);
}

void server_close(struct camsecd *d, struct client *c)
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
	close_fds(c);
	SSL_free(c->ssl);
	close(c->fd);
	if (c->out)
		explicit_bzero(c->out, c->outcap);
	free(c->out);
	explicit_bzero(c, sizeof(*c));
	c->fd = -1;
}

static bool is_login(const char *line, size_t len)
{
	return len >= 5 && !memcmp(line, "login", 5) && (len == 5 || line[5] == ' ');
}

static void serve_line(struct camsecd *d, struct client *c, size_t len)
{
	struct proto_msg m;
	struct request r = { .d = d, .c = c, .m = &m };
	const char *why;

	if (!c->token[0] && !is_login(c->in, len) &&
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
			server_close(d, c);
		return;
	}
	if (c->outlen) {
		if (flush(c))
			server_close(d, c);
		return;
	}
	if (!memchr(c->in, '\n', c->inlen)) {
		n = receive(c);
		if (n == -EAGAIN)
			return;
		if (n <= 0) {
			server_close(d, c);
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
			server_close(d, c);
			return;
		}
		close_fds(c);
		memmove(c->in, nl + 1, c->inlen - len - 1);
		c->inlen -= len + 1;
	}
	explicit_bzero(c->in + c->inlen, sizeof(c->in) - c->inlen);
	if (c->inlen == sizeof(c->in)) {
		struct request r = { .d = d, .c = c };

		reply_err(&r, E2BIG, "line too long");
		server_close(d, c);
	}
}

static void reply(struct request *r, struct proto_buf *b)
{
	if (proto_finish(b)) {
		reply_err(r, EOVERFLOW, "reply too long");
		return;
	}
	send_line(r->c, b->line, b->len);
	explicit_bzero(b, sizeof(*b));
}

void reply_rec(struct request *r, struct proto_buf *b)
{
	reply(r, b);
}

void reply_ok(struct request *r, struct proto_buf *b)
{
	struct proto_buf ok;

	if (!b) {
		proto_start(&ok, "ok");
		b = &ok;
	}
	reply(r, b);
}

static const char *errno_name(int err)
{
	static const struct { int err; const char *name; } names[] = {
		{ EACCES, "EACCES" }, { EPERM, "EPERM" }, { EINVAL, "EINVAL" },
		{ EEXIST, "EEXIST" }, { ENOENT, "ENOENT" }, { ENOSPC, "ENOSPC" },
		{ EUSERS, "EUSERS" }, { EMFILE, "EMFILE" }, { EBUSY, "EBUSY" },
		{ E2BIG, "E2BIG" }, { EOVERFLOW, "EOVERFLOW" }, { EIO, "EIO" },
		{ ENOSYS, "ENOSYS" }, { EALREADY, "EALREADY" },
		{ ENOTCONN, "ENOTCONN" }, { ESRCH, "ESRCH" },
		{ EBADMSG, "EBADMSG" }, { EOPNOTSUPP, "EOPNOTSUPP" },
		{ EMSGSIZE, "EMSGSIZE" }, { ENOKEY, "ENOKEY" },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (names[i].err == err)
			return names[i].name;
	}
	return "EIO";
}

void reply_err(struct request *r, int err, const char *msg)
{
	struct proto_buf b;

	proto_start(&b, "err");
	proto_add(&b, "code", errno_name(err));
	proto_add(&b, "msg", msg);
	if (!proto_finish(&b))
		send_line(r->c, b.line, b.len);
}

/* The caller's account, even after an operation ended its session. */
const char *account_of(const struct request *r)
{
	return r->account;
}
