// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec-login - the console's login prompt. camsecd (-L TTY) starts it
 * with the tty on stdin, stdout and stderr and a connection of the
 * console's own on CAMSEC_FD; it runs with no role, no capability and
 * an unprivileged uid. Before activation it offers activation only; after,
 * a name, then camsecctl asks for the password (echo off) and starts the
 * administrator's shell through camsecd. One login, then it exits and
 * camsecd starts the next.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "verbs.h"

#define CAMSECCTL "/usr/sbin/camsecctl"
#define NAME_MAX_LEN 32
#define PROMPT_TIMEOUT_S 60
#define FAILURE_PAUSE_S 2

/* A tty as a person expects it: lines, echo, ^C, CR as newline. */
static void sane_tty(void)
{
	struct termios t;

	if (tcgetattr(0, &t))
		return;
	t.c_iflag |= ICRNL | IXON;
	t.c_iflag &= ~(INLCR | IGNCR);
	t.c_oflag |= OPOST | ONLCR;
	t.c_lflag |= ICANON | ECHO | ECHOE | ECHOK | ISIG;
	tcsetattr(0, TCSAFLUSH, &t);
}

/* Is the device activated? camsecd's "status" on our connection. */
static int activated(int conn)
{
	static const char req[] = VERB_STATUS "\n";
	char line[512];
	size_t len = 0;
	ssize_t n;

	if (write(conn, req, sizeof(req) - 1) != (ssize_t)sizeof(req) - 1)
		return -1;
	while (len < sizeof(line) - 1) {
		n = read(conn, line + len, 1);
		if (n <= 0)
			return -1;
		if (line[len++] == '\n')
			break;
	}
	line[len] = '\0';
	if (strncmp(line, REPLY_OK " ", strlen(REPLY_OK " ")))
		return -1;
	return strstr(line, " activated=yes") != NULL;
}

/* A name as camsecd takes them (it checks them again), or false. */
static bool read_name(const char *prompt, char *name, size_t size)
{
	size_t i;

	printf("%s", prompt);
	fflush(stdout);
	alarm(PROMPT_TIMEOUT_S);
	if (!fgets(name, (int)size, stdin))
		return false;
	alarm(0);
	name[strcspn(name, "\r\n")] = '\0';
	for (i = 0; name[i]; i++) {
		if (!isalnum((unsigned char)name[i]) && !strchr("._-", name[i]))
			return false;
	}
	return i > 0;
}

/* camsecctl with @args on our connection; its exit status. */
static int camsecctl(char *const args[])
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execv(CAMSECCTL, args);
		perror(CAMSECCTL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 127;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(void)
{
	char name[NAME_MAX_LEN + 2];
	const char *fd = getenv("CAMSEC_FD");
	struct utsname u;
	int state;

	signal(SIGALRM, SIG_DFL);	/* a prompt left alone ends the login */
	if (!fd || (state = activated(atoi(fd))) < 0) {
		fprintf(stderr, "camsec-login: camsecd does not answer\n");
		sleep(FAILURE_PAUSE_S);
		return 1;
	}
	sane_tty();
	uname(&u);
	printf("\n%s camera (Linux %s), console\n", u.nodename, u.release);
	if (!state) {
		printf("This camera is not activated: name its first administrator.\n");
		if (!read_name("administrator name: ", name, sizeof(name)))
			return 1;
		return camsecctl((char *[]){ "camsecctl", "activate", name, NULL });
	}
	if (!read_name("login: ", name, sizeof(name)))
		return 1;
	/* No login shell: no profile file that a changed flash could fill. */
	state = camsecctl((char *[]){ "camsecctl", "--user", name, "run",
				     "/bin/sh", NULL });
	if (state)
		sleep(FAILURE_PAUSE_S);
	return state;
}
