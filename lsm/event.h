/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec LSM - events to userspace (generic netlink) and to audit
 */

#ifndef _SECURITY_CAMSEC_EVENT_H
#define _SECURITY_CAMSEC_EVENT_H

#include <linux/path.h>
#include <uapi/linux/camsec.h>

void camsec_event_appsig(enum camsec_op op,
			 enum camsec_reason reason,
			 const struct path *path, bool denied);
void camsec_event_appsig_dentry(enum camsec_op op,
				enum camsec_reason reason,
				struct dentry *dentry);
void camsec_event_appsig_atomic(enum camsec_op op,
				enum camsec_reason reason, bool denied);
void camsec_event_access(enum camsec_op op, const char *class,
			 u8 need, const struct path *path,
			 struct dentry *dentry);
void camsec_event_mode(int old, int mode, bool locked, bool refused);
u64 camsec_events_suppressed(void);
const char *camsec_reason_name(enum camsec_reason reason);

#endif /* _SECURITY_CAMSEC_EVENT_H */
