// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec_nf - temporary bans of source blocks
 *
 * The daemon bans a source that guesses passwords; every packet from its
 * block is dropped until the ban expires or an administrator lifts it.
 * A ban covers a prefix: by default an IPv4 address or an IPv6 /64, the
 * least an IPv6 attacker owns. A repeat offender is banned wider: the
 * third ban within an hour inside the next block up (IPv4 /24; IPv6 /64,
 * /56, /48) bans that block, and the bans it covers give way. A full table
 * never refuses a ban: the ban that ends soonest gives way, and the caller
 * reports it. Bans belong to the namespace, not to a ruleset, so a reload
 * keeps them. Expired bans stop matching at once; a sweep frees them.
 */

#include <linux/jhash.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "ban.h"

#define GC_PERIOD	(10 * HZ)

static unsigned int escalate_after = 3;
module_param(escalate_after, uint, 0644);
MODULE_PARM_DESC(escalate_after, "bans within the window that widen the next (0: never)");

static unsigned int escalate_window_s = 3600;
module_param(escalate_window_s, uint, 0644);
MODULE_PARM_DESC(escalate_window_s, "seconds a ban counts toward widening");

static u32 ban_hash(const struct camsec_addr *a, u8 prefix)
{
	return jhash2((const u32 *)a, sizeof(*a) / sizeof(u32), prefix);
}

static struct camsec_nf_ban *ban_find(struct camsec_nf_bans *bans,
				      const struct camsec_addr *block,
				      u8 prefix)
{
	struct camsec_nf_ban *ban;

	hash_for_each_possible_rcu(bans->table, ban, node,
				   ban_hash(block, prefix))
		if (ban->prefix == prefix && !camsec_addr_cmp(&ban->addr, block))
			return ban;
	return NULL;
}

/* Called with RCU held (the netfilter hook): one lookup per length in use. */
bool camsec_nf_banned(struct camsec_nf_bans *bans, const struct camsec_addr *a)
{
	struct camsec_addr block;
	struct camsec_nf_ban *ban;
	unsigned int len;

	if (!READ_ONCE(bans->count))
		return false;
	for_each_set_bit(len, bans->lengths, 129) {
		block = *a;
		camsec_addr_mask(&block, len);
		ban = ban_find(bans, &block, len);
		if (ban && time_before(jiffies, READ_ONCE(ban->expires)))
			return true;
	}
	return false;
}

u8 camsec_nf_ban_default_prefix(const struct camsec_addr *a)
{
	return camsec_addr_is_v4(a) ? 128 : 64;
}

/* The block a repeat offender's ban widens to, or 0: none wider. */
static u8 wider(const struct camsec_addr *a, u8 prefix)
{
	static const u8 v6[] = { 64, 56, 48 };
	unsigned int i;

	if (camsec_addr_is_v4(a))
		return prefix > 120 ? 120 : 0;
	for (i = 0; i < ARRAY_SIZE(v6); i++)
		if (prefix > v6[i])
			return v6[i];
	return 0;
}

/* Is @b (a block of @bprefix) inside @a's block of @aprefix? */
static bool inside(const struct camsec_addr *b, u8 bprefix,
		   const struct camsec_addr *a, u8 aprefix)
{
	struct camsec_addr m = *b;

	if (bprefix < aprefix)
		return false;
	camsec_addr_mask(&m, aprefix);
	return !camsec_addr_cmp(&m, a);
}

/* Other blocks of @prefix inside @parent banned within the window. */
static unsigned int recent_inside(struct camsec_nf_bans *bans,
				  const struct camsec_addr *block, u8 prefix,
				  const struct camsec_addr *parent, u8 pprefix)
{
	unsigned long since = jiffies - escalate_window_s * HZ;
	const struct camsec_nf_ban_past *p;
	unsigned int i, n = 0;

	for (i = 0; i < CAMSEC_NF_BAN_HISTORY; i++) {
		p = &bans->past[i];
		if (p->when && time_after(p->when, since) &&
		    p->prefix == prefix && camsec_addr_cmp(&p->addr, block) &&
		    inside(&p->addr, p->prefix, parent, pprefix))
			n++;
	}
	return n;
}

static void remember(struct camsec_nf_bans *bans,
		     const struct camsec_addr *block, u8 prefix)
{
	struct camsec_nf_ban_past *p = &bans->past[bans->past_next];

	p->addr = *block;
	p->prefix = prefix;
	p->when = jiffies ?: 1;
	bans->past_next = (bans->past_next + 1) % CAMSEC_NF_BAN_HISTORY;
}

static void ban_insert(struct camsec_nf_bans *bans, struct camsec_nf_ban *ban)
{
	if (!bans->per_length[ban->prefix]++)
		set_bit(ban->prefix, bans->lengths);
	hash_add_rcu(bans->table, &ban->node, ban_hash(&ban->addr, ban->prefix));
	WRITE_ONCE(bans->count, bans->count + 1);
}

static void ban_remove(struct camsec_nf_bans *bans, struct camsec_nf_ban *ban)
{
	hash_del_rcu(&ban->node);
	if (!--bans->per_length[ban->prefix])
		clear_bit(ban->prefix, bans->lengths);
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

/* The bans inside @block that end no later than @expires give way to it. */
static void fold_into(struct camsec_nf_bans *bans,
		      const struct camsec_addr *block, u8 prefix,
		      unsigned long expires)
{
	struct camsec_nf_ban *ban;
	struct hlist_node *tmp;
	int bkt;

	hash_for_each_safe(bans->table, bkt, tmp, ban, node)
		if (ban->prefix > prefix && !time_after(ban->expires, expires) &&
		    inside(&ban->addr, ban->prefix, block, prefix))
			ban_remove(bans, ban);
}

/* The table is full: the ban that ends soonest gives way. */
static void evict_soonest(struct camsec_nf_bans *bans,
			  struct camsec_nf_ban_outcome *out)
{
	struct camsec_nf_ban *ban, *soonest = NULL;
	int bkt;

	hash_for_each(bans->table, bkt, ban, node)
		if (!soonest || time_before(ban->expires, soonest->expires))
			soonest = ban;
	out->evicted = true;
	out->evicted_addr = soonest->addr;
	out->evicted_prefix = soonest->prefix;
	ban_remove(bans, soonest);
}

/*
 * Ban the block of @prefix (128-bit space) around @a for @secs, or extend
 * its ban to end @secs from now; wider if @a's block is a repeat offender.
 * @out says what was banned, and what gave way if the table was full.
 */
int camsec_nf_ban_add(struct camsec_nf_bans *bans, const struct camsec_addr *a,
		      u8 prefix, u32 secs, struct camsec_nf_ban_outcome *out)
{
	unsigned long expires = jiffies + secs * HZ;
	struct camsec_nf_ban *ban, *fresh;
	struct camsec_addr parent;
	u8 up;

	fresh = kzalloc(sizeof(*fresh), GFP_KERNEL);
	if (!fresh)
		return -ENOMEM;
	memset(out, 0, sizeof(*out));
	out->addr = *a;
	camsec_addr_mask(&out->addr, prefix);
	out->prefix = prefix;
	spin_lock_bh(&bans->lock);
	while (escalate_after && (up = wider(&out->addr, out->prefix))) {
		parent = out->addr;
		camsec_addr_mask(&parent, up);
		if (recent_inside(bans, &out->addr, out->prefix, &parent, up) + 1 <
		    escalate_after)
			break;
		remember(bans, &out->addr, out->prefix);
		out->addr = parent;
		out->prefix = up;
		out->escalated = true;
	}
	remember(bans, &out->addr, out->prefix);
	fold_into(bans, &out->addr, out->prefix, expires);
	ban = ban_find(bans, &out->addr, out->prefix);
	if (ban) {
		WRITE_ONCE(ban->expires, expires);
	} else {
		if (bans->count >= CAMSEC_NF_BANS_MAX)
			evict_soonest(bans, out);
		fresh->addr = out->addr;
		fresh->prefix = out->prefix;
		fresh->expires = expires;
		ban_insert(bans, fresh);
		fresh = NULL;
	}
	schedule_delayed_work(&bans->gc, GC_PERIOD);
	spin_unlock_bh(&bans->lock);
	kfree(fresh);
	return 0;
}

/*
 * Lift the ban of @a's block of @prefix, or with @prefix < 0 every ban
 * that covers @a. -ENOENT if none was in force.
 */
int camsec_nf_ban_del(struct camsec_nf_bans *bans, const struct camsec_addr *a,
		      int prefix)
{
	struct camsec_nf_ban *ban;
	struct hlist_node *tmp;
	int bkt, err = -ENOENT;

	spin_lock_bh(&bans->lock);
	hash_for_each_safe(bans->table, bkt, tmp, ban, node) {
		if (!inside(a, 128, &ban->addr, ban->prefix) ||
		    (prefix >= 0 && ban->prefix != prefix))
			continue;
		if (time_before(jiffies, ban->expires))
			err = 0;
		ban_remove(bans, ban);
	}
	spin_unlock_bh(&bans->lock);
	return err;
}

void camsec_nf_bans_init(struct camsec_nf_bans *bans)
{
	hash_init(bans->table);
	spin_lock_init(&bans->lock);
	bans->count = 0;
	memset(bans->per_length, 0, sizeof(bans->per_length));
	bitmap_zero(bans->lengths, 129);
	memset(bans->past, 0, sizeof(bans->past));
	bans->past_next = 0;
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
