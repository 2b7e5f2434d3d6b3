// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecctl net: the netfilter module (camsec_nf) of this network
 * namespace, over the camsec generic netlink family.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <linux/camsec.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genl.h"
#include "net.h"
#include "netrules.h"
#include "nfset.h"
#include "procnet.h"

#define FILTERS_MAX 65536

static void usage(FILE *out)
{
	fprintf(out,
		"usage: camsecctl net <command>\n"
		"  set [options]        replace the ruleset whole:\n"
		"      --port P           open P: tcp/443, udp/5353@2 (scope),\n"
		"                         tcp/23:risk (an insecure service, on purpose)\n"
		"      --filter MODE      off, allow (allow-list), deny (deny-list)\n"
		"      --cidr C           10.0.0.0/8, 2001:db8::/32@1, 192.0.2.7\n"
		"      --cidr-file F      one CIDR per line, '#' comments\n"
		"      --conn-max N       TCP connections to the device in all\n"
		"      --per-src N        TCP connections per source\n"
		"      --udp-per-src N    UDP flows per source (as conntrack sees them)\n"
		"      --v6-prefix N      IPv6 prefix counted as one source (64)\n"
		"      --ping             answer ICMP echo\n"
		"      --rules F          the options of file F, one per line\n"
		"  show                 the ruleset and its counters\n"
		"  ports                open ports with their service, and the\n"
		"                       listening sockets the ruleset keeps closed\n"
		"  ban ADDR[/P] SECONDS drop the packets of ADDR's block for\n"
		"                       SECONDS (/32 for IPv4, /64 for IPv6 unless\n"
		"                       /P; repeat offenders are banned wider)\n"
		"  unban ADDR[/P]       lift that ban, or every ban covering ADDR\n"
		"  bans                 the bans in force\n");
}

static int report(struct camsec_genl *g, const char *what, int err)
{
	if (g->error[0])
		fprintf(stderr, "camsecctl: %s: %s (%s)\n", what, g->error,
			strerror(-err));
	else
		fprintf(stderr, "camsecctl: %s: %s\n", what, strerror(-err));
	return 1;
}

static int open_family(struct camsec_genl *g)
{
	int err = camsec_genl_open(g, CAMSEC_NF_GENL_NAME, CAMSEC_NF_GENL_VERSION);

	if (err == -ENOENT)
		fprintf(stderr, "camsecctl: no %s netlink family (module not loaded)\n",
			CAMSEC_NF_GENL_NAME);
	else if (err)
		fprintf(stderr, "camsecctl: netlink: %s\n", strerror(-err));
	return err;
}

static int read_file(const char *path, char **text, size_t *len)
{
	FILE *f = fopen(path, "r");
	size_t cap = 0, n;

	*text = NULL;
	*len = 0;
	if (!f)
		return -1;
	do {
		char *grown;

		if (*len == cap) {
			cap = cap ? 2 * cap : 65536;
			grown = realloc(*text, cap);
			if (!grown)
				break;
			*text = grown;
		}
		n = fread(*text + *len, 1, cap - *len, f);
		*len += n;
	} while (n);
	n = (size_t)ferror(f);
	fclose(f);
	return n ? -1 : 0;
}

static int parse_uint(const char *s, unsigned long max, unsigned long *v)
{
	char *end;

	errno = 0;
	*v = strtoul(s, &end, 10);
	return errno || end == s || *end || *v > max || s[0] == '-' ? -1 : 0;
}

static int add_cidr(const struct nr_cidr *c, void *arg)
{
	struct nr_option o = { .kind = NR_CIDR, .cidr = *c };

	return nfset_put(arg, &o);
}

/*
 * The file @path parsed as a whole ruleset (@rules) or a list of CIDRs,
 * each entry to @on_rule or @on_cidr with @ctx: its text (malloc'd, of
 * *@len bytes), or NULL after printing the fault.
 */
static char *parse_file(const char *path, bool rules,
			int (*on_rule)(const struct nr_option *o, void *ctx),
			int (*on_cidr)(const struct nr_cidr *c, void *ctx),
			void *ctx, size_t *len)
{
	struct nr_error err;
	char *text;
	int r;

	if (read_file(path, &text, len)) {
		fprintf(stderr, "camsecctl: %s: %s\n", path, strerror(errno));
		free(text);
		return NULL;
	}
	r = rules ? nr_parse_ruleset(text, *len, on_rule, ctx, &err) :
		    nr_parse_cidr_list(text, *len, on_cidr, ctx, &err);
	if (!r)
		return text;
	fprintf(stderr, "camsecctl: %s:%u:%u: %s\n", path, err.line, err.col,
		err.msg);
	free(text);
	return NULL;
}

/* A file of CIDRs (@rules false) or a whole ruleset, into @msg. */
static int add_file(struct nl_msg *msg, const char *path, bool rules)
{
	size_t len;
	char *text = parse_file(path, rules, nfset_add, add_cidr, msg, &len);

	free(text);
	return text ? 0 : -1;
}

/* The option --@name @arg: 0, or -1 after printing the fault. */
static int parse_option(const char *name, const char *arg, struct nr_option *o)
{
	struct nr_error err;

	if (!nr_parse_option(name, arg, o, &err))
		return 0;
	fprintf(stderr, "camsecctl: --%s '%s':%u: %s\n", name, arg ? arg : "",
		err.col, err.msg);
	return -1;
}

/* One option of "net set" into @msg; -1 after printing the error. */
static int set_option(struct nl_msg *msg, const char *name, const char *arg)
{
	struct nr_option o;

	if (!strcmp(name, "cidr-file") || !strcmp(name, "rules"))
		return add_file(msg, arg, !strcmp(name, "rules"));
	if (parse_option(name, arg, &o))
		return -1;
	if (nfset_put(msg, &o)) {
		fprintf(stderr, "camsecctl: the ruleset is too large\n");
		return -1;
	}
	return 0;
}

static const struct option set_options[] = {
	{ "port", required_argument, NULL, 0 },
	{ "filter", required_argument, NULL, 0 },
	{ "cidr", required_argument, NULL, 0 },
	{ "cidr-file", required_argument, NULL, 0 },
	{ "conn-max", required_argument, NULL, 0 },
	{ "per-src", required_argument, NULL, 0 },
	{ "udp-per-src", required_argument, NULL, 0 },
	{ "v6-prefix", required_argument, NULL, 0 },
	{ "ping", no_argument, NULL, 0 },
	{ "rules", required_argument, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};

/* Each option of "net set" to @fn: 0, 1 (@fn failed) or 2 (usage). */
static int each_set_option(int argc, char **argv,
			   int (*fn)(const char *name, const char *arg,
				     void *ctx), void *ctx)
{
	int opt, idx;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "", set_options, &idx)) != -1) {
		if (opt)
			break;
		if (fn(set_options[idx].name, optarg, ctx))
			return 1;
	}
	if (opt != -1 || optind != argc) {
		usage(stderr);
		return 2;
	}
	return 0;
}

static int set_msg_option(const char *name, const char *arg, void *msg)
{
	return set_option(msg, name, arg);
}

static int net_set(struct camsec_genl *g, int argc, char **argv)
{
	struct nl_msg *msg = camsec_genl_msg(g, CAMSEC_NF_CMD_SET, 0);
	int err;

	if (!msg)
		return report(g, "set", -ENOMEM);
	err = each_set_option(argc, argv, set_msg_option, msg);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	err = camsec_genl_call(g, msg, NULL, NULL);
	return err ? report(g, "set", err) : 0;
}

struct rules_text {
	char *out;
	size_t len, used;
};

static int too_long(const struct rules_text *t)
{
	fprintf(stderr, "camsecctl: the ruleset is longer than camsecd takes (%zu bytes)\n",
		t->len);
	return -1;
}

static int append(struct rules_text *t, const char *name, const char *arg)
{
	int n = snprintf(t->out + t->used, t->len - t->used, "--%s%s%s\n",
			 name, arg ? " " : "", arg ? arg : "");

	if (n < 0 || (size_t)n >= t->len - t->used)
		return too_long(t);
	t->used += (size_t)n;
	return 0;
}

static int append_cidr(const struct nr_cidr *c, void *arg)
{
	char text[96];

	nr_format_cidr(c, text, sizeof(text));
	return append(arg, "cidr", text);
}

static int no_add(const struct nr_option *o, void *arg)
{
	(void)o;
	(void)arg;
	return 0;
}

/* One option as a ruleset line; files are read here, not by camsecd. */
static int text_option(const char *name, const char *arg, void *ctx)
{
	bool rules = !strcmp(name, "rules");
	struct nr_option o;
	size_t len = 0;
	char *text;
	int r;

	if (!rules && strcmp(name, "cidr-file")) {
		if (parse_option(name, arg, &o))
			return -1;
		return append(ctx, name, arg);
	}
	text = parse_file(arg, rules, no_add, append_cidr, ctx, &len);
	if (!text)
		return -1;
	r = 0;
	if (rules) {
		struct rules_text *t = ctx;

		if (len + 2 > t->len - t->used) {
			r = too_long(t);
		} else {
			memcpy(t->out + t->used, text, len);
			t->used += len;
			t->out[t->used++] = '\n';
			t->out[t->used] = '\0';
		}
	}
	free(text);
	return r;
}

int net_rules_text(int argc, char **argv, char *out, size_t len)
{
	struct rules_text t = { out, len, 0 };

	out[0] = '\0';
	return each_set_option(argc, argv, text_option, &t);
}

static const char *const counter_names[] = CAMSEC_NF_COUNTER_NAMES;

static const char *proto_name(uint8_t proto)
{
	return proto == IPPROTO_TCP ? "tcp" : "udp";
}

/* The open ports, as a dump gives them, for "net ports". */
struct ruleset_view {
	int print;			/* "net show": print as parsed */
	int have;			/* a ruleset exists */
	struct nr_port ports[1024];
	size_t nports;
};

static void show_global(struct nlattr **tb)
{
	static const char *const modes[] = CAMSEC_NF_FILTER_MODE_NAMES;
	struct nlattr *c[CAMSEC_NF_C_MAX + 1];
	uint8_t mode = tb[CAMSEC_NF_A_FILTER_MODE] ?
		       nla_get_u8(tb[CAMSEC_NF_A_FILTER_MODE]) : 0;
	int i;

	printf("filter: %s  ping: %s  conn-max: %u  per-source: %u  udp-per-source: %u (IPv6 /%u)\n",
	       mode <= CAMSEC_NF_FILTER_DENY ? modes[mode] : "?",
	       tb[CAMSEC_NF_A_ACCEPT_PING] ? "yes" : "no",
	       tb[CAMSEC_NF_A_CONN_MAX] ? nla_get_u32(tb[CAMSEC_NF_A_CONN_MAX]) : 0,
	       tb[CAMSEC_NF_A_CONN_MAX_PER_SRC] ?
			nla_get_u32(tb[CAMSEC_NF_A_CONN_MAX_PER_SRC]) : 0,
	       tb[CAMSEC_NF_A_UDP_MAX_PER_SRC] ?
			nla_get_u32(tb[CAMSEC_NF_A_UDP_MAX_PER_SRC]) : 0,
	       tb[CAMSEC_NF_A_V6_PREFIX] ? nla_get_u8(tb[CAMSEC_NF_A_V6_PREFIX]) : 0);
	if (!tb[CAMSEC_NF_A_COUNTERS] ||
	    nla_parse_nested(c, CAMSEC_NF_C_MAX, tb[CAMSEC_NF_A_COUNTERS], NULL))
		return;
	printf("counters:");
	for (i = CAMSEC_NF_C_ACCEPTED; i <= CAMSEC_NF_C_MAX; i++)
		if (c[i])
			printf(" %s %llu", counter_names[i],
			       (unsigned long long)nla_get_u64(c[i]));
	printf("\n");
}

static void take_port(struct ruleset_view *v, struct nlattr *nest)
{
	struct nlattr *tb[CAMSEC_NF_PORT_MAX + 1];
	struct nr_port p = { 0 };
	const char *name;

	if (nla_parse_nested(tb, CAMSEC_NF_PORT_MAX, nest, NULL) ||
	    !tb[CAMSEC_NF_PORT_PROTO] || !tb[CAMSEC_NF_PORT_NUM])
		return;
	p.proto = nla_get_u8(tb[CAMSEC_NF_PORT_PROTO]);
	p.num = nla_get_u16(tb[CAMSEC_NF_PORT_NUM]);
	p.scope = tb[CAMSEC_NF_PORT_SCOPE] ? nla_get_u8(tb[CAMSEC_NF_PORT_SCOPE]) : 0;
	p.risk = tb[CAMSEC_NF_PORT_ACCEPT_RISK] != NULL;
	if (v->nports < sizeof(v->ports) / sizeof(v->ports[0]))
		v->ports[v->nports++] = p;
	if (!v->print)
		return;
	name = nr_service_name(p.proto, p.num);
	printf("port %s/%u%s  scope %u  packets %llu%s%s\n", proto_name(p.proto),
	       p.num, p.risk ? " (risk accepted)" : "", p.scope,
	       tb[CAMSEC_NF_PORT_PACKETS] ?
			(unsigned long long)nla_get_u64(tb[CAMSEC_NF_PORT_PACKETS]) : 0,
	       name ? "  " : "", name ? name : "");
}

static void show_filter(struct nlattr *nest)
{
	struct nlattr *tb[CAMSEC_NF_FILTER_MAX + 1];
	struct nr_cidr c = { 0 };
	char text[80];

	if (nla_parse_nested(tb, CAMSEC_NF_FILTER_MAX, nest, NULL) ||
	    !tb[CAMSEC_NF_FILTER_ADDR] || !tb[CAMSEC_NF_FILTER_PREFIX])
		return;
	c.len = (uint8_t)nla_len(tb[CAMSEC_NF_FILTER_ADDR]);
	if (c.len != 4 && c.len != 16)
		return;
	memcpy(c.addr, nla_data(tb[CAMSEC_NF_FILTER_ADDR]), c.len);
	c.prefix = nla_get_u8(tb[CAMSEC_NF_FILTER_PREFIX]);
	c.scope = tb[CAMSEC_NF_FILTER_SCOPE] ? nla_get_u8(tb[CAMSEC_NF_FILTER_SCOPE]) : 0;
	nr_format_cidr(&c, text, sizeof(text));
	printf("cidr %s  hits %llu\n", text,
	       tb[CAMSEC_NF_FILTER_HITS] ?
			(unsigned long long)nla_get_u64(tb[CAMSEC_NF_FILTER_HITS]) : 0);
}

static int parse_ruleset(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct ruleset_view *v = arg;
	struct nlattr *tb[CAMSEC_NF_A_MAX + 1], *a;
	int rem;

	v->have = 1;
	if (genlmsg_parse(nlh, 0, tb, CAMSEC_NF_A_MAX, NULL))
		return 0;
	if (v->print && tb[CAMSEC_NF_A_FILTER_MODE])
		show_global(tb);
	nla_for_each_attr(a, genlmsg_attrdata(nlmsg_data(nlh), 0),
			  genlmsg_attrlen(nlmsg_data(nlh), 0), rem) {
		if (nla_type(a) == CAMSEC_NF_A_PORT)
			take_port(v, a);
		else if (nla_type(a) == CAMSEC_NF_A_FILTER && v->print)
			show_filter(a);
	}
	return 0;
}

static int get_ruleset(struct camsec_genl *g, struct ruleset_view *v)
{
	struct nl_msg *msg = camsec_genl_msg(g, CAMSEC_NF_CMD_GET, NLM_F_DUMP);

	if (!msg)
		return -ENOMEM;
	return camsec_genl_call(g, msg, parse_ruleset, v);
}

static int net_show(struct camsec_genl *g)
{
	struct ruleset_view *v = calloc(1, sizeof(*v));
	int err;

	if (!v)
		return report(g, "show", -ENOMEM);
	v->print = 1;
	err = get_ruleset(g, v);
	free(v);
	if (err == -ENOENT) {
		printf("no ruleset is set: every packet is accepted\n");
		return 0;
	}
	return err ? report(g, "show", err) : 0;
}

struct listeners {
	struct listener l[4096];
	size_t n;
};

static void add_listener(const struct listener *l, void *arg)
{
	struct listeners *ls = arg;
	size_t i;

	for (i = 0; i < ls->n; i++)
		if (ls->l[i].proto == l->proto && ls->l[i].port == l->port &&
		    ls->l[i].loopback == l->loopback)
			return;		/* v4 and v6 sockets of one service */
	if (ls->n < sizeof(ls->l) / sizeof(ls->l[0]))
		ls->l[ls->n++] = *l;
}

static void read_listeners(struct listeners *ls)
{
	static const struct {
		const char *path;
		uint8_t proto;
		bool v6;
	} tables[] = {
		{ "/proc/net/tcp", IPPROTO_TCP, false },
		{ "/proc/net/tcp6", IPPROTO_TCP, true },
		{ "/proc/net/udp", IPPROTO_UDP, false },
		{ "/proc/net/udp6", IPPROTO_UDP, true },
	};
	size_t i, len;
	char *text;

	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		if (read_file(tables[i].path, &text, &len) == 0 &&
		    procnet_parse(text, len, tables[i].proto, tables[i].v6,
				  add_listener, ls) < 0)
			fprintf(stderr, "camsecctl: %s: unexpected format\n",
				tables[i].path);
		free(text);
	}
}

static bool is_open(const struct ruleset_view *v, uint8_t proto, uint16_t port)
{
	size_t i;

	for (i = 0; i < v->nports; i++)
		if (v->ports[i].proto == proto && v->ports[i].num == port)
			return true;
	return false;
}

static void print_port(uint8_t proto, uint16_t port, const char *note)
{
	const char *name = nr_service_name(proto, port);

	printf("  %s/%u\t%s%s\n", proto_name(proto), port, name ? name : "-",
	       note);
}

/* Every open port with its service (draft 6.4.2b), and what listens. */
static int net_ports(struct camsec_genl *g)
{
	struct ruleset_view *v = calloc(1, sizeof(*v));
	struct listeners *ls = calloc(1, sizeof(*ls));
	size_t i;
	int err;

	if (!v || !ls) {
		free(v);
		free(ls);
		return report(g, "ports", -ENOMEM);
	}
	err = get_ruleset(g, v);
	read_listeners(ls);
	if (err == -ENOENT || err == -EOPNOTSUPP) {
		printf("no ruleset: every listening port is open\n");
		for (i = 0; i < ls->n; i++)
			if (!ls->l[i].loopback)
				print_port(ls->l[i].proto, ls->l[i].port, "");
		err = 0;
	} else if (!err) {
		printf("open ports:\n");
		for (i = 0; i < v->nports; i++)
			print_port(v->ports[i].proto, v->ports[i].num,
				   v->ports[i].risk ? "  (insecure, risk accepted)" : "");
		printf("listening, closed by the ruleset:\n");
		for (i = 0; i < ls->n; i++)
			if (!ls->l[i].loopback &&
			    !is_open(v, ls->l[i].proto, ls->l[i].port))
				print_port(ls->l[i].proto, ls->l[i].port, "");
	}
	free(v);
	free(ls);
	return err ? report(g, "ports", err) : 0;
}

/* ADDR or ADDR/PREFIX (host bits allowed: the kernel takes the block). */
static int put_ban_addr(struct nl_msg *msg, const char *text)
{
	char addr[INET6_ADDRSTRLEN + 4];
	const char *slash = strchr(text, '/');
	unsigned long prefix = 0;
	struct nr_error err;
	struct nr_cidr c;
	size_t n = slash ? (size_t)(slash - text) : strlen(text);

	if (n >= sizeof(addr))
		n = sizeof(addr) - 1;
	memcpy(addr, text, n);
	addr[n] = '\0';
	if (nr_parse_cidr(addr, &c, &err) || c.prefix != c.len * 8 ||
	    (slash && parse_uint(slash + 1, c.len * 8, &prefix))) {
		fprintf(stderr, "camsecctl: '%s': not an address, or ADDR/PREFIX\n",
			text);
		return -1;
	}
	if (nla_put(msg, CAMSEC_NF_A_ADDR, c.len, c.addr) ||
	    (slash && nla_put_u8(msg, CAMSEC_NF_A_BAN_PREFIX, (uint8_t)prefix)))
		return -1;
	return 0;
}

static int net_ban(struct camsec_genl *g, int add, int argc, char **argv)
{
	struct nl_msg *msg;
	unsigned long secs = 0;
	int err;

	if (argc != (add ? 3 : 2) ||
	    (add && parse_uint(argv[2], UINT32_MAX, &secs))) {
		usage(stderr);
		return 2;
	}
	msg = camsec_genl_msg(g, add ? CAMSEC_NF_CMD_BAN_ADD :
				  CAMSEC_NF_CMD_BAN_DEL, 0);
	if (!msg)
		return report(g, argv[0], -ENOMEM);
	if (put_ban_addr(msg, argv[1]) ||
	    (add && nla_put_u32(msg, CAMSEC_NF_A_TIMEOUT, (uint32_t)secs))) {
		nlmsg_free(msg);
		return 1;
	}
	err = camsec_genl_call(g, msg, NULL, NULL);
	return err ? report(g, argv[0], err) : 0;
}

static int print_ban(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[CAMSEC_NF_A_MAX + 1];
	char text[INET6_ADDRSTRLEN];
	int len;

	(void)arg;
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, CAMSEC_NF_A_MAX, NULL) ||
	    !tb[CAMSEC_NF_A_ADDR] || !tb[CAMSEC_NF_A_REMAINING] ||
	    !tb[CAMSEC_NF_A_BAN_PREFIX])
		return 0;
	len = nla_len(tb[CAMSEC_NF_A_ADDR]);
	if (len != 4 && len != 16)
		return 0;
	inet_ntop(len == 4 ? AF_INET : AF_INET6, nla_data(tb[CAMSEC_NF_A_ADDR]),
		  text, sizeof(text));
	printf("%s/%u %u s\n", text, nla_get_u8(tb[CAMSEC_NF_A_BAN_PREFIX]),
	       (nla_get_u32(tb[CAMSEC_NF_A_REMAINING]) + 999) / 1000);
	return 0;
}

static int net_bans(struct camsec_genl *g)
{
	struct nl_msg *msg = camsec_genl_msg(g, CAMSEC_NF_CMD_BAN_GET, NLM_F_DUMP);
	int err;

	if (!msg)
		return report(g, "bans", -ENOMEM);
	err = camsec_genl_call(g, msg, print_ban, NULL);
	return err ? report(g, "bans", err) : 0;
}

int net_main(int argc, char **argv)
{
	struct camsec_genl g;
	const char *cmd = argc >= 2 ? argv[1] : "help";
	int r;

	if (!strcmp(cmd, "help") || !strcmp(cmd, "-h")) {
		usage(stdout);
		return 0;
	}
	if (open_family(&g))
		return 1;
	if (!strcmp(cmd, "set"))
		r = net_set(&g, argc - 1, argv + 1);
	else if (!strcmp(cmd, "show") && argc == 2)
		r = net_show(&g);
	else if (!strcmp(cmd, "ports") && argc == 2)
		r = net_ports(&g);
	else if (!strcmp(cmd, "ban"))
		r = net_ban(&g, 1, argc - 1, argv + 1);
	else if (!strcmp(cmd, "unban"))
		r = net_ban(&g, 0, argc - 1, argv + 1);
	else if (!strcmp(cmd, "bans") && argc == 2)
		r = net_bans(&g);
	else {
		usage(stderr);
		r = 2;
	}
	camsec_genl_close(&g);
	return r;
}
