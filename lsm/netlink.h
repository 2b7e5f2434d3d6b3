/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec LSM - the camsec generic netlink family
 */

#ifndef _SECURITY_CAMSEC_NETLINK_H
#define _SECURITY_CAMSEC_NETLINK_H

#include <linux/camsec_genl.h>

extern const struct nla_policy camsec_nf_set_policy[CAMSEC_NF_A_MAX + 1];
extern const struct nla_policy camsec_nf_ban_policy[CAMSEC_NF_A_MAX + 1];
int __init camsec_netlink_init(void);

#endif /* _SECURITY_CAMSEC_NETLINK_H */
