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

static int dev_class(const struct camsec_policy *policy, dev_t rdev)
{
	struct camsec_binding key = {
		.kind = CAMSEC_BIND_DEV, .major = MAJOR(rdev),
		.minor_lo = MINOR(rdev), .minor_hi = MINOR(rdev),
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
 * May the current task do @need (CAMSEC_PERM_*) to @dentry's object? A
 * char device is classed by its number, anything else by its label, read
 * once per inode and policy. Refusals are reported as @op on @path.
 */
int camsec_access_check(struct dentry *dentry, u8 need,
			enum camsec_op op, const struct path *path)
{
	struct inode *inode = d_backing_inode(dentry);
	char label[CAMSEC_NAME_MAX + 1], name[CAMSEC_NAME_MAX + 1];
	const struct camsec_cred *cc = camsec_cred(current_cred());
	struct camsec_policy *policy;
	bool have_label = false;
	int cls;
	u8 allowed;

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
		cls = dev_class(policy, inode->i_rdev);
	} else {
		cls = cached_class(inode, policy->seq);
		if (cls == -2 && !have_label) {
			rcu_read_unlock();
			read_label(dentry, label);
			have_label = true;
			goto retry;
		}
		if (cls == -2) {
			cls = label_class(policy, label);
			cache_class(inode, policy->seq, cls);
		}
	}
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
