/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsecd - the video stream's key, for session programs and viewers.
 */
#ifndef CAMSECD_STREAM_H
#define CAMSECD_STREAM_H

struct camsecd;
struct request;

/* The key, read at start or made at first need: 0 or -errno. */
int stream_key_ready(struct camsecd *d);
/* In a child about to run a program, in its own session keyring. */
int stream_key_give(const struct camsecd *d);
void op_stream_key(struct request *r);

#endif
