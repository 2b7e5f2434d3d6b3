/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec LSM - the camsec generic netlink family
 */

#ifndef _SECURITY_CAMSEC_NETLINK_H
#define _SECURITY_CAMSEC_NETLINK_H

#include <net/genetlink.h>

struct sk_buff *camsec_genl_event_new(u8 cmd, void **hdr);
void camsec_genl_event_send(struct sk_buff *skb, void *hdr);
int __init camsec_netlink_init(void);

#endif /* _SECURITY_CAMSEC_NETLINK_H */
