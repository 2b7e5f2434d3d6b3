/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The daemon's protocol, spoken by camsecctl over the Unix socket and by
 * remote clients over TLS: one message per line,
 *
 *   VERB KEY=VALUE KEY=VALUE ...\n
 *
 * VERB is [a-z][a-z0-9-]*, KEY [a-z][a-z0-9_]*, each at most
 * PROTO_NAME_MAX bytes; VALUE is a field (field.h), so it holds no space.
 * A request's verb names the operation. The reply is zero or more "rec"
 * lines, one per record, then one "ok" line, or one "err" line with
 * code=ERRNO-NAME and msg=TEXT. A line is at most PROTO_LINE_MAX bytes
 * with its newline, has at most PROTO_ARGS_MAX arguments and no key twice.
 */
#ifndef CAMSEC_PROTO_H
#define CAMSEC_PROTO_H

#include <stddef.h>

#define PROTO_LINE_MAX 4096
#define PROTO_ARGS_MAX 16
#define PROTO_NAME_MAX 31

struct proto_arg {
	char key[PROTO_NAME_MAX + 1];
	const char *val;		/* into proto_msg.vals */
};

struct proto_msg {
	char verb[PROTO_NAME_MAX + 1];
	unsigned int nargs;
	struct proto_arg args[PROTO_ARGS_MAX];
	char vals[PROTO_LINE_MAX];	/* the values unescaped, each NUL-ended */
};

/* Parse @line of @len bytes (no newline): 0, or -1 with *why. */
int proto_parse(const char *line, size_t len, struct proto_msg *m,
		const char **why);

/* The value of @key, or NULL. */
const char *proto_get(const struct proto_msg *m, const char *key);

/* Wipe @m: a request may carry a password. */
void proto_wipe(struct proto_msg *m);

/* @m as one JSON object (no newline), digits-only values as numbers. */
int proto_json(const struct proto_msg *m, char *out, size_t outlen);

/* A message being built; a value that does not fit sets overflow. */
struct proto_buf {
	char line[PROTO_LINE_MAX];
	size_t len;
	int overflow;
};

void proto_start(struct proto_buf *b, const char *verb);
void proto_add(struct proto_buf *b, const char *key, const char *val);
void proto_addu(struct proto_buf *b, const char *key, unsigned long long v);
/* End the line with its newline: 0, or -1 if it overflowed. */
int proto_finish(struct proto_buf *b);
/*
 * End the line and append it to @out, a file being built: @outlen bytes,
 * *@n of them used, a NUL kept after them. 0, or -1 if it does not fit.
 */
int proto_append(struct proto_buf *b, char *out, size_t outlen, size_t *n);

#endif
