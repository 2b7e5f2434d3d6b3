/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsecd - replies to a client (proto.h): zero or more records, then one
 * "ok" or "err" line. Each is queued and sent as far as the peer takes it
 * now: a peer that does not read costs the loop nothing, and one that
 * never does is closed (OUT_MAX, OUT_STALL_S).
 */
#ifndef CAMSECD_REPLY_H
#define CAMSECD_REPLY_H

struct client;
struct proto_buf;
struct request;

/* A "rec" line that @b holds. */
void reply_rec(struct request *r, struct proto_buf *b);
/* A "rec stage=@stage" line: how far a long request has come. */
void reply_stage(struct request *r, const char *stage);
/* The "ok" line that @b holds; NULL: a bare "ok". */
void reply_ok(struct request *r, struct proto_buf *b);
/* "err code=ERRNO-NAME msg=@msg". */
void reply_err(struct request *r, int err, const char *msg);

/* Send as much of @c's queue as the peer takes now: 0, or -EIO. */
int reply_flush(struct client *c);

#endif
