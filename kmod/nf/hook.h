/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec_nf - the input hook of a network namespace
 */

#ifndef _CAMSEC_NF_HOOK_H
#define _CAMSEC_NF_HOOK_H

#include <net/net_namespace.h>

/*
 * After conntrack has classified the packet (PRE_ROUTING, -200) and
 * before the filter table (0): the integrator's own rules never see what
 * camsec drops, and cannot accept it back.
 */
#define CAMSEC_NF_PRIORITY	(-10)

int camsec_nf_hooks_register(struct net *net);
void camsec_nf_hooks_unregister(struct net *net);

#endif /* _CAMSEC_NF_HOOK_H */
