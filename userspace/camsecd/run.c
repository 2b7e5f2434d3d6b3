// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecd - "run": a program started for a session, holding the session's
 * role and id in the LSM, so that it reaches the objects the policy gives
 * that role and dies when the session ends (logout, idle, deletion of the
 * account). It runs as an unprivileged uid with no capabilities and
 * no_new_privs, on the caller's stdin, stdout and stderr (passed with the
 * request); the reply, "ok status=N", comes when it exits. On the console's
 * connection, the program leads a session of its own on the tty (its
 * controlling terminal: job control, and ^C reaches it). The program
 * also gets a connection to camsecd logged in to its session, as fd 3
 * and CAMSEC_SESSION_FD=3: camsecctl in it acts for the session, no
 * password asked again, and only while the session lasts.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "camsecd.h"
#include "clients.h"
#include "kernel.h"
#include "reply.h"
#include "run.h"
#include "stream.h"
#include "trail.h"
#include "verbs.h"

#define RUN_ARGS (PROTO_ARGS_MAX - 1)	/* prog=, then a1= ... */
#define SESSION_FD 3
/* Programs of one session with a connection open: so that a session
 * cannot take every client slot from the administrator. */
#define LENT_PER_SESSION 4

/*
 * In a child about to run a program: signals as a new process has them,
 * and the "run" uid and gid, no group, no capability, no_new_privs, and a
 * session keyring of its own.
 */
int run_drop_privileges(const struct camsecd *d)
{
	sigset_t all;

	sigfillset(&all);
	sigprocmask(SIG_UNBLOCK, &all, NULL);
	signal(SIGPIPE, SIG_DFL);
	if (setgroups(0, NULL) || setresgid(d->run_gid, d->run_gid, d->run_gid) ||
	    setresuid(d->run_uid, d->run_uid, d->run_uid) ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -1;
	/* None of the daemon's keys (the device key's master) goes along. */
	return kernel_new_session_keyring() ? -1 : 0;
}

/* The child: wait for the grant, become the caller's program. */
static void __attribute__((noreturn)) child(struct camsecd *d, struct client *c, int go,
		  int session_fd, char *const argv[])
{
	static char *const env[] = {
		"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "CAMSEC_SESSION_FD=3", NULL
	};
	static char *const console_env[] = {
		"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "CAMSEC_SESSION_FD=3", "TERM=vt100",
		"HOME=/tmp", "PS1=camsec admin:\\w\\$ ", NULL
	};
	char b;
	int i;

	if (read(go, &b, 1) != 1)
		_exit(127);
	for (i = 0; i < 3; i++) {
		if (dup2(c->fds[i], i) < 0)
			_exit(127);
	}
	if (session_fd == SESSION_FD ?
	    fcntl(SESSION_FD, F_SETFD, 0) : dup2(session_fd, SESSION_FD) < 0)
		_exit(127);
	close_range(SESSION_FD + 1, ~0U, 0);
	if (c->console && (setsid() < 0 || ioctl(0, TIOCSCTTY, 0))) {
		dprintf(2, "camsecd: the console is another session's tty: %s\n",
			strerror(errno));
		_exit(127);
	}
	if (run_drop_privileges(d) || stream_key_give(d))
		_exit(127);
	execve(argv[0], argv, c->console ? console_env : env);
	dprintf(2, "camsecd: %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

/* argv from prog= and a1= ... a15=: the count, or -1. */
static int build_argv(const struct proto_msg *m, char **argv)
{
	const char *prog = proto_get(m, "prog");
	char key[8];
	int n = 1;

	if (!prog || prog[0] != '/')
		return -1;
	argv[0] = (char *)prog;
	for (; n <= RUN_ARGS; n++) {
		snprintf(key, sizeof(key), "a%d", n);
		argv[n] = (char *)proto_get(m, key);
		if (!argv[n])
			break;
	}
	return n == (int)m->nargs ? n : -1;	/* no stray keys */
}

/* The connections lent to @r's session's programs. */
static unsigned int lent_to(const struct request *r)
{
	unsigned int i, n = 0;

	for (i = 0; i < CLIENTS_MAX; i++) {
		const struct client *c = &r->d->clients[i];

		n += c->fd >= 0 && c->lent && !strcmp(c->token, r->c->token);
	}
	return n;
}

/* The program's end of a connection logged in to @r's session, or -1. */
static int session_connection(struct request *r)
{
	struct client *peer;
	int sv[2];

	if (lent_to(r) >= LENT_PER_SESSION)
		return -1;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
		return -1;
	peer = client_new(r->d, sv[0]);	/* closes sv[0] if it fails */
	if (!peer) {
		close(sv[1]);
		return -1;
	}
	snprintf(peer->token, sizeof(peer->token), "%s", r->c->token);
	snprintf(peer->source, sizeof(peer->source), "%s", r->c->source);
	peer->lent = true;
	return sv[1];
}

void op_run(struct request *r)
{
	char *argv[RUN_ARGS + 2] = { NULL };
	int go[2], err, session_fd;
	pid_t pid;

	if (build_argv(r->m, argv) < 0) {
		reply_err(r, EINVAL, "run prog=/ABSOLUTE/PATH a1=ARG a2=ARG ... (at most 15)");
		return;
	}
	if (r->c->nfds != 3) {
		reply_err(r, EINVAL, "run needs the caller's stdin, stdout and stderr (SCM_RIGHTS)");
		return;
	}
	if (!r->d->authority) {
		reply_err(r, EPERM, "camsecd is not the LSM's authority: it can grant no role");
		return;
	}
	err = stream_key_ready(r->d);
	if (err && err != -ENOENT)
		syslog(LOG_WARNING, "the program runs without the stream key: %s",
		       strerror(-err));
	session_fd = session_connection(r);
	if (session_fd < 0) {
		reply_err(r, EUSERS, "this session runs as many programs as it may, or camsecd has no room for one more");
		return;
	}
	if (pipe2(go, O_CLOEXEC)) {
		close(session_fd);
		reply_err(r, EIO, "pipe");
		return;
	}
	pid = fork();
	if (pid == 0)
		child(r->d, r->c, go[0], session_fd, argv);
	close(go[0]);
	close(session_fd);
	err = pid < 0 ? -errno :
	      kernel_grant(pid, role_name(r->s->role), r->s->id);
	if (!err && write(go[1], "g", 1) != 1)
		err = -EIO;
	close(go[1]);
	if (err) {
		if (pid > 0)
			waitpid(pid, NULL, 0);	/* it exits without the go */
		reply_err(r, -err == EPERM ? EPERM : EIO, "the role could not be granted");
		return;
	}
	r->c->child = pid;
	trail_log(r->d, "run", "ok", r->s->account, r->c->source,
		  "prog=%s pid=%d session=%u role=%s", argv[0], (int)pid,
		  r->s->id, role_name(r->s->role));
}

static struct client *client_of(struct camsecd *d, pid_t pid)
{
	unsigned int i;

	for (i = 0; i < CLIENTS_MAX; i++) {
		if (d->clients[i].fd >= 0 && d->clients[i].child == pid)
			return &d->clients[i];
	}
	return NULL;
}

/* The LSM kills the tasks the daemon started in @s's session. */
void run_end_session_programs(const struct session *s, void *arg)
{
	struct camsecd *d = arg;
	int err;

	if (!d->authority)
		return;
	err = kernel_end_session(s->id);
	if (err && err != -ESRCH && err != -ENOENT)
		trail_log(d, "session-end", "fail", s->account, s->source,
			  "session=%u the kernel refused: %s", s->id,
			  strerror(-err));
}
/*
 * At start: the programs of sessions an earlier daemon granted die with
 * their sessions, which nothing here knows and whose ids come again.
 */
void run_end_orphans(struct camsecd *d)
{
	int err;

	if (!d->authority)
		return;
	err = kernel_end_all_sessions();
	if (err)
		syslog(LOG_WARNING, "the sessions of an earlier daemon were not ended: %s",
		       strerror(-err));
}

/* A program that ended: its caller gets the reply, with its status. */
void run_reaped(struct camsecd *d, pid_t pid, int status)
{
	int code = WIFEXITED(status) ? WEXITSTATUS(status) :
				       128 + WTERMSIG(status);
	struct client *c = client_of(d, pid);
	struct proto_buf b;

	if (!c)
		return;
	c->child = 0;
	trail_log(d, "run-exit", "ok", "", c->source, "pid=%d status=%d",
		  (int)pid, code);
	proto_start(&b, REPLY_OK);
	proto_addu(&b, "status", (unsigned int)code);
	reply_ok(&(struct request){ .d = d, .c = c }, &b);
}
