// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecd - the accounts: activation makes the first administrator;
 * administrators add, change and delete accounts; each user changes
 * their own password. A change is stored before it is replied, and
 * ends the sessions that hold what it took away.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>

#include <linux/camsec.h>

#include "auth.h"
#include "camsecd.h"
#include "password.h"
#include "reply.h"
#include "store.h"
#include "trail.h"
#include "users.h"
#include "verbs.h"

bool activated(const struct camsecd *d)
{
	return accounts_count_role(&d->accounts, CAMSEC_ROLE_ADMIN) > 0;
}

/* A new account, stored: 0, or -errno with *why. */
int user_create(struct camsecd *d, const char *name, int role,
		const char *pw, const char **why)
{
	char hash[ACCOUNT_HASH_MAX];
	int err;

	if (username_check(name, why) || password_check(name, pw, why))
		return -EINVAL;
	if (password_hash(pw, d->settings.hash_cost, hash, sizeof(hash))) {
		*why = "hashing failed";
		return -EIO;
	}
	err = accounts_add(&d->accounts, name, role, hash, why);
	explicit_bzero(hash, sizeof(hash));
	if (!err && store_save_accounts(d)) {
		accounts_del(&d->accounts, name);
		*why = "the account database could not be written";
		err = -EIO;
	}
	return err;
}

void op_activate(struct request *r)
{
	const char *name = proto_get(r->m, "user");
	const char *pw = proto_get(r->m, "password");
	const char *why;
	int err;

	if (activated(r->d)) {
		reply_err(r, EALREADY, "the device is already activated");
		return;
	}
	if (!name || !pw) {
		reply_err(r, EINVAL, "user and password are required");
		return;
	}
	err = user_create(r->d, name, CAMSEC_ROLE_ADMIN, pw, &why);
	if (err) {
		reply_err(r, -err, why);
		return;
	}
	trail_log(r->d, "activate", "ok", name, r->c->source,
		  "administrator created");
	reply_ok(r, NULL);
}

/* A hash of @pw for @a, which must meet the rules: 0, or -errno, replied. */
static int new_hash(struct request *r, const struct account *a,
		    const char *pw, char *hash)
{
	const char *why;

	if (password_check(a->name, pw, &why)) {
		reply_err(r, EINVAL, why);
		return -EINVAL;
	}
	if (password_hash(pw, r->d->settings.hash_cost, hash, ACCOUNT_HASH_MAX)) {
		reply_err(r, EIO, "hashing failed");
		return -EIO;
	}
	return 0;
}

/* Store @a, changed from @old, in one write: 0, or -EIO with @a as it was. */
static int save_account(struct request *r, struct account *a,
			const struct account *old)
{
	if (!store_save_accounts(r->d))
		return 0;
	*a = *old;
	reply_err(r, EIO, "the account database could not be written");
	return -EIO;
}

/*
 * The old password is checked as a login checks it: a wrong one counts
 * toward the account's and the source's locks, and while either is
 * locked even the right one is refused, with the same reply.
 */
void op_passwd(struct request *r)
{
	const char *old = proto_get(r->m, "old");
	const char *pw = proto_get(r->m, "new");
	struct account *a = accounts_find(&r->d->accounts, r->s->account);
	char hash[ACCOUNT_HASH_MAX];
	struct account saved;
	unsigned int ended;
	bool locked;
	int err;

	if (!old || !pw) {
		reply_err(r, EINVAL, "old and new are required");
		return;
	}
	if (!auth_attempt(r->d, a, r->s->account, old, r->c->source,
			  &locked)) {
		trail_log(r->d, "passwd", locked ? "refused" : "fail",
			  r->s->account, r->c->source, "%s",
			  locked ? "locked" : "the old password is wrong");
		reply_err(r, EACCES, "the old password is wrong");
		return;
	}
	auth_succeeded(r->d, a->name, r->c->source);
	if (new_hash(r, a, pw, hash))
		return;
	saved = *a;
	memcpy(a->hash, hash, sizeof(hash));
	explicit_bzero(hash, sizeof(hash));
	err = save_account(r, a, &saved);
	explicit_bzero(&saved, sizeof(saved));
	if (err)
		return;
	/* Whoever knew the old password is logged out; this session stays. */
	ended = session_close_account(&r->d->sessions, a->name, r->c->token);
	trail_log(r->d, "passwd", "ok", a->name, r->c->source,
		  "sessions_ended=%u", ended);
	reply_ok(r, NULL);
}

void op_user_add(struct request *r)
{
	const char *name = proto_get(r->m, "name");
	const char *role = proto_get(r->m, "role");
	const char *pw = proto_get(r->m, "password");
	const char *why;
	int err;

	if (!name || !role || !pw) {
		reply_err(r, EINVAL, "name, role and password are required");
		return;
	}
	if (role_parse(role) < 0) {
		reply_err(r, EINVAL, "the role is user or admin");
		return;
	}
	err = user_create(r->d, name, role_parse(role), pw, &why);
	trail_log(r->d, "user-add", err ? "fail" : "ok", account_of(r),
		  r->c->source, "name=%s role=%s%s%s", name, role,
		  err ? " " : "", err ? why : "");
	if (err)
		reply_err(r, -err, why);
	else
		reply_ok(r, NULL);
}

static bool last_admin(struct camsecd *d, const struct account *a)
{
	return a->role == CAMSEC_ROLE_ADMIN &&
	       accounts_count_role(&d->accounts, CAMSEC_ROLE_ADMIN) == 1;
}

void op_user_mod(struct request *r)
{
	const char *name = proto_get(r->m, "name");
	const char *role = proto_get(r->m, "role");
	const char *pw = proto_get(r->m, "password");
	char hash[ACCOUNT_HASH_MAX];
	struct account *a, saved;
	unsigned int ended = 0;
	int err = 0;

	a = name ? accounts_find(&r->d->accounts, name) : NULL;
	if (!a || (!role && !pw) || (role && role_parse(role) < 0)) {
		reply_err(r, a ? EINVAL : ENOENT, a ?
			  "give role=user|admin, password=, or both" :
			  "no such account");
		return;
	}
	if (role && role_parse(role) != a->role && last_admin(r->d, a)) {
		reply_err(r, EBUSY, "the last administrator cannot lose the role");
		return;
	}
	if (pw && new_hash(r, a, pw, hash))
		return;
	saved = *a;
	if (pw)
		memcpy(a->hash, hash, sizeof(hash));
	if (role)
		a->role = role_parse(role);
	explicit_bzero(hash, sizeof(hash));
	/* Role and password together, or neither. */
	if (pw || a->role != saved.role)
		err = save_account(r, a, &saved);
	/*
	 * A role change ends the sessions that hold the old one; a new
	 * password all but the requester's own.
	 */
	if (!err && a->role != saved.role)
		ended = session_close_account(&r->d->sessions, a->name, NULL);
	else if (!err && pw)
		ended = session_close_account(&r->d->sessions, a->name,
					      r->c->token);
	explicit_bzero(&saved, sizeof(saved));
	if (err)
		return;
	trail_log(r->d, "user-mod", "ok", account_of(r), r->c->source,
		  "name=%s role=%s%s sessions_ended=%u", name,
		  role_name(a->role), pw ? " password changed" : "", ended);
	reply_ok(r, NULL);
}

void op_user_del(struct request *r)
{
	const char *name = proto_get(r->m, "name");
	struct account *a = name ? accounts_find(&r->d->accounts, name) : NULL;
	struct account saved;
	unsigned int ended;

	if (!a) {
		reply_err(r, ENOENT, "no such account");
		return;
	}
	if (last_admin(r->d, a)) {
		reply_err(r, EBUSY, "the last administrator cannot be deleted");
		return;
	}
	saved = *a;
	accounts_del(&r->d->accounts, name);
	if (store_save_accounts(r->d)) {
		accounts_add(&r->d->accounts, saved.name, saved.role, saved.hash,
			     &(const char *){ NULL });
		explicit_bzero(&saved, sizeof(saved));
		reply_err(r, EIO, "the account database could not be written");
		return;
	}
	ended = session_close_account(&r->d->sessions, saved.name, NULL);
	trail_log(r->d, "user-del", "ok", account_of(r), r->c->source,
		  "name=%s sessions_ended=%u", saved.name, ended);
	explicit_bzero(&saved, sizeof(saved));
	reply_ok(r, NULL);
}

void op_user_list(struct request *r)
{
	struct proto_buf b;
	unsigned int i;

	for (i = 0; i < r->d->accounts.n; i++) {
		proto_start(&b, REPLY_REC);
		proto_add(&b, "name", r->d->accounts.a[i].name);
		proto_add(&b, "role", role_name(r->d->accounts.a[i].role));
		reply_rec(r, &b);
	}
	reply_ok(r, NULL);
}
