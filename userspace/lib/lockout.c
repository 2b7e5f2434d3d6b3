// SPDX-License-Identifier: GPL-2.0-only
/*
 * Login lock: see lockout.h. A linear table: LOCKOUT_SLOTS entries of
 * 88 bytes is 352 KiB, and a scan of it costs microseconds next to a
 * yescrypt hash, which every attempt pays anyway.
 */
#include <stdlib.h>
#include <string.h>

#include "lockout.h"

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
