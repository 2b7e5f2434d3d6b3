// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec LSM - the camsec generic netlink family
 *
 * The LSM's status, its events and the authority's sealing. The events go
 * to the initial network namespace only, to listeners with CAP_SYS_ADMIN.
 * The spec: docs/netlink/camsec.yaml.
 */

#define pr_fmt(fmt) "camsec: " fmt

#include <linux/module.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>

#include "appsig.h"
#include "event.h"
#include "netlink.h"
#include "seal.h"

enum camsec_mcgrp { CAMSEC_MCGRP_EVENTS_ID };

static const struct genl_multicast_group camsec_mcgrps[] = {
	[CAMSEC_MCGRP_EVENTS_ID] = {
		.name = CAMSEC_MCGRP_EVENTS,
#ifdef GENL_MCAST_CAP_SYS_ADMIN
		.flags = GENL_MCAST_CAP_SYS_ADMIN,
#endif
	},
};

static struct genl_family camsec_family;
static bool registered __ro_after_init;

static const struct nla_policy camsec_policy[CAMSEC_A_MAX + 1] = {};

static int appsig_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct camsec_appsig_stats st;
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &camsec_family, 0,
				CAMSEC_CMD_APPSIG_GET);
	if (!hdr)
		goto nospace;
	camsec_appsig_stats(&st);
	if (nla_put_u8(msg, CAMSEC_A_APPSIG_MODE, camsec_appsig_mode()) ||
	    nla_put_u8(msg, CAMSEC_A_APPSIG_LOCKED, camsec_appsig_locked()) ||
	    nla_put_u64_64bit(msg, CAMSEC_A_APPSIG_VERIFIED, st.verified,
			      CAMSEC_A_PAD) ||
	    nla_put_u64_64bit(msg, CAMSEC_A_APPSIG_CACHE_HITS, st.cache_hits,
			      CAMSEC_A_PAD) ||
	    nla_put_u64_64bit(msg, CAMSEC_A_APPSIG_DENIED, st.denied,
			      CAMSEC_A_PAD) ||
	    nla_put_u64_64bit(msg, CAMSEC_A_APPSIG_LOGGED, st.logged,
			      CAMSEC_A_PAD) ||
	    nla_put_u64_64bit(msg, CAMSEC_A_APPSIG_SUPPRESSED,
			      camsec_events_suppressed(), CAMSEC_A_PAD))
		goto nospace;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nospace:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static const struct genl_ops camsec_ops[] = {
	{
		.cmd = CAMSEC_CMD_APPSIG_GET,
		.doit = appsig_get_doit,
		.policy = camsec_policy,
		.maxattr = CAMSEC_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = CAMSEC_CMD_SEAL,
		.doit = camsec_seal_doit,
		.policy = camsec_seal_policy,
		.maxattr = CAMSEC_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = CAMSEC_CMD_OPEN,
		.doit = camsec_seal_doit,
		.policy = camsec_seal_policy,
		.maxattr = CAMSEC_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
};

/* Each command has its own policy; a dump takes no attributes. */
static struct genl_family camsec_family __ro_after_init = {
	.name = CAMSEC_GENL_NAME,
	.version = CAMSEC_GENL_VERSION,
	.netnsok = true,
	.module = THIS_MODULE,
	.ops = camsec_ops,
	.n_ops = ARRAY_SIZE(camsec_ops),
	.resv_start_op = CAMSEC_CMD_APPSIG_EVENT + 1,
	.mcgrps = camsec_mcgrps,
	.n_mcgrps = ARRAY_SIZE(camsec_mcgrps),
};

void *camsec_genl_put_reply(struct sk_buff *skb, struct genl_info *info,
			    u8 cmd)
{
	return genlmsg_put_reply(skb, info, &camsec_family, 0, cmd);
}

/* A message for the events group in @net, or NULL if nobody listens. */
struct sk_buff *camsec_genl_event_new(struct net *net, u8 cmd, void **hdr,
				      gfp_t gfp)
{
	struct sk_buff *skb;

	if (!registered || !genl_has_listeners(&camsec_family, net,
					       CAMSEC_MCGRP_EVENTS_ID))
		return NULL;
	skb = genlmsg_new(NLMSG_GOODSIZE, gfp);
	if (!skb)
		return NULL;
	*hdr = genlmsg_put(skb, 0, 0, &camsec_family, 0, cmd);
	if (!*hdr) {
		nlmsg_free(skb);
		return NULL;
	}
	return skb;
}

void camsec_genl_event_send(struct net *net, struct sk_buff *skb, void *hdr,
			    gfp_t gfp)
{
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&camsec_family, net, skb, 0,
				CAMSEC_MCGRP_EVENTS_ID, gfp);
}

int __init camsec_netlink_init(void)
{
	int err = genl_register_family(&camsec_family);

	if (err)
		pr_err("cannot register the %s netlink family: %d\n",
		       CAMSEC_GENL_NAME, err);
	else
		registered = true;
	return err;
}
