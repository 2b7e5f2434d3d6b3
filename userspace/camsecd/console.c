// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecd - the console login (-L TTY). The access policy gives the
 * console to admin and the authority alone, so the daemon opens it and
 * hands it to camsec-login, which runs with no role, no capability and
 * the "run" uid, holding the tty and a connection of its own (fd 3). On
 * that connection a login is an administrator's or nothing, and "run"
 * makes the program the tty's session leader: the administrator's shell,
 * with job control. When camsec-login exits, another one starts, at most
 * one a second.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "camsecd.h"
#include "clients.h"
#include "clock.h"
#include "console.h"
#include "run.h"

#define CONSOLE_LOGIN "/usr/sbin/camsec-login"
#define CONSOLE_FD 3

static void __attribute__((noreturn)) login_child(struct camsecd *d, int conn)
{
	static char *const argv[] = { CONSOLE_LOGIN, NULL };
	static char *const env[] = {
		"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "TERM=vt100", "CAMSEC_FD=3",
		NULL
	};
	int tty, i;

	setsid();
	/* No controlling tty: the shell that "run" starts takes it. */
	tty = open(d->console_tty, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (tty < 0) {
		syslog(LOG_ERR, "console %s: %m", d->console_tty);
		_exit(127);
	}
	for (i = 0; i < 3; i++) {
		if (dup2(tty, i) < 0)
			_exit(127);
	}
	if (dup2(conn, CONSOLE_FD) < 0)
		_exit(127);
	close_range(CONSOLE_FD + 1, ~0U, 0);
	if (run_drop_privileges(d))
		_exit(127);
	execve(argv[0], argv, env);
	dprintf(2, "camsecd: %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

static void console_start(struct camsecd *d)
{
	struct client *c;
	int sv[2];
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv)) {
		syslog(LOG_ERR, "console: socketpair: %m");
		return;
	}
	c = client_new(d, sv[0]);	/* closes sv[0] if it fails */
	if (!c) {
		close(sv[1]);
		return;
	}
	c->console = true;
	snprintf(c->source, sizeof(c->source), "console");
	pid = fork();
	if (pid == 0)
		login_child(d, sv[1]);
	close(sv[1]);
	if (pid < 0) {
		syslog(LOG_ERR, "console: fork: %m");
		client_close(d, c);
		return;
	}
	d->console_pid = pid;
	d->console_started = now_s();
}

/* The tick: a console without its login gets one, at most one a second. */
void console_tick(struct camsecd *d, int64_t now)
{
	if (d->console_tty && !d->console_pid && now > d->console_started)
		console_start(d);
}

/* Was @pid the console's login? Then another one starts at the tick. */
bool console_reaped(struct camsecd *d, pid_t pid, int status)
{
	if (!pid || pid != d->console_pid)
		return false;
	d->console_pid = 0;
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		syslog(LOG_WARNING, "console login ended with status %d", status);
	return true;
}

/*
 * When was @c's program last in use (now_s() time)? Elsewhere a program
 * that runs keeps its session in use; the console's shell only while
 * someone types: the tty's access time is its last input, as who(1)
 * reads idle times (the kernel moves it in steps of 8 s).
 */
int64_t console_used_at(const struct camsecd *d, const struct client *c,
			int64_t now)
{
	struct stat st;
	time_t idle;

	if (!c->console)
		return now;
	if (!d->console_tty || stat(d->console_tty, &st))
		return 0;
	idle = time(NULL) - st.st_atime;
	return idle > 0 ? now - idle : now;
}

/* At stop: the login waits on the tty, not on its connection. */
void console_stop(struct camsecd *d)
{
	if (d->console_pid > 0)
		kill(d->console_pid, SIGKILL);
	d->console_tty = NULL;
}
