/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec LSM - roles: carried in credentials, granted only by the authority
 */

#ifndef _SECURITY_CAMSEC_ROLE_H
#define _SECURITY_CAMSEC_ROLE_H

#include <linux/binfmts.h>
#include <linux/seq_file.h>
#include <uapi/linux/camsec.h>

#include "blobs.h"

bool camsec_current_is_authority(void);
int camsec_role_grant(pid_t pid, int role, u32 session);
#define CAMSEC_EVERY_SESSION 0	/* no task's: tasks without one have 0 */
int camsec_role_end_session(u32 session);
void camsec_role_show_self(struct seq_file *m);
int camsec_role_parse(const char *name);
int camsec_role_exec(struct linux_binprm *bprm);

#endif /* _SECURITY_CAMSEC_ROLE_H */
