// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec_nf - limits on concurrent TCP connections and UDP flows
 *
 * Counted by the kernel's nf_conncount over conntrack, as xt_connlimit
 * and nft's "ct count" do: a connection stops counting when conntrack
 * sees it close or forgets it; a UDP flow (one source port to one open
 * port) when conntrack forgets it, 30 s after its last packet (120 s for
 * a stream). Every new connection and flow is counted, limits or not, so
 * that a limit set later starts from the true count; the counts belong
 * to the namespace and survive a ruleset reload.
 */

#include <net/netfilter/nf_conntrack.h>
#include <net/netfilter/nf_conntrack_count.h>
#include <uapi/linux/camsec.h>

#include "connlimit.h"
#include "ruleset.h"

#ifdef CAMSEC_CONNCOUNT_NO_FAMILY
#define conncount_init(net, keylen)	nf_conncount_init(net, keylen)
#define conncount_destroy(net, data)	nf_conncount_destroy(net, data)
#else
#define conncount_init(net, keylen) \
	nf_conncount_init(net, NFPROTO_INET, keylen)
#define conncount_destroy(net, data) \
	nf_conncount_destroy(net, NFPROTO_INET, data)
#endif

int camsec_nf_connlimit_init(struct net *net, struct camsec_nf_connlimit *cl)
{
	int err = nf_ct_netns_get(net, NFPROTO_INET);

	if (err)
		return err;
	cl->per_src = conncount_init(net, sizeof(struct camsec_addr));
	if (IS_ERR(cl->per_src)) {
		err = PTR_ERR(cl->per_src);
		goto put;
	}
	cl->total = conncount_init(net, sizeof(u32));
	if (IS_ERR(cl->total)) {
		err = PTR_ERR(cl->total);
		goto per_src;
	}
	cl->udp_per_src = conncount_init(net, sizeof(struct camsec_addr));
	if (IS_ERR(cl->udp_per_src)) {
		err = PTR_ERR(cl->udp_per_src);
		conncount_destroy(net, cl->total);
		goto per_src;
	}
	return 0;
per_src:
	conncount_destroy(net, cl->per_src);
put:
	nf_ct_netns_put(net, NFPROTO_INET);
	return err;
}

void camsec_nf_connlimit_exit(struct net *net, struct camsec_nf_connlimit *cl)
{
	conncount_destroy(net, cl->udp_per_src);
	conncount_destroy(net, cl->total);
	conncount_destroy(net, cl->per_src);
	nf_ct_netns_put(net, NFPROTO_INET);
}

/* The key of a source: its address, or its IPv6 block. */
static struct camsec_addr source_key(const struct camsec_nf_ruleset *rs,
				     const struct camsec_addr *src)
{
	struct camsec_addr key = *src;

	if (!camsec_addr_is_v4(src))
		camsec_addr_mask(&key, rs->v6_prefix);
	return key;
}

/*
 * Count @skb's new connection or flow under @key in @data: over @max
 * (0: no limit), or untracked for want of memory (a count of 0)?
 */
static bool counted_over(struct net *net, const struct sk_buff *skb,
			 u16 l3num, struct nf_conncount_data *data,
			 const void *key, u32 max)
{
	unsigned int n = nf_conncount_count_skb(net, skb, l3num, data, key);

	return !n || (max && n > max);
}

/*
 * Count the new connection of @skb from @src; 0 if within the limits,
 * else the CAMSEC_NF_REASON_* that refuses it. A count of 0 means
 * nf_conncount could not track it (no memory): refused too.
 */
int camsec_nf_connlimit_check(struct net *net, struct camsec_nf_connlimit *cl,
			      const struct camsec_nf_ruleset *rs,
			      const struct sk_buff *skb, u16 l3num,
			      const struct camsec_addr *src)
{
	struct camsec_addr key = source_key(rs, src);
	static const u32 total_key;

	if (counted_over(net, skb, l3num, cl->per_src, &key,
			 rs->conn_max_per_src))
		return CAMSEC_NF_REASON_SRC_LIMIT;
	if (counted_over(net, skb, l3num, cl->total, &total_key, rs->conn_max))
		return CAMSEC_NF_REASON_CONN_LIMIT;
	return 0;
}

/* As camsec_nf_connlimit_check(), for the new UDP flow of @skb. */
int camsec_nf_udplimit_check(struct net *net, struct camsec_nf_connlimit *cl,
			     const struct camsec_nf_ruleset *rs,
			     const struct sk_buff *skb, u16 l3num,
			     const struct camsec_addr *src)
{
	struct camsec_addr key = source_key(rs, src);

	if (counted_over(net, skb, l3num, cl->udp_per_src, &key,
			 rs->udp_max_per_src))
		return CAMSEC_NF_REASON_SRC_LIMIT;
	return 0;
}
