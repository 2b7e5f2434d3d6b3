/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec LSM - the commands of the camsec generic netlink family
 */

#ifndef _SECURITY_CAMSEC_NETLINK_H
#define _SECURITY_CAMSEC_NETLINK_H

#include <linux/init.h>

int __init camsec_netlink_init(void);

#endif /* _SECURITY_CAMSEC_NETLINK_H */
