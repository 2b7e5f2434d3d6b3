// SPDX-License-Identifier: GPL-2.0-only
/*
 * Login lock: see lockout.h. A linear table: LOCKOUT_SLOTS entries of
 * 88 bytes is 352 KiB, and a scan of it costs microseconds next to a
 * yescrypt hash, which every attempt pays anyway.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lockout.h"
#include "proto.h"

int lockout_policy_check(const struct lockout_policy *p, const char **why)
{
	if (p->max_failures < 1 || p->max_failures > 1000) {
		*why = "max failures is 1 to 1000";
		return -1;
	}
	if (p->window_s < 1 || p->window_s > 86400) {
		*why = "the window is 1 s to 1 day";
		return -1;
	}
	if (p->lock_s < 1 || p->lock_s > 7 * 86400) {
		*why = "a lock holds 1 s to 7 days";
		return -1;
	}
	return 0;
}

int lockout_init(struct lockout *l, const struct lockout_policy *p)
{
	const char *why;

	if (lockout_policy_check(p, &why))
		return -1;
	l->policy = *p;
	l->used = 0;
	l->slots = calloc(LOCKOUT_SLOTS, sizeof(*l->slots));
	return l->slots ? 0 : -1;
}

void lockout_free(struct lockout *l)
{
	free(l->slots);
	l->slots = NULL;
}

void lockout_addr_key(const char *source, unsigned int v6_prefix, char *out,
		      size_t len)
{
	char text[INET6_ADDRSTRLEN];
	struct in6_addr a;
	unsigned int i;

	if (v6_prefix >= 128 || inet_pton(AF_INET6, source, &a) != 1) {
		snprintf(out, len, "addr:%s", source);
		return;
	}
	for (i = v6_prefix; i < 128; i++)
		a.s6_addr[i / 8] &= (uint8_t)~(0x80u >> (i % 8));
	inet_ntop(AF_INET6, &a, text, sizeof(text));
	snprintf(out, len, "addr:%s/%u", text, v6_prefix);
}

static struct lockout_entry *find(const struct lockout *l, const char *key)
{
	size_t i;

	for (i = 0; i < l->used; i++)
		if (!strcmp(l->slots[i].key, key))
			return &l->slots[i];
	return NULL;
}

static bool locked(const struct lockout_entry *e, int64_t now)
{
	return e->locked_until > now;
}

/* A slot for a new key: a free one, else the unlocked one failed first. */
static struct lockout_entry *take(struct lockout *l, int64_t now)
{
	struct lockout_entry *e, *victim = NULL;
	size_t i;

	if (l->used < LOCKOUT_SLOTS)
		return &l->slots[l->used++];
	for (i = 0; i < LOCKOUT_SLOTS; i++) {
		e = &l->slots[i];
		if (locked(e, now))
			continue;
		if (!victim || e->first < victim->first)
			victim = e;
	}
	/* Every slot locked: the lock nearest its end gives way. */
	for (i = 0; !victim && i < LOCKOUT_SLOTS; i++) {
		e = &l->slots[i];
		if (!victim || e->locked_until < victim->locked_until)
			victim = e;
	}
	return victim;
}

int64_t lockout_remaining(const struct lockout *l, const char *key, int64_t now)
{
	const struct lockout_entry *e = find(l, key);

	return e && locked(e, now) ? e->locked_until - now : 0;
}

bool lockout_fail(struct lockout *l, const char *key, int64_t now)
{
	struct lockout_entry *e = find(l, key);

	if (!e) {
		e = take(l, now);
		memset(e, 0, sizeof(*e));
		strncpy(e->key, key, sizeof(e->key) - 1);
	}
	if (locked(e, now))
		return false;
	e->locked_until = 0;
	if (!e->failures || now - e->first >= l->policy.window_s) {
		e->failures = 0;
		e->first = now;
	}
	if (++e->failures < l->policy.max_failures)
		return false;
	e->locked_until = now + l->policy.lock_s;
	e->failures = 0;
	return true;
}

static void drop(struct lockout *l, struct lockout_entry *e)
{
	*e = l->slots[--l->used];
}

void lockout_forget(struct lockout *l, const char *key, int64_t now)
{
	struct lockout_entry *e = find(l, key);

	if (e && !locked(e, now))
		drop(l, e);
}

int lockout_unlock(struct lockout *l, const char *key, int64_t now)
{
	struct lockout_entry *e = find(l, key);

	if (!e || !locked(e, now))
		return -1;
	drop(l, e);
	return 0;
}

void lockout_each_lock(const struct lockout *l, int64_t now,
		       void (*fn)(const struct lockout_entry *e, void *arg),
		       void *arg)
{
	size_t i;

	for (i = 0; i < l->used; i++)
		if (locked(&l->slots[i], now))
			fn(&l->slots[i], arg);
}

static bool format_entry(const struct lockout_entry *e, char *out,
			 size_t outlen, size_t *n)
{
	struct proto_buf b;

	proto_start(&b, "entry");
	proto_add(&b, "key", e->key);
	proto_addu(&b, "failures", e->failures);
	proto_addu(&b, "first", (unsigned long long)e->first);
	proto_addu(&b, "until", (unsigned long long)e->locked_until);
	return !proto_append(&b, out, outlen, n);
}

/* Pass 0: accounts locked; 1: addresses locked; 2: failures in the window. */
static bool saved_in_pass(const struct lockout *l, const struct lockout_entry *e,
			  int64_t now, int pass)
{
	if (pass == 2)
		return !locked(e, now) && e->failures &&
		       now - e->first < l->policy.window_s;
	return locked(e, now) && !strncmp(e->key, "user:", 5) == (pass == 0);
}

int lockout_format(const struct lockout *l, const char *boot_id, int64_t now,
		   char *out, size_t outlen)
{
	struct proto_buf b;
	size_t i, n = 0;
	int pass;

	proto_start(&b, "boot");
	proto_add(&b, "id", boot_id);
	proto_addu(&b, "at", (unsigned long long)now);
	if (now < 0 || proto_append(&b, out, outlen, &n))
		return -1;
	for (pass = 0; pass < 3; pass++) {
		for (i = 0; i < l->used; i++) {
			if (saved_in_pass(l, &l->slots[i], now, pass) &&
			    !format_entry(&l->slots[i], out, outlen, &n))
				return (int)n;
		}
	}
	return (int)n;
}

static int parse_time(const struct proto_msg *m, const char *key, int64_t *t)
{
	const char *v = proto_get(m, key);
	unsigned long long x;
	char *end;

	if (!v || *v < '0' || *v > '9')
		return -1;
	errno = 0;
	x = strtoull(v, &end, 10);
	if (errno || *end || x > INT64_MAX / 2)
		return -1;
	*t = (int64_t)x;
	return 0;
}

static bool key_ok(const char *key)
{
	size_t len = strlen(key);

	return len > 5 && len < LOCKOUT_KEY_MAX &&
	       (!strncmp(key, "user:", 5) || !strncmp(key, "addr:", 5));
}

/* "boot id=X at=T": @shift is what moves the saved times to this boot's. */
static int parse_boot(const struct proto_msg *m, const char *boot_id,
		      int64_t now, int64_t *shift, int64_t *at,
		      const char **why)
{
	const char *id = proto_get(m, "id");

	if (strcmp(m->verb, "boot") || m->nargs != 2 || !id ||
	    parse_time(m, "at", at)) {
		*why = "not \"boot id=ID at=SECONDS\"";
		return -1;
	}
	if (!strcmp(id, boot_id)) {
		if (*at > now) {
			*why = "saved later than now in this boot";
			return -1;
		}
		*shift = 0;
	} else {
		*shift = now - *at;
	}
	return 0;
}

static int parse_entry(struct lockout *l, const struct proto_msg *m,
		       int64_t at, int64_t shift, const char **why)
{
	const char *key = proto_get(m, "key");
	struct lockout_entry *e;
	int64_t failures, first, until;

	if (strcmp(m->verb, "entry") || m->nargs != 4 || !key ||
	    parse_time(m, "failures", &failures) ||
	    parse_time(m, "first", &first) || parse_time(m, "until", &until)) {
		*why = "not \"entry key=K failures=N first=T until=T\"";
		return -1;
	}
	if (!key_ok(key) || find(l, key)) {
		*why = "a key is addr:ADDRESS or user:NAME, once";
		return -1;
	}
	if (failures > 1000 || first > at || until > at + 7 * 86400) {
		*why = "out of range: failures, or a time past the save's";
		return -1;
	}
	if (l->used == LOCKOUT_SLOTS) {
		*why = "more entries than the table holds";
		return -1;
	}
	e = &l->slots[l->used++];
	memset(e, 0, sizeof(*e));
	snprintf(e->key, sizeof(e->key), "%s", key);
	e->failures = (unsigned int)failures;
	e->first = first + shift;
	e->locked_until = until ? until + shift : 0;
	return 0;
}

int lockout_parse(struct lockout *l, const char *buf, size_t len,
		  const char *boot_id, int64_t now, unsigned int *line,
		  const char **why)
{
	const char *p = buf, *end = buf + len, *nl;
	struct lockout t = { .policy = l->policy };
	int64_t shift = 0, at = 0;
	struct proto_msg m;
	int err = 0;

	t.slots = calloc(LOCKOUT_SLOTS, sizeof(*t.slots));
	if (!t.slots) {
		*line = 0;
		*why = "out of memory";
		return -1;
	}
	for (*line = 1; p < end; (*line)++, p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl) {
			*why = "the last line has no newline";
			err = -1;
		} else if (proto_parse(p, (size_t)(nl - p), &m, why)) {
			err = -1;
		} else if (*line == 1) {
			err = parse_boot(&m, boot_id, now, &shift, &at, why);
		} else {
			err = parse_entry(&t, &m, at, shift, why);
		}
		if (err)
			break;
	}
	if (!err && *line == 1) {
		*why = "empty: no boot line";
		err = -1;
	}
	if (err) {
		free(t.slots);
		return -1;
	}
	free(l->slots);
	l->slots = t.slots;
	l->used = t.used;
	return 0;
}
