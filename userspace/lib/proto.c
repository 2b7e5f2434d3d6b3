// SPDX-License-Identifier: GPL-2.0-only
/* The daemon's protocol: see proto.h. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <string.h>

#include "field.h"
#include "proto.h"

/* [a-z] then [a-z0-9] and @extra, 1 to PROTO_NAME_MAX bytes. */
static int name_ok(const char *s, size_t len, char extra)
{
	size_t i;

	if (!len || len > PROTO_NAME_MAX || s[0] < 'a' || s[0] > 'z')
		return 0;
	for (i = 1; i < len; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == extra))
			return 0;
	}
	return 1;
}

static int parse_arg(const char *s, size_t len, struct proto_msg *m,
		     size_t *used, const char **why)
{
	const char *eq = memchr(s, '=', len);
	struct proto_arg *a;
	size_t klen;

	if (!eq) {
		*why = "an argument is not KEY=VALUE";
		return -1;
	}
	klen = (size_t)(eq - s);
	if (!name_ok(s, klen, '_')) {
		*why = "a key is not [a-z][a-z0-9_]*, at most 31 bytes";
		return -1;
	}
	if (m->nargs == PROTO_ARGS_MAX) {
		*why = "more than 16 arguments";
		return -1;
	}
	a = &m->args[m->nargs];
	memcpy(a->key, s, klen);
	a->key[klen] = '\0';
	if (proto_get(m, a->key)) {
		*why = "a key given twice";
		return -1;
	}
	if (field_unescape(eq + 1, len - klen - 1, m->vals + *used,
			   sizeof(m->vals) - *used) || len == klen + 1) {
		*why = "a value is empty or badly escaped";
		return -1;
	}
	a->val = m->vals + *used;
	*used += strlen(a->val) + 1;
	m->nargs++;
	return 0;
}

int proto_parse(const char *line, size_t len, struct proto_msg *m,
		const char **why)
{
	size_t i = 0, j, used = 0;

	memset(m, 0, sizeof(*m));
	if (len >= PROTO_LINE_MAX) {
		*why = "line too long";
		return -1;
	}
	while (i < len && line[i] != ' ')
		i++;
	if (!name_ok(line, i, '-')) {
		*why = "the verb is not [a-z][a-z0-9-]*, at most 31 bytes";
		return -1;
	}
	memcpy(m->verb, line, i);
	while (i < len) {
		i++;		/* the space */
		for (j = i; j < len && line[j] != ' '; j++)
			;
		if (parse_arg(line + i, j - i, m, &used, why)) {
			proto_wipe(m);
			return -1;
		}
		i = j;
	}
	return 0;
}

const char *proto_get(const struct proto_msg *m, const char *key)
{
	unsigned int i;

	for (i = 0; i < m->nargs; i++) {
		if (!strcmp(m->args[i].key, key))
			return m->args[i].val;
	}
	return NULL;
}

void proto_wipe(struct proto_msg *m)
{
	explicit_bzero(m, sizeof(*m));
}

static int is_number(const char *s)
{
	size_t n = strspn(s, "0123456789");

	return n && n <= 15 && !s[n] && (s[0] != '0' || n == 1);
}

int proto_json(const struct proto_msg *m, char *out, size_t outlen)
{
	char esc[6 * PROTO_LINE_MAX + 1];
	size_t n = 0;
	unsigned int i;
	int w;

	for (i = 0; i < m->nargs; i++) {
		const char *v = m->args[i].val;
		int num = is_number(v);

		if (!num && json_escape(v, esc, sizeof(esc)))
			return -1;
		w = snprintf(out + n, outlen - n, "%s\"%s\":%s%s%s",
			     i ? "," : "{", m->args[i].key, num ? "" : "\"",
			     num ? v : esc, num ? "" : "\"");
		if (w < 0 || (size_t)w >= outlen - n)
			return -1;
		n += (size_t)w;
	}
	w = snprintf(out + n, outlen - n, "%s}", m->nargs ? "" : "{");
	if (w < 0 || (size_t)w >= outlen - n)
		return -1;
	return (int)(n + (size_t)w);
}

void proto_start(struct proto_buf *b, const char *verb)
{
	b->overflow = 0;
	b->len = (size_t)snprintf(b->line, sizeof(b->line), "%s", verb);
}

void proto_add(struct proto_buf *b, const char *key, const char *val)
{
	size_t room = sizeof(b->line) - 1 - b->len;	/* 1 for the newline */
	size_t klen = strlen(key);
	int n;

	if (b->overflow || klen + 3 > room) {
		b->overflow = 1;
		return;
	}
	b->line[b->len] = ' ';
	memcpy(b->line + b->len + 1, key, klen);
	b->line[b->len + 1 + klen] = '=';
	n = field_escape(val, b->line + b->len + 2 + klen, room - klen - 2);
	if (n < 0) {
		b->overflow = 1;
		b->line[b->len] = '\0';
		return;
	}
	b->len += klen + 2 + (size_t)n;
}

void proto_addu(struct proto_buf *b, const char *key, unsigned long long v)
{
	char num[24];

	snprintf(num, sizeof(num), "%llu", v);
	proto_add(b, key, num);
}

int proto_finish(struct proto_buf *b)
{
	if (b->overflow || b->len + 1 >= sizeof(b->line))
		return -1;
	b->line[b->len++] = '\n';
	b->line[b->len] = '\0';
	return 0;
}

int proto_append(struct proto_buf *b, char *out, size_t outlen, size_t *n)
{
	if (proto_finish(b) || *n + b->len >= outlen)
		return -1;
	memcpy(out + *n, b->line, b->len + 1);
	*n += b->len;
	return 0;
}
