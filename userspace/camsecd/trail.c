// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecd - the audit trail (draft 6.2.6): every record of the daemon and
 * of the kernel (the LSM's and camsec_nf's events, from their families'
 * multicast groups) goes into the hash-chained log, with the clock's
 * synchronisation state. No caller passes a password or a token.
 */
#define _GNU_SOURCE
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

#include "atomicfile.h"
#include "camsecd.h"
#include "kernel.h"
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

static void lsm_event(struct camsecd *d, const struct kernel_event *e)
{
	trail_log(d, e->class ? "kernel-access" : "kernel-appsig",
		  e->denied ? "refused" : "logged", "", "kernel",
		  "op=%s reason=%s pid=%u uid=%u role=%s session=%u class=%s comm=%s path=%s",
		  NAME_OF(appsig_ops, e->op), NAME_OF(appsig_reasons, e->reason),
		  e->pid, e->uid, role_name((int)e->role), e->session,
		  e->class ? e->class : "-", e->comm, e->path);
}

static void nf_event(struct camsecd *d, const struct kernel_event *e)
{
	trail_log(d, "kernel-nf", e->reason == CAMSEC_NF_REASON_RISK ? "logged" : "refused",
		  "", e->addr, "reason=%s proto=%u port=%u suppressed=%u",
		  NAME_OF(nf_reasons, e->reason), e->proto, e->port,
		  e->suppressed);
}

void trail_kernel_event(const struct kernel_event *e, void *arg)
{
	struct camsecd *d = arg;

	switch (e->kind) {
	case KERNEL_EVENT_LSM:
		lsm_event(d, e);
		break;
	case KERNEL_EVENT_NF:
		nf_event(d, e);
		break;
	case KERNEL_EVENT_NF_BAN:
		/* a ban widened, or gave way to a newer one */
		trail_log(d, "kernel-nf", "logged", "", e->addr, "reason=%s prefix=%u",
			  NAME_OF(nf_reasons, e->reason), e->prefix);
		break;
	case KERNEL_EVENT_NF_UNJOINED:
		trail_log(d, "kernel-events", "fail", "", "kernel",
			  "cannot join camsec_nf's events");
		break;
	case KERNEL_EVENT_LOST:
		trail_log(d, "kernel-events", "fail", "", "kernel",
			  "events lost: receive buffer overrun");
		break;
	}
}
