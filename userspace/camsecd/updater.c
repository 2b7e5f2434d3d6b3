// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecd - the updater (draft 6.6c): firmware bundles installed by RAUC
 * on the A/B card.
 *
 * RAUC checks a bundle's CMS signature against the firmware CA for code
 * signing (its keyring, check-purpose=codesign), writes the slot that does
 * not run, kernel and root, and puts it first in U-Boot's boot order
 * (image/updater/system.conf). camsecd keeps what the draft asks of the
 * device: an administrator's request only (ops.c), no version below the
 * floor, which rises once a new version has booted and was marked good
 * (firmware.c), and every step in the trail.
 *
 * RAUC runs with the updater role, which reaches the card and the uploaded
 * bundle. Its D-Bus bus is private: the socket is made in a directory
 * labelled updater, which no other role may connect to. The bus, which
 * starts "rauc service" at the first call, and RAUC's client run for one
 * install, in a session of their own that ends with it. The pre-install
 * handler lets RAUC install only the version camsecd checked
 * (CAMSEC_APPROVED_VERSION, which the service inherits from the bus).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <syslog.h>
#include <unistd.h>

#include "atomicfile.h"
#include "camsecd.h"
#include "clock.h"
#include "fwmanifest.h"
#include "kernel.h"
#include "raucinfo.h"
#include "reply.h"
#include "session.h"
#include "trail.h"
#include "verbs.h"
#include "updater.h"

#define UPDATER_PARENT "/run/camsec"
#define UPDATER_DIR UPDATER_PARENT "/updater"
#define UPDATER_BUS "unix:path=" UPDATER_DIR "/bus"
#define RAUC "/usr/bin/rauc"
#define DBUS_DAEMON "/usr/bin/dbus-daemon"
#define BUS_CONFIG "/etc/camsec/updater-bus.conf"
#define INFO_TIMEOUT_S 120
#define INSTALL_TIMEOUT_S 1800
#define BUS_READY_MS 30000
#define OUTPUT_MAX 4096

/* The end of what a program printed on one of its outputs. */
struct output {
	int fd;			/* -1: closed */
	char text[OUTPUT_MAX];
	size_t len;
};

/* A program run with the updater role: its stdout, and its stderr. */
struct child {
	pid_t pid;
	struct output out, err;
};

static void child_exec(int go, const int fds[4], char *const argv[],
		       char *const envp[])
{
	sigset_t all;
	char g = 0;
	int i;

	sigfillset(&all);
	sigprocmask(SIG_UNBLOCK, &all, NULL);
	if (read(go, &g, 1) != 1 || g != 'g')
		_exit(126);
	for (i = 0; i < 4; i++)
		if (fds[i] >= 0 && (fds[i] == i ? fcntl(i, F_SETFD, 0) :
					      dup2(fds[i], i)) < 0)
			_exit(126);
	execve(argv[0], argv, envp);
	_exit(127);
}

static void close_fd(int fd)
{
	if (fd >= 0)
		close(fd);
}

/*
 * Start @argv with the updater role in the updater's session, its stdout
 * and stderr to @c (stderr with stdout if @merge); @ready, if not -1,
 * becomes its fd 3.
 */
static int spawn(char *const argv[], char *const envp[], bool merge,
		 int ready, struct child *c)
{
	int go[2] = { -1, -1 }, out[2] = { -1, -1 }, err[2] = { -1, -1 };
	int null, e = 0;

	c->pid = -1;
	c->out = (struct output){ .fd = -1 };
	c->err = (struct output){ .fd = -1 };
	null = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (null < 0 || pipe2(go, O_CLOEXEC) || pipe2(out, O_CLOEXEC) ||
	    (!merge && pipe2(err, O_CLOEXEC)))
		e = -errno;
	else
		c->pid = fork();
	if (!e && c->pid == 0) {
		int fds[4] = { null, out[1], merge ? out[1] : err[1], ready };

		child_exec(go[0], fds, argv, envp);
	}
	if (!e && c->pid < 0)
		e = -errno;
	close_fd(null);
	close_fd(go[0]);
	close_fd(out[1]);
	close_fd(err[1]);
	if (!e)
		e = kernel_grant(c->pid, "updater", SESSION_ID_RESERVED);
	if (!e && write(go[1], "g", 1) != 1)
		e = -EIO;
	close_fd(go[1]);	/* without the go, the child exits */
	if (e) {
		if (c->pid > 0)
			waitpid(c->pid, NULL, 0);
		close_fd(out[0]);
		close_fd(err[0]);
		return e;
	}
	c->out.fd = out[0];
	c->err.fd = err[0];
	return 0;
}

/* Keep the end of what @o says: the outcome comes last. */
static void take_output(struct output *o)
{
	ssize_t n;

	if (o->len > OUTPUT_MAX / 2) {
		memmove(o->text, o->text + o->len - OUTPUT_MAX / 4, OUTPUT_MAX / 4);
		o->len = OUTPUT_MAX / 4;
	}
	n = read(o->fd, o->text + o->len, OUTPUT_MAX - 1 - o->len);
	if (n > 0) {
		o->len += (size_t)n;
	} else if (n == 0 || errno != EINTR) {
		close(o->fd);
		o->fd = -1;
	}
	o->text[o->len] = '\0';
}

/*
 * Read what @c prints, and what @bus does meanwhile, until @c ends or
 * @timeout_s pass. Its exit status, or -ETIMEDOUT (it is killed).
 */
static int finish(struct child *c, struct child *bus, int timeout_s)
{
	struct output *o[3] = { &c->out, &c->err, bus ? &bus->out : NULL };
	int64_t end = now_s() + timeout_s;
	struct pollfd p[3];
	int status, i;

	c->out.text[0] = c->err.text[0] = '\0';
	while ((c->out.fd >= 0 || c->err.fd >= 0) && now_s() < end) {
		for (i = 0; i < 3; i++)
			p[i] = (struct pollfd){ .fd = o[i] ? o[i]->fd : -1,
						.events = POLLIN };
		if (poll(p, 3, 1000) < 0 && errno != EINTR)
			break;
		for (i = 0; i < 3; i++)
			if (p[i].revents)
				take_output(o[i]);
	}
	if (c->out.fd >= 0 || c->err.fd >= 0)
		kill(c->pid, SIGKILL);
	close_fd(c->out.fd);
	close_fd(c->err.fd);
	while (waitpid(c->pid, &status, 0) < 0)
		if (errno != EINTR)
			return -ECHILD;
	if (now_s() >= end)
		return -ETIMEDOUT;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/*
 * Why RAUC failed, from what it said: the last line that starts with
 * @prefix, else the last that is not one of its progress messages.
 */
static const char *outcome(struct output *o, const char *prefix)
{
	char *line, *last = NULL, *hit = NULL, *save = NULL;

	for (line = strtok_r(o->text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (prefix && !strncmp(line, prefix, strlen(prefix)))
			hit = line + strlen(prefix);
		else if (!strstr(line, "rauc-Message: ") && line[0] != '(')
			last = line;
	}
	return hit ?: last ?: "RAUC said nothing";
}

static char *const plain_env[] = { "PATH=/usr/sbin:/usr/bin:/sbin:/bin", NULL };

/*
 * The bundle's manifest, as RAUC reads it once it has checked the
 * signature. 0, or -EBADMSG with *@why.
 */
static int bundle_info(const char *bundle, struct rauc_info *info,
		       char *why, size_t why_len)
{
	char *argv[] = { RAUC, "info", "--output-format=shell",
			 (char *)bundle, NULL };
	unsigned int line;
	const char *what;
	struct child c;
	int err;

	err = spawn(argv, plain_env, false, -1, &c);
	if (err) {
		snprintf(why, why_len, "RAUC could not be started: %s",
			 strerror(-err));
		return -EIO;
	}
	err = finish(&c, NULL, INFO_TIMEOUT_S);
	if (err) {
		snprintf(why, why_len, "RAUC refused the bundle: %s",
			 err == -ETIMEDOUT ? "it took too long" :
			 outcome(&c.err, NULL));
		return -EBADMSG;
	}
	if (rauc_info_parse(c.out.text, c.out.len, info, &line, &what)) {
		snprintf(why, why_len, "RAUC's account of the bundle, line %u: %s",
			 line, what);
		return -EBADMSG;
	}
	return 0;
}

/* The bus, its service and any client end with their session. */
static void bus_stop(struct child *bus)
{
	kernel_end_session(SESSION_ID_RESERVED);
	close_fd(bus->out.fd);
	bus->out.fd = -1;
	while (waitpid(bus->pid, NULL, 0) < 0 && errno == EINTR)
		;
}

/* Does directory @fd hold nothing? */
static bool empty_dir(int fd)
{
	DIR *dir = fdopendir(fcntl(fd, F_DUPFD_CLOEXEC, 0));
	struct dirent *e;
	int n = 0;

	if (!dir)
		return false;
	while ((e = readdir(dir)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(dir);
	return !n;
}

/*
 * UPDATER_DIR, new, labelled and empty for each install. It is made under
 * a random name and labelled, which keeps every other role out, and
 * checked empty, in case one got in before; an earlier one (a bus's
 * socket, RAUC's status and mounts, or what root without a role left) is
 * moved aside, not walked: a mount inside it would take the walk into
 * what it covers.
 */
static int fresh_dir(void)
{
	char name[64], aside[64];
	uint64_t rnd;
	int run, fd, err = 0;

	mkdir(UPDATER_PARENT, 0755);	/* rcS makes it at boot */
	run = open(UPDATER_PARENT, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (run < 0)
		return -errno;
	if (getrandom(&rnd, sizeof(rnd), 0) != sizeof(rnd)) {
		close(run);
		return -EIO;
	}
	snprintf(name, sizeof(name), "updater.new.%016llx", (unsigned long long)rnd);
	snprintf(aside, sizeof(aside), "updater.old.%016llx", (unsigned long long)rnd);
	if (mkdirat(run, name, 0700))
		err = -errno;
	fd = err ? -1 : openat(run, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
					  O_CLOEXEC);
	if (!err && fd < 0)
		err = -errno;
	if (!err)
		err = set_label(fd, "updater") ?: (empty_dir(fd) ? 0 : -EEXIST);
	if (!err && renameat(run, "updater", run, aside) && errno != ENOENT)
		err = -errno;
	if (!err && renameat2(run, name, run, "updater", RENAME_NOREPLACE))
		err = -errno;
	if (fd >= 0)
		close(fd);
	close(run);
	return err;
}

/* The bus, in a directory no other role reaches; started, and ready. */
static int bus_start(const char *version, struct child *bus)
{
	char approved[sizeof("CAMSEC_APPROVED_VERSION=") + RAUC_FIELD_MAX];
	char *argv[] = { DBUS_DAEMON, "--config-file=" BUS_CONFIG, "--nofork",
			 "--nopidfile", "--print-address=3", NULL };
	char *envp[] = { plain_env[0], approved,
			 "DBUS_SESSION_BUS_ADDRESS=" UPDATER_BUS, NULL };
	struct pollfd p;
	char address[256];
	int ready[2], err;
	ssize_t n = -1;

	snprintf(approved, sizeof(approved), "CAMSEC_APPROVED_VERSION=%s", version);
	err = fresh_dir();
	if (err)
		return err;
	if (pipe2(ready, O_CLOEXEC))
		return -errno;
	err = spawn(argv, envp, true, ready[1], bus);
	close(ready[1]);
	if (!err) {
		p = (struct pollfd){ .fd = ready[0], .events = POLLIN };
		if (poll(&p, 1, BUS_READY_MS) == 1)
			n = read(ready[0], address, sizeof(address));
		if (n <= 0) {
			bus_stop(bus);
			err = -ETIMEDOUT;
		}
	}
	close(ready[0]);
	return err;
}

static int rauc_install(const char *bundle, const char *version,
			char *why, size_t why_len)
{
	char *argv[] = { RAUC, "install", (char *)bundle, NULL };
	char *envp[] = { plain_env[0], "DBUS_STARTER_BUS_TYPE=session",
			 "DBUS_SESSION_BUS_ADDRESS=" UPDATER_BUS, NULL };
	struct child bus, c;
	int err;

	err = bus_start(version, &bus);
	if (err) {
		snprintf(why, why_len, "the updater's bus did not start: %s",
			 strerror(-err));
		return -EIO;
	}
	err = spawn(argv, envp, true, -1, &c);
	if (err) {
		snprintf(why, why_len, "RAUC could not be started: %s",
			 strerror(-err));
	} else {
		err = finish(&c, &bus, INSTALL_TIMEOUT_S);
		if (err)
			snprintf(why, why_len, "RAUC did not install the bundle: %s",
				 err == -ETIMEDOUT ? "it took too long" :
				 outcome(&c.out, "LastError: "));
	}
	if (err)
		syslog(LOG_ERR, "the updater's bus and service said: %s",
		       bus.out.text);
	bus_stop(&bus);
	return err ? -EIO : 0;
}

/* Is @info's version below the floor? Then *@why says so. */
static bool below_floor(const struct camsecd *d, const struct rauc_info *info,
			char *why, size_t why_len)
{
	unsigned int v[4], n;
	char floor[64];

	if (fw_version_parse(info->version, v, &n)) {
		snprintf(why, why_len, "version \"%s\" is not a version (1.2.3)",
			 info->version);
		return true;
	}
	if (fw_version_cmp(v, n, d->floor, d->nfloor) >= 0)
		return false;
	fw_version_format(d->floor, d->nfloor, floor, sizeof(floor));
	snprintf(why, why_len, "below the floor %s (rollback)", floor);
	return true;
}

int updater_install(struct request *r, const char *bundle)
{
	char why[512] = "", msg[sizeof(why) + 160];
	char slot[2] = { r->d->boot_slot == 'A' ? 'B' : 'A' };
	struct rauc_info info = { .version = "" };
	struct proto_buf b;
	int err;

	err = bundle_info(bundle, &info, why, sizeof(why));
	if (!err && below_floor(r->d, &info, why, sizeof(why)))
		err = -EBADMSG;
	if (!err) {
		reply_stage(r, "verified");
		err = rauc_install(bundle, info.version, why, sizeof(why));
	}
	if (err) {
		if (info.version[0])
			snprintf(msg, sizeof(msg), "version %s: %s", info.version, why);
		else
			snprintf(msg, sizeof(msg), "%s", why);
		trail_log(r->d, "firmware-upgrade", "fail", r->s->account,
			  r->c->source, "%s", msg);
		reply_err(r, -err, msg);
		return err;
	}
	reply_stage(r, "written");
	trail_log(r->d, "firmware-upgrade", "ok", r->s->account, r->c->source,
		  "version=%s slot=%s by RAUC", info.version, slot);
	proto_start(&b, REPLY_OK);
	proto_add(&b, "version", info.version);
	proto_add(&b, "slot", slot);
	proto_add(&b, "next_boot", "yes");
	reply_ok(r, &b);
	return 0;
}
