// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecd - the audit trail (draft 6.2.6): every record of the daemon and
 * of the kernel (the LSM's and camsec_nf's events, from their families'
 * multicast groups) goes into the hash-chained log, with the clock's
 * synchronisation state. No caller passes a password or a token.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/timex.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <linux/camsec.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "atomicfile.h"
#include "camsecd.h"
#include "seal.h"
#include "trail.h"

#define AUDIT_KEY_LEN 32

/* The chain's key, made at the first start: 32 random bytes, sealed. */
static int audit_key(struct camsecd *d, uint8_t *key)
{
	size_t len;
	char *buf;
	int err;

	err = seal_read(d, "audit.key", AUDIT_KEY_LEN, &buf, &len);
	if (!err) {
		if (len == AUDIT_KEY_LEN)
			memcpy(key, buf, len);
		else
			err = -EINVAL;
		explicit_bzero(buf, len);
		free(buf);
		return err;
	}
	if (err != -ENOENT)
		return err;
	if (getrandom(key, AUDIT_KEY_LEN, 0) != AUDIT_KEY_LEN)
		return -EIO;
	return seal_write(d, "audit.key", "userdb", key, AUDIT_KEY_LEN);
}

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

const char *trail_time_source(void)
{
	struct timex tx = { 0 };
	int state = adjtimex(&tx);

	return state >= 0 && state != TIME_ERROR && !(tx.status & STA_UNSYNC) ?
	       "ntp" : "unsynced";
}

int trail_open(struct camsecd *d)
{
	uint8_t key[AUDIT_KEY_LEN];
	char path[4096];
	const char *why = "";
	int err;

	err = audit_key(d, key);
	if (err) {
		syslog(LOG_ERR, "audit key: %s", strerror(-err));
		return err;
	}
	state_path(d, "audit.log", path, sizeof(path));
	d->audit.label = d->authority ? "auditlog" : NULL;
	err = auditlog_open(&d->audit, path, key, sizeof(key),
			    (uint64_t)d->settings.audit_max_kib << 10,
			    (enum audit_full)d->settings.audit_full,
			    d->settings.audit_warn_percent, now_ns(), &why);
	explicit_bzero(key, sizeof(key));
	if (err) {
		syslog(LOG_ERR, "%s: %s", path, why);
		return -EINVAL;
	}
	d->audit_open = true;
	return 0;
}

void trail_close(struct camsecd *d)
{
	if (d->audit_open)
		auditlog_close(&d->audit);
	d->audit_open = false;
	if (d->events)
		nl_socket_free(d->events);
	d->events = NULL;
}

static bool always_recorded(const char *op)
{
	return !strcmp(op, "audit-on") || !strcmp(op, "audit-off");
}

int trail_log(struct camsecd *d, const char *op, const char *result,
	      const char *account, const char *source, const char *fmt, ...)
{
	struct audit_rec r = { 0 };
	va_list ap;
	int err;

	if (!d->audit_open ||
	    (!d->settings.audit_enabled && !always_recorded(op)))
		return 0;
	r.time_ns = now_ns();
	snprintf(r.timesrc, sizeof(r.timesrc), "%s", trail_time_source());
	snprintf(r.op, sizeof(r.op), "%s", op);
	snprintf(r.result, sizeof(r.result), "%s", result);
	snprintf(r.account, sizeof(r.account), "%s", account);
	snprintf(r.source, sizeof(r.source), "%s", source);
	va_start(ap, fmt);
	vsnprintf(r.detail, sizeof(r.detail), fmt, ap);
	va_end(ap);
	err = auditlog_append(&d->audit, &r);
	if (err)
		syslog(LOG_ERR, "audit %s: %s", op, strerror(-err));
	return err;
}

#define NAME_OF(names, i) \
	((i) < sizeof(names) / sizeof((names)[0]) && (names)[i] ? (names)[i] : "?")

static const char *const appsig_ops[] = CAMSEC_OP_NAMES;
static const char *const appsig_reasons[] = CAMSEC_REASON_NAMES;
static const char *const nf_reasons[] = CAMSEC_NF_REASON_NAMES;

static unsigned int u8_of(struct nlattr *a)
{
	return a ? nla_get_u8(a) : 0;
}

static unsigned int u32_of(struct nlattr *a)
{
	return a ? nla_get_u32(a) : 0;
}

static const char *str_of(struct nlattr *a)
{
	return a ? nla_get_string(a) : "-";
}

static void appsig_event(struct camsecd *d, struct nlattr **tb)
{
	bool access = tb[CAMSEC_A_EVENT_CLASS];

	trail_log(d, access ? "kernel-access" : "kernel-appsig",
		  u8_of(tb[CAMSEC_A_EVENT_DENIED]) ? "refused" : "logged", "",
		  "kernel",
		  "op=%s reason=%s pid=%u uid=%u role=%s session=%u class=%s comm=%s path=%s",
		  NAME_OF(appsig_ops, u8_of(tb[CAMSEC_A_EVENT_OP])),
		  NAME_OF(appsig_reasons, u8_of(tb[CAMSEC_A_EVENT_REASON])),
		  u32_of(tb[CAMSEC_A_EVENT_PID]), u32_of(tb[CAMSEC_A_EVENT_UID]),
		  role_name((int)u8_of(tb[CAMSEC_A_EVENT_ROLE])),
		  u32_of(tb[CAMSEC_A_EVENT_SESSION]),
		  str_of(tb[CAMSEC_A_EVENT_CLASS]), str_of(tb[CAMSEC_A_EVENT_COMM]),
		  str_of(tb[CAMSEC_A_EVENT_PATH]));
}

static void nf_event(struct camsecd *d, struct nlattr **tb)
{
	unsigned int reason = u8_of(tb[CAMSEC_NF_A_EVENT_REASON]);
	char addr[INET6_ADDRSTRLEN] = "-";

	if (tb[CAMSEC_NF_A_ADDR]) {
		int len = nla_len(tb[CAMSEC_NF_A_ADDR]);

		if (len == 4 || len == 16)
			inet_ntop(len == 4 ? AF_INET : AF_INET6,
				  nla_data(tb[CAMSEC_NF_A_ADDR]), addr,
				  sizeof(addr));
	}
	if (tb[CAMSEC_NF_A_BAN_PREFIX]) {
		/* a ban widened, or gave way to a newer one */
		trail_log(d, "kernel-nf", "logged", "", addr, "reason=%s prefix=%u",
			  NAME_OF(nf_reasons, reason), u8_of(tb[CAMSEC_NF_A_BAN_PREFIX]));
		return;
	}
	trail_log(d, "kernel-nf", reason == CAMSEC_NF_REASON_RISK ? "logged" : "refused",
		  "", addr, "reason=%s proto=%u port=%u suppressed=%u",
		  NAME_OF(nf_reasons, reason), u8_of(tb[CAMSEC_NF_A_EVENT_PROTO]),
		  tb[CAMSEC_NF_A_EVENT_PORT] ? nla_get_u16(tb[CAMSEC_NF_A_EVENT_PORT]) : 0,
		  u32_of(tb[CAMSEC_NF_A_EVENT_SUPPRESSED]));
}

/* The events group of camsec_nf, from the controller's new family. */
static void nf_arrived(struct camsecd *d, struct nlattr **tb)
{
	struct nlattr *grp, *g[CTRL_ATTR_MCAST_GRP_MAX + 1];
	int rem;

	if (!tb[CTRL_ATTR_FAMILY_NAME] || !tb[CTRL_ATTR_FAMILY_ID] ||
	    !tb[CTRL_ATTR_MCAST_GROUPS] ||
	    strcmp(nla_get_string(tb[CTRL_ATTR_FAMILY_NAME]), CAMSEC_NF_GENL_NAME))
		return;
	nla_for_each_nested(grp, tb[CTRL_ATTR_MCAST_GROUPS], rem) {
		if (nla_parse_nested(g, CTRL_ATTR_MCAST_GRP_MAX, grp, NULL) ||
		    !g[CTRL_ATTR_MCAST_GRP_NAME] || !g[CTRL_ATTR_MCAST_GRP_ID] ||
		    strcmp(nla_get_string(g[CTRL_ATTR_MCAST_GRP_NAME]),
			   CAMSEC_NF_MCGRP_EVENTS))
			continue;
		if (nl_socket_add_membership(d->events,
					     (int)nla_get_u32(g[CTRL_ATTR_MCAST_GRP_ID])))
			trail_log(d, "kernel-events", "fail", "", "kernel",
				  "cannot join camsec_nf's events");
		else
			d->nf_family = nla_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	}
}

/* camsec_nf loaded or unloaded: its events are joined or forgotten. */
static void on_controller(struct camsecd *d, struct nlmsghdr *nlh)
{
	struct genlmsghdr *gh = nlmsg_data(nlh);
	struct nlattr *tb[CTRL_ATTR_MAX + 1];

	if (genlmsg_parse(nlh, 0, tb, CTRL_ATTR_MAX, NULL))
		return;
	if (gh->cmd == CTRL_CMD_NEWFAMILY)
		nf_arrived(d, tb);
	else if (gh->cmd == CTRL_CMD_DELFAMILY && tb[CTRL_ATTR_FAMILY_ID] &&
		 nla_get_u16(tb[CTRL_ATTR_FAMILY_ID]) == d->nf_family)
		d->nf_family = -1;
}

static int on_event(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nlattr *tb[CAMSEC_A_MAX + CAMSEC_NF_A_MAX + 1];
	struct camsecd *d = arg;

	if (nlh->nlmsg_type == GENL_ID_CTRL)
		on_controller(d, nlh);
	else if (nlh->nlmsg_type == d->lsm_family &&
		 !genlmsg_parse(nlh, 0, tb, CAMSEC_A_MAX, NULL))
		appsig_event(d, tb);
	else if (nlh->nlmsg_type == d->nf_family &&
		 !genlmsg_parse(nlh, 0, tb, CAMSEC_NF_A_MAX, NULL))
		nf_event(d, tb);
	return NL_OK;
}

/* Join @group of @family on @sk: its family id, or -1. */
static int join(struct nl_sock *sk, const char *family, const char *group)
{
	int grp = genl_ctrl_resolve_grp(sk, family, group);

	if (grp < 0 || nl_socket_add_membership(sk, grp))
		return -1;
	return genl_ctrl_resolve(sk, family);
}

/*
 * Join the LSM's event group, and camsec_nf's now and whenever the module
 * is loaded again (the controller's notifications); without a camsec
 * kernel, -ENOENT.
 */
int trail_events_open(struct camsecd *d)
{
	struct nl_sock *sk = nl_socket_alloc();

	if (!sk)
		return -ENOMEM;
	d->lsm_family = -1;
	d->nf_family = -1;
	if (genl_connect(sk) ||
	    (d->lsm_family = join(sk, CAMSEC_GENL_NAME, CAMSEC_MCGRP_EVENTS)) < 0 ||
	    join(sk, "nlctrl", "notify") < 0) {
		nl_socket_free(sk);
		return -ENOENT;
	}
	d->nf_family = join(sk, CAMSEC_NF_GENL_NAME, CAMSEC_NF_MCGRP_EVENTS);
	nl_socket_disable_seq_check(sk);
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, on_event, d);
	nl_socket_set_nonblocking(sk);
	nl_socket_set_buffer_size(sk, 1 << 20, 0);
	d->events = sk;
	return 0;
}

void trail_events_read(struct camsecd *d)
{
	int err = nl_recvmsgs_default(d->events);

	if (err == -NLE_NOMEM)	/* the socket overran: events were lost */
		trail_log(d, "kernel-events", "fail", "", "kernel",
			  "events lost: receive buffer overrun");
}

int trail_events_fd(const struct camsecd *d)
{
	return d->events ? nl_socket_get_fd(d->events) : -1;
}
