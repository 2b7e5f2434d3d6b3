/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec_nf - temporary bans of source blocks
 */

#ifndef _CAMSEC_NF_BAN_H
#define _CAMSEC_NF_BAN_H

#include <linux/bitmap.h>
#include <linux/hashtable.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "addrset.h"

#define CAMSEC_NF_BANS_MAX	4096
#define CAMSEC_NF_BAN_HISTORY	256

struct camsec_nf_ban {
	struct hlist_node node;
	struct camsec_addr addr;	/* the block's first address */
	u8 prefix;			/* in the 128-bit space */
	unsigned long expires;		/* jiffies */
	struct rcu_head rcu;
};

/* A ban as it was made, remembered for escalation. */
struct camsec_nf_ban_past {
	struct camsec_addr addr;
	u8 prefix;
	unsigned long when;		/* jiffies; 0: empty */
};

struct camsec_nf_bans {
	DECLARE_HASHTABLE(table, 10);
	spinlock_t lock;		/* writers; readers use RCU */
	unsigned int count;
	u16 per_length[129];		/* bans of each prefix length */
	DECLARE_BITMAP(lengths, 129);	/* those in use: what a lookup tries */
	struct camsec_nf_ban_past past[CAMSEC_NF_BAN_HISTORY];
	unsigned int past_next;
	struct delayed_work gc;
};

/* What a ban request did, for the caller's events. */
struct camsec_nf_ban_outcome {
	struct camsec_addr addr;	/* the block banned */
	u8 prefix;
	bool escalated;			/* wider than asked: a repeat offender */
	bool evicted;			/* the table was full: */
	struct camsec_addr evicted_addr;	/* this ban gave way */
	u8 evicted_prefix;
};

void camsec_nf_bans_init(struct camsec_nf_bans *bans);
void camsec_nf_bans_exit(struct camsec_nf_bans *bans);
bool camsec_nf_banned(struct camsec_nf_bans *bans, const struct camsec_addr *a);
int camsec_nf_ban_add(struct camsec_nf_bans *bans, const struct camsec_addr *a,
		      u8 prefix, u32 secs, struct camsec_nf_ban_outcome *out);
int camsec_nf_ban_del(struct camsec_nf_bans *bans, const struct camsec_addr *a,
		      int prefix);
u8 camsec_nf_ban_default_prefix(const struct camsec_addr *a);

#endif /* _CAMSEC_NF_BAN_H */
