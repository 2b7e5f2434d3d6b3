// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec LSM - role-based access control: the active policy
 *
 * A policy replaces the active one whole, or nothing changes: readers see
 * the old or the new policy (RCU), never a mix. The first fault of a
 * rejected text stays readable, with its line and column.
 */

#define pr_fmt(fmt) "camsec: " fmt

#include <linux/err.h>
#include <linux/fs.h>
#include <linux/xattr.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "access.h"
#include "blobs.h"
#include "event.h"

static struct camsec_policy __rcu *active_policy;
static u32 policy_seq;				/* under policy_mutex */
static DEFINE_MUTEX(policy_mutex);		/* serializes loads and lock */
static bool policy_locked;
static struct camsec_policy_error last_error;	/* under policy_mutex */

static void policy_free_rcu(struct rcu_head *head)
{
	camsec_policy_free(container_of(head, struct camsec_policy, rcu));
}

int camsec_access_load(const char *text, size_t len)
{
	struct camsec_policy_error err;
	struct camsec_policy *policy, *old;

	policy = camsec_policy_parse(text, len, &err);
	mutex_lock(&policy_mutex);
	if (IS_ERR(policy)) {
		last_error = err;
		mutex_unlock(&policy_mutex);
		if (err.line)
			pr_notice("policy rejected: %u:%u: %s\n", err.line,
				  err.col, err.msg);
		return PTR_ERR(policy);
	}
	if (policy_locked) {
		mutex_unlock(&policy_mutex);
		camsec_policy_free(policy);
		return -EPERM;
	}
	policy->seq = ++policy_seq;
	old = rcu_replace_pointer(active_policy, policy,
				  lockdep_is_held(&policy_mutex));
	memset(&last_error, 0, sizeof(last_error));
	mutex_unlock(&policy_mutex);
	if (old)
		call_rcu(&old->rcu, policy_free_rcu);
	pr_info("access policy loaded: %u classes, authority %s\n",
		policy->nclasses, policy->authority);
	return 0;
}

/* Only a loaded policy can be locked. */
int camsec_access_lock(void)
{
	int err = 0;

	mutex_lock(&policy_mutex);
	if (!rcu_access_pointer(active_policy))
		err = -EINVAL;
	else
		policy_locked = true;
	mutex_unlock(&policy_mutex);
	return err;
}

bool camsec_access_locked(void)
{
	return READ_ONCE(policy_locked);
}

/*
 * Is @path the authority's program in the active policy? If so, @digest
 * gets the digest its content must have. Without a policy there is none,
 * and execve pays nothing for the question.
 */
bool camsec_access_authority_path(const struct path *path, u8 *digest)
{
	struct camsec_policy *policy;
	bool match = false;
	char *buf, *name;

	if (!rcu_access_pointer(active_policy))
		return false;
	buf = __getname();
	if (!buf)
		return false;
	name = d_path(path, buf, PATH_MAX);
	rcu_read_lock();
	policy = rcu_dereference(active_policy);
	match = policy && !IS_ERR(name) && !strcmp(policy->authority, name);
	if (match)
		memcpy(digest, policy->authority_digest, SHA256_DIGEST_SIZE);
	rcu_read_unlock();
	__putname(buf);
	return match;
}

void camsec_access_show_policy(struct seq_file *m)
{
	struct camsec_policy *policy;

	rcu_read_lock();
	policy = rcu_dereference(active_policy);
	if (policy)
		seq_write(m, policy->text, policy->len);
	rcu_read_unlock();
}

void camsec_access_show_hash(struct seq_file *m)
{
	struct camsec_policy *policy;

	rcu_read_lock();
	policy = rcu_dereference(active_policy);
	if (policy)
		seq_printf(m, "sha256:%*phN\n", SHA256_DIGEST_SIZE,
			   policy->hash);
	else
		seq_puts(m, "none\n");
	rcu_read_unlock();
}

void camsec_access_show_error(struct seq_file *m)
{
	mutex_lock(&policy_mutex);
	if (last_error.line)
		seq_printf(m, "%u:%u: %s\n", last_error.line, last_error.col,
			   last_error.msg);
	mutex_unlock(&policy_mutex);
}

static int dev_class(const struct camsec_policy *policy, u8 kind, dev_t dev)
{
	struct camsec_binding key = {
		.kind = kind, .major = MAJOR(dev),
		.minor_lo = MINOR(dev), .minor_hi = MINOR(dev),
	};

	return camsec_policy_lookup(policy, &key);
}

static int label_class(const struct camsec_policy *policy, const char *label)
{
	struct camsec_binding key = { .kind = CAMSEC_BIND_LABEL };

	if (!label[0])
		return -1;
	strscpy(key.label, label, sizeof(key.label));
	return camsec_policy_lookup(policy, &key);
}

/* The label of @dentry, or "" if none. May sleep. */
static void read_label(struct dentry *dentry, char *label)
{
	ssize_t len;

	len = __vfs_getxattr(dentry, d_backing_inode(dentry), XATTR_NAME_CAMSEC,
			     label, CAMSEC_NAME_MAX);
	label[len > 0 ? len : 0] = '\0';
}

/*
 * The label that new inodes in @dir take, while a policy is active: a copy
 * of @dir's (for kfree), its length in @len; NULL if none; or an ERR_PTR.
 * Called on the filesystem's create path: no allocation may recurse into
 * it.
 */
void *camsec_access_dir_label(struct inode *dir, size_t *len)
{
	char label[CAMSEC_NAME_MAX + 1];
	struct dentry *dentry;
	void *copy;

	if (!rcu_access_pointer(active_policy))
		return NULL;
	dentry = d_find_alias(dir);
	if (!dentry)
		return NULL;
	read_label(dentry, label);
	dput(dentry);
	if (!label[0])
		return NULL;
	*len = strlen(label);
	copy = kmemdup(label, *len, GFP_NOFS);
	return copy ?: ERR_PTR(-ENOMEM);
}

/*
 * @inode's class under policy @seq, from its cache; -2 if not cached. One
 * word, read and written whole: the open path takes no lock. Sequence
 * numbers wrap after 2^24 policy loads.
 */
static int cached_class(struct inode *inode, u32 seq)
{
	u32 v = READ_ONCE(camsec_inode(inode)->obj_class);

	return (v >> 8 == (seq & 0xffffff) && v) ? (int)(v & 0xff) - 1 : -2;
}

static void cache_class(struct inode *inode, u32 seq, int cls)
{
	WRITE_ONCE(camsec_inode(inode)->obj_class, (seq & 0xffffff) << 8 |
		   (u8)(cls + 1));
}

/* A change of @inode's label: read it again at the next check. */
void camsec_access_label_changed(struct inode *inode)
{
	cache_class(inode, 0, -1);
}

/*
 * The class of a file with @label: the label's; for a file with none, the
 * class of the block device its filesystem is on, if any.
 */
static int file_class(const struct camsec_policy *policy, const char *label,
		      const struct super_block *sb)
{
	int cls = label_class(policy, label);

	if (cls < 0 && sb->s_bdev)
		cls = dev_class(policy, CAMSEC_BIND_BDEV, sb->s_dev);
	return cls;
}

/* May the current task do @need to an object of class @cls (-1: none)? */
static int class_check(const struct camsec_policy *policy, int cls, u8 need,
		       enum camsec_op op, const struct path *path,
		       struct dentry *dentry)
	__releases(RCU)
{
	const struct camsec_cred *cc = camsec_cred(current_cred());
	char name[CAMSEC_NAME_MAX + 1];
	u8 allowed;

	allowed = cls < 0 ? CAMSEC_PERM_ALL :
			    policy->classes[cls].perms[cc->role];
	if (cls >= 0)
		strscpy(name, policy->classes[cls].name, sizeof(name));
	rcu_read_unlock();
	if (!(need & ~allowed))
		return 0;
	camsec_event_access(op, name, need & ~allowed, path, dentry);
	return -EACCES;
}

/*
 * May the current task do @need (CAMSEC_PERM_*) to @dentry's object? A
 * device is classed by its number, anything else by its label, read once
 * per inode and policy, or else by the block device under it. Refusals
 * are reported as @op on @path.
 */
int camsec_access_check(struct dentry *dentry, u8 need,
			enum camsec_op op, const struct path *path)
{
	struct inode *inode = d_backing_inode(dentry);
	char label[CAMSEC_NAME_MAX + 1];
	struct camsec_policy *policy;
	bool have_label = false;
	int cls;

	if (!rcu_access_pointer(active_policy) || !inode)
		return 0;
retry:
	rcu_read_lock();
	policy = rcu_dereference(active_policy);
	if (!policy) {
		rcu_read_unlock();
		return 0;
	}
	if (S_ISCHR(inode->i_mode)) {
		cls = dev_class(policy, CAMSEC_BIND_DEV, inode->i_rdev);
	} else if (S_ISBLK(inode->i_mode)) {
		cls = dev_class(policy, CAMSEC_BIND_BDEV, inode->i_rdev);
	} else {
		cls = cached_class(inode, policy->seq);
		if (cls == -2 && !have_label) {
			rcu_read_unlock();
			read_label(dentry, label);
			have_label = true;
			goto retry;
		}
		if (cls == -2) {
			cls = file_class(policy, label, inode->i_sb);
			cache_class(inode, policy->seq, cls);
		}
	}
	return class_check(policy, cls, need, op, path, dentry);
}

/*
 * A mount of filesystem @sb, new or shared, needs read (and write, unless
 * read-only) to the class of its block device. The filesystem has read
 * its device by then (and may have written it: a journal's replay, FAT's
 * dirty flag); what it holds is out of reach, as every open of a file on
 * it is checked against the same class.
 */
int camsec_access_check_mount(const struct super_block *sb)
{
	struct camsec_policy *policy;
	u8 need = CAMSEC_PERM_READ;
	int cls;

	if (!sb->s_bdev || !rcu_access_pointer(active_policy))
		return 0;
	if (!sb_rdonly(sb))
		need |= CAMSEC_PERM_WRITE;
	rcu_read_lock();
	policy = rcu_dereference(active_policy);
	if (!policy) {
		rcu_read_unlock();
		return 0;
	}
	cls = dev_class(policy, CAMSEC_BIND_BDEV, sb->s_dev);
	return class_check(policy, cls, need, CAMSEC_OP_MOUNT, NULL, sb->s_root);
}
