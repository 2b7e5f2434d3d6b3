// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec LSM - the commands of the camsec generic netlink family: the
 * LSM's status, and the authority's sealing (seal.c). The spec:
 * docs/netlink/camsec.yaml.
 */

#define pr_fmt(fmt) "camsec: " fmt

#include <net/genetlink.h>

#include "appsig.h"
#include "event.h"
#include "genl.h"
#include "netlink.h"
#include "seal.h"

static const struct nla_policy camsec_policy[CAMSEC_A_MAX + 1] = {};

static int appsig_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct camsec_appsig_stats st;
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = camsec_genl_put_reply(msg, info, CAMSEC_CMD_APPSIG_GET);
	if (!hdr)
		goto nospace;
	camsec_appsig_stats(&st);
	if (nla_put_u8(msg, CAMSEC_A_APPSIG_MODE, camsec_appsig_mode()) ||
	    nla_put_u8(msg, CAMSEC_A_APPSIG_LOCKED, camsec_appsig_locked()) ||
	    nla_put_u32(msg, CAMSEC_A_APPSIG_TRUST, camsec_appsig_trust()) ||
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

int __init camsec_netlink_init(void)
{
	int err = camsec_genl_register(camsec_ops, ARRAY_SIZE(camsec_ops));

	if (err)
		pr_err("cannot register the %s netlink family: %d\n",
		       CAMSEC_GENL_NAME, err);
	return err;
}
