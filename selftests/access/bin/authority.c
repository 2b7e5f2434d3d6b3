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
 *
 * Exit status: CMD's, or 1 with the errno printed if the kernel refused.
 */
#include <errno.h>
#include <fcntl.h>
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
