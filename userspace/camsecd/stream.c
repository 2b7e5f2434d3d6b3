// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecd - the video stream's key: 32 random bytes, made once and kept
 * sealed as "stream.key". Each program run for a session gets a session
 * keyring of its own holding it as the logon key "camsec:stream", where
 * camsec_vcrypt finds it and nothing in userspace reads it back; nothing
 * else of camsecd's keyrings goes with the program. An administrator
 * reads it for the viewer ("stream-key"), or replaces it (new=yes).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <syslog.h>

#include <openssl/crypto.h>

#include "camsecd.h"
#include "kernel.h"
#include "reply.h"
#include "seal.h"
#include "stream.h"
#include "trail.h"
#include "users.h"
#include "verbs.h"

#define STATE_FILE "stream.key"

static int make_key(struct camsecd *d)
{
	uint8_t key[STREAM_KEY_LEN];
	int err;

	if (getrandom(key, sizeof(key), 0) != (ssize_t)sizeof(key))
		return -EIO;
	err = seal_write(d, STATE_FILE, "userdb", key, sizeof(key));
	if (!err) {
		memcpy(d->stream_key, key, sizeof(key));
		d->have_stream_key = true;
	}
	explicit_bzero(key, sizeof(key));
	return err;
}

/* The key, read at start or made at first need: 0 or -errno. */
int stream_key_ready(struct camsecd *d)
{
	size_t len;
	char *buf;
	int err;

	if (d->have_stream_key)
		return 0;
	err = seal_read(d, STATE_FILE, STREAM_KEY_LEN, &buf, &len);
	if (err == -ENOENT)
		return activated(d) ? make_key(d) : -ENOENT;
	if (err)
		return err;
	if (len == STREAM_KEY_LEN) {
		memcpy(d->stream_key, buf, len);
		d->have_stream_key = true;
	} else {
		syslog(LOG_ERR, "%s/%s: not a stream key", d->statedir, STATE_FILE);
		err = -EINVAL;
	}
	explicit_bzero(buf, len);
	free(buf);
	return err;
}

/* In a child about to run a program, in its own session keyring. */
int stream_key_give(const struct camsecd *d)
{
	if (d->have_stream_key &&
	    kernel_give_stream_key(d->stream_key, STREAM_KEY_LEN))
		return -1;
	return 0;
}

void op_stream_key(struct request *r)
{
	const char *new_key = proto_get(r->m, "new");
	char hex[2 * STREAM_KEY_LEN + 1];
	struct proto_buf b;
	int err;

	if (new_key && strcmp(new_key, "yes")) {
		reply_err(r, EINVAL, "new= takes yes");
		return;
	}
	err = new_key ? make_key(r->d) : stream_key_ready(r->d);
	trail_log(r->d, "stream-key", err ? "fail" : "ok", r->s->account,
		  r->c->source, "%s", new_key ? "a new key" : "read");
	if (err) {
		reply_err(r, EIO, "the stream key could not be made or read");
		return;
	}
	OPENSSL_buf2hexstr_ex(hex, sizeof(hex), NULL, r->d->stream_key,
			      STREAM_KEY_LEN, '\0');
	proto_start(&b, REPLY_OK);
	proto_add(&b, "key", hex);
	proto_add(&b, "desc", STREAM_KEY_DESC);
	reply_ok(r, &b);
	explicit_bzero(hex, sizeof(hex));
	explicit_bzero(&b, sizeof(b));
}
