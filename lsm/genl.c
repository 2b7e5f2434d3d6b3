// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec LSM - the camsec generic netlink family
 *
 * The family itself, apart from its commands (netlink.c), so that the
 * parts below them can reply and send events without calling back up.
 * The events go to the initial network namespace only, to listeners with
 * CAP_SYS_ADMIN.
 */

#include <linux/module.h>
#include <uapi/linux/camsec.h>

#include "genl.h"

enum camsec_mcgrp { CAMSEC_MCGRP_EVENTS_ID };

static const struct genl_multicast_group camsec_mcgrps[] = {
	[CAMSEC_MCGRP_EVENTS_ID] = {
		.name = CAMSEC_MCGRP_EVENTS,
#ifdef GENL_MCAST_CAP_SYS_ADMIN
		.flags = GENL_MCAST_CAP_SYS_ADMIN,
#endif
	},
};

static struct genl_family camsec_family __ro_after_init = {
	.name = CAMSEC_GENL_NAME,
	.version = CAMSEC_GENL_VERSION,
	.netnsok = true,
	.module = THIS_MODULE,
	.resv_start_op = CAMSEC_CMD_APPSIG_EVENT + 1,
	.mcgrps = camsec_mcgrps,
	.n_mcgrps = ARRAY_SIZE(camsec_mcgrps),
};

static bool registered __ro_after_init;

/* Each command has its own policy; a dump takes no attributes. */
int __init camsec_genl_register(const struct genl_ops *ops, int n_ops)
{
	int err;

	camsec_family.ops = ops;
	camsec_family.n_ops = n_ops;
	err = genl_register_family(&camsec_family);
	registered = !err;
	return err;
}

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
