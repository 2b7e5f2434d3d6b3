// SPDX-License-Identifier: GPL-2.0-only
/*
 * authority: the part of an authority (camsecd) that the role tests need.
 * A policy naming this program's path makes it the authority.
 *
 *   authority run ROLE SESSION CMD [ARG...]   fork, grant the child ROLE
 *                                             for its exec of CMD, wait
 *   authority spawn CMD [ARG...]              the same without a grant
 *   authority grant PID ROLE SESSION          grant to any PID (tests refusal)
 *   authority end SESSION                     end a session
 *   authority whoami                          this process's role
 *   authority label FILE LABEL                set FILE's security.camsec
 *   authority unlabel FILE                    remove it
 *   authority try r|w|x|m FILE                one access as the authority
 *   authority seal|open CONTEXT               stdin sealed or opened by the
 *                                             kernel (CAMSEC_CMD_SEAL, _OPEN)
 *                                             to stdout
 *
 * Exit status: CMD's, or 1 with the errno printed if the kernel refused.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/camsec.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "try.h"

#define SFS "/sys/kernel/security/camsec/access/"

static int put(const char *file, const char *text)
{
	int fd = open(file, O_WRONLY);
	ssize_t n = -1;

	if (fd >= 0) {
		n = write(fd, text, strlen(text));
		close(fd);
	}
	if (n == (ssize_t)strlen(text))
		return 0;
	fprintf(stderr, "authority: %s: %s\n", file, strerror(errno));
	return 1;
}

static int grant(pid_t pid, const char *role, const char *session)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%d %s %s", pid, role, session);
	return put(SFS "grant", buf);
}

/* Set or, with no @value, remove @path's label. */
static int label(const char *path, const char *value)
{
	int err = value ? setxattr(path, "security.camsec", value,
				   strlen(value), 0) :
			  removexattr(path, "security.camsec");

	if (!err)
		return 0;
	fprintf(stderr, "authority: label %s: %s\n", path, strerror(errno));
	return 1;
}

struct seal_call {
	int err;
	char message[256];
	int out;		/* bytes written to stdout, or -1 */
};

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	struct seal_call *c = arg;
	size_t off = sizeof(*e);

	(void)who;
	c->err = e->error;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) &&
	    !nla_parse(tb, NLMSGERR_ATTR_MAX,
		       (struct nlattr *)((char *)e + NLMSG_ALIGN(off)),
		       nlh->nlmsg_len - NLMSG_HDRLEN - NLMSG_ALIGN(off), NULL) &&
	    tb[NLMSGERR_ATTR_MSG])
		snprintf(c->message, sizeof(c->message), "%s",
			 nla_get_string(tb[NLMSGERR_ATTR_MSG]));
	return NL_STOP;
}

static int on_reply(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[CAMSEC_A_MAX + 1];
	struct seal_call *c = arg;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, CAMSEC_A_MAX, NULL) ||
	    !tb[CAMSEC_A_SEAL_DATA])
		return NL_STOP;
	c->out = write(1, nla_data(tb[CAMSEC_A_SEAL_DATA]),
		       nla_len(tb[CAMSEC_A_SEAL_DATA]));
	return NL_OK;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	(void)msg;
	((struct seal_call *)arg)->err = 0;
	return NL_STOP;
}

/* stdin, sealed (or opened) for @context, to stdout. */
static int seal(int cmd, const char *context)
{
	static char in[CAMSEC_SEAL_MAX + CAMSEC_SEAL_OVERHEAD + 2];
	struct seal_call c = { .err = 1, .out = -1 };
	struct nl_sock *sk = nl_socket_alloc();
	struct nl_cb *cb = nl_cb_alloc(NL_CB_DEFAULT);
	struct nl_msg *m = nlmsg_alloc_size(2 * sizeof(in));
	ssize_t n, len = 0;
	int family, one = 1, err = 0;

	while ((n = read(0, in + len, sizeof(in) - len)) > 0)
		len += n;
	if (!sk || !cb || !m || genl_connect(sk))
		return 2;
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK, &one,
		   sizeof(one));
	family = genl_ctrl_resolve(sk, CAMSEC_GENL_NAME);
	if (family < 0 ||
	    !genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, 0, cmd, 1) ||
	    nla_put_string(m, CAMSEC_A_SEAL_CONTEXT, context) ||
	    nla_put(m, CAMSEC_A_SEAL_DATA, len, in))
		return 2;
	/* A reply holds up to 32 KiB of data: room for it in the socket. */
	nl_socket_set_buffer_size(sk, 1 << 20, 1 << 20);
	nl_socket_set_msg_buf_size(sk, sizeof(in) + 4096);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &c);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_reply, &c);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &c);
	if (nl_send_auto(sk, m) < 0)
		return 2;
	while (c.err > 0 && (err = nl_recvmsgs(sk, cb)) >= 0)
		;
	if (!c.err && c.out >= 0)
		return 0;
	fprintf(stderr, "authority: %s: %s\n",
		c.err < 0 ? strerror(-c.err) : err < 0 ? nl_geterror(err) :
		"no reply", c.message);
	return 1;
}

/* Fork; the child waits on a pipe so that the grant precedes its exec. */
static int run(const char *role, const char *session, char **cmd)
{
	int go[2], status;
	pid_t child;
	char c = 0;

	if (pipe(go))
		return 1;
	child = fork();
	if (child < 0)
		return 1;
	if (!child) {
		close(go[1]);
		if (read(go[0], &c, 1) != 1 || c != 'g')
			_exit(126);
		execvp(cmd[0], cmd);
		_exit(127);
	}
	close(go[0]);
	if (!role || !grant(child, role, session))
		c = 'g';
	if (write(go[1], &c, 1) != 1)
		return 1;
	close(go[1]);
	if (waitpid(child, &status, 0) != child)
		return 1;
	if (c != 'g')
		return 1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(int argc, char **argv)
{
	char buf[64];
	ssize_t n;
	int fd;

	if (argc >= 5 && !strcmp(argv[1], "run"))
		return run(argv[2], argv[3], argv + 4);
	if (argc >= 3 && !strcmp(argv[1], "spawn"))
		return run(NULL, NULL, argv + 2);
	if (argc == 5 && !strcmp(argv[1], "grant"))
		return grant(atoi(argv[2]), argv[3], argv[4]);
	if (argc == 3 && !strcmp(argv[1], "end"))
		return put(SFS "end_session", argv[2]);
	if (argc == 4 && !strcmp(argv[1], "label"))
		return label(argv[2], argv[3]);
	if (argc == 4 && !strcmp(argv[1], "try"))
		return try_access(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "unlabel"))
		return label(argv[2], NULL);
	if (argc == 3 && !strcmp(argv[1], "seal"))
		return seal(CAMSEC_CMD_SEAL, argv[2]);
	if (argc == 3 && !strcmp(argv[1], "open"))
		return seal(CAMSEC_CMD_OPEN, argv[2]);
	if (argc == 2 && !strcmp(argv[1], "whoami")) {
		fd = open(SFS "whoami", O_RDONLY);
		n = fd < 0 ? -1 : read(fd, buf, sizeof(buf));
		if (n <= 0)
			return 1;
		fwrite(buf, 1, n, stdout);
		return 0;
	}
	fprintf(stderr, "usage: see the comment in authority.c\n");
	return 2;
}
