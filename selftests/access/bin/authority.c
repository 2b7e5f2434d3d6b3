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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "genl.h"
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

/* The reply's data to stdout. */
static int on_reply(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[CAMSEC_A_MAX + 1];
	struct nlattr *data;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, CAMSEC_A_MAX, NULL) ||
	    !(data = tb[CAMSEC_A_SEAL_DATA]))
		return -EPROTO;
	*(int *)arg = 1;
	return write(1, nla_data(data), nla_len(data)) == nla_len(data) ?
	       0 : -EIO;
}

/* stdin, sealed (or opened) for @context, to stdout: camsecd's request. */
static int seal(int cmd, const char *context)
{
	static char in[CAMSEC_SEAL_MAX + CAMSEC_SEAL_OVERHEAD + 2];
	struct camsec_genl g;
	struct nl_msg *m;
	ssize_t n, len = 0;
	int replied = 0, err;

	while ((n = read(0, in + len, sizeof(in) - len)) > 0)
		len += n;
	if (camsec_genl_open(&g, CAMSEC_GENL_NAME, CAMSEC_GENL_VERSION))
		return 2;
	m = camsec_genl_msg(&g, cmd, 0);
	if (!m || nla_put_string(m, CAMSEC_A_SEAL_CONTEXT, context) ||
	    nla_put(m, CAMSEC_A_SEAL_DATA, len, in))
		return 2;
	err = camsec_genl_call(&g, m, on_reply, &replied);
	camsec_genl_close(&g);
	if (!err && replied)
		return 0;
	fprintf(stderr, "authority: %s: %s\n",
		err ? strerror(-err) : "no reply", g.error);
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
