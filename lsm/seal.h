/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec LSM - sealing the authority's state under the device key
 */

#ifndef _SECURITY_CAMSEC_SEAL_H
#define _SECURITY_CAMSEC_SEAL_H

#include <linux/init.h>
#include <net/genetlink.h>

extern const struct nla_policy camsec_seal_policy[];

int camsec_seal_doit(struct sk_buff *skb, struct genl_info *info);
void __init camsec_seal_add_hooks(void);

#endif /* _SECURITY_CAMSEC_SEAL_H */
