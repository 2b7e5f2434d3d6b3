/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsecd - the audit trail: the daemon's records and the kernel's
 * events, in the hash-chained log (auditlog.h).
 */
#ifndef CAMSECD_TRAIL_H
#define CAMSECD_TRAIL_H

struct camsecd;
struct kernel_event;

/* "ntp" when the kernel's clock is synchronised, else "unsynced". */
const char *trail_time_source(void);
int trail_open(struct camsecd *d);
void trail_close(struct camsecd *d);
/* 0, or -errno: the record could not be stored (ENOSPC: full, warn). */
int trail_log(struct camsecd *d, const char *op, const char *result,
	      const char *account, const char *source, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* A kernel's event, recorded (kernel_events_open()'s @deliver). */
void trail_kernel_event(const struct kernel_event *e, void *arg);

#endif
