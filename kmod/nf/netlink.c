// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec_nf - the camsec_nf generic netlink family
 *
 * Each request acts on the caller's network namespace and is validated
 * once, strictly, against the policies below (docs/netlink/camsec_nf.yaml);
 * the handlers walk repeated nests themselves, since info->attrs holds
 * the last of each type. A ruleset replaces the active one whole, or the
 * request is refused with an extended ACK and nothing changes.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "netlink.h"

#define BAN_SECS_MAX	(30 * 24 * 3600)

static const struct nla_policy port_policy[CAMSEC_NF_PORT_MAX + 1] = {
	[CAMSEC_NF_PORT_PROTO]		= { .type = NLA_U8 },
	[CAMSEC_NF_PORT_NUM]		= NLA_POLICY_MIN(NLA_U16, 1),
	[CAMSEC_NF_PORT_SCOPE]		= NLA_POLICY_MAX(NLA_U8,
							 CAMSEC_NF_SCOPES - 1),
	[CAMSEC_NF_PORT_ACCEPT_RISK]	= { .type = NLA_FLAG },
};

static const struct nla_policy filter_policy[CAMSEC_NF_FILTER_MAX + 1] = {
	[CAMSEC_NF_FILTER_ADDR]		= { .type = NLA_BINARY, .len = 16 },
	[CAMSEC_NF_FILTER_PREFIX]	= { .type = NLA_U8 },
	[CAMSEC_NF_FILTER_SCOPE]	= NLA_POLICY_MAX(NLA_U8,
							 CAMSEC_NF_SCOPES - 1),
};

/* Counters and other read-only attributes are refused. */
static const struct nla_policy set_policy[CAMSEC_NF_A_MAX + 1] = {
	[CAMSEC_NF_A_PORT]		= NLA_POLICY_NESTED(port_policy),
	[CAMSEC_NF_A_FILTER_MODE]	= NLA_POLICY_MAX(NLA_U8,
							 CAMSEC_NF_FILTER_DENY),
	[CAMSEC_NF_A_FILTER]		= NLA_POLICY_NESTED(filter_policy),
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

static const struct nla_policy ban_policy[CAMSEC_NF_A_MAX + 1] = {
	[CAMSEC_NF_A_ADDR]	= { .type = NLA_BINARY, .len = 16 },
	[CAMSEC_NF_A_TIMEOUT]	= NLA_POLICY_FULL_RANGE(NLA_U32, &ban_secs),
	[CAMSEC_NF_A_BAN_PREFIX] = NLA_POLICY_MAX(NLA_U8, 128),
};

enum camsec_nf_mcgrp { CAMSEC_NF_MCGRP_EVENTS_ID };

static const struct genl_multicast_group camsec_nf_mcgrps[] = {
	[CAMSEC_NF_MCGRP_EVENTS_ID] = {
		.name = CAMSEC_NF_MCGRP_EVENTS,
#ifdef GENL_MCAST_CAP_NET_ADMIN
		.flags = GENL_MCAST_CAP_NET_ADMIN,
#endif
	},
};

static struct genl_family camsec_nf_family;

/* The hooks run before the family is there and after it has gone. */
static bool family_up;

/* A message for the events group in @net, or NULL if nobody listens. */
static struct sk_buff *event_new(struct net *net, void **hdr, gfp_t gfp)
{
	struct sk_buff *skb;

	if (!READ_ONCE(family_up) || !genl_has_listeners(&camsec_nf_family, net,
							 CAMSEC_NF_MCGRP_EVENTS_ID))
		return NULL;
	skb = genlmsg_new(NLMSG_GOODSIZE, gfp);
	if (!skb)
		return NULL;
	*hdr = genlmsg_put(skb, 0, 0, &camsec_nf_family, 0,
			   CAMSEC_NF_CMD_EVENT);
	if (!*hdr) {
		nlmsg_free(skb);
		return NULL;
	}
	return skb;
}

static void event_send(struct net *net, struct sk_buff *skb, void *hdr,
		       gfp_t gfp)
{
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&camsec_nf_family, net, skb, 0,
				CAMSEC_NF_MCGRP_EVENTS_ID, gfp);
}

/* Dump state in cb->args: */
#define DUMP_PHASE	0	/* what comes next */
#define DUMP_INDEX	1	/* the next port, filter or bucket */
#define DUMP_RULESET	2	/* the ruleset dumped, referenced */
#define DUMP_SKIP	3	/* entries of the bucket already done */

enum { PHASE_GLOBAL, PHASE_PORTS, PHASE_FILTERS, PHASE_DONE };

static int set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct camsec_nf_net *nn = camsec_nf_pernet(genl_info_net(info));
	struct camsec_nf_ruleset *rs, *old;
	u32 i;

	rs = camsec_nf_ruleset_parse(info->nlhdr, info->attrs, info->extack);
	if (IS_ERR(rs))
		return PTR_ERR(rs);
	/* Nothing can fail from here: the risks are taken. */
	for (i = 0; i < rs->nports; i++)
		if (rs->ports[i].risk)
			camsec_nf_event(nn, CAMSEC_NF_REASON_RISK, NULL,
					rs->ports[i].proto, rs->ports[i].num,
					GFP_KERNEL);
	mutex_lock(&nn->lock);
	old = rcu_replace_pointer(nn->ruleset, rs, lockdep_is_held(&nn->lock));
	mutex_unlock(&nn->lock);
	camsec_nf_ruleset_put(old);
	return 0;
}

static int put_addr(struct sk_buff *skb, int type, const struct camsec_addr *a)
{
	struct in6_addr in6;

	camsec_addr_to_in6(&in6, a);
	if (camsec_addr_is_v4(a))
		return nla_put_in_addr(skb, type, in6.s6_addr32[3]);
	return nla_put_in6_addr(skb, type, &in6);
}

static int put_counters(struct sk_buff *skb, struct camsec_nf_net *nn)
{
	struct nlattr *nest = nla_nest_start(skb, CAMSEC_NF_A_COUNTERS);
	int c;

	if (!nest)
		return -EMSGSIZE;
	for (c = CAMSEC_NF_C_ACCEPTED; c <= CAMSEC_NF_C_MAX; c++)
		if (nla_put_u64_64bit(skb, c, camsec_nf_counter(nn, c),
				      CAMSEC_NF_C_PAD))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int put_global(struct sk_buff *skb, struct camsec_nf_net *nn,
		      const struct camsec_nf_ruleset *rs)
{
	if (nla_put_u8(skb, CAMSEC_NF_A_FILTER_MODE, rs->filter_mode) ||
	    nla_put_u32(skb, CAMSEC_NF_A_CONN_MAX, rs->conn_max) ||
	    nla_put_u32(skb, CAMSEC_NF_A_CONN_MAX_PER_SRC,
			rs->conn_max_per_src) ||
	    nla_put_u32(skb, CAMSEC_NF_A_UDP_MAX_PER_SRC,
			rs->udp_max_per_src) ||
	    nla_put_u8(skb, CAMSEC_NF_A_V6_PREFIX, rs->v6_prefix) ||
	    (rs->accept_ping && nla_put_flag(skb, CAMSEC_NF_A_ACCEPT_PING)))
		return -EMSGSIZE;
	return put_counters(skb, nn);
}

static int put_port(struct sk_buff *skb, const struct camsec_nf_ruleset *rs,
		    u32 i)
{
	const struct camsec_nf_port *port = &rs->ports[i];
	struct nlattr *nest = nla_nest_start(skb, CAMSEC_NF_A_PORT);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(skb, CAMSEC_NF_PORT_PROTO, port->proto) ||
	    nla_put_u16(skb, CAMSEC_NF_PORT_NUM, port->num) ||
	    nla_put_u8(skb, CAMSEC_NF_PORT_SCOPE, port->scope) ||
	    (port->risk && nla_put_flag(skb, CAMSEC_NF_PORT_ACCEPT_RISK)) ||
	    nla_put_u64_64bit(skb, CAMSEC_NF_PORT_PACKETS,
			      camsec_nf_hits(rs, i),
			      CAMSEC_NF_PORT_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int put_filter(struct sk_buff *skb, const struct camsec_nf_ruleset *rs,
		      u32 i)
{
	const struct camsec_nf_filter *f = &rs->filters[i];
	struct nlattr *nest = nla_nest_start(skb, CAMSEC_NF_A_FILTER);
	bool v4 = camsec_addr_is_v4(&f->addr);

	if (!nest)
		return -EMSGSIZE;
	if (put_addr(skb, CAMSEC_NF_FILTER_ADDR, &f->addr) ||
	    nla_put_u8(skb, CAMSEC_NF_FILTER_PREFIX,
		       v4 ? f->prefix - 96 : f->prefix) ||
	    nla_put_u8(skb, CAMSEC_NF_FILTER_SCOPE, f->scope) ||
	    nla_put_u64_64bit(skb, CAMSEC_NF_FILTER_HITS,
			      camsec_nf_hits(rs, rs->nports + i),
			      CAMSEC_NF_FILTER_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int get_start(struct netlink_callback *cb)
{
	struct camsec_nf_net *nn = camsec_nf_pernet(sock_net(cb->skb->sk));
	struct camsec_nf_ruleset *rs;

	rcu_read_lock();
	rs = rcu_dereference(nn->ruleset);
	if (rs && !refcount_inc_not_zero(&rs->ref))
		rs = NULL;
	rcu_read_unlock();
	if (!rs) {
		NL_SET_ERR_MSG(cb->extack, "no ruleset in this network namespace");
		return -ENOENT;
	}
	cb->args[DUMP_RULESET] = (unsigned long)rs;
	return 0;
}

/* As many entries of the phase as fit; the phase's index moves on. */
static int get_entries(struct sk_buff *skb, struct netlink_callback *cb,
		       const struct camsec_nf_ruleset *rs)
{
	unsigned long *i = &cb->args[DUMP_INDEX];
	int err = 0;

	if (cb->args[DUMP_PHASE] == PHASE_PORTS)
		for (; !err && *i < rs->nports; ++*i)
			err = put_port(skb, rs, *i);
	else
		for (; !err && *i < rs->nfilters; ++*i)
			err = put_filter(skb, rs, *i);
	if (!err)
		return 0;
	--*i;		/* did not fit: first in the next message */
	return err;
}

static int get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct camsec_nf_net *nn = camsec_nf_pernet(sock_net(skb->sk));
	const struct camsec_nf_ruleset *rs = (void *)cb->args[DUMP_RULESET];
	void *hdr;
	int err;

	if (cb->args[DUMP_PHASE] == PHASE_DONE)
		return 0;
	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &camsec_nf_family, NLM_F_MULTI, CAMSEC_NF_CMD_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (cb->args[DUMP_PHASE] == PHASE_GLOBAL) {
		err = put_global(skb, nn, rs);
		if (err) {
			genlmsg_cancel(skb, hdr);
			return err;
		}
		cb->args[DUMP_PHASE] = PHASE_PORTS;
	}
	while (cb->args[DUMP_PHASE] != PHASE_DONE) {
		err = get_entries(skb, cb, rs);
		if (err)
			break;
		cb->args[DUMP_PHASE]++;
		cb->args[DUMP_INDEX] = 0;
	}
	genlmsg_end(skb, hdr);
	return skb->len;
}

static int get_done(struct netlink_callback *cb)
{
	camsec_nf_ruleset_put((void *)cb->args[DUMP_RULESET]);
	return 0;
}

/* A prefix in the address's family terms, in the 128-bit space. */
static u8 prefix_in_space(const struct camsec_addr *a, u8 family_prefix)
{
	return camsec_addr_is_v4(a) ? family_prefix + 96 : family_prefix;
}

static u8 prefix_of_family(const struct camsec_addr *a, u8 prefix)
{
	return camsec_addr_is_v4(a) ? prefix - 96 : prefix;
}

/* The ban's prefix, checked: at least /8 (IPv4) or /16 (IPv6). */
static int ban_prefix(struct genl_info *info, const struct camsec_addr *a)
{
	struct nlattr *attr = info->attrs[CAMSEC_NF_A_BAN_PREFIX];
	bool v4 = camsec_addr_is_v4(a);
	u8 p;

	if (!attr)
		return -1;
	p = nla_get_u8(attr);
	if (p > (v4 ? 32 : 128) || p < (v4 ? 8 : 16)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "ban prefix must be 8-32 (IPv4) or 16-128 (IPv6)");
		return -EINVAL;
	}
	return prefix_in_space(a, p);
}

/* A ban that widened or gave way: never rate-limited. */
static void ban_event(struct camsec_nf_net *nn, u8 reason,
		      const struct camsec_addr *block, u8 prefix)
{
	struct sk_buff *skb;
	void *hdr;

	skb = event_new(nn->net, &hdr, GFP_KERNEL);
	if (!skb)
		return;
	if (nla_put_u8(skb, CAMSEC_NF_A_EVENT_REASON, reason) ||
	    put_addr(skb, CAMSEC_NF_A_ADDR, block) ||
	    nla_put_u8(skb, CAMSEC_NF_A_BAN_PREFIX,
		       prefix_of_family(block, prefix))) {
		nlmsg_free(skb);
		return;
	}
	event_send(nn->net, skb, hdr, GFP_KERNEL);
}

static int ban_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct camsec_nf_net *nn = camsec_nf_pernet(genl_info_net(info));
	bool add = info->genlhdr->cmd == CAMSEC_NF_CMD_BAN_ADD;
	struct nlattr **tb = info->attrs;
	struct camsec_nf_ban_outcome out;
	struct camsec_addr a;
	int err, prefix;

	if (GENL_REQ_ATTR_CHECK(info, CAMSEC_NF_A_ADDR) ||
	    (add && GENL_REQ_ATTR_CHECK(info, CAMSEC_NF_A_TIMEOUT)))
		return -EINVAL;
	err = camsec_nf_parse_addr(tb[CAMSEC_NF_A_ADDR], &a, info->extack);
	if (err)
		return err;
	prefix = ban_prefix(info, &a);
	if (prefix == -EINVAL)
		return prefix;
	if (!add) {
		err = camsec_nf_ban_del(&nn->bans, &a, prefix);
		if (err)
			NL_SET_ERR_MSG_ATTR(info->extack, tb[CAMSEC_NF_A_ADDR],
					    "no ban covers this address");
		return err;
	}
	if (prefix < 0)
		prefix = camsec_nf_ban_default_prefix(&a);
	err = camsec_nf_ban_add(&nn->bans, &a, prefix,
				nla_get_u32(tb[CAMSEC_NF_A_TIMEOUT]), &out);
	if (err)
		return err;
	if (out.evicted)
		ban_event(nn, CAMSEC_NF_REASON_BAN_EVICTED, &out.evicted_addr,
			  out.evicted_prefix);
	if (out.escalated)
		ban_event(nn, CAMSEC_NF_REASON_BAN_ESCALATED, &out.addr,
			  out.prefix);
	return 0;
}

static int put_ban(struct sk_buff *skb, struct netlink_callback *cb,
		   const struct camsec_nf_ban *ban, unsigned long now)
{
	void *hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				cb->nlh->nlmsg_seq, &camsec_nf_family,
				NLM_F_MULTI, CAMSEC_NF_CMD_BAN_GET);

	if (!hdr)
		return -EMSGSIZE;
	if (put_addr(skb, CAMSEC_NF_A_ADDR, &ban->addr) ||
	    nla_put_u8(skb, CAMSEC_NF_A_BAN_PREFIX,
		       prefix_of_family(&ban->addr, ban->prefix)) ||
	    nla_put_u32(skb, CAMSEC_NF_A_REMAINING,
			jiffies_to_msecs(READ_ONCE(ban->expires) - now))) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/*
 * One message per ban in force. A bucket resumes at the position where
 * the last message was full (bans added or lifted meanwhile may be missed
 * or seen twice, as in other netlink dumps).
 */
static int ban_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct camsec_nf_net *nn = camsec_nf_pernet(sock_net(skb->sk));
	struct camsec_nf_bans *bans = &nn->bans;
	unsigned long now = jiffies;
	struct camsec_nf_ban *ban;
	unsigned long b, pos;

	rcu_read_lock();
	for (b = cb->args[DUMP_INDEX]; b < HASH_SIZE(bans->table); b++) {
		pos = 0;
		hlist_for_each_entry_rcu(ban, &bans->table[b], node) {
			if (pos++ < cb->args[DUMP_SKIP])
				continue;
			if (time_before(now, READ_ONCE(ban->expires)) &&
			    put_ban(skb, cb, ban, now))
				goto full;
			cb->args[DUMP_SKIP] = pos;
		}
		cb->args[DUMP_SKIP] = 0;
	}
full:
	rcu_read_unlock();
	cb->args[DUMP_INDEX] = b;
	return skb->len;
}

static const struct genl_ops camsec_nf_ops[] = {
	{
		.cmd = CAMSEC_NF_CMD_SET,
		.doit = set_doit,
		.policy = set_policy,
		.maxattr = CAMSEC_NF_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = CAMSEC_NF_CMD_GET,
		.start = get_start,
		.dumpit = get_dumpit,
		.done = get_done,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = CAMSEC_NF_CMD_BAN_ADD,
		.doit = ban_doit,
		.policy = ban_policy,
		.maxattr = CAMSEC_NF_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = CAMSEC_NF_CMD_BAN_DEL,
		.doit = ban_doit,
		.policy = ban_policy,
		.maxattr = CAMSEC_NF_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = CAMSEC_NF_CMD_BAN_GET,
		.dumpit = ban_dumpit,
		.flags = GENL_ADMIN_PERM,
	},
};

static struct genl_family camsec_nf_family __ro_after_init = {
	.name = CAMSEC_NF_GENL_NAME,
	.version = CAMSEC_NF_GENL_VERSION,
	.netnsok = true,
	.module = THIS_MODULE,
	.ops = camsec_nf_ops,
	.n_ops = ARRAY_SIZE(camsec_nf_ops),
	.mcgrps = camsec_nf_mcgrps,
	.n_mcgrps = ARRAY_SIZE(camsec_nf_mcgrps),
};

/*
 * A drop or a risk taken, to the events group of @nn's namespace; drops
 * are limited to 20 per 5 seconds, and the next event counts the rest.
 */
void camsec_nf_event(struct camsec_nf_net *nn, u8 reason,
		     const struct camsec_addr *addr, u8 proto, u16 port,
		     gfp_t gfp)
{
	struct sk_buff *skb;
	void *hdr;

	if (reason != CAMSEC_NF_REASON_RISK && !__ratelimit(&nn->event_limit)) {
		atomic_inc(&nn->events_suppressed);
		return;
	}
	skb = event_new(nn->net, &hdr, gfp);
	if (!skb)
		return;
	if (nla_put_u8(skb, CAMSEC_NF_A_EVENT_REASON, reason) ||
	    nla_put_u8(skb, CAMSEC_NF_A_EVENT_PROTO, proto) ||
	    nla_put_u16(skb, CAMSEC_NF_A_EVENT_PORT, port) ||
	    (addr && put_addr(skb, CAMSEC_NF_A_ADDR, addr)) ||
	    nla_put_u32(skb, CAMSEC_NF_A_EVENT_SUPPRESSED,
			atomic_xchg(&nn->events_suppressed, 0))) {
		nlmsg_free(skb);
		return;
	}
	event_send(nn->net, skb, hdr, gfp);
}

int camsec_nf_netlink_init(void)
{
	int err = genl_register_family(&camsec_nf_family);

	if (!err)
		WRITE_ONCE(family_up, true);
	return err;
}

/* The hooks send events under RCU: none is in flight after this. */
void camsec_nf_netlink_exit(void)
{
	WRITE_ONCE(family_up, false);
	synchronize_rcu();
	genl_unregister_family(&camsec_nf_family);
}
