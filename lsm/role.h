/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec LSM - roles: carried in credentials, granted only by the authority
 */

#ifndef _SECURITY_CAMSEC_ROLE_H
#define _SECURITY_CAMSEC_ROLE_H

#include <linux/cred.h>
#include <linux/seq_file.h>
#include <uapi/linux/camsec.h>

#include "policy.h"
#include "setup.h"

struct camsec_cred {
	u8 role;		/* enum camsec_role */
	u32 session;		/* 0: none */
};

/* A grant waiting for the task's next execve: valid | role | session. */
struct camsec_task {
	atomic64_t pending;
};

static inline struct camsec_cred *camsec_cred(const struct cred *cred)
{
	return cred->security + camsec_blob_sizes.lbs_cred;
}

static inline struct camsec_task *camsec_task(const struct task_struct *task)
{
	return task->security + camsec_blob_sizes.lbs_task;
}

bool camsec_current_is_authority(void);
int camsec_role_grant(pid_t pid, int role, u32 session);
#define CAMSEC_EVERY_SESSION 0	/* no task's: tasks without one have 0 */
int camsec_role_end_session(u32 session);
void camsec_role_show_self(struct seq_file *m);
int camsec_role_parse(const char *name);
void __init camsec_role_add_hooks(void);

#endif /* _SECURITY_CAMSEC_ROLE_H */
