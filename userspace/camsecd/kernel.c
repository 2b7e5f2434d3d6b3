// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecd - its requests to the kernel (kernel.h)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <keyutils.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/camsec.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "genl.h"
#include "kernel.h"
#include "netrules.h"
#include "nfset.h"

/* The LSM's securityfs files camsecd reads and writes. */
#define SFS_ACCESS "/sys/kernel/security/camsec/access/"
#define SFS_WHOAMI SFS_ACCESS "whoami"
#define SFS_GRANT SFS_ACCESS "grant"
#define SFS_END_SESSION SFS_ACCESS "end_session"

int kernel_lsm_connect(struct camsec_genl *g)
{
	return camsec_genl_open(g, CAMSEC_GENL_NAME, CAMSEC_GENL_VERSION);
}

void kernel_lsm_disconnect(struct camsec_genl *g)
{
	camsec_genl_close(g);
}

struct sealed {
	uint8_t *buf;
	size_t len;
};

static int on_sealed(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[CAMSEC_A_MAX + 1];
	struct sealed *out = arg;
	struct nlattr *data;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, CAMSEC_A_MAX, NULL) ||
	    !(data = tb[CAMSEC_A_SEAL_DATA]) || out->buf)
		return -EPROTO;
	out->len = (size_t)nla_len(data);
	out->buf = malloc(out->len + 1);
	if (!out->buf)
		return -ENOMEM;
	memcpy(out->buf, nla_data(data), out->len);
	out->buf[out->len] = '\0';
	return 0;
}

/* CAMSEC_CMD_SEAL or _OPEN of @len bytes for @use. */
static int seal_cmd(struct camsec_genl *g, uint8_t cmd, const char *use,
		    const void *in, size_t len, uint8_t **out, size_t *outlen)
{
	struct sealed res = { 0 };
	struct nl_msg *msg;
	int err;

	g->error[0] = '\0';	/* no stale reason for a refusal here */
	if (len > CAMSEC_SEAL_MAX + CAMSEC_SEAL_OVERHEAD)
		return -EMSGSIZE;
	msg = camsec_genl_msg(g, cmd, 0);
	if (!msg)
		return -ENOMEM;
	if (nla_put_string(msg, CAMSEC_A_SEAL_CONTEXT, use) ||
	    nla_put(msg, CAMSEC_A_SEAL_DATA, (int)len, in)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	err = camsec_genl_call(g, msg, on_sealed, &res);
	if (!err && !res.buf)
		err = -EPROTO;
	if (err) {
		if (res.buf)
			explicit_bzero(res.buf, res.len);
		free(res.buf);
		return err;
	}
	*out = res.buf;
	*outlen = res.len;
	return 0;
}

int kernel_seal(struct camsec_genl *g, const char *use, const void *in,
		size_t len, uint8_t **out, size_t *outlen)
{
	return seal_cmd(g, CAMSEC_CMD_SEAL, use, in, len, out, outlen);
}

int kernel_unseal(struct camsec_genl *g, const char *use, const void *in,
		  size_t len, uint8_t **out, size_t *outlen)
{
	return seal_cmd(g, CAMSEC_CMD_OPEN, use, in, len, out, outlen);
}

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

static unsigned int u8_of(struct nlattr *a)
{
	return a ? nla_get_u8(a) : 0;
}

static unsigned int u32_of(struct nlattr *a)
{
	return a ? nla_get_u32(a) : 0;
}

static const char *str_of(struct nlattr *a)
{
	return a ? nla_get_string(a) : "-";
}

static void lsm_event(struct kernel_events *ev, struct nlattr **tb)
{
	struct kernel_event e = {
		.kind = KERNEL_EVENT_LSM,
		.reason = u8_of(tb[CAMSEC_A_EVENT_REASON]),
		.denied = u8_of(tb[CAMSEC_A_EVENT_DENIED]),
		.op = u8_of(tb[CAMSEC_A_EVENT_OP]),
		.pid = u32_of(tb[CAMSEC_A_EVENT_PID]),
		.uid = u32_of(tb[CAMSEC_A_EVENT_UID]),
		.role = u8_of(tb[CAMSEC_A_EVENT_ROLE]),
		.session = u32_of(tb[CAMSEC_A_EVENT_SESSION]),
		.class = tb[CAMSEC_A_EVENT_CLASS] ?
			 nla_get_string(tb[CAMSEC_A_EVENT_CLASS]) : NULL,
		.comm = str_of(tb[CAMSEC_A_EVENT_COMM]),
		.path = str_of(tb[CAMSEC_A_EVENT_PATH]),
		.addr = "-",
	};

	ev->deliver(&e, ev->arg);
}

static void nf_event(struct kernel_events *ev, struct nlattr **tb)
{
	struct kernel_event e = {
		.kind = tb[CAMSEC_NF_A_BAN_PREFIX] ? KERNEL_EVENT_NF_BAN :
						     KERNEL_EVENT_NF,
		.reason = u8_of(tb[CAMSEC_NF_A_EVENT_REASON]),
		.proto = u8_of(tb[CAMSEC_NF_A_EVENT_PROTO]),
		.port = tb[CAMSEC_NF_A_EVENT_PORT] ?
			nla_get_u16(tb[CAMSEC_NF_A_EVENT_PORT]) : 0,
		.suppressed = u32_of(tb[CAMSEC_NF_A_EVENT_SUPPRESSED]),
		.prefix = u8_of(tb[CAMSEC_NF_A_BAN_PREFIX]),
		.addr = "-",
	};

	if (tb[CAMSEC_NF_A_ADDR]) {
		int len = nla_len(tb[CAMSEC_NF_A_ADDR]);

		if (len == 4 || len == 16)
			inet_ntop(len == 4 ? AF_INET : AF_INET6,
				  nla_data(tb[CAMSEC_NF_A_ADDR]), e.addr,
				  sizeof(e.addr));
	}
	ev->deliver(&e, ev->arg);
}

static void deliver_kind(struct kernel_events *ev, enum kernel_event_kind kind)
{
	struct kernel_event e = { .kind = kind, .addr = "-" };

	ev->deliver(&e, ev->arg);
}

/* The events group of camsec_nf, from the controller's new family. */
static void nf_arrived(struct kernel_events *ev, struct nlattr **tb)
{
	struct nlattr *grp, *g[CTRL_ATTR_MCAST_GRP_MAX + 1];
	int rem;

	if (!tb[CTRL_ATTR_FAMILY_NAME] || !tb[CTRL_ATTR_FAMILY_ID] ||
	    !tb[CTRL_ATTR_MCAST_GROUPS] ||
	    strcmp(nla_get_string(tb[CTRL_ATTR_FAMILY_NAME]), CAMSEC_NF_GENL_NAME))
		return;
	nla_for_each_nested(grp, tb[CTRL_ATTR_MCAST_GROUPS], rem) {
		if (nla_parse_nested(g, CTRL_ATTR_MCAST_GRP_MAX, grp, NULL) ||
		    !g[CTRL_ATTR_MCAST_GRP_NAME] || !g[CTRL_ATTR_MCAST_GRP_ID] ||
		    strcmp(nla_get_string(g[CTRL_ATTR_MCAST_GRP_NAME]),
			   CAMSEC_NF_MCGRP_EVENTS))
			continue;
		if (nl_socket_add_membership(ev->sk,
					     (int)nla_get_u32(g[CTRL_ATTR_MCAST_GRP_ID])))
			deliver_kind(ev, KERNEL_EVENT_NF_UNJOINED);
		else
			ev->nf_family = nla_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	}
}

/* camsec_nf loaded or unloaded: its events are joined or forgotten. */
static void on_controller(struct kernel_events *ev, struct nlmsghdr *nlh)
{
	struct genlmsghdr *gh = nlmsg_data(nlh);
	struct nlattr *tb[CTRL_ATTR_MAX + 1];

	if (genlmsg_parse(nlh, 0, tb, CTRL_ATTR_MAX, NULL))
		return;
	if (gh->cmd == CTRL_CMD_NEWFAMILY)
		nf_arrived(ev, tb);
	else if (gh->cmd == CTRL_CMD_DELFAMILY && tb[CTRL_ATTR_FAMILY_ID] &&
		 nla_get_u16(tb[CTRL_ATTR_FAMILY_ID]) == ev->nf_family)
		ev->nf_family = -1;
}

static int on_event(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nlattr *tb[CAMSEC_A_MAX + CAMSEC_NF_A_MAX + 1];
	struct kernel_events *ev = arg;

	if (nlh->nlmsg_type == GENL_ID_CTRL)
		on_controller(ev, nlh);
	else if (nlh->nlmsg_type == ev->lsm_family &&
		 !genlmsg_parse(nlh, 0, tb, CAMSEC_A_MAX, NULL))
		lsm_event(ev, tb);
	else if (nlh->nlmsg_type == ev->nf_family &&
		 !genlmsg_parse(nlh, 0, tb, CAMSEC_NF_A_MAX, NULL))
		nf_event(ev, tb);
	return NL_OK;
}

/* Join @group of @family on @sk: its family id, or -1. */
static int join(struct nl_sock *sk, const char *family, const char *group)
{
	int grp = genl_ctrl_resolve_grp(sk, family, group);

	if (grp < 0 || nl_socket_add_membership(sk, grp))
		return -1;
	return genl_ctrl_resolve(sk, family);
}

/*
 * Join the LSM's event group, and camsec_nf's now and whenever the module
 * is loaded again (the controller's notifications).
 */
int kernel_events_open(struct kernel_events *ev,
		       void (*deliver)(const struct kernel_event *e, void *arg),
		       void *arg)
{
	struct nl_sock *sk = nl_socket_alloc();

	ev->sk = NULL;
	ev->deliver = deliver;
	ev->arg = arg;
	if (!sk)
		return -ENOMEM;
	ev->lsm_family = -1;
	ev->nf_family = -1;
	if (genl_connect(sk) ||
	    (ev->lsm_family = join(sk, CAMSEC_GENL_NAME, CAMSEC_MCGRP_EVENTS)) < 0 ||
	    join(sk, "nlctrl", "notify") < 0) {
		nl_socket_free(sk);
		return -ENOENT;
	}
	ev->nf_family = join(sk, CAMSEC_NF_GENL_NAME, CAMSEC_NF_MCGRP_EVENTS);
	nl_socket_disable_seq_check(sk);
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, on_event, ev);
	nl_socket_set_nonblocking(sk);
	nl_socket_set_buffer_size(sk, 1 << 20, 0);
	ev->sk = sk;
	return 0;
}

void kernel_events_read(struct kernel_events *ev)
{
	int err = nl_recvmsgs_default(ev->sk);

	if (err == -NLE_NOMEM)	/* the socket overran */
		deliver_kind(ev, KERNEL_EVENT_LOST);
}

int kernel_events_fd(const struct kernel_events *ev)
{
	return ev->sk ? nl_socket_get_fd(ev->sk) : -1;
}

void kernel_events_close(struct kernel_events *ev)
{
	if (ev->sk)
		nl_socket_free(ev->sk);
	ev->sk = NULL;
}

bool kernel_is_authority(void)
{
	char buf[32] = "";
	int fd = open(SFS_WHOAMI, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	if (read(fd, buf, sizeof(buf) - 1) < 0)
		buf[0] = '\0';
	close(fd);
	return !strncmp(buf, "authority ", 10);
}

/* Write @line to the securityfs file @path. */
static int sfs_write(const char *path, const char *line, size_t len)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), err = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, line, len) != (ssize_t)len)
		err = -errno;
	close(fd);
	return err;
}

int kernel_grant(pid_t pid, const char *role, unsigned int session)
{
	char line[64];
	int n = snprintf(line, sizeof(line), "%d %s %u", (int)pid, role, session);

	return sfs_write(SFS_GRANT, line, (size_t)n);
}

int kernel_end_session(unsigned int session)
{
	char id[16];
	int n = snprintf(id, sizeof(id), "%u", session);

	return sfs_write(SFS_END_SESSION, id, (size_t)n);
}

int kernel_end_all_sessions(void)
{
	return sfs_write(SFS_END_SESSION, "all", 3);
}

bool kernel_has_device_key(void)
{
	return request_key("encrypted", CAMSEC_SEAL_KEY, NULL, 0) >= 0;
}

/* The device key, into our process keyring, from @payload. */
static key_serial_t add_device_key(const char *payload)
{
	return add_key("encrypted", CAMSEC_SEAL_KEY, payload, strlen(payload),
		       KEY_SPEC_PROCESS_KEYRING);
}

int kernel_load_device_key(const char *blob)
{
	char payload[DEVICE_KEY_BLOB_MAX + 8];

	snprintf(payload, sizeof(payload), "load %s", blob);
	return add_device_key(payload) < 0 ? -errno : 0;
}

int kernel_new_device_key(const char *master, void **blob, size_t *len)
{
	char payload[DEVICE_KEY_BLOB_MAX + 8];
	key_serial_t id;
	long n;

	snprintf(payload, sizeof(payload), "new default %s %d", master,
		 CAMSEC_SEAL_KEY_LEN);
	id = add_device_key(payload);
	if (id < 0)
		return -errno;
	n = keyctl_read_alloc(id, blob);
	if (n < 0)
		return -errno;
	*len = (size_t)n;
	return 0;
}

int kernel_new_session_keyring(void)
{
	return keyctl_join_session_keyring(NULL) < 0 ? -errno : 0;
}

int kernel_give_stream_key(const uint8_t *key, size_t len)
{
	return add_key("logon", STREAM_KEY_DESC, key, len,
		       KEY_SPEC_SESSION_KEYRING) < 0 ? -errno : 0;
}
