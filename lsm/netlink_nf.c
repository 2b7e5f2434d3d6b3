// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec LSM - attribute policies of the netfilter module's commands
 *
 * The family validates every request before it reaches a module, strictly
 * and in one place, so that the policies can be read back through the
 * generic netlink controller. The module parses its repeated nests with
 * the nested policies exported here.
 */

#include <linux/camsec_genl.h>
#include <linux/export.h>
#include <net/netlink.h>

#include "netlink.h"

#define BAN_SECS_MAX	(30 * 24 * 3600)

const struct nla_policy camsec_nf_port_policy[CAMSEC_NF_PORT_MAX + 1] = {
	[CAMSEC_NF_PORT_PROTO]		= { .type = NLA_U8 },
	[CAMSEC_NF_PORT_NUM]		= NLA_POLICY_MIN(NLA_U16, 1),
	[CAMSEC_NF_PORT_SCOPE]		= NLA_POLICY_MAX(NLA_U8,
							 CAMSEC_NF_SCOPES - 1),
	[CAMSEC_NF_PORT_ACCEPT_RISK]	= { .type = NLA_FLAG },
};
EXPORT_SYMBOL_GPL(camsec_nf_port_policy);

const struct nla_policy camsec_nf_filter_policy[CAMSEC_NF_FILTER_MAX + 1] = {
	[CAMSEC_NF_FILTER_ADDR]		= { .type = NLA_BINARY, .len = 16 },
	[CAMSEC_NF_FILTER_PREFIX]	= { .type = NLA_U8 },
	[CAMSEC_NF_FILTER_SCOPE]	= NLA_POLICY_MAX(NLA_U8,
							 CAMSEC_NF_SCOPES - 1),
};
EXPORT_SYMBOL_GPL(camsec_nf_filter_policy);

/* Counters and other read-only attributes are refused. */
const struct nla_policy camsec_nf_set_policy[CAMSEC_NF_A_MAX + 1] = {
	[CAMSEC_NF_A_PORT]		= NLA_POLICY_NESTED(camsec_nf_port_policy),
	[CAMSEC_NF_A_FILTER_MODE]	= NLA_POLICY_MAX(NLA_U8,
							 CAMSEC_NF_FILTER_DENY),
	[CAMSEC_NF_A_FILTER]		= NLA_POLICY_NESTED(camsec_nf_filter_policy),
	[CAMSEC_NF_A_CONN_MAX]		= { .type = NLA_U32 },
	[CAMSEC_NF_A_CONN_MAX_PER_SRC]	= { .type = NLA_U32 },
	[CAMSEC_NF_A_UDP_MAX_PER_SRC]	= { .type = NLA_U32 },
	[CAMSEC_NF_A_V6_PREFIX]		= NLA_POLICY_RANGE(NLA_U8, 1, 128),
	[CAMSEC_NF_A_ACCEPT_PING]	= { .type = NLA_FLAG },
};

/* Not const: 6.1's policy points at it without const. */
static struct netlink_range_validation ban_secs = {
	.min = 1, .max = BAN_SECS_MAX,
};

const struct nla_policy camsec_nf_ban_policy[CAMSEC_NF_A_MAX + 1] = {
	[CAMSEC_NF_A_ADDR]	= { .type = NLA_BINARY, .len = 16 },
	[CAMSEC_NF_A_TIMEOUT]	= NLA_POLICY_FULL_RANGE(NLA_U32, &ban_secs),
	[CAMSEC_NF_A_BAN_PREFIX] = NLA_POLICY_MAX(NLA_U8, 128),
};
