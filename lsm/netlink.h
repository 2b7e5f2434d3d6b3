/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec LSM - the camsec generic netlink family
 */

#ifndef _SECURITY_CAMSEC_NETLINK_H
#define _SECURITY_CAMSEC_NETLINK_H

#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/skbuff.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>

void *camsec_genl_put_reply(struct sk_buff *skb, struct genl_info *info,
			    u8 cmd);

/* An event for the events group in @net, or NULL if nobody listens there. */
struct sk_buff *camsec_genl_event_new(struct net *net, u8 cmd, void **hdr,
				      gfp_t gfp);
void camsec_genl_event_send(struct net *net, struct sk_buff *skb, void *hdr,
			    gfp_t gfp);

int __init camsec_netlink_init(void);

#endif /* _SECURITY_CAMSEC_NETLINK_H */
