// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec_nf - temporary bans of source addresses
 *
 * The daemon bans an address that guesses passwords; every packet from it
 * is dropped until the ban expires or an administrator lifts it. Bans
 * belong to the namespace, not to a ruleset, so a reload keeps them.
 * Expired bans stop matching at once and are freed by a periodic sweep.
 */

#include <linux/jhash.h>
#include <linux/slab.h>

#include "ban.h"

#define GC_PERIOD	(10 * HZ)

static u32 ban_hash(const struct camsec_addr *a)
{
	return jhash2((const u32 *)a, sizeof(*a) / sizeof(u32), 0);
}

static struct camsec_nf_ban *ban_find(struct camsec_nf_bans *bans,
				      const struct camsec_addr *a)
{
	struct camsec_nf_ban *ban;

	hash_for_each_possible_rcu(bans->table, ban, node, ban_hash(a))
		if (!camsec_addr_cmp(&ban->addr, a))
			return ban;
	return NULL;
}

/* Called with RCU held (the netfilter hook). */
bool camsec_nf_banned(struct camsec_nf_bans *bans, const struct camsec_addr *a)
{
	struct camsec_nf_ban *ban;

	if (!READ_ONCE(bans->count))
		return false;
	ban = ban_find(bans, a);
	return ban && time_before(jiffies, READ_ONCE(ban->expires));
}

static void ban_remove(struct camsec_nf_bans *bans, struct camsec_nf_ban *ban)
{
	hash_del_rcu(&ban->node);
	WRITE_ONCE(bans->count, bans->count - 1);
	kfree_rcu(ban, rcu);
}

static void bans_gc(struct work_struct *work)
{
	struct camsec_nf_bans *bans = container_of(to_delayed_work(work),
						   struct camsec_nf_bans, gc);
	struct camsec_nf_ban *ban;
	struct hlist_node *tmp;
	int bkt;

	spin_lock_bh(&bans->lock);
	hash_for_each_safe(bans->table, bkt, tmp, ban, node)
		if (!time_before(jiffies, ban->expires))
			ban_remove(bans, ban);
	if (bans->count)
		schedule_delayed_work(&bans->gc, GC_PERIOD);
	spin_unlock_bh(&bans->lock);
}

/* Ban @a for @secs, or extend its ban to end @secs from now. */
int camsec_nf_ban_add(struct camsec_nf_bans *bans, const struct camsec_addr *a,
		      u32 secs)
{
	unsigned long expires = jiffies + secs * HZ;
	struct camsec_nf_ban *ban, *fresh;
	int err = 0;

	fresh = kzalloc(sizeof(*fresh), GFP_KERNEL);
	if (!fresh)
		return -ENOMEM;
	spin_lock_bh(&bans->lock);
	ban = ban_find(bans, a);
	if (ban) {
		WRITE_ONCE(ban->expires, expires);
	} else if (bans->count >= CAMSEC_NF_BANS_MAX) {
		err = -ENOSPC;
	} else {
		fresh->addr = *a;
		fresh->expires = expires;
		hash_add_rcu(bans->table, &fresh->node, ban_hash(a));
		WRITE_ONCE(bans->count, bans->count + 1);
		schedule_delayed_work(&bans->gc, GC_PERIOD);
		fresh = NULL;
	}
	spin_unlock_bh(&bans->lock);
	kfree(fresh);
	return err;
}

int camsec_nf_ban_del(struct camsec_nf_bans *bans, const struct camsec_addr *a)
{
	struct camsec_nf_ban *ban;
	int err = -ENOENT;

	spin_lock_bh(&bans->lock);
	ban = ban_find(bans, a);
	if (ban && time_before(jiffies, ban->expires))
		err = 0;
	if (ban)
		ban_remove(bans, ban);
	spin_unlock_bh(&bans->lock);
	return err;
}

void camsec_nf_bans_init(struct camsec_nf_bans *bans)
{
	hash_init(bans->table);
	spin_lock_init(&bans->lock);
	bans->count = 0;
	INIT_DELAYED_WORK(&bans->gc, bans_gc);
}

void camsec_nf_bans_exit(struct camsec_nf_bans *bans)
{
	struct camsec_nf_ban *ban;
	struct hlist_node *tmp;
	int bkt;

	cancel_delayed_work_sync(&bans->gc);
	spin_lock_bh(&bans->lock);
	hash_for_each_safe(bans->table, bkt, tmp, ban, node)
		ban_remove(bans, ban);
	spin_unlock_bh(&bans->lock);
}
