/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec_nf - limits on concurrent TCP connections and UDP flows
 */

#ifndef _CAMSEC_NF_CONNLIMIT_H
#define _CAMSEC_NF_CONNLIMIT_H

#include <linux/skbuff.h>

#include "addrset.h"

struct camsec_nf_ruleset;

struct camsec_nf_connlimit {
	struct nf_conncount_data *per_src;	/* keyed by source block */
	struct nf_conncount_data *total;	/* one key */
	struct nf_conncount_data *udp_per_src;	/* UDP flows, by source block */
};

int camsec_nf_connlimit_init(struct net *net, struct camsec_nf_connlimit *cl);
void camsec_nf_connlimit_exit(struct net *net, struct camsec_nf_connlimit *cl);
int camsec_nf_connlimit_check(struct net *net, struct camsec_nf_connlimit *cl,
			      const struct camsec_nf_ruleset *rs,
			      const struct sk_buff *skb, u16 l3num,
			      const struct camsec_addr *src);
int camsec_nf_udplimit_check(struct net *net, struct camsec_nf_connlimit *cl,
			     const struct camsec_nf_ruleset *rs,
			     const struct sk_buff *skb, u16 l3num,
			     const struct camsec_addr *src);

#endif /* _CAMSEC_NF_CONNLIMIT_H */
