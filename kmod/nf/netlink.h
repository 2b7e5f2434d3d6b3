/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec_nf - the camsec_nf generic netlink family
 */

#ifndef _CAMSEC_NF_NETLINK_H
#define _CAMSEC_NF_NETLINK_H

#include "net.h"

void camsec_nf_event(struct camsec_nf_net *nn, u8 reason,
		     const struct camsec_addr *addr, u8 proto, u16 port,
		     gfp_t gfp);

int camsec_nf_netlink_init(void);
void camsec_nf_netlink_exit(void);

#endif /* _CAMSEC_NF_NETLINK_H */
