/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec LSM - sealing the authority's state under the device key
 */

#ifndef _SECURITY_CAMSEC_SEAL_H
#define _SECURITY_CAMSEC_SEAL_H

#include <linux/key.h>
#include <net/genetlink.h>

extern const struct nla_policy camsec_seal_policy[];

int camsec_seal_doit(struct sk_buff *skb, struct genl_info *info);
int camsec_seal_key_permission(const struct key *key,
			       enum key_need_perm need_perm);

#endif /* _SECURITY_CAMSEC_SEAL_H */
