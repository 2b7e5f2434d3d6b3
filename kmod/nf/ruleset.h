/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec_nf - the ruleset of a network namespace
 */

#ifndef _CAMSEC_NF_RULESET_H
#define _CAMSEC_NF_RULESET_H

#include <linux/atomic.h>
#include <linux/rcupdate.h>
#include <linux/smp.h>
#include <linux/refcount.h>
#include <linux/types.h>
#include <net/netlink.h>
#include <uapi/linux/camsec.h>

#include "addrset.h"

#define CAMSEC_NF_PORTS_MAX	1024
#define CAMSEC_NF_FILTERS_MAX	65536

struct camsec_nf_port {
	u8 proto;		/* IPPROTO_TCP, IPPROTO_UDP */
	u8 scope;
	bool risk;		/* an insecure service, opened on purpose */
	u16 num;
};

struct camsec_nf_filter {
	struct camsec_addr addr;
	u8 prefix;		/* in the 128-bit space */
	u8 scope;
};

/*
 * Replaced whole (RCU); only its counters change while it is active. They
 * are per CPU, without atomics, one row per CPU: the ports' packets, then
 * the filter blocks' hits. A 32-bit CPU may read one torn while it counts.
 */
struct camsec_nf_ruleset {
	struct rcu_head rcu;
	refcount_t ref;			/* the namespace's, and each dump's */
	u8 filter_mode;
	bool accept_ping;
	u8 v6_prefix;
	u32 conn_max, conn_max_per_src;
	u32 udp_max_per_src;		/* UDP flows, as conntrack sees them */
	u32 nports, nfilters;
	struct camsec_nf_port *ports;		/* sorted by proto, num */
	struct camsec_nf_filter *filters;
	struct camsec_addrset *sets[CAMSEC_NF_SCOPES];
	u32 stride;			/* nports + nfilters */
	u64 *hits;			/* [cpu * stride + counter] */
};

/* Count a hit on counter @i (a port, or nports + a filter block). */
static inline void camsec_nf_hit(const struct camsec_nf_ruleset *rs, u32 i)
{
	rs->hits[smp_processor_id() * rs->stride + i]++;
}

u64 camsec_nf_hits(const struct camsec_nf_ruleset *rs, u32 i);

struct camsec_nf_ruleset *camsec_nf_ruleset_parse(const struct nlmsghdr *nlh,
						  struct nlattr **tb,
						  struct netlink_ext_ack *extack);
void camsec_nf_ruleset_free(struct camsec_nf_ruleset *rs);
void camsec_nf_ruleset_put(struct camsec_nf_ruleset *rs);
struct camsec_nf_port *camsec_nf_port_find(const struct camsec_nf_ruleset *rs,
					   u8 proto, u16 num);
bool camsec_nf_filter_passes(const struct camsec_nf_ruleset *rs,
			     const struct camsec_nf_port *port,
			     const struct camsec_addr *src,
			     const struct camsec_addr *embedded,
			     unsigned int nembedded);
const char *camsec_nf_insecure_service(u8 proto, u16 num);
int camsec_nf_parse_addr(const struct nlattr *attr, struct camsec_addr *a,
			 struct netlink_ext_ack *extack);

#endif /* _CAMSEC_NF_RULESET_H */
