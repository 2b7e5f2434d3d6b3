/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec LSM - the camsec generic netlink family: registered with the
 * commands of netlink.c, and used by the parts that reply or send events
 */

#ifndef _SECURITY_CAMSEC_GENL_H
#define _SECURITY_CAMSEC_GENL_H

#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/skbuff.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>

int __init camsec_genl_register(const struct genl_ops *ops, int n_ops);

void *camsec_genl_put_reply(struct sk_buff *skb, struct genl_info *info,
			    u8 cmd);

/* An event for the events group in @net, or NULL if nobody listens there. */
struct sk_buff *camsec_genl_event_new(struct net *net, u8 cmd, void **hdr,
				      gfp_t gfp);
void camsec_genl_event_send(struct net *net, struct sk_buff *skb, void *hdr,
			    gfp_t gfp);

#endif /* _SECURITY_CAMSEC_GENL_H */
