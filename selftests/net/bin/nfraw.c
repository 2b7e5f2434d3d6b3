// SPDX-License-Identifier: GPL-2.0-only
/*
 * nfraw: requests to camsec_nf that camsecctl would never send, to show
 * that the kernel refuses them itself, with an extended ACK message.
 *
 *   nfraw CASE     send the bad request CASE; print "<errno>: <message>"
 *   nfraw unpriv   a ruleset dump as uid 65534 (no CAP_NET_ADMIN)
 *   nfraw bans N [SECS]  ban 2001:db8:1::1 to 2001:db8:N::1 (an hour)
 *
 * Exit status 0 if the kernel refused the request, 1 if it accepted it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/camsec.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char message[256];

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t off = sizeof(*e);

	(void)who;
	*(int *)arg = e->error;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) &&
	    !nla_parse(tb, NLMSGERR_ATTR_MAX,
		       (struct nlattr *)((char *)e + NLMSG_ALIGN(off)),
		       nlh->nlmsg_len - NLMSG_HDRLEN - NLMSG_ALIGN(off), NULL) &&
	    tb[NLMSGERR_ATTR_MSG])
		snprintf(message, sizeof(message), "%s",
			 nla_get_string(tb[NLMSGERR_ATTR_MSG]));
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	(void)msg;
	*(int *)arg = 0;
	return NL_STOP;
}

static void port(struct nl_msg *m, int proto, int num, int extra)
{
	struct nlattr *n = nla_nest_start(m, CAMSEC_NF_A_PORT);

	nla_put_u8(m, CAMSEC_NF_PORT_PROTO, proto);
	nla_put_u16(m, CAMSEC_NF_PORT_NUM, num);
	if (extra)
		nla_put_u64(m, extra, 1);
	nla_nest_end(m, n);
}

static void filter(struct nl_msg *m, const void *addr, int len, int prefix)
{
	struct nlattr *n = nla_nest_start(m, CAMSEC_NF_A_FILTER);

	nla_put(m, CAMSEC_NF_FILTER_ADDR, len, addr);
	nla_put_u8(m, CAMSEC_NF_FILTER_PREFIX, prefix);
	nla_nest_end(m, n);
}

/* The body of the bad request @name; 0 if unknown. */
static int build(struct nl_msg *m, const char *name)
{
	static const unsigned char net10[4] = { 10 }, host10[4] = { 10, 0, 0, 1 };

	if (!strcmp(name, "prefix33"))
		filter(m, net10, 4, 33);
	else if (!strcmp(name, "hostbits"))
		filter(m, host10, 4, 8);
	else if (!strcmp(name, "addrlen"))
		filter(m, host10, 3, 8);
	else if (!strcmp(name, "duplicate")) {
		filter(m, net10, 4, 8);
		filter(m, net10, 4, 8);
	} else if (!strcmp(name, "port0"))
		port(m, IPPROTO_TCP, 0, 0);
	else if (!strcmp(name, "proto"))
		port(m, IPPROTO_SCTP, 9, 0);
	else if (!strcmp(name, "telnet"))
		port(m, IPPROTO_TCP, 23, 0);
	else if (!strcmp(name, "twice")) {
		port(m, IPPROTO_TCP, 443, 0);
		port(m, IPPROTO_TCP, 443, 0);
	} else if (!strcmp(name, "readonly"))
		port(m, IPPROTO_TCP, 443, CAMSEC_NF_PORT_PACKETS);
	else if (!strcmp(name, "unknown"))
		nla_put_u32(m, 99, 1);
	else if (!strcmp(name, "mode"))
		nla_put_u8(m, CAMSEC_NF_A_FILTER_MODE, 7);
	else
		return 0;
	return 1;
}

/*
 * N bans of SECS from one socket, of 2001:db8:1::1 up to 2001:db8:N::1,
 * each in a /48 of its own (no ban widens another): enough to make their
 * dump span messages, or to fill the table.
 */
static int many_bans(struct nl_sock *sk, int family, int n, int secs)
{
	unsigned char addr[16] = { 0x20, 0x01, 0x0d, 0xb8 };
	struct nl_msg *m;
	int i;

	addr[15] = 1;
	for (i = 1; i <= n; i++) {
		m = nlmsg_alloc();
		if (!m)
			return 2;
		addr[4] = i >> 8;
		addr[5] = i & 0xff;
		genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, 0,
			    CAMSEC_NF_CMD_BAN_ADD, 1);
		nla_put(m, CAMSEC_NF_A_ADDR, 16, addr);
		nla_put_u32(m, CAMSEC_NF_A_TIMEOUT, secs);
		if (nl_send_sync(sk, m) < 0) {
			fprintf(stderr, "nfraw: ban %d refused\n", i);
			return 1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct nl_sock *sk = nl_socket_alloc();
	int family, one = 1, err = 1, cmd = CAMSEC_NF_CMD_SET, flags = 0;
	struct nl_msg *m = nlmsg_alloc();
	struct nl_cb *cb = nl_cb_alloc(NL_CB_DEFAULT);

	if (argc < 2 || argc > 4 || !sk || !m || !cb || genl_connect(sk))
		return 2;
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK, &one,
		   sizeof(one));
	family = genl_ctrl_resolve(sk, CAMSEC_NF_GENL_NAME);
	if (family < 0)
		return 2;
	if (argc >= 3 && !strcmp(argv[1], "bans"))
		return many_bans(sk, family, atoi(argv[2]),
				 argc == 4 ? atoi(argv[3]) : 3600);
	if (!strcmp(argv[1], "unpriv")) {
		cmd = CAMSEC_NF_CMD_GET;
		flags = NLM_F_DUMP;
		if (setgid(65534) || setuid(65534))
			return 2;
	}
	genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, flags, cmd, 1);
	if (cmd == CAMSEC_NF_CMD_SET && !build(m, argv[1])) {
		fprintf(stderr, "nfraw: unknown case %s\n", argv[1]);
		return 2;
	}
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &err);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &err);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_ack, &err);
	if (nl_send_auto(sk, m) < 0)
		return 2;
	nl_recvmsgs(sk, cb);
	if (!err) {
		printf("accepted\n");
		return 1;
	}
	printf("%s: %s\n", strerror(-err), message);
	return 0;
}
