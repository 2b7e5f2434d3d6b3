/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec_nf - what one network namespace holds
 */

#ifndef _CAMSEC_NF_H
#define _CAMSEC_NF_H

#include <linux/mutex.h>
#include <linux/ratelimit.h>
#include <net/net_namespace.h>
#include <uapi/linux/camsec.h>

#include "ban.h"
#include "connlimit.h"
#include "ruleset.h"

/*
 * After conntrack has classified the packet (PRE_ROUTING, -200) and
 * before the filter table (0): the integrator's own rules never see what
 * camsec drops, and cannot accept it back.
 */
#define CAMSEC_NF_PRIORITY	(-10)

struct camsec_nf_net {
	struct net *net;
	struct camsec_nf_ruleset __rcu *ruleset;	/* NULL: all accepted */
	struct mutex lock;				/* ruleset writers */
	struct camsec_nf_bans bans;
	struct camsec_nf_connlimit limit;
	u64 __percpu *counters;				/* [CAMSEC_NF_C_*] */
	struct ratelimit_state event_limit;
	atomic_t events_suppressed;
};

struct camsec_nf_net *camsec_nf_pernet(const struct net *net);
u64 camsec_nf_counter(const struct camsec_nf_net *nn, int c);

int camsec_nf_hooks_register(struct net *net);
void camsec_nf_hooks_unregister(struct net *net);

void camsec_nf_ruleset_put(struct camsec_nf_ruleset *rs);
void camsec_nf_event(struct camsec_nf_net *nn, u8 reason,
		     const struct camsec_addr *addr, u8 proto, u16 port,
		     gfp_t gfp);

int camsec_nf_netlink_init(void);
void camsec_nf_netlink_exit(void);
int camsec_nf_sysfs_init(void);
void camsec_nf_sysfs_exit(void);

#endif /* _CAMSEC_NF_H */
