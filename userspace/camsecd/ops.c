// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecd - the operations. Each names the role it needs; before
 * activation only "status" and "activate" are served (draft 6.2.4f). A
 * refusal changes nothing. Every change is audited with its account,
 * source and result.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include <linux/camsec.h>

#include "atomicfile.h"
#include "auth.h"
#include "camsecd.h"
#include "clock.h"
#include "config.h"
#include "firmware.h"
#include "identity.h"
#include "network.h"
#include "ops.h"
#include "reply.h"
#include "run.h"
#include "store.h"
#include "stream.h"
#include "trail.h"
#include "users.h"
#include "verbs.h"

#define ANYONE CAMSEC_ROLE_NONE

struct op {
	const char *verb;		/* verbs.h */
	int need;			/* the least role */
	void (*fn)(struct request *r);
	bool before_activation;		/* served before activation too */
	bool changes;			/* refused when it cannot be audited */
	/* A login: not counted among a connection's anonymous requests,
	 * which its own locks bound. */
	bool uncounted_before_login;
	/* Does this request make room in a full trail? Served then. */
	bool (*makes_audit_room)(const struct request *r);
};

static bool is_admin(const struct request *r)
{
	return r->s && r->s->role == CAMSEC_ROLE_ADMIN;
}

static void op_status(struct request *r)
{
	struct proto_buf b;
	char fp[80];

	identity_fingerprint(r->d, fp, sizeof(fp));
	proto_start(&b, REPLY_OK);
	proto_add(&b, "activated", activated(r->d) ? "yes" : "no");
	proto_add(&b, "authority", r->d->authority ? "yes" : "no");
	proto_add(&b, "kernel", r->d->have_genl ? "yes" : "no");
	proto_add(&b, "store", r->d->sealed ? "sealed" : "plain");
	proto_add(&b, "clock", trail_time_source());
	proto_add(&b, "boot_slot", r->d->boot_slot ?
		  (char[]){ r->d->boot_slot, '\0' } : "none");
	proto_add(&b, "identity", fp);
	reply_ok(r, &b);
}

static void op_whoami(struct request *r)
{
	struct proto_buf b;

	proto_start(&b, REPLY_OK);
	proto_add(&b, "account", r->s->account);
	proto_add(&b, "role", role_name(r->s->role));
	proto_addu(&b, "session", r->s->id);
	proto_add(&b, "source", r->s->source);
	reply_ok(r, &b);
}

static void op_logout(struct request *r)
{
	trail_log(r->d, "logout", "ok", r->s->account, r->c->source,
		  "session=%u", r->s->id);
	session_close(&r->d->sessions, r->c->token);
	explicit_bzero(r->c->token, sizeof(r->c->token));
	reply_ok(r, NULL);
}

static void op_session_list(struct request *r)
{
	const struct session *s;
	struct proto_buf b;
	unsigned int i;

	for (i = 0; i < SESSION_MAX; i++) {
		s = &r->d->sessions.s[i];
		if (!s->token[0])
			continue;
		proto_start(&b, REPLY_REC);
		proto_addu(&b, "id", s->id);
		proto_add(&b, "account", s->account);
		proto_add(&b, "role", role_name(s->role));
		proto_add(&b, "source", s->source);
		proto_addu(&b, "idle_s", (unsigned long long)(now_s() - s->last_used));
		proto_add(&b, "self", s == r->s ? "yes" : "no");
		reply_rec(r, &b);
	}
	reply_ok(r, NULL);
}

static void op_session_end(struct request *r)
{
	const char *id = proto_get(r->m, "id");
	const struct session *s;
	char account[sizeof(s->account)];
	uint32_t n;

	n = id ? (uint32_t)strtoul(id, NULL, 10) : 0;
	s = session_by_id(&r->d->sessions, n);
	if (!s || (!is_admin(r) && strcmp(s->account, r->s->account))) {
		reply_err(r, ESRCH, "no such session of yours");
		return;
	}
	memcpy(account, s->account, sizeof(account));
	trail_log(r->d, "session-end", "ok", r->s->account, r->c->source,
		  "session=%u of %s", n, account);
	session_close(&r->d->sessions, s->token);
	reply_ok(r, NULL);
}

struct lock_list {
	struct request *r;
	int64_t now;
};

static void one_lock(const struct lockout_entry *e, void *arg)
{
	struct lock_list *l = arg;
	struct proto_buf b;

	proto_start(&b, REPLY_REC);
	proto_add(&b, "key", e->key);
	proto_addu(&b, "remaining_s", (unsigned long long)(e->locked_until - l->now));
	proto_addu(&b, "failures", e->failures);
	reply_rec(l->r, &b);
}

static void op_lock_list(struct request *r)
{
	struct lock_list l = { .r = r, .now = now_s() };

	lockout_each_lock(&r->d->lockout, l.now, one_lock, &l);
	reply_ok(r, NULL);
}

static void op_lock_lift(struct request *r)
{
	const char *key = proto_get(r->m, "key");

	if (!key || lockout_unlock(&r->d->lockout, key, now_s())) {
		reply_err(r, ENOENT, "no such lock (keys are addr:ADDRESS or user:NAME)");
		return;
	}
	trail_log(r->d, "unlock", "ok", r->s->account, r->c->source, "%s", key);
	store_save_locks(r->d);	/* a lift not saved is one lock too many */
	if (!strncmp(key, "addr:", 5))
		network_unban(r->d, key + 5);	/* the ban goes with the lock */
	reply_ok(r, NULL);
}

static void send_audit_rec(struct request *r, const struct audit_rec *a)
{
	struct proto_buf b;

	proto_start(&b, REPLY_REC);
	proto_addu(&b, "seq", a->seq);
	proto_addu(&b, "time_ns", (unsigned long long)a->time_ns);
	proto_add(&b, "time_source", a->timesrc);
	proto_add(&b, "op", a->op);
	proto_add(&b, "result", a->result);
	proto_add(&b, "account", a->account);
	proto_add(&b, "source", a->source);
	proto_add(&b, "detail", a->detail);
	reply_rec(r, &b);
}

#define AUDIT_PAGE 256	/* records in one reply to audit-show */

static void op_audit_show(struct request *r)
{
	const char *from = proto_get(r->m, "from");
	uint64_t first = from ? strtoull(from, NULL, 10) : 0;
	char *buf, *p, *nl;
	unsigned int sent = 0;
	struct audit_rec a;
	struct proto_buf b;
	const char *why;
	size_t len;

	if (read_whole(r->d->audit.path, 1U << 30, &buf, &len)) {
		reply_err(r, EIO, "the audit log cannot be read");
		return;
	}
	for (p = buf; (nl = memchr(p, '\n', (size_t)(buf + len - p))); p = nl + 1) {
		if (audit_parse(p, (size_t)(nl - p), &a, &why) || a.seq < first)
			continue;
		if (sent++ == AUDIT_PAGE)
			break;
		send_audit_rec(r, &a);
	}
	free(buf);
	if (sent <= AUDIT_PAGE) {
		reply_ok(r, NULL);
		return;
	}
	/* A page at a time: what waits for a peer stays small (OUT_MAX). */
	proto_start(&b, REPLY_OK);
	proto_addu(&b, "next", a.seq);
	reply_ok(r, &b);
}

static void op_audit_verify(struct request *r)
{
	struct proto_buf b;
	const char *why;
	uint64_t next;

	if (auditlog_verify(&r->d->audit, &next, &why)) {
		reply_err(r, EIO, why);
		return;
	}
	proto_start(&b, REPLY_OK);
	proto_addu(&b, "next_seq", next);
	reply_ok(r, &b);
}

static void op_factory_reset(struct request *r)
{
	const char *confirm = proto_get(r->m, "confirm");
	int err;

	if (!confirm || strcmp(confirm, "yes")) {
		reply_err(r, EINVAL, "factory-reset needs confirm=yes");
		return;
	}
	err = store_factory_reset(r->d);
	if (!err)
		network_reset(r->d);
	explicit_bzero(r->c->token, sizeof(r->c->token));
	trail_log(r->d, "factory-reset", err ? "fail" : "ok", account_of(r),
		  r->c->source, "%s", err ? strerror(-err) : "");
	if (err)
		reply_err(r, EIO, "the stored state could not be removed");
	else
		reply_ok(r, NULL);
}

/*
 * The device restarts: init (busybox's reboots on SIGTERM) stops every
 * service, camsecd too, and the kernel reboots. Only with -b, where
 * camsecd knows init is the camera's.
 */
static void op_reboot(struct request *r)
{
	if (!r->d->reboot_by_init) {
		reply_err(r, EOPNOTSUPP, "this camsecd may not restart the device (no -b)");
		return;
	}
	trail_log(r->d, "reboot", "ok", r->s->account, r->c->source, "%s",
		  "the device restarts");
	reply_ok(r, NULL);
	if (kill(1, SIGTERM))
		syslog(LOG_ERR, "init was not told to reboot: %m");
}

/*
 * Under the warn policy a full trail refuses what it could not record
 * (draft 6.2.6c), except what makes room again.
 */
static bool audit_full(const struct request *r, const struct op *op)
{
	if (!op->changes || !r->d->audit_open ||
	    !r->d->settings.audit_enabled || !auditlog_full(&r->d->audit))
		return false;
	return !op->makes_audit_room || !op->makes_audit_room(r);
}
/* Each operation: its verb, the least role, its function, and flags. */
#define OP(v, role, f, ...) { .verb = (v), .need = (role), .fn = (f), __VA_ARGS__ }

static const struct op ops[] = {
	OP(VERB_STATUS, ANYONE, op_status, .before_activation = true),
	OP(VERB_IDENTITY, ANYONE, op_identity, .before_activation = true),
	OP(VERB_ACTIVATE, ANYONE, op_activate, .before_activation = true, .changes = true),
	OP(VERB_LOGIN, ANYONE, op_login, .uncounted_before_login = true),
	OP(VERB_LOGOUT, CAMSEC_ROLE_USER, op_logout),
	OP(VERB_WHOAMI, CAMSEC_ROLE_USER, op_whoami),
	OP(VERB_PASSWD, CAMSEC_ROLE_USER, op_passwd, .changes = true),
	OP(VERB_SESSION_LIST, CAMSEC_ROLE_ADMIN, op_session_list),
	OP(VERB_SESSION_END, CAMSEC_ROLE_USER, op_session_end, .changes = true),
	OP(VERB_RUN, CAMSEC_ROLE_USER, op_run, .changes = true),
	OP(VERB_AUDIT_SHOW, CAMSEC_ROLE_USER, op_audit_show),
	OP(VERB_AUDIT_VERIFY, CAMSEC_ROLE_USER, op_audit_verify),
	OP(VERB_USER_ADD, CAMSEC_ROLE_ADMIN, op_user_add, .changes = true),
	OP(VERB_USER_MOD, CAMSEC_ROLE_ADMIN, op_user_mod, .changes = true),
	OP(VERB_USER_DEL, CAMSEC_ROLE_ADMIN, op_user_del, .changes = true),
	OP(VERB_USER_LIST, CAMSEC_ROLE_ADMIN, op_user_list),
	OP(VERB_LOCK_LIST, CAMSEC_ROLE_ADMIN, op_lock_list),
	OP(VERB_LOCK_LIFT, CAMSEC_ROLE_ADMIN, op_lock_lift, .changes = true),
	OP(VERB_CONFIG_GET, CAMSEC_ROLE_ADMIN, op_config_get),
	OP(VERB_CONFIG_SET, CAMSEC_ROLE_ADMIN, op_config_set, .changes = true,
	   .makes_audit_room = config_makes_audit_room),
	OP(VERB_CONFIG_EXPORT, CAMSEC_ROLE_ADMIN, op_config_export, .changes = true),
	OP(VERB_CONFIG_IMPORT, CAMSEC_ROLE_ADMIN, op_config_import, .changes = true),
	OP(VERB_FACTORY_RESET, CAMSEC_ROLE_ADMIN, op_factory_reset, .changes = true),
	OP(VERB_NET_SET, CAMSEC_ROLE_ADMIN, op_net_set, .changes = true),
	OP(VERB_NET_SHOW, CAMSEC_ROLE_ADMIN, op_net_show),
	OP(VERB_REBOOT, CAMSEC_ROLE_ADMIN, op_reboot, .changes = true),
	OP(VERB_STREAM_KEY, CAMSEC_ROLE_ADMIN, op_stream_key, .changes = true),
	OP(VERB_VERSION, CAMSEC_ROLE_USER, op_version),
	OP(VERB_FIRMWARE_STATUS, CAMSEC_ROLE_ADMIN, op_firmware_status),
	OP(VERB_FIRMWARE_BEGIN, CAMSEC_ROLE_ADMIN, op_firmware_begin, .changes = true),
	OP(VERB_FIRMWARE_CHUNK, CAMSEC_ROLE_ADMIN, op_firmware_chunk, .changes = true),
	OP(VERB_FIRMWARE_INSTALL, CAMSEC_ROLE_ADMIN, op_firmware_install, .changes = true),
};

static const struct op *op_of(const char *verb)
{
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (!strcmp(ops[i].verb, verb))
			return &ops[i];
	}
	return NULL;
}

bool ops_counted_before_login(const char *verb)
{
	const struct op *op = op_of(verb);

	return !op || !op->uncounted_before_login;
}

void ops_dispatch(struct request *r)
{
	const struct op *op = op_of(r->m->verb);

	if (!op) {
		reply_err(r, ENOSYS, "no such operation");
		return;
	}
	if (!op->before_activation && !activated(r->d)) {
		reply_err(r, EPERM, "the device is not activated: set the administrator password with activate");
		return;
	}
	if (op->need > ANYONE && !r->s) {
		reply_err(r, ENOTCONN, "log in first (a session ends when idle, ended, or its account deleted)");
		return;
	}
	if (r->s && r->s->role < op->need) {
		trail_log(r->d, op->verb, "refused", r->s->account, r->c->source,
			  "needs role %s", role_name(op->need));
		reply_err(r, EACCES, "this operation needs the admin role");
		return;
	}
	if (audit_full(r, op)) {
		reply_err(r, ENOSPC, "the audit log is full (audit_full=warn): raise audit_max_kib or set audit_full=overwrite");
		return;
	}
	op->fn(r);
}
