// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec_nf - the ruleset of a network namespace: open ports, the address
 * filter and the connection limits
 *
 * A ruleset is built whole from one request, which the family has
 * validated against its policy, and checked before it replaces the active
 * one: the first fault is refused with an extended ACK that points at the
 * attribute, and nothing changes.
 */

#include <linux/in.h>
#include <net/genetlink.h>
#include <linux/slab.h>
#include <linux/sort.h>

#include "ruleset.h"

/* Services a camera must not offer in clear unless the owner says so. */
static const struct {
	u8 proto;
	u16 num;
	const char *name;
} insecure[] = {
	{ IPPROTO_TCP, 21, "ftp" },
	{ IPPROTO_TCP, 23, "telnet" },
	{ IPPROTO_UDP, 69, "tftp" },
	{ IPPROTO_TCP, 80, "http" },
	{ IPPROTO_TCP, 554, "rtsp" },
};

const char *camsec_nf_insecure_service(u8 proto, u16 num)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(insecure); i++)
		if (insecure[i].proto == proto && insecure[i].num == num)
			return insecure[i].name;
	return NULL;
}

/* The order of the ports array: by protocol, then number. */
static u32 port_key(u8 proto, u16 num)
{
	return (u32)proto << 16 | num;
}

static int port_cmp(const void *pa, const void *pb)
{
	const struct camsec_nf_port *a = pa, *b = pb;
	u32 ka = port_key(a->proto, a->num), kb = port_key(b->proto, b->num);

	return ka < kb ? -1 : ka > kb;
}

/* A binary search without the indirect calls of bsearch(): every packet. */
struct camsec_nf_port *camsec_nf_port_find(const struct camsec_nf_ruleset *rs,
					   u8 proto, u16 num)
{
	u32 key = port_key(proto, num), lo = 0, hi = rs->nports, mid, k;
	struct camsec_nf_port *p;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		p = &rs->ports[mid];
		k = port_key(p->proto, p->num);
		if (k == key)
			return p;
		if (k < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int set_find(const struct camsec_addrset *set,
		    const struct camsec_addr *a)
{
	return set ? camsec_addrset_find(set, a) : -1;
}

/*
 * The most specific block of @port's filter that holds @a, or -1. Scope 0
 * applies to every port.
 */
static int filter_find(const struct camsec_nf_ruleset *rs,
		       const struct camsec_nf_port *port,
		       const struct camsec_addr *a)
{
	int hit = set_find(rs->sets[0], a);

	if (hit < 0 && port->scope)
		hit = set_find(rs->sets[port->scope], a);
	return hit;
}

/*
 * An allow list lets @src through as itself; a deny list drops it if it,
 * or an IPv4 address it embeds (embed.c), is denied.
 */
bool camsec_nf_filter_passes(const struct camsec_nf_ruleset *rs,
			     const struct camsec_nf_port *port,
			     const struct camsec_addr *src,
			     const struct camsec_addr *embedded,
			     unsigned int nembedded)
{
	unsigned int i;
	int hit;

	if (rs->filter_mode == CAMSEC_NF_FILTER_OFF)
		return true;
	hit = filter_find(rs, port, src);
	if (rs->filter_mode == CAMSEC_NF_FILTER_DENY)
		for (i = 0; hit < 0 && i < nembedded; i++)
			hit = filter_find(rs, port, &embedded[i]);
	if (hit >= 0)
		camsec_nf_hit(rs, rs->nports + hit);
	return (hit >= 0) == (rs->filter_mode == CAMSEC_NF_FILTER_ALLOW);
}

/* A 4 (IPv4) or 16 (IPv6) byte address attribute, in the one space. */
int camsec_nf_parse_addr(const struct nlattr *attr, struct camsec_addr *a,
			 struct netlink_ext_ack *extack)
{
	struct in6_addr in6;

	if (nla_len(attr) == 4) {
		camsec_addr_from_v4(a, nla_get_in_addr(attr));
		return 0;
	}
	if (nla_len(attr) == 16) {
		in6 = nla_get_in6_addr(attr);
		camsec_addr_from_in6(a, &in6);
		return 0;
	}
	NL_SET_ERR_MSG_ATTR(extack, attr,
			    "address must be 4 (IPv4) or 16 (IPv6) bytes");
	return -EINVAL;
}

static int parse_port(const struct nlattr *nest, struct camsec_nf_port *port,
		      struct netlink_ext_ack *extack)
{
	struct nlattr *tb[CAMSEC_NF_PORT_MAX + 1];
	const char *service;
	int err;

	err = nla_parse_nested(tb, CAMSEC_NF_PORT_MAX, nest, NULL, extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(extack, nest, tb, CAMSEC_NF_PORT_PROTO) ||
	    NL_REQ_ATTR_CHECK(extack, nest, tb, CAMSEC_NF_PORT_NUM))
		return -EINVAL;
	port->proto = nla_get_u8(tb[CAMSEC_NF_PORT_PROTO]);
	port->num = nla_get_u16(tb[CAMSEC_NF_PORT_NUM]);
	if (port->proto != IPPROTO_TCP && port->proto != IPPROTO_UDP) {
		NL_SET_ERR_MSG_ATTR(extack, tb[CAMSEC_NF_PORT_PROTO],
				    "protocol must be TCP (6) or UDP (17)");
		return -EINVAL;
	}
	if (tb[CAMSEC_NF_PORT_SCOPE])
		port->scope = nla_get_u8(tb[CAMSEC_NF_PORT_SCOPE]);
	port->risk = nla_get_flag(tb[CAMSEC_NF_PORT_ACCEPT_RISK]);
	service = camsec_nf_insecure_service(port->proto, port->num);
	if (service && !port->risk) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "insecure service (telnet, ftp, tftp, http, rtsp): opening it needs accept-risk");
		return -EPERM;
	}
	return 0;
}

static int parse_filter(const struct nlattr *nest, struct camsec_nf_filter *f,
			struct netlink_ext_ack *extack)
{
	struct nlattr *tb[CAMSEC_NF_FILTER_MAX + 1];
	unsigned int prefix, len;
	int err;

	err = nla_parse_nested(tb, CAMSEC_NF_FILTER_MAX, nest, NULL, extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(extack, nest, tb, CAMSEC_NF_FILTER_ADDR) ||
	    NL_REQ_ATTR_CHECK(extack, nest, tb, CAMSEC_NF_FILTER_PREFIX))
		return -EINVAL;
	err = camsec_nf_parse_addr(tb[CAMSEC_NF_FILTER_ADDR], &f->addr, extack);
	if (err)
		return err;
	len = nla_len(tb[CAMSEC_NF_FILTER_ADDR]);
	prefix = nla_get_u8(tb[CAMSEC_NF_FILTER_PREFIX]);
	if (prefix > len * 8) {
		NL_SET_ERR_MSG_ATTR(extack, tb[CAMSEC_NF_FILTER_PREFIX],
				    "prefix length longer than the address");
		return -EINVAL;
	}
	/* By the attribute: a mapped IPv6 block has its prefix in 128 bits. */
	if (len == 4)
		prefix += 96;
	if (!camsec_addr_in_prefix(&f->addr, prefix)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[CAMSEC_NF_FILTER_ADDR],
				    "address has bits set past the prefix length");
		return -EINVAL;
	}
	f->prefix = prefix;
	if (tb[CAMSEC_NF_FILTER_SCOPE])
		f->scope = nla_get_u8(tb[CAMSEC_NF_FILTER_SCOPE]);
	return 0;
}

static int parse_ports(struct camsec_nf_ruleset *rs, const struct nlmsghdr *nlh,
		       struct netlink_ext_ack *extack)
{
	const struct nlattr *a;
	struct camsec_nf_port *p;
	int rem, err;
	u32 n = 0;

	nlmsg_for_each_attr(a, nlh, GENL_HDRLEN, rem)
		if (nla_type(a) == CAMSEC_NF_A_PORT)
			n++;
	if (n > CAMSEC_NF_PORTS_MAX) {
		NL_SET_ERR_MSG(extack, "more than 1024 ports");
		return -E2BIG;
	}
	rs->ports = kcalloc(n, sizeof(*rs->ports), GFP_KERNEL);
	if (!rs->ports && n)
		return -ENOMEM;
	/* Sorted as they come, so that a port listed twice is found. */
	nlmsg_for_each_attr(a, nlh, GENL_HDRLEN, rem) {
		if (nla_type(a) != CAMSEC_NF_A_PORT)
			continue;
		p = &rs->ports[rs->nports];
		err = parse_port(a, p, extack);
		if (err)
			return err;
		if (camsec_nf_port_find(rs, p->proto, p->num)) {
			NL_SET_ERR_MSG_ATTR(extack, a, "port listed twice");
			return -EEXIST;
		}
		rs->nports++;
		sort(rs->ports, rs->nports, sizeof(*p), port_cmp, NULL);
	}
	return 0;
}

static void block_of(const struct camsec_nf_filter *f, struct camsec_cidr *b,
		     u32 index)
{
	camsec_cidr_set(b, &f->addr, f->prefix);
	b->index = index;
}

/* The address sets, one per scope that has entries. */
static int build_sets(struct camsec_nf_ruleset *rs,
		      const struct nlattr **attrs,
		      struct netlink_ext_ack *extack)
{
	struct camsec_cidr *blocks;
	u32 i, n, s;

	blocks = kvmalloc_array(rs->nfilters, sizeof(*blocks), GFP_KERNEL);
	if (!blocks && rs->nfilters)
		return -ENOMEM;
	for (s = 0; s < CAMSEC_NF_SCOPES; s++) {
		for (i = n = 0; i < rs->nfilters; i++)
			if (rs->filters[i].scope == s)
				block_of(&rs->filters[i], &blocks[n++], i);
		if (!n)
			continue;
		rs->sets[s] = camsec_addrset_build(blocks, n);
		if (!rs->sets[s]) {
			kvfree(blocks);
			return -ENOMEM;
		}
		/* Blocks are sorted now: equal ones are neighbours. */
		for (i = 1; i < n; i++) {
			if (camsec_addr_cmp(&blocks[i].first,
					    &blocks[i - 1].first) ||
			    camsec_addr_cmp(&blocks[i].last,
					    &blocks[i - 1].last))
				continue;
			NL_SET_ERR_MSG_ATTR(extack, attrs[blocks[i].index],
					    "filter entry listed twice");
			kvfree(blocks);
			return -EEXIST;
		}
	}
	kvfree(blocks);
	return 0;
}

static int parse_filters(struct camsec_nf_ruleset *rs,
			 const struct nlmsghdr *nlh,
			 struct netlink_ext_ack *extack)
{
	const struct nlattr **attrs;
	const struct nlattr *a;
	int rem, err = 0;
	u32 i = 0;

	nlmsg_for_each_attr(a, nlh, GENL_HDRLEN, rem)
		if (nla_type(a) == CAMSEC_NF_A_FILTER)
			rs->nfilters++;
	if (rs->nfilters > CAMSEC_NF_FILTERS_MAX) {
		NL_SET_ERR_MSG(extack, "more than 65536 filter entries");
		return -E2BIG;
	}
	if (!rs->nfilters)
		return 0;
	rs->filters = kvcalloc(rs->nfilters, sizeof(*rs->filters), GFP_KERNEL);
	attrs = kvmalloc_array(rs->nfilters, sizeof(*attrs), GFP_KERNEL);
	if (!rs->filters || !attrs) {
		kvfree(attrs);
		return -ENOMEM;
	}
	nlmsg_for_each_attr(a, nlh, GENL_HDRLEN, rem) {
		if (nla_type(a) != CAMSEC_NF_A_FILTER)
			continue;
		attrs[i] = a;
		err = parse_filter(a, &rs->filters[i++], extack);
		if (err)
			break;
	}
	if (!err)
		err = build_sets(rs, attrs, extack);
	kvfree(attrs);
	return err;
}

/* A ruleset from a CAMSEC_NF_CMD_SET request, or an ERR_PTR. */
struct camsec_nf_ruleset *camsec_nf_ruleset_parse(const struct nlmsghdr *nlh,
						  struct nlattr **tb,
						  struct netlink_ext_ack *extack)
{
	struct camsec_nf_ruleset *rs;
	int err;

	rs = kzalloc(sizeof(*rs), GFP_KERNEL);
	if (!rs)
		return ERR_PTR(-ENOMEM);
	refcount_set(&rs->ref, 1);
	if (tb[CAMSEC_NF_A_FILTER_MODE])
		rs->filter_mode = nla_get_u8(tb[CAMSEC_NF_A_FILTER_MODE]);
	rs->accept_ping = nla_get_flag(tb[CAMSEC_NF_A_ACCEPT_PING]);
	rs->v6_prefix = 64;
	if (tb[CAMSEC_NF_A_V6_PREFIX])
		rs->v6_prefix = nla_get_u8(tb[CAMSEC_NF_A_V6_PREFIX]);
	if (tb[CAMSEC_NF_A_CONN_MAX])
		rs->conn_max = nla_get_u32(tb[CAMSEC_NF_A_CONN_MAX]);
	if (tb[CAMSEC_NF_A_CONN_MAX_PER_SRC])
		rs->conn_max_per_src =
			nla_get_u32(tb[CAMSEC_NF_A_CONN_MAX_PER_SRC]);
	if (tb[CAMSEC_NF_A_UDP_MAX_PER_SRC])
		rs->udp_max_per_src =
			nla_get_u32(tb[CAMSEC_NF_A_UDP_MAX_PER_SRC]);
	err = parse_ports(rs, nlh, extack);
	if (!err)
		err = parse_filters(rs, nlh, extack);
	if (!err) {
		rs->stride = rs->nports + rs->nfilters;
		rs->hits = kvcalloc(nr_cpu_ids * (size_t)rs->stride,
				    sizeof(*rs->hits), GFP_KERNEL);
		if (!rs->hits && rs->stride)
			err = -ENOMEM;
	}
	if (err) {
		camsec_nf_ruleset_free(rs);
		return ERR_PTR(err);
	}
	return rs;
}

u64 camsec_nf_hits(const struct camsec_nf_ruleset *rs, u32 i)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += READ_ONCE(rs->hits[cpu * rs->stride + i]);
	return sum;
}

static void ruleset_free_rcu(struct rcu_head *head)
{
	camsec_nf_ruleset_free(container_of(head, struct camsec_nf_ruleset,
					    rcu));
}

/* A ruleset is freed after its last dump and its last RCU reader. */
void camsec_nf_ruleset_put(struct camsec_nf_ruleset *rs)
{
	if (rs && refcount_dec_and_test(&rs->ref))
		call_rcu(&rs->rcu, ruleset_free_rcu);
}

void camsec_nf_ruleset_free(struct camsec_nf_ruleset *rs)
{
	int s;

	if (!rs)
		return;
	for (s = 0; s < CAMSEC_NF_SCOPES; s++)
		camsec_addrset_free(rs->sets[s]);
	kvfree(rs->hits);
	kvfree(rs->filters);
	kfree(rs->ports);
	kfree(rs);
}
