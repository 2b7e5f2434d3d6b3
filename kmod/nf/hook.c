// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec_nf - the input hook: what reaches the device
 *
 * In order: loopback and replies to the device's own connections pass; a
 * banned source is dropped; ICMP passes only as neighbour discovery, MLD
 * or, if allowed, echo; TCP and UDP pass only to an open port, from an
 * address the filter lets through, and a new TCP connection or UDP flow
 * only within the limits. Anything else is dropped. Checked on every
 * packet, so that a new ruleset or a ban applies to established
 * connections at once.
 */

#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/tcp.h>
#include <net/ipv6.h>
#include <net/ndisc.h>
#include <net/netfilter/nf_conntrack.h>

#include "embed.h"
#include "hook.h"
#include "net.h"
#include "netlink.h"

struct packet {
	struct camsec_addr src;
	struct camsec_addr embedded[CAMSEC_EMBED_MAX];	/* IPv4, in src */
	unsigned int nembedded;
	u16 l3num;
	u8 proto;
	u8 icmp_type;
	u16 port;		/* destination */
	bool syn;		/* a TCP SYN without ACK */
};

/* Protocol, ports, flags; false if the headers are truncated. */
static bool parse_l4(const struct sk_buff *skb, int off, struct packet *p)
{
	struct tcphdr _th;
	const struct tcphdr *th;
	u8 _type;
	const u8 *type;
	__be16 _ports[2];
	const __be16 *ports;

	switch (p->proto) {
	case IPPROTO_TCP:
		th = skb_header_pointer(skb, off, sizeof(_th), &_th);
		if (!th)
			return false;
		p->port = ntohs(th->dest);
		p->syn = th->syn && !th->ack;
		return true;
	case IPPROTO_UDP:
		ports = skb_header_pointer(skb, off, sizeof(_ports), _ports);
		if (!ports)
			return false;
		p->port = ntohs(ports[1]);
		return true;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		type = skb_header_pointer(skb, off, sizeof(_type), &_type);
		if (!type)
			return false;
		p->icmp_type = *type;
		return true;
	}
	return true;
}

static bool parse(const struct sk_buff *skb, u8 pf, struct packet *p)
{
	unsigned int off = 0;
	int proto;

	if (pf == NFPROTO_IPV4) {
		p->l3num = NFPROTO_IPV4;
		p->proto = ip_hdr(skb)->protocol;
		camsec_addr_from_v4(&p->src, ip_hdr(skb)->saddr);
		return parse_l4(skb, ip_hdrlen(skb), p);
	}
	p->l3num = NFPROTO_IPV6;
	proto = ipv6_find_hdr(skb, &off, -1, NULL, NULL);
	if (proto < 0)
		return false;
	p->proto = proto;
	camsec_addr_from_in6(&p->src, &ipv6_hdr(skb)->saddr);
	p->nembedded = camsec_addr_embedded(&p->src, p->embedded);
	return parse_l4(skb, off, p);
}

/* ICMP a device must answer to stay reachable, and echo if allowed. */
static bool icmp_passes(const struct camsec_nf_ruleset *rs,
			const struct packet *p)
{
	if (p->proto == IPPROTO_ICMP)
		return p->icmp_type == ICMP_ECHO && rs->accept_ping;
	switch (p->icmp_type) {
	case ICMPV6_MGM_QUERY:
	case ICMPV6_MGM_REPORT:
	case ICMPV6_MGM_REDUCTION:
	case NDISC_ROUTER_SOLICITATION ... NDISC_REDIRECT:
	case ICMPV6_MLD2_REPORT:
		return true;
	case ICMPV6_ECHO_REQUEST:
		return rs->accept_ping;
	}
	return false;
}

/* The namespace counter of each drop reason. */
static const u8 drop_counter[] = {
	[CAMSEC_NF_REASON_CLOSED_PORT] = CAMSEC_NF_C_CLOSED_PORT,
	[CAMSEC_NF_REASON_FILTERED] = CAMSEC_NF_C_FILTERED,
	[CAMSEC_NF_REASON_CONN_LIMIT] = CAMSEC_NF_C_CONN_LIMIT,
	[CAMSEC_NF_REASON_SRC_LIMIT] = CAMSEC_NF_C_SRC_LIMIT,
	[CAMSEC_NF_REASON_BANNED] = CAMSEC_NF_C_BANNED,
};

static unsigned int drop(struct camsec_nf_net *nn, u8 reason,
			 const struct packet *p)
{
	this_cpu_inc(nn->counters[drop_counter[reason]]);
	camsec_nf_event(nn, reason, &p->src, p->proto, p->port, GFP_ATOMIC);
	return NF_DROP;
}

/* The verdict on a packet to the device that no rule has passed yet. */
static unsigned int judge(struct camsec_nf_net *nn,
			  const struct camsec_nf_ruleset *rs,
			  struct sk_buff *skb, const struct packet *p,
			  enum ip_conntrack_info ctinfo, bool tracked)
{
	struct camsec_nf_port *port;
	int reason;

	if (p->proto == IPPROTO_ICMP || p->proto == IPPROTO_ICMPV6) {
		if (!icmp_passes(rs, p))
			return drop(nn, CAMSEC_NF_REASON_CLOSED_PORT, p);
		this_cpu_inc(nn->counters[CAMSEC_NF_C_ACCEPTED]);
		return NF_ACCEPT;
	}
	if (p->proto == IPPROTO_IGMP)
		return NF_ACCEPT;
	port = camsec_nf_port_find(rs, p->proto, p->port);
	if (!port)
		return drop(nn, CAMSEC_NF_REASON_CLOSED_PORT, p);
	if (!camsec_nf_filter_passes(rs, port, &p->src, p->embedded,
				     p->nembedded))
		return drop(nn, CAMSEC_NF_REASON_FILTERED, p);
	if (p->proto == IPPROTO_TCP && p->syn && tracked &&
	    ctinfo == IP_CT_NEW) {
		reason = camsec_nf_connlimit_check(nn->net, &nn->limit, rs,
						   skb, p->l3num, &p->src);
		if (reason)
			return drop(nn, reason, p);
	}
	if (p->proto == IPPROTO_UDP && tracked && ctinfo == IP_CT_NEW) {
		reason = camsec_nf_udplimit_check(nn->net, &nn->limit, rs,
						  skb, p->l3num, &p->src);
		if (reason)
			return drop(nn, reason, p);
	}
	camsec_nf_hit(rs, port - rs->ports);
	this_cpu_inc(nn->counters[CAMSEC_NF_C_ACCEPTED]);
	return NF_ACCEPT;
}

/* The source, or an IPv4 address it embeds, is banned. */
static bool banned(struct camsec_nf_net *nn, const struct packet *p)
{
	unsigned int i;

	if (camsec_nf_banned(&nn->bans, &p->src))
		return true;
	for (i = 0; i < p->nembedded; i++)
		if (camsec_nf_banned(&nn->bans, &p->embedded[i]))
			return true;
	return false;
}

static unsigned int camsec_nf_in(void *priv, struct sk_buff *skb,
				 const struct nf_hook_state *state)
{
	struct camsec_nf_net *nn = camsec_nf_pernet(state->net);
	const struct camsec_nf_ruleset *rs;
	enum ip_conntrack_info ctinfo;
	struct packet p = {};
	struct nf_conn *ct;

	if (state->in && (state->in->flags & IFF_LOOPBACK))
		return NF_ACCEPT;
	rs = rcu_dereference(nn->ruleset);
	if (!rs)
		return NF_ACCEPT;
	if (!parse(skb, state->pf, &p))
		return drop(nn, CAMSEC_NF_REASON_CLOSED_PORT, &p);
	if (banned(nn, &p))
		return drop(nn, CAMSEC_NF_REASON_BANNED, &p);
	ct = nf_ct_get(skb, &ctinfo);
	/* Replies to the device's own connections, and their ICMP errors. */
	if (ct && CTINFO2DIR(ctinfo) == IP_CT_DIR_REPLY)
		return NF_ACCEPT;
	if (ct && ctinfo == IP_CT_RELATED)
		return NF_ACCEPT;
	return judge(nn, rs, skb, &p, ctinfo, ct && !nf_ct_is_template(ct));
}

static const struct nf_hook_ops camsec_nf_ops[] = {
	{
		.hook = camsec_nf_in,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_LOCAL_IN,
		.priority = CAMSEC_NF_PRIORITY,
	},
	{
		.hook = camsec_nf_in,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_LOCAL_IN,
		.priority = CAMSEC_NF_PRIORITY,
	},
};

int camsec_nf_hooks_register(struct net *net)
{
	return nf_register_net_hooks(net, camsec_nf_ops,
				     ARRAY_SIZE(camsec_nf_ops));
}

void camsec_nf_hooks_unregister(struct net *net)
{
	nf_unregister_net_hooks(net, camsec_nf_ops, ARRAY_SIZE(camsec_nf_ops));
}
