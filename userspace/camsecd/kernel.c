// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecd - requests to camsec_nf (kernel.h)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/camsec.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "genl.h"
#include "kernel.h"
#include "netrules.h"
#include "nfset.h"

static int nf_open(struct camsec_genl *g, char *why, size_t whylen)
{
	int err = camsec_genl_open(g, CAMSEC_NF_GENL_NAME,
				   CAMSEC_NF_GENL_VERSION);

	if (err == -ENOENT) {
		snprintf(why, whylen, "camsec_nf is not loaded");
		return -EOPNOTSUPP;
	}
	if (err)
		snprintf(why, whylen, "camsec_nf: %s", strerror(-err));
	return err;
}

/* Send @msg (consumed) on @g: 0, or -errno with the kernel's @why. */
static int nf_call(struct camsec_genl *g, struct nl_msg *msg,
		   int (*parse)(struct nl_msg *msg, void *arg), void *arg,
		   char *why, size_t whylen)
{
	int err = camsec_genl_call(g, msg, parse, arg);

	if (err)
		snprintf(why, whylen, "camsec_nf refused it: %s",
			 g->error[0] ? g->error : strerror(-err));
	return err;
}

int kernel_nf_set(const char *text, size_t len, char *why, size_t whylen)
{
	struct camsec_genl g;
	struct nr_error perr;
	struct nl_msg *msg;
	int err = nf_open(&g, why, whylen);

	if (err)
		return err;
	msg = camsec_genl_msg(&g, CAMSEC_NF_CMD_SET, 0);
	if (!msg) {
		snprintf(why, whylen, "out of memory");
		err = -ENOMEM;
	} else if (nr_parse_ruleset(text, len, nfset_add, msg, &perr)) {
		snprintf(why, whylen, "line %u:%u: %s", perr.line, perr.col,
			 perr.msg);
		nlmsg_free(msg);
		err = -EINVAL;
	} else {
		err = nf_call(&g, msg, NULL, NULL, why, whylen);
	}
	camsec_genl_close(&g);
	return err;
}

struct open_ports {
	char *text;		/* "tcp/8443,udp/5353" */
	size_t len, size;
};

/* Each port of a dump of the kernel's ruleset, into @arg's text. */
static int take_ports(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[CAMSEC_NF_PORT_MAX + 1], *a;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct open_ports *o = arg;
	int rem, n;

	nla_for_each_attr(a, genlmsg_attrdata(nlmsg_data(nlh), 0),
			  genlmsg_attrlen(nlmsg_data(nlh), 0), rem) {
		if (nla_type(a) != CAMSEC_NF_A_PORT ||
		    nla_parse_nested(tb, CAMSEC_NF_PORT_MAX, a, NULL) ||
		    !tb[CAMSEC_NF_PORT_PROTO] || !tb[CAMSEC_NF_PORT_NUM])
			continue;
		n = snprintf(o->text + o->len, o->size - o->len, "%s%s/%u",
			     o->len ? "," : "",
			     nla_get_u8(tb[CAMSEC_NF_PORT_PROTO]) == IPPROTO_TCP ?
			     "tcp" : "udp", nla_get_u16(tb[CAMSEC_NF_PORT_NUM]));
		if (n > 0 && (size_t)n < o->size - o->len)
			o->len += (size_t)n;
	}
	return NL_OK;
}

void kernel_nf_ports(char *out, size_t outlen)
{
	struct open_ports o = { .text = out, .size = outlen };
	struct camsec_genl g;
	struct nl_msg *msg;
	char why[320];
	int err;

	out[0] = '\0';
	if (nf_open(&g, why, sizeof(why))) {
		snprintf(out, outlen, "unknown");
		return;
	}
	msg = camsec_genl_msg(&g, CAMSEC_NF_CMD_GET, NLM_F_DUMP);
	err = msg ? nf_call(&g, msg, take_ports, &o, why, sizeof(why)) : -ENOMEM;
	camsec_genl_close(&g);
	if (err)
		snprintf(out, outlen, "unknown");
	else if (!o.len)
		snprintf(out, outlen, "none");
}

int kernel_nf_ban(const unsigned char *addr, int addrlen, uint8_t prefix,
		  unsigned int secs, char *why, size_t whylen)
{
	struct camsec_genl g;
	struct nl_msg *msg;
	int err = nf_open(&g, why, whylen);

	if (err)
		return err;
	msg = camsec_genl_msg(&g, secs ? CAMSEC_NF_CMD_BAN_ADD :
			      CAMSEC_NF_CMD_BAN_DEL, 0);
	if (!msg || nla_put(msg, CAMSEC_NF_A_ADDR, addrlen, addr) ||
	    (secs && (nla_put_u32(msg, CAMSEC_NF_A_TIMEOUT, secs) ||
		      nla_put_u8(msg, CAMSEC_NF_A_BAN_PREFIX, prefix)))) {
		nlmsg_free(msg);
		snprintf(why, whylen, "out of memory");
		err = -EMSGSIZE;
	} else {
		err = nf_call(&g, msg, NULL, NULL, why, whylen);
	}
	camsec_genl_close(&g);
	return err;
}
