// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecd - the camera's security authority.
 *
 * It runs one event loop over a signalfd; SIGTERM and SIGINT end it cleanly
 * (pidfile removed, exit status 0). The parts of the daemon plug their file
 * descriptors into this loop as they land.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <syslog.h>
#include <unistd.h>

#include "pidfile.h"

#define DEFAULT_PIDFILE "/run/camsecd.pid"

struct options {
	const char *pidfile;
	bool foreground;
};

static void usage(FILE *out)
{
	fprintf(out,
		"usage: camsecd [-f] [-p pidfile]\n"
		"  -f          stay in the foreground, log to stderr too\n"
		"  -p pidfile  default " DEFAULT_PIDFILE "\n");
}

static int parse_options(int argc, char **argv, struct options *opt)
{
	int c;

	opt->pidfile = DEFAULT_PIDFILE;
	opt->foreground = false;
	while ((c = getopt(argc, argv, "fp:h")) != -1) {
		switch (c) {
		case 'f':
			opt->foreground = true;
			break;
		case 'p':
			opt->pidfile = optarg;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return -1;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "camsecd: unexpected argument '%s'\n", argv[optind]);
		return -1;
	}
	return 0;
}

static int open_signalfd(void)
{
	sigset_t mask;

	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &mask, NULL) < 0)
		return -1;
	return signalfd(-1, &mask, SFD_CLOEXEC);
}

/* Returns when a terminating signal arrives: 0, or -1 on a loop error. */
static int run_loop(int sfd)
{
	struct signalfd_siginfo si;
	struct pollfd pfd = { .fd = sfd, .events = POLLIN };

	for (;;) {
		if (poll(&pfd, 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			syslog(LOG_ERR, "poll: %m");
			return -1;
		}
		if (read(sfd, &si, sizeof(si)) != sizeof(si))
			continue;
		if (si.ssi_signo == SIGHUP) {
			syslog(LOG_INFO, "SIGHUP: nothing to reload yet");
			continue;
		}
		syslog(LOG_INFO, "signal %u: stopping", si.ssi_signo);
		return 0;
	}
}

int main(int argc, char **argv)
{
	struct options opt;
	struct pidfile pf;
	pid_t holder = 0;
	int sfd, err, ret;

	if (parse_options(argc, argv, &opt))
		return 2;
	openlog("camsecd", LOG_PID | (opt.foreground ? LOG_PERROR : 0), LOG_DAEMON);
	if (!opt.foreground && daemon(0, 0) < 0) {
		syslog(LOG_ERR, "daemon: %m");
		return 1;
	}
	err = pidfile_acquire(&pf, opt.pidfile, &holder);
	if (err == -EWOULDBLOCK) {
		syslog(LOG_ERR, "already running (pid %ld)", (long)holder);
		return 1;
	} else if (err) {
		syslog(LOG_ERR, "%s: %s", opt.pidfile, strerror(-err));
		return 1;
	}
	sfd = open_signalfd();
	if (sfd < 0) {
		syslog(LOG_ERR, "signalfd: %m");
		pidfile_release(&pf);
		return 1;
	}
	syslog(LOG_INFO, "started");
	ret = run_loop(sfd);
	close(sfd);
	pidfile_release(&pf);
	syslog(LOG_INFO, "stopped");
	return ret ? 1 : 0;
}
