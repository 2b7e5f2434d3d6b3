// SPDX-License-Identifier: GPL-2.0-only
/*
 * A libnl-genl socket on a camsec family, with the kernel's extended ACK
 * messages reported.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "genl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* Large enough for a ruleset of 65536 filter entries in one request. */
#define SOCKET_BUFFER (4 << 20)

/* libnl's error as an errno, so that callers can name it. */
static int errno_of(int nlerr)
{
	switch (-nlerr) {
	case NLE_NOMEM: return -ENOMEM;
	case NLE_MSGSIZE: return -EMSGSIZE;
	case NLE_PERM: return -EPERM;
	case NLE_NOACCESS: return -EACCES;
	case NLE_AGAIN: return -EAGAIN;
	case NLE_BUSY: return -EBUSY;
	case NLE_INVAL: return -EINVAL;
	case NLE_OBJ_NOTFOUND: return -ENOENT;
	case NLE_OPNOTSUPP: return -EOPNOTSUPP;
	}
	return -EIO;
}

/*
 * A request goes in one datagram, which the socket's send buffer must
 * hold: past net.core.wmem_max only CAP_NET_ADMIN may raise it
 * (SO_SNDBUFFORCE). 0, or -EMSGSIZE with the reason in g->error.
 */
static int room_to_send(struct camsec_genl *g, struct nl_msg *msg)
{
	int fd = nl_socket_get_fd(g->sk), len = (int)nlmsg_hdr(msg)->nlmsg_len;
	int have = 0, want = len + 4096;
	socklen_t sl = sizeof(have);

	/* The kernel keeps twice what was asked, and wants 32 bytes spare. */
	if (!getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &have, &sl) && have - 32 >= len)
		return 0;
	if (!setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &want, sizeof(want)))
		return 0;
	snprintf(g->error, sizeof(g->error),
		 "the request is %d bytes, more than this socket may send "
		 "(%d; net.core.wmem_max bounds it without CAP_NET_ADMIN)",
		 len, have);
	return -EMSGSIZE;
}

int camsec_genl_open(struct camsec_genl *g, const char *name, int version)
{
	int one = 1, err;

	memset(g, 0, sizeof(*g));
	g->sk = nl_socket_alloc();
	if (!g->sk)
		return -ENOMEM;
	err = genl_connect(g->sk);
	if (err) {
		err = errno_of(err);
		goto fail;
	}
	setsockopt(nl_socket_get_fd(g->sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	/* An error does not echo a request of megabytes back. */
	setsockopt(nl_socket_get_fd(g->sk), SOL_NETLINK, NETLINK_CAP_ACK,
		   &one, sizeof(one));
	nl_socket_set_buffer_size(g->sk, SOCKET_BUFFER, SOCKET_BUFFER);
	g->version = version;
	g->family = genl_ctrl_resolve(g->sk, name);
	if (g->family < 0) {
		err = -ENOENT;
		goto fail;
	}
	return 0;
fail:
	nl_socket_free(g->sk);
	g->sk = NULL;
	return err < 0 ? err : -EIO;
}

void camsec_genl_close(struct camsec_genl *g)
{
	nl_socket_free(g->sk);
	g->sk = NULL;
}

struct nl_msg *camsec_genl_msg(struct camsec_genl *g, int cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc_size(SOCKET_BUFFER);

	if (msg && !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, g->family, 0,
				flags, cmd, (uint8_t)g->version)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

struct call {
	struct camsec_genl *g;
	int (*parse)(struct nl_msg *msg, void *arg);
	void *arg;
	int err;
	int done;
};

/* The error's extended ACK: NLMSGERR_ATTR_MSG after the (capped) request. */
static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct call *c = arg;
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t off = sizeof(*e);

	(void)who;
	c->err = e->error;
	c->done = 1;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return NL_STOP;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	if (nlh->nlmsg_len < NLMSG_HDRLEN + off)
		return NL_STOP;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX,
		      (struct nlattr *)((char *)e + NLMSG_ALIGN(off)),
		      nlh->nlmsg_len - NLMSG_HDRLEN - NLMSG_ALIGN(off),
		      NULL) == 0 && tb[NLMSGERR_ATTR_MSG])
		snprintf(c->g->error, sizeof(c->g->error), "%s",
			 nla_get_string(tb[NLMSGERR_ATTR_MSG]));
	return NL_STOP;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct call *c = arg;
	int err;

	if (!c->parse)
		return NL_OK;
	err = c->parse(msg, c->arg);
	if (err) {
		c->err = err;
		return NL_STOP;
	}
	return NL_OK;
}

static int on_finish(struct nl_msg *msg, void *arg)
{
	struct call *c = arg;

	(void)msg;
	c->done = 1;
	return NL_STOP;
}

int camsec_genl_call(struct camsec_genl *g, struct nl_msg *msg,
		     int (*parse)(struct nl_msg *msg, void *arg), void *arg)
{
	struct call c = { .g = g, .parse = parse, .arg = arg };
	struct nl_cb *cb = nl_cb_alloc(NL_CB_DEFAULT);
	int err;

	g->error[0] = '\0';
	if (!cb) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &c);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &c);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, &c);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_finish, &c);
	nl_complete_msg(g->sk, msg);
	err = room_to_send(g, msg);
	if (err) {
		nlmsg_free(msg);
		nl_cb_put(cb);
		return err;
	}
	err = nl_send(g->sk, msg);
	nlmsg_free(msg);
	while (err >= 0 && !c.done && !c.err)
		err = nl_recvmsgs(g->sk, cb);
	nl_cb_put(cb);
	if (err < 0 && !c.err) {
		snprintf(g->error, sizeof(g->error), "%s", nl_geterror(err));
		c.err = errno_of(err);
	}
	return c.err;
}
