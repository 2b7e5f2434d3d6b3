/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec_nf - temporary bans of source addresses
 */

#ifndef _CAMSEC_NF_BAN_H
#define _CAMSEC_NF_BAN_H

#include <linux/hashtable.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "addrset.h"

#define CAMSEC_NF_BANS_MAX	4096

struct camsec_nf_ban {
	struct hlist_node node;
	struct camsec_addr addr;
	unsigned long expires;		/* jiffies */
	struct rcu_head rcu;
};

struct camsec_nf_bans {
	DECLARE_HASHTABLE(table, 8);
	spinlock_t lock;		/* writers; readers use RCU */
	unsigned int count;
	struct delayed_work gc;
};

void camsec_nf_bans_init(struct camsec_nf_bans *bans);
void camsec_nf_bans_exit(struct camsec_nf_bans *bans);
bool camsec_nf_banned(struct camsec_nf_bans *bans, const struct camsec_addr *a);
int camsec_nf_ban_add(struct camsec_nf_bans *bans, const struct camsec_addr *a,
		      u32 secs);
int camsec_nf_ban_del(struct camsec_nf_bans *bans, const struct camsec_addr *a);

#endif /* _CAMSEC_NF_BAN_H */
