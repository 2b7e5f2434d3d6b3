/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec_nf - what one network namespace holds
 */

#ifndef _CAMSEC_NF_NET_H
#define _CAMSEC_NF_NET_H

#include <linux/mutex.h>
#include <linux/ratelimit.h>
#include <net/net_namespace.h>
#include <uapi/linux/camsec.h>

#include "ban.h"
#include "connlimit.h"
#include "ruleset.h"

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

extern unsigned int camsec_nf_net_id;

struct camsec_nf_net *camsec_nf_pernet(const struct net *net);
u64 camsec_nf_counter(const struct camsec_nf_net *nn, int c);

#endif /* _CAMSEC_NF_NET_H */
