// SPDX-License-Identifier: GPL-2.0-only
/*
 * evlisten: print camsec's events (the LSM's and camsec_nf's), one line
 * each, as key=value.
 *
 *   evlisten [-n COUNT] [-t SECONDS] [-r READYFILE]
 *   evlisten -g
 *
 * Joins the "events" groups of the camsec and camsec_nf families, creates
 * READYFILE once it listens, and exits after COUNT events or SECONDS.
 * Exit status 3 if the group cannot be joined (it needs CAP_SYS_ADMIN).
 * With -g, asks for the appsig status instead (CAMSEC_CMD_APPSIG_GET) and
 * prints it; exit status 3 if refused.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <linux/camsec.h>

static int remaining = -1;

static const char *const counters[] = {
	[CAMSEC_A_APPSIG_VERIFIED] = "verified",
	[CAMSEC_A_APPSIG_CACHE_HITS] = "cache_hits",
	[CAMSEC_A_APPSIG_DENIED] = "denied",
	[CAMSEC_A_APPSIG_LOGGED] = "logged",
	[CAMSEC_A_APPSIG_SUPPRESSED] = "events_suppressed",
};

static const char *const ops[] = CAMSEC_OP_NAMES;
static const char *const reasons[] = CAMSEC_REASON_NAMES;
static const char *const modes[] = CAMSEC_APPSIG_MODE_NAMES;
static const char *const roles[] = CAMSEC_ROLE_NAMES;
static const char *const nf_reasons[] = CAMSEC_NF_REASON_NAMES;

#define NAME(tab, i) \
	((i) < sizeof(tab) / sizeof(tab[0]) && tab[i] ? tab[i] : "?")

/*
 * nf reason=R proto=P port=N [addr=A] suppressed=S, or for a ban that
 * widened or gave way: nf reason=R addr=A/PREFIX
 */
static void nf_event(struct nl_msg *msg)
{
	struct nlattr *a[CAMSEC_NF_A_MAX + 1];
	char addr[INET6_ADDRSTRLEN];
	int len;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, a, CAMSEC_NF_A_MAX, NULL) ||
	    !a[CAMSEC_NF_A_EVENT_REASON])
		return;
	len = a[CAMSEC_NF_A_ADDR] ? nla_len(a[CAMSEC_NF_A_ADDR]) : 0;
	if (len == 4 || len == 16)
		inet_ntop(len == 4 ? AF_INET : AF_INET6,
			  nla_data(a[CAMSEC_NF_A_ADDR]), addr, sizeof(addr));
	if (a[CAMSEC_NF_A_BAN_PREFIX]) {
		printf("nf reason=%s addr=%s/%u\n",
		       NAME(nf_reasons, nla_get_u8(a[CAMSEC_NF_A_EVENT_REASON])),
		       len ? addr : "?", nla_get_u8(a[CAMSEC_NF_A_BAN_PREFIX]));
		return;
	}
	if (!a[CAMSEC_NF_A_EVENT_PORT] || !a[CAMSEC_NF_A_EVENT_PROTO])
		return;
	printf("nf reason=%s proto=%u port=%u",
	       NAME(nf_reasons, nla_get_u8(a[CAMSEC_NF_A_EVENT_REASON])),
	       nla_get_u8(a[CAMSEC_NF_A_EVENT_PROTO]),
	       nla_get_u16(a[CAMSEC_NF_A_EVENT_PORT]));
	if (len == 4 || len == 16)
		printf(" addr=%s", addr);
	if (a[CAMSEC_NF_A_EVENT_SUPPRESSED])
		printf(" suppressed=%u",
		       nla_get_u32(a[CAMSEC_NF_A_EVENT_SUPPRESSED]));
	printf("\n");
}

static int nf_family = -1;

static int on_event(struct nl_msg *msg, void *arg)
{
	struct nlattr *a[CAMSEC_A_MAX + 1];

	if (nlmsg_hdr(msg)->nlmsg_type == nf_family) {
		nf_event(msg);
		fflush(stdout);
		if (remaining > 0)
			remaining--;
		return NL_OK;
	}
	if (genlmsg_parse(nlmsg_hdr(msg), 0, a, CAMSEC_A_MAX, NULL))
		return NL_SKIP;
	if (a[CAMSEC_A_EVENT_OP])
		printf("op=%s", NAME(ops, nla_get_u8(a[CAMSEC_A_EVENT_OP])));
	if (a[CAMSEC_A_EVENT_REASON])
		printf(" reason=%s",
		       NAME(reasons, nla_get_u8(a[CAMSEC_A_EVENT_REASON])));
	if (a[CAMSEC_A_APPSIG_MODE])
		printf(" mode=%s",
		       NAME(modes, nla_get_u8(a[CAMSEC_A_APPSIG_MODE])));
	if (a[CAMSEC_A_EVENT_OLD_MODE])
		printf(" old_mode=%s",
		       NAME(modes, nla_get_u8(a[CAMSEC_A_EVENT_OLD_MODE])));
	if (a[CAMSEC_A_APPSIG_LOCKED])
		printf(" locked=%u", nla_get_u8(a[CAMSEC_A_APPSIG_LOCKED]));
	if (a[CAMSEC_A_EVENT_DENIED])
		printf(" denied=%u", nla_get_u8(a[CAMSEC_A_EVENT_DENIED]));
	if (a[CAMSEC_A_EVENT_PID])
		printf(" pid=%u", nla_get_u32(a[CAMSEC_A_EVENT_PID]));
	if (a[CAMSEC_A_EVENT_UID])
		printf(" uid=%u", nla_get_u32(a[CAMSEC_A_EVENT_UID]));
	if (a[CAMSEC_A_EVENT_CLASS])
		printf(" class=%s", nla_get_string(a[CAMSEC_A_EVENT_CLASS]));
	if (a[CAMSEC_A_EVENT_NEED])
		printf(" need=%u", nla_get_u8(a[CAMSEC_A_EVENT_NEED]));
	if (a[CAMSEC_A_EVENT_ROLE])
		printf(" role=%s", NAME(roles, nla_get_u8(a[CAMSEC_A_EVENT_ROLE])));
	if (a[CAMSEC_A_EVENT_SESSION])
		printf(" session=%u", nla_get_u32(a[CAMSEC_A_EVENT_SESSION]));
	if (a[CAMSEC_A_EVENT_COMM])
		printf(" comm=%s", nla_get_string(a[CAMSEC_A_EVENT_COMM]));
	if (a[CAMSEC_A_EVENT_PATH])
		printf(" path=%s", nla_get_string(a[CAMSEC_A_EVENT_PATH]));
	if (a[CAMSEC_A_APPSIG_SUPPRESSED])
		printf(" suppressed=%llu", (unsigned long long)
		       nla_get_u64(a[CAMSEC_A_APPSIG_SUPPRESSED]));
	printf("\n");
	fflush(stdout);
	if (remaining > 0)
		remaining--;
	return NL_OK;
}

static int on_status(struct nl_msg *msg, void *arg)
{
	struct nlattr *a[CAMSEC_A_MAX + 1];
	unsigned int trust;
	int i;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, a, CAMSEC_A_MAX, NULL) ||
	    !a[CAMSEC_A_APPSIG_MODE] || !a[CAMSEC_A_APPSIG_LOCKED])
		return NL_SKIP;
	printf("mode %s\nlocked %u\n",
	       NAME(modes, nla_get_u8(a[CAMSEC_A_APPSIG_MODE])),
	       nla_get_u8(a[CAMSEC_A_APPSIG_LOCKED]));
	if (a[CAMSEC_A_APPSIG_TRUST]) {
		trust = nla_get_u32(a[CAMSEC_A_APPSIG_TRUST]);
		printf("trust%s%s\n", trust & CAMSEC_TRUST_XATTR ? " xattr" : "",
		       trust & CAMSEC_TRUST_VERITY ? " verity" : "");
	}
	for (i = CAMSEC_A_APPSIG_VERIFIED; i <= CAMSEC_A_APPSIG_SUPPRESSED; i++)
		if (a[i])
			printf("%s %llu\n", counters[i],
			       (unsigned long long)nla_get_u64(a[i]));
	*(int *)arg = 1;
	return NL_OK;
}

static int get_status(struct nl_sock *sk)
{
	int family = genl_ctrl_resolve(sk, CAMSEC_GENL_NAME), got = 0, err;

	if (family < 0)
		return 1;
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, on_status, &got);
	err = genl_send_simple(sk, family, CAMSEC_CMD_APPSIG_GET,
			       CAMSEC_GENL_VERSION, 0);
	if (err >= 0)
		err = nl_recvmsgs_default(sk);
	if (err < 0) {
		fprintf(stderr, "evlisten: appsig-get: %s\n", nl_geterror(err));
		return 3;
	}
	return got ? 0 : 1;
}

int main(int argc, char **argv)
{
	bool status = false;
	const char *ready = NULL;
	struct nl_sock *sk;
	int opt, grp, secs = 5;
	time_t end;

	while ((opt = getopt(argc, argv, "n:t:r:g")) != -1) {
		switch (opt) {
		case 'g': status = true; break;
		case 'n': remaining = atoi(optarg); break;
		case 't': secs = atoi(optarg); break;
		case 'r': ready = optarg; break;
		default: return 2;
		}
	}
	sk = nl_socket_alloc();
	if (!sk || genl_connect(sk))
		return 1;
	if (status)
		return get_status(sk);
	grp = genl_ctrl_resolve_grp(sk, CAMSEC_GENL_NAME, CAMSEC_MCGRP_EVENTS);
	if (grp < 0) {
		fprintf(stderr, "evlisten: no camsec events group: %s\n",
			nl_geterror(grp));
		return 1;
	}
	if (nl_socket_add_membership(sk, grp)) {
		fprintf(stderr, "evlisten: cannot join: %s\n", strerror(errno));
		return 3;
	}
	/* camsec_nf's events too, if the module is loaded. */
	grp = genl_ctrl_resolve_grp(sk, CAMSEC_NF_GENL_NAME,
				    CAMSEC_NF_MCGRP_EVENTS);
	if (grp >= 0) {
		nf_family = genl_ctrl_resolve(sk, CAMSEC_NF_GENL_NAME);
		if (nl_socket_add_membership(sk, grp)) {
			fprintf(stderr, "evlisten: cannot join camsec_nf: %s\n",
				strerror(errno));
			return 3;
		}
	}
	nl_socket_disable_seq_check(sk);
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, on_event, NULL);
	if (ready)
		close(open(ready, O_CREAT | O_WRONLY, 0644));
	end = time(NULL) + secs;
	while (remaining != 0 && time(NULL) < end) {
		struct pollfd p = { .fd = nl_socket_get_fd(sk), .events = POLLIN };

		if (poll(&p, 1, 200) > 0)
			nl_recvmsgs_default(sk);
	}
	nl_socket_free(sk);
	return 0;
}
