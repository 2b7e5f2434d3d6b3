/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Login lock (draft 6.2.4k/l/m): after max_failures failed logins from a
 * source or on an account within window seconds, that source or account
 * is refused for lock seconds. Memory is fixed: a table of LOCKOUT_SLOTS
 * entries; when it is full, a failure takes the slot of the entry least
 * worth keeping (unlocked, oldest), never a locked one's while an
 * unlocked one is left.
 */
#ifndef CAMSEC_LOCKOUT_H
#define CAMSEC_LOCKOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LOCKOUT_SLOTS 4096
#define LOCKOUT_KEY_MAX 64	/* "addr:2001:db8::1", "user:admin" */
#define LOCKOUT_BOOT_ID_MAX 40	/* /proc/sys/kernel/random/boot_id */

struct lockout_policy {
	unsigned int max_failures;	/* 1 .. 1000 */
	unsigned int window_s;		/* failures older than this are forgotten */
	unsigned int lock_s;		/* how long a lock holds */
};

/* The defaults: 5 failures in 5 minutes lock for 15 minutes. */
#define LOCKOUT_DEFAULTS { .max_failures = 5, .window_s = 300, .lock_s = 900 }

struct lockout_entry {
	char key[LOCKOUT_KEY_MAX];
	unsigned int failures;
	int64_t first;			/* the first failure in the window */
	int64_t locked_until;		/* 0: not locked */
};

struct lockout {
	struct lockout_policy policy;
	struct lockout_entry *slots;	/* LOCKOUT_SLOTS */
	size_t used;
};

int lockout_init(struct lockout *l, const struct lockout_policy *p);
void lockout_free(struct lockout *l);
/* 0 if a policy is sane, else -1 with *why. */
int lockout_policy_check(const struct lockout_policy *p, const char **why);

/*
 * The key of a source address: "addr:ADDRESS", or for IPv6 the block the
 * address is in, "addr:PREFIX/@v6_prefix", as one attacker holds a /64.
 */
void lockout_addr_key(const char *source, unsigned int v6_prefix, char *out,
		      size_t len);

/* Seconds @key stays locked at @now; 0 if it is not. */
int64_t lockout_remaining(const struct lockout *l, const char *key, int64_t now);
/* A failed login for @key at @now: true if it locks @key. */
bool lockout_fail(struct lockout *l, const char *key, int64_t now);
/* A successful login: @key's failures are forgotten (not a lock). */
void lockout_forget(struct lockout *l, const char *key, int64_t now);
/* The administrator lifts a lock: 0, or -1 if @key is not locked. */
int lockout_unlock(struct lockout *l, const char *key, int64_t now);
/*
 * The table at rest, to outlive a restart and a power cut:
 *
 *   boot id=BOOT_ID at=NOW
 *   entry key=KEY failures=N first=T until=T
 *
 * Times are the boot's monotonic seconds. Loaded in the boot that saved
 * them they hold as they are; in another, they resume where they were at
 * the save: a lock keeps its remaining time, however long the power was
 * off. Locks in force come first, the accounts' before the addresses',
 * then failures still in the window; what does not fit in @outlen is
 * left out. Returns the length, or -1.
 */
int lockout_format(const struct lockout *l, const char *boot_id, int64_t now,
		   char *out, size_t outlen);
/* Replace the table with a saved one: 0, or -1 with *line, *why, unchanged. */
int lockout_parse(struct lockout *l, const char *buf, size_t len,
		  const char *boot_id, int64_t now, unsigned int *line,
		  const char **why);

/* Call @fn for each lock in force at @now. */
void lockout_each_lock(const struct lockout *l, int64_t now,
		       void (*fn)(const struct lockout_entry *e, void *arg),
		       void *arg);

#endif
