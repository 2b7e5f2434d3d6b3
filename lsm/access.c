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
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "access.h"

static struct camsec_policy __rcu *active_policy;
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

/* Is @path the authority's program in the active policy? */
bool camsec_access_is_authority(const char *path)
{
	struct camsec_policy *policy;
	bool match;

	rcu_read_lock();
	policy = rcu_dereference(active_policy);
	match = policy && !strcmp(policy->authority, path);
	rcu_read_unlock();
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
