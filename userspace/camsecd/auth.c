// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecd - login (draft 6.2.4e-m, 6.6d).
 *
 * Every failed login gets the same reply, byte for byte, and costs the
 * same: an unknown user's password is checked against a dummy hash made
 * at the cost of a real account's (one chosen by the name), and a locked
 * source or account still has its password checked before the refusal.
 * After the cost setting changes, each account is hashed again at its
 * next successful login.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/camsec.h>

#include "auth.h"
#include "camsecd.h"
#include "clock.h"
#include "firmware.h"
#include "network.h"
#include "password.h"
#include "reply.h"
#include "store.h"
#include "trail.h"
#include "verbs.h"

#define LOGIN_FAILED "user name or password error"

/* A dummy hash with the cost of @hash: made once, then kept. */
static const char *dummy_like(struct camsecd *d, const char *hash)
{
	struct dummy_hash *dh;
	char params[sizeof(dh->params)];
	unsigned int i;

	if (!password_params(hash, params, sizeof(params)))
		return NULL;
	for (i = 0; i < DUMMY_HASHES; i++) {
		if (!strcmp(d->dummies[i].params, params))
			return d->dummies[i].hash;
	}
	dh = &d->dummies[d->dummy_next];
	if (password_hash_like(params, dh->hash, sizeof(dh->hash)))
		return NULL;
	memcpy(dh->params, params, sizeof(params));
	d->dummy_next = (d->dummy_next + 1) % DUMMY_HASHES;
	return dh->hash;
}

/*
 * Dummies for the current cost and for each cost an account has: made
 * now, so that no login pays for making one.
 */
int auth_init(struct camsecd *d)
{
	struct dummy_hash *now = &d->dummies[0];
	unsigned int i;

	memset(d->dummies, 0, sizeof(d->dummies));
	d->dummy_next = 1;
	/* Never matched: a dummy's password need not be secret. */
	if (password_hash("-", d->settings.hash_cost, now->hash,
			  sizeof(now->hash)) ||
	    !password_params(now->hash, now->params, sizeof(now->params)))
		return -EIO;
	for (i = 0; i < d->accounts.n; i++)
		dummy_like(d, d->accounts.a[i].hash);
	return 0;
}

/*
 * What an unknown @name's password is checked against: a dummy with the
 * cost of an account the name picks (FNV-1a), so that the cost tells no
 * known name from an unknown one; before activation, the current cost's.
 */
static const char *unknown_hash(struct camsecd *d, const char *name)
{
	const char *h = NULL;
	uint32_t x = 2166136261u;

	for (; *name; name++)
		x = (x ^ (unsigned char)*name) * 16777619u;
	if (d->accounts.n)
		h = dummy_like(d, d->accounts.a[x % d->accounts.n].hash);
	return h ? h : d->dummies[0].hash;
}

/* @a logged in with @pw, hashed at another cost: hash it at this one. */
static void rehash(struct camsecd *d, struct account *a, const char *pw,
		   const char *source)
{
	char hash[ACCOUNT_HASH_MAX], old[ACCOUNT_HASH_MAX];
	bool ok;

	if (password_hash(pw, d->settings.hash_cost, hash, sizeof(hash)))
		return;
	memcpy(old, a->hash, sizeof(old));
	memcpy(a->hash, hash, sizeof(hash));
	ok = !store_save_accounts(d);
	if (!ok)
		memcpy(a->hash, old, sizeof(old));
	trail_log(d, "rehash", ok ? "ok" : "fail", a->name, source, "cost=%u",
		  d->settings.hash_cost);
	explicit_bzero(hash, sizeof(hash));
	explicit_bzero(old, sizeof(old));
}

/* The lockout keys of a source (its block, for IPv6) and of a name. */
static void lock_keys(const struct camsecd *d, const char *name,
		      const char *source, char *addr_key, char *user_key)
{
	lockout_addr_key(source, d->settings.login_v6_prefix, addr_key,
			 LOCKOUT_KEY_MAX);
	snprintf(user_key, LOCKOUT_KEY_MAX, "user:%s", name);
}

/* A failure counts against the source, and against the account if any. */
static void count_failure(struct camsecd *d, const char *addr_key,
			  const char *user_key, const char *name,
			  const char *source)
{
	int64_t now = now_s();

	bool user = false, addr = false;

	if (name[0] && lockout_fail(&d->lockout, user_key, now)) {
		user = true;
		trail_log(d, "lock", "ok", name, source, "account for %us",
			  d->settings.login_lock_s);
	}
	/*
	 * A local peer is root already: its address locks nobody else out.
	 * Nor does the console's: who holds the serial port could lock the
	 * administrator out of it; the accounts' locks bound the guesses.
	 */
	if (strcmp(source, "local") && strcmp(source, "console") &&
	    lockout_fail(&d->lockout, addr_key, now)) {
		addr = true;
		trail_log(d, "lock", "ok", "", source, "source for %us",
			  d->settings.login_lock_s);
		network_ban(d, source);
	}
	if ((user || addr) && store_save_locks(d))
		trail_log(d, "lock", "fail", "", source, "%s",
			  "not saved: a restart would lift it");
}

/*
 * The last KNOWN_SOURCES addresses a login succeeded from. Their requests
 * are served before those of addresses never seen to log in (main.c), so
 * that a flood of guesses from new addresses cannot delay an
 * administrator who has logged in from there before.
 */
static void remember_source(struct camsecd *d, const char *source)
{
	if (auth_known_source(d, source))
		return;
	snprintf(d->known[d->known_next], SOURCE_MAX, "%s", source);
	d->known_next = (d->known_next + 1) % KNOWN_SOURCES;
}

bool auth_known_source(const struct camsecd *d, const char *source)
{
	unsigned int i;

	for (i = 0; i < KNOWN_SOURCES; i++) {
		if (!strcmp(d->known[i], source))
			return true;
	}
	return false;
}

/*
 * A password given for the account @a (NULL: @name is no account's, and a
 * dummy hash costs the same), from @source, as a login checks it: true if
 * it is right and neither the source nor the account is locked (*locked
 * says which failed). A wrong password counts toward both locks, whatever
 * asked for it: a login, or a change of password giving the old one.
 */
bool auth_attempt(struct camsecd *d, struct account *a,
		  const char *name, const char *pw, const char *source,
		  bool *locked)
{
	char addr_key[LOCKOUT_KEY_MAX], user_key[LOCKOUT_KEY_MAX];
	bool ok;

	lock_keys(d, name, source, addr_key, user_key);
	*locked = lockout_remaining(&d->lockout, addr_key, now_s()) > 0 ||
		  lockout_remaining(&d->lockout, user_key, now_s()) > 0;
	ok = password_verify(pw, a ? a->hash : unknown_hash(d, name)) == 1 &&
	     a;
	if (!ok && !*locked)
		count_failure(d, addr_key, user_key, a ? name : "", source);
	if (ok && !*locked && !password_at_cost(a->hash, d->settings.hash_cost))
		rehash(d, a, pw, source);
	return ok && !*locked;
}

/* The password was right: the source's and account's failures go. */
void auth_succeeded(struct camsecd *d, const char *name, const char *source)
{
	char addr_key[LOCKOUT_KEY_MAX], user_key[LOCKOUT_KEY_MAX];

	lock_keys(d, name, source, addr_key, user_key);
	lockout_forget(&d->lockout, user_key, now_s());
	lockout_forget(&d->lockout, addr_key, now_s());
}

static void open_session(struct request *r, const struct account *a)
{
	struct camsecd *d = r->d;
	const struct session *s;
	struct proto_buf b;
	int err;

	err = session_open(&d->sessions, a->name, a->role, r->c->source,
			   now_s(), r->c->token);
	if (err) {
		trail_log(d, "login", "refused", a->name, r->c->source, "%s",
			  err == -EUSERS ? "sessions per user" : "sessions");
		reply_err(r, -err, err == -EUSERS ?
			  "this account has as many sessions as it may" :
			  "the device has as many sessions as it may");
		return;
	}
	r->c->lent = false;	/* the new session is this connection's own */
	auth_succeeded(d, a->name, r->c->source);
	remember_source(d, r->c->source);
	s = session_use(&d->sessions, r->c->token, now_s());
	trail_log(d, "login", "ok", a->name, r->c->source, "session=%u role=%s",
		  s->id, role_name(a->role));
	proto_start(&b, REPLY_OK);
	proto_add(&b, "role", role_name(a->role));
	proto_addu(&b, "session", s->id);
	if (firmware_unsupported(d)) {
		/* draft 6.6e: said at every login, and in the trail */
		trail_log(d, "end-of-support", "warning", a->name, r->c->source,
			  "the firmware is past its end of support");
		proto_add(&b, "warning", "the firmware is past its end of support: no more security updates");
	}
	reply_ok(r, &b);
}

void op_login(struct request *r)
{
	const char *name = proto_get(r->m, "user");
	const char *pw = proto_get(r->m, "password");
	struct camsecd *d = r->d;
	struct account *a;
	bool locked;

	if (!name || !pw) {
		reply_err(r, EINVAL, "user and password are required");
		return;
	}
	if (r->s) {
		reply_err(r, EALREADY, "already logged in: log out first");
		return;
	}
	a = accounts_find(&d->accounts, name);
	if (auth_attempt(d, a, name, pw, r->c->source, &locked)) {
		if (r->c->console && a->role != CAMSEC_ROLE_ADMIN) {
			/* draft 6.2.5c: the console is the administrator's */
			trail_log(d, "login", "refused", name, r->c->source, "%s",
				  "the console is for administrators");
			reply_err(r, EACCES, "this account may not use the console");
			return;
		}
		open_session(r, a);
		return;
	}
	/*
	 * A name no account has is not recorded: it may be a password typed
	 * in the wrong field.
	 */
	if (!a)
		name = "";
	trail_log(d, "login", locked ? "refused" : "fail", name, r->c->source,
		  "%s", locked ? "locked" : a ? "" : "unknown account");
	reply_err(r, EACCES, LOGIN_FAILED);
}
