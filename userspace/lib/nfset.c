// SPDX-License-Identifier: GPL-2.0-only
/*
 * A camsec_nf ruleset into a CAMSEC_CMD_NF_SET request (see nfset.h).
 */
#define _GNU_SOURCE
#include <linux/camsec.h>
#include <netlink/attr.h>

#include "nfset.h"

static int put_port(struct nl_msg *msg, const struct nr_port *p)
{
	struct nlattr *nest = nla_nest_start(msg, CAMSEC_NF_A_PORT);

	if (!nest || nla_put_u8(msg, CAMSEC_NF_PORT_PROTO, p->proto) ||
	    nla_put_u16(msg, CAMSEC_NF_PORT_NUM, p->num) ||
	    nla_put_u8(msg, CAMSEC_NF_PORT_SCOPE, p->scope) ||
	    (p->risk && nla_put_flag(msg, CAMSEC_NF_PORT_ACCEPT_RISK)))
		return -1;
	nla_nest_end(msg, nest);
	return 0;
}

static int put_cidr(struct nl_msg *msg, const struct nr_cidr *c)
{
	struct nlattr *nest = nla_nest_start(msg, CAMSEC_NF_A_FILTER);

	if (!nest || nla_put(msg, CAMSEC_NF_FILTER_ADDR, c->len, c->addr) ||
	    nla_put_u8(msg, CAMSEC_NF_FILTER_PREFIX, c->prefix) ||
	    nla_put_u8(msg, CAMSEC_NF_FILTER_SCOPE, c->scope))
		return -1;
	nla_nest_end(msg, nest);
	return 0;
}

int nfset_put(struct nl_msg *msg, const struct nr_option *o)
{
	switch (o->kind) {
	case NR_PORT:
		return put_port(msg, &o->port);
	case NR_CIDR:
		return put_cidr(msg, &o->cidr);
	case NR_FILTER:
		return nla_put_u8(msg, CAMSEC_NF_A_FILTER_MODE, (uint8_t)o->value);
	case NR_CONN_MAX:
		return nla_put_u32(msg, CAMSEC_NF_A_CONN_MAX, o->value);
	case NR_PER_SRC:
		return nla_put_u32(msg, CAMSEC_NF_A_CONN_MAX_PER_SRC, o->value);
	case NR_UDP_PER_SRC:
		return nla_put_u32(msg, CAMSEC_NF_A_UDP_MAX_PER_SRC, o->value);
	case NR_V6_PREFIX:
		return nla_put_u8(msg, CAMSEC_NF_A_V6_PREFIX, (uint8_t)o->value);
	case NR_PING:
		return nla_put_flag(msg, CAMSEC_NF_A_ACCEPT_PING);
	}
	return -1;
}

int nfset_add(const struct nr_option *o, void *arg)
{
	return nfset_put(arg, o) ? -1 : 0;
}
