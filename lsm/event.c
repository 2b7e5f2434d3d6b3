// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec LSM - events to userspace (generic netlink) and to audit
 *
 * A refusal names the task, the file and the reason. Refusals are rate
 * limited so that a flood cannot fill the log; the events lost are counted
 * and the count rides on the next event that goes out.
 */

#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include "blobs.h"
#include "event.h"
#include "genl.h"

#define EVENT_INTERVAL	(5 * HZ)
#define EVENT_BURST	20

struct camsec_event {
	u8 op;
	u8 reason;
	bool denied;
	s8 mode, old_mode;		/* -1 unless op is CAMSEC_OP_MODE */
	bool locked;
	const char *path;
	u32 suppressed;
	pid_t pid;			/* the task, as it was at the hook */
	uid_t uid;
	u8 role;
	u32 session;
	char comm[TASK_COMM_LEN];
	const char *class;		/* access refusals: the object class */
	u8 need;			/* and the permissions refused */
};

/* An event raised where nothing may sleep, sent from a worker. */
struct deferred_event {
	struct work_struct work;
	struct camsec_event ev;
};

/* Count what the limit drops; no "callbacks suppressed" printk. */
static struct ratelimit_state event_rs =
	RATELIMIT_STATE_INIT_FLAGS(event_rs, EVENT_INTERVAL, EVENT_BURST,
				   RATELIMIT_MSG_ON_RELEASE);
static atomic64_t suppressed_total;
static atomic_t suppressed_pending;

static const char *const op_names[] = CAMSEC_OP_NAMES;

static const char *const reason_names[] = CAMSEC_REASON_NAMES;
static const char *const mode_names[] = CAMSEC_APPSIG_MODE_NAMES;
static const char *const role_names[] = CAMSEC_ROLE_NAMES;

const char *camsec_reason_name(enum camsec_reason reason)
{
	return reason_names[reason];
}

u64 camsec_events_suppressed(void)
{
	return atomic64_read(&suppressed_total);
}

static void event_audit(const struct camsec_event *ev)
{
	struct audit_buffer *ab;

	ab = audit_log_start(audit_context(), GFP_NOFS,
			     ev->op == CAMSEC_OP_MODE ? AUDIT_MAC_STATUS :
							AUDIT_INTEGRITY_DATA);
	if (!ab)
		return;
	audit_log_format(ab, "camsec op=%s", op_names[ev->op]);
	if (ev->op == CAMSEC_OP_MODE)
		audit_log_format(ab, " mode=%s old_mode=%s locked=%d",
				 mode_names[ev->mode], mode_names[ev->old_mode],
				 ev->locked);
	else
		audit_log_format(ab, " reason=%s", reason_names[ev->reason]);
	if (ev->class)
		audit_log_format(ab, " class=%s need=%s%s%s", ev->class,
				 ev->need & CAMSEC_PERM_READ ? "r" : "",
				 ev->need & CAMSEC_PERM_WRITE ? "w" : "",
				 ev->need & CAMSEC_PERM_EXEC ? "x" : "");
	audit_log_format(ab, " denied=%d pid=%d uid=%u role=%s session=%u comm=",
			 ev->denied, ev->pid, ev->uid,
			 role_names[ev->role], ev->session);
	audit_log_untrustedstring(ab, ev->comm);
	if (ev->path) {
		audit_log_format(ab, " path=");
		audit_log_untrustedstring(ab, ev->path);
	}
	if (ev->suppressed)
		audit_log_format(ab, " suppressed=%u", ev->suppressed);
	audit_log_end(ab);
}

static int event_fill(struct sk_buff *skb, const struct camsec_event *ev)
{
	if (nla_put_u8(skb, CAMSEC_A_EVENT_OP, ev->op) ||
	    nla_put_u8(skb, CAMSEC_A_EVENT_DENIED, ev->denied) ||
	    nla_put_u32(skb, CAMSEC_A_EVENT_PID, ev->pid) ||
	    nla_put_u32(skb, CAMSEC_A_EVENT_UID, ev->uid) ||
	    nla_put_u8(skb, CAMSEC_A_EVENT_ROLE, ev->role) ||
	    nla_put_u32(skb, CAMSEC_A_EVENT_SESSION, ev->session) ||
	    nla_put_string(skb, CAMSEC_A_EVENT_COMM, ev->comm))
		return -EMSGSIZE;
	if (ev->class && (nla_put_string(skb, CAMSEC_A_EVENT_CLASS, ev->class) ||
			  nla_put_u8(skb, CAMSEC_A_EVENT_NEED, ev->need)))
		return -EMSGSIZE;
	if (ev->op == CAMSEC_OP_MODE) {
		if (nla_put_u8(skb, CAMSEC_A_APPSIG_MODE, ev->mode) ||
		    nla_put_u8(skb, CAMSEC_A_EVENT_OLD_MODE, ev->old_mode) ||
		    nla_put_u8(skb, CAMSEC_A_APPSIG_LOCKED, ev->locked))
			return -EMSGSIZE;
	} else if (nla_put_u8(skb, CAMSEC_A_EVENT_REASON, ev->reason)) {
		return -EMSGSIZE;
	}
	if (ev->path && nla_put_string(skb, CAMSEC_A_EVENT_PATH, ev->path))
		return -EMSGSIZE;
	if (ev->suppressed &&
	    nla_put_u64_64bit(skb, CAMSEC_A_APPSIG_SUPPRESSED, ev->suppressed,
			      CAMSEC_A_PAD))
		return -EMSGSIZE;
	return 0;
}

/* The task that caused the event: current, at the hook. */
static void event_subject(struct camsec_event *ev)
{
	const struct camsec_cred *cc = camsec_cred(current_cred());

	ev->pid = task_tgid_nr(current);
	ev->uid = from_kuid(&init_user_ns, current_uid());
	ev->role = cc->role;
	ev->session = cc->session;
	/* Without task_lock: some hooks hold a task's lock already. */
	memcpy(ev->comm, current->comm, sizeof(ev->comm));
	ev->comm[sizeof(ev->comm) - 1] = '\0';
}

static void event_send(struct camsec_event *ev)
{
	struct sk_buff *skb;
	void *hdr;

	ev->suppressed = atomic_xchg(&suppressed_pending, 0);
	event_audit(ev);

	skb = camsec_genl_event_new(&init_net, CAMSEC_CMD_APPSIG_EVENT, &hdr,
				    GFP_NOFS);
	if (!skb)
		return;
	if (event_fill(skb, ev)) {
		nlmsg_free(skb);
		return;
	}
	camsec_genl_event_send(&init_net, skb, hdr, GFP_NOFS);
}

static bool event_allowed(void)
{
	if (__ratelimit(&event_rs))
		return true;
	atomic64_inc(&suppressed_total);
	atomic_inc(&suppressed_pending);
	return false;
}

static void event_refusal(struct camsec_event ev, const struct path *path,
			  struct dentry *dentry)
{
	char *buf, *p;

	if (!event_allowed())
		return;
	event_subject(&ev);
	buf = __getname();
	if (buf) {
		p = path ? d_path(path, buf, PATH_MAX) :
		    dentry ? dentry_path_raw(dentry, buf, PATH_MAX) : NULL;
		ev.path = IS_ERR_OR_NULL(p) ? NULL : p;
	}
	event_send(&ev);
	if (buf)
		__putname(buf);
}

#define REFUSAL(o, r, d) ((struct camsec_event){ \
	.op = (o), .reason = (r), .denied = (d), .mode = -1, .old_mode = -1 })

void camsec_event_appsig(enum camsec_op op,
			 enum camsec_reason reason,
			 const struct path *path, bool denied)
{
	event_refusal(REFUSAL(op, reason, denied), path, NULL);
}

void camsec_event_appsig_dentry(enum camsec_op op,
				enum camsec_reason reason,
				struct dentry *dentry)
{
	event_refusal(REFUSAL(op, reason, true), NULL, dentry);
}

/* An access refusal: @class (NULL for a label change) and @need. */
void camsec_event_access(enum camsec_op op, const char *class,
			 u8 need, const struct path *path,
			 struct dentry *dentry)
{
	struct camsec_event ev = REFUSAL(op, CAMSEC_REASON_ROLE, true);

	ev.class = class;
	ev.need = need;
	event_refusal(ev, path, dentry);
}

/* Mode changes are privileged and rare: never rate limited. */
void camsec_event_mode(int old, int mode, bool locked, bool refused)
{
	struct camsec_event ev = {
		.op = CAMSEC_OP_MODE,
		.denied = refused,
		.mode = mode,
		.old_mode = old,
		.locked = locked,
	};

	event_subject(&ev);
	event_send(&ev);
}

static void deferred_event_send(struct work_struct *work)
{
	struct deferred_event *de = container_of(work, struct deferred_event,
						 work);

	event_send(&de->ev);
	kfree(de);
}

/* For hooks that hold spinlocks: no file, nothing that sleeps here. */
void camsec_event_appsig_atomic(enum camsec_op op,
				enum camsec_reason reason, bool denied)
{
	struct deferred_event *de;

	if (!event_allowed())
		return;
	de = kzalloc(sizeof(*de), GFP_ATOMIC);
	if (!de)
		return;
	de->ev.op = op;
	de->ev.reason = reason;
	de->ev.denied = denied;
	de->ev.mode = -1;
	de->ev.old_mode = -1;
	event_subject(&de->ev);
	INIT_WORK(&de->work, deferred_event_send);
	schedule_work(&de->work);
}
