// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecd - replies to clients (reply.h)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "camsecd.h"
#include "clock.h"
#include "reply.h"
#include "tls.h"
#include "verbs.h"

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
int reply_flush(struct client *c)
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

/* Queued, and sent as far as the peer takes it: a peer that does not read
 * costs the loop nothing, and one that never does is closed. */
static void send_line(struct client *c, const char *line, size_t len)
{
	if (c->broken || queue(c, line, len) || reply_flush(c))
		c->broken = true;
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

void reply_stage(struct request *r, const char *stage)
{
	struct proto_buf b;

	proto_start(&b, REPLY_REC);
	proto_add(&b, "stage", stage);
	reply(r, &b);
}

void reply_ok(struct request *r, struct proto_buf *b)
{
	struct proto_buf ok;

	if (!b) {
		proto_start(&ok, REPLY_OK);
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

	proto_start(&b, REPLY_ERR);
	proto_add(&b, "code", errno_name(err));
	proto_add(&b, "msg", msg);
	if (!proto_finish(&b))
		send_line(r->c, b.line, b.len);
}
