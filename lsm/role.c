// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec LSM - roles: carried in credentials, granted only by the authority
 *
 * Every task holds a role and a session id in its credentials, inherited
 * across fork and exec. A task cannot change its own. The authority is the
 * program the policy names by path and digest, signed, and one process at
 * a time; it gives a role to the next execve of one of its children (as
 * SELinux's setexeccon), and can end a session, which kills its tasks.
 * Any other program the authority's process runs loses the authority role.
 * A task with a granted role keeps it whatever it runs, the authority's
 * program included: a user cannot start an authority.
 */

#define pr_fmt(fmt) "camsec: " fmt

#include <crypto/algapi.h>
#include <linux/binfmts.h>
#include <linux/fs.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "access.h"
#include "appsig.h"
#include "digsig.h"
#include "role.h"

#define PENDING_VALID	BIT_ULL(40)

int camsec_role_parse(const char *name)
{
	return __sysfs_match_string(camsec_role_names, CAMSEC_ROLE_COUNT, name);
}

bool camsec_current_is_authority(void)
{
	return camsec_cred(current_cred())->role == CAMSEC_ROLE_AUTHORITY;
}

/* The authority gives @role to the next execve of its child @pid. */
int camsec_role_grant(pid_t pid, int role, u32 session)
{
	struct task_struct *task;
	int err = 0;

	if (!camsec_current_is_authority())
		return -EPERM;
	if (role == CAMSEC_ROLE_AUTHORITY)
		return -EINVAL;	/* only the authority's program is that */
	rcu_read_lock();
	task = find_task_by_vpid(pid);
	if (!task)
		err = -ESRCH;
	else if (rcu_dereference(task->real_parent)->tgid != current->tgid)
		err = -EPERM;
	else
		atomic64_set(&camsec_task(task)->pending, PENDING_VALID |
			     (u64)role << 32 | session);
	rcu_read_unlock();
	return err;
}

/*
 * Kill every task of @session (of every session: CAMSEC_EVERY_SESSION):
 * its access ends with it.
 */
int camsec_role_end_session(u32 session)
{
	struct task_struct *g, *t;
	u32 task_session;
	int killed = 0;

	if (!camsec_current_is_authority())
		return -EPERM;
	rcu_read_lock();
	for_each_process_thread(g, t) {
		task_session = camsec_cred(__task_cred(t))->session;
		if (!task_session ||
		    (session != CAMSEC_EVERY_SESSION && task_session != session))
			continue;
		send_sig(SIGKILL, t, 1);
		killed++;
	}
	rcu_read_unlock();
	return killed;
}

void camsec_role_show_self(struct seq_file *m)
{
	const struct camsec_cred *cc = camsec_cred(current_cred());

	seq_printf(m, "%s %u\n", camsec_role_names[cc->role], cc->session);
}

/*
 * Is @file the authority's program: at the policy's path, signed, and with
 * the policy's digest? The content is read from the file being run, on no
 * stacked filesystem, and no one may write it while it is (execve denies
 * writers), so what is checked is what runs.
 */
static bool is_authority_program(struct file *file)
{
	struct inode *inode = file_inode(file);
	u8 want[SHA256_DIGEST_SIZE], got[SHA256_DIGEST_SIZE];

	if (!camsec_access_authority_path(&file->f_path, want) ||
	    d_real_inode(file->f_path.dentry) != inode ||
	    !camsec_appsig_signed(file) ||
	    camsec_digsig_sha256(inode, got))
		return false;
	return !crypto_memneq(want, got, sizeof(got));
}

/*
 * Under a locked policy, one authority at a time: the process that last
 * became it, while it lives and still is it. A second instance would grant
 * roles of its own. Unlocked, root may name any program the authority.
 */
static DEFINE_SPINLOCK(authority_lock);
static struct pid *authority_tgid;	/* under authority_lock */

static bool is_live_authority(struct pid *pid)
{
	struct task_struct *task;
	bool live = false;

	rcu_read_lock();
	task = pid_task(pid, PIDTYPE_TGID);
	if (task && !(READ_ONCE(task->flags) & PF_EXITING))
		live = camsec_cred(__task_cred(task))->role ==
		       CAMSEC_ROLE_AUTHORITY;
	rcu_read_unlock();
	return live;
}

static int become_authority(void)
{
	struct pid *self = task_tgid(current), *old;

	spin_lock(&authority_lock);
	old = authority_tgid;
	if (old && old != self && camsec_access_locked() &&
	    is_live_authority(old)) {
		spin_unlock(&authority_lock);
		pr_notice_ratelimited("pid %d: the authority runs already (pid %d)\n",
				      task_tgid_vnr(current), pid_vnr(old));
		return -EBUSY;
	}
	authority_tgid = get_pid(self);
	spin_unlock(&authority_lock);
	put_pid(old);
	return 0;
}

/* At execve: a pending grant, the authority's program, or what stays. */
int camsec_role_exec(struct linux_binprm *bprm)
{
	struct camsec_cred *cc = camsec_cred(bprm->cred);
	u64 pending = atomic64_xchg(&camsec_task(current)->pending, 0);

	if (pending & PENDING_VALID) {
		cc->role = (pending >> 32) & 0xff;
		cc->session = (u32)pending;
	} else if (cc->role == CAMSEC_ROLE_USER ||
		   cc->role == CAMSEC_ROLE_ADMIN ||
		   cc->role == CAMSEC_ROLE_UPDATER) {
		return 0;	/* a granted role stays, whatever is run */
	} else if (is_authority_program(bprm->file)) {
		cc->role = CAMSEC_ROLE_AUTHORITY;
		cc->session = 0;
		return become_authority();
	} else if (cc->role == CAMSEC_ROLE_AUTHORITY) {
		/* What the authority runs is not the authority. */
		cc->role = CAMSEC_ROLE_NONE;
		cc->session = 0;
	}
	return 0;
}
