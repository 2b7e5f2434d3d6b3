// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec LSM - /sys/kernel/security/camsec/
 *
 *   appsig/mode   off | permissive | enforce (write needs CAP_MAC_ADMIN)
 *   appsig/trust  xattr | verity | xattr,verity: what vouches for code
 *                 (write needs CAP_MAC_ADMIN; fixed by the lock)
 *   appsig/lock   1 once enforce is locked until reboot; write 1 to lock
 *   appsig/stats  counters, and refusals by reason
 *   appsig/keys   the keys of the .camsec keyring
 *   access/policy the access policy: write a whole policy in one write()
 *                 (CAP_MAC_ADMIN) to replace the active one, or read it
 *   access/hash   sha256 of the active policy, or "none"
 *   access/lock   write 1 to keep the active policy until reboot
 *   access/error  line:column and message of the last rejected policy
 *   access/grant  "<pid> <role> <session>": the authority gives its child
 *                 a role for the child's next execve
 *   access/end_session  "<session>": the authority kills a session's tasks;
 *                       "all": every session's (a new authority's first act)
 *   access/whoami the reader's role and session
 */

#include <linux/capability.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/security.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "access.h"
#include "appsig.h"
#include "event.h"
#include "keyring.h"
#include "role.h"
#include "securityfs.h"

#define WRITE_MAX 32

/* A short, whole write from offset 0, as a NUL-terminated string. */
static ssize_t copy_command(const char __user *ubuf, size_t len, loff_t *ppos,
			    char *buf)
{
	if (*ppos != 0 || len == 0 || len >= WRITE_MAX)
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	return 0;
}

/* The same, for a task with CAP_MAC_ADMIN. */
static ssize_t read_command(const char __user *ubuf, size_t len, loff_t *ppos,
			    char *buf)
{
	if (!capable(CAP_MAC_ADMIN))
		return -EPERM;
	return copy_command(ubuf, len, ppos, buf);
}

static int mode_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s\n", camsec_appsig_mode_name(camsec_appsig_mode()));
	return 0;
}

static int mode_open(struct inode *inode, struct file *file)
{
	return single_open(file, mode_show, NULL);
}

static ssize_t mode_write(struct file *file, const char __user *ubuf,
			  size_t len, loff_t *ppos)
{
	char buf[WRITE_MAX];
	ssize_t err;
	int mode;

	err = read_command(ubuf, len, ppos, buf);
	if (err)
		return err;
	mode = camsec_appsig_parse_mode(buf);
	if (mode < 0)
		return -EINVAL;
	err = camsec_appsig_set_mode(mode);
	return err ? err : len;
}

static const struct file_operations mode_fops = {
	.open = mode_open,
	.read = seq_read,
	.write = mode_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static int trust_show(struct seq_file *m, void *v)
{
	char names[32];

	camsec_appsig_trust_names(camsec_appsig_trust(), names, sizeof(names));
	seq_printf(m, "%s\n", names);
	return 0;
}

static int trust_open(struct inode *inode, struct file *file)
{
	return single_open(file, trust_show, NULL);
}

static ssize_t trust_write(struct file *file, const char __user *ubuf,
			   size_t len, loff_t *ppos)
{
	char buf[WRITE_MAX];
	ssize_t err;
	int trust;

	err = read_command(ubuf, len, ppos, buf);
	if (err)
		return err;
	trust = camsec_appsig_parse_trust(buf);
	if (trust < 0)
		return -EINVAL;
	err = camsec_appsig_set_trust(trust);
	return err ? err : len;
}

static const struct file_operations trust_fops = {
	.open = trust_open,
	.read = seq_read,
	.write = trust_write,
	.llseek = seq_lseek,
	.release = single_release,
};

/* A lock file: reads 0 or 1; writing 1 locks until reboot. */
struct lock_ops {
	bool (*locked)(void);
	int (*lock)(void);
};

static const struct lock_ops appsig_lock = {
	camsec_appsig_locked, camsec_appsig_lock,
};

static const struct lock_ops access_lock = {
	camsec_access_locked, camsec_access_lock,
};

static int lock_show(struct seq_file *m, void *v)
{
	const struct lock_ops *ops = m->private;

	seq_printf(m, "%d\n", ops->locked());
	return 0;
}

static int lock_open(struct inode *inode, struct file *file)
{
	return single_open(file, lock_show, inode->i_private);
}

static ssize_t lock_write(struct file *file, const char __user *ubuf,
			  size_t len, loff_t *ppos)
{
	const struct lock_ops *ops = file_inode(file)->i_private;
	char buf[WRITE_MAX];
	ssize_t err;

	err = read_command(ubuf, len, ppos, buf);
	if (err)
		return err;
	if (!sysfs_streq(buf, "1"))
		return -EINVAL;
	err = ops->lock();
	return err ? err : len;
}

static const struct file_operations lock_fops = {
	.open = lock_open,
	.read = seq_read,
	.write = lock_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static int stats_show(struct seq_file *m, void *v)
{
	struct camsec_appsig_stats st;
	int i;

	camsec_appsig_stats(&st);
	seq_printf(m, "verified %llu\ncache_hits %llu\ndenied %llu\n"
		   "logged %llu\nevents_suppressed %llu\n", st.verified,
		   st.cache_hits, st.denied, st.logged,
		   camsec_events_suppressed());
	for (i = CAMSEC_REASON_NONE + 1; i < CAMSEC_REASON_COUNT; i++) {
		if (i == CAMSEC_REASON_ROLE)	/* access control's */
			continue;
		seq_printf(m, "reason.%s %llu\n", camsec_reason_name(i),
			   st.reasons[i]);
	}
	return 0;
}

static int keys_show(struct seq_file *m, void *v)
{
	camsec_keyring_show(m);
	return 0;
}

DEFINE_SHOW_ATTRIBUTE(stats);
DEFINE_SHOW_ATTRIBUTE(keys);

static int policy_show(struct seq_file *m, void *v)
{
	camsec_access_show_policy(m);
	return 0;
}

static int policy_open(struct inode *inode, struct file *file)
{
	return single_open_size(file, policy_show, NULL,
				CAMSEC_POLICY_MAX + 1);
}

/* The whole policy in one write from offset 0: no partial policies. */
static ssize_t policy_write(struct file *file, const char __user *ubuf,
			    size_t len, loff_t *ppos)
{
	ssize_t err;
	char *text;

	if (!capable(CAP_MAC_ADMIN))
		return -EPERM;
	if (*ppos != 0)
		return -EINVAL;
	if (len > CAMSEC_POLICY_MAX)
		return camsec_access_load(NULL, len);
	text = vmemdup_user(ubuf, len);
	if (IS_ERR(text))
		return PTR_ERR(text);
	err = camsec_access_load(text, len);
	kvfree(text);
	return err ? err : len;
}

static const struct file_operations policy_fops = {
	.open = policy_open,
	.read = seq_read,
	.write = policy_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static int hash_show(struct seq_file *m, void *v)
{
	camsec_access_show_hash(m);
	return 0;
}

static int error_show(struct seq_file *m, void *v)
{
	camsec_access_show_error(m);
	return 0;
}

DEFINE_SHOW_ATTRIBUTE(hash);
DEFINE_SHOW_ATTRIBUTE(error);

/* "<pid> <role> <session>": the authority grants its child a role. */
static ssize_t grant_write(struct file *file, const char __user *ubuf,
			   size_t len, loff_t *ppos)
{
	char buf[WRITE_MAX], role[16];
	u32 session;
	ssize_t err;
	int pid, r;

	err = copy_command(ubuf, len, ppos, buf);
	if (err)
		return err;
	/* Session 0 is no session's: "end_session all" would not reach it. */
	if (sscanf(buf, "%d %15s %u", &pid, role, &session) != 3 || !session)
		return -EINVAL;
	r = camsec_role_parse(role);
	if (r < 0)
		return -EINVAL;
	err = camsec_role_grant(pid, r, session);
	return err ? err : len;
}

static const struct file_operations grant_fops = {
	.write = grant_write,
	.llseek = noop_llseek,
};

/* "<session>": the authority ends a session and its tasks. */
static ssize_t end_session_write(struct file *file, const char __user *ubuf,
				 size_t len, loff_t *ppos)
{
	char buf[WRITE_MAX];
	u32 session;
	ssize_t err;

	err = copy_command(ubuf, len, ppos, buf);
	if (err)
		return err;
	if (!strcmp(strim(buf), "all"))
		session = CAMSEC_EVERY_SESSION;
	else if (kstrtou32(strim(buf), 10, &session) || !session)
		return -EINVAL;
	err = camsec_role_end_session(session);
	return err < 0 ? err : len;
}

static const struct file_operations end_session_fops = {
	.write = end_session_write,
	.llseek = noop_llseek,
};

static int whoami_show(struct seq_file *m, void *v)
{
	camsec_role_show_self(m);
	return 0;
}

DEFINE_SHOW_ATTRIBUTE(whoami);

struct camsec_fs_file {
	const char *name;
	umode_t mode;
	const struct file_operations *fops;
	const void *data;
};

static const struct camsec_fs_file appsig_files[] = {
	{ "mode", 0644, &mode_fops },
	{ "trust", 0644, &trust_fops },
	{ "lock", 0644, &lock_fops, &appsig_lock },
	{ "stats", 0444, &stats_fops },
	{ "keys", 0444, &keys_fops },
	{ }
};

static const struct camsec_fs_file access_files[] = {
	{ "policy", 0600, &policy_fops },
	{ "hash", 0444, &hash_fops },
	{ "lock", 0644, &lock_fops, &access_lock },
	{ "error", 0444, &error_fops },
	{ "grant", 0600, &grant_fops },
	{ "end_session", 0600, &end_session_fops },
	{ "whoami", 0444, &whoami_fops },
	{ }
};

static int create_dir(struct dentry *parent, const char *name,
		      const struct camsec_fs_file *files)
{
	struct dentry *dir, *f;

	dir = securityfs_create_dir(name, parent);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	for (; files->name; files++) {
		f = securityfs_create_file(files->name, files->mode, dir,
					   (void *)files->data, files->fops);
		if (IS_ERR(f))
			return PTR_ERR(f);
	}
	return 0;
}

/* At boot: a failure leaves the interface incomplete, never enforcement. */
int __init camsec_securityfs_init(void)
{
	struct dentry *top;
	int err;

	top = securityfs_create_dir("camsec", NULL);
	if (IS_ERR(top))
		return PTR_ERR(top);
	err = create_dir(top, "appsig", appsig_files);
	return err ? err : create_dir(top, "access", access_files);
}
