// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecd - the camera's security authority: options, start-up and the
 * event loop (signals, the socket, its clients, the kernel's events, and
 * a tick that ends idle sessions). SIGTERM and SIGINT end it cleanly.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <linux/camsec.h>

#include "atomicfile.h"
#include "auth.h"
#include "bootslot.h"
#include "camsecd.h"
#include "clients.h"
#include "clock.h"
#include "console.h"
#include "firmware.h"
#include "identity.h"
#include "kernel.h"
#include "network.h"
#include "password.h"
#include "pidfile.h"
#include "run.h"
#include "seal.h"
#include "server.h"
#include "store.h"
#include "tls.h"
#include "trail.h"
#include "users.h"

#define DEFAULT_PIDFILE "/run/camsecd.pid"
#define DEFAULT_SOCKET "/run/camsecd.sock"
#define DEFAULT_STATEDIR "/var/lib/camsec"
#define DEFAULT_MASTER_KEY "user:" CAMSEC_SEAL_MASTER
#define DEFAULT_FACTORY "/etc/camsec/factory.settings"
#define DEFAULT_BOOTENV "/etc/fw_env.config"
#define DEFAULT_MANIFEST "/etc/camsec/firmware.manifest"

struct options {
	const char *pidfile;
	bool foreground;
};

static void usage(FILE *out)
{
	fprintf(out,
		"usage: camsecd [-f] [-p pidfile] [-s socket] [-d statedir] [-u uid]\n"
		"               [-r uid:gid] [-t address:port [-C cert.pem -K key.pem]]\n"
		"               [-k master] [-D factory-settings] [-E fw_env.config]\n"
		"               [-V manifest] [-L tty] [-N network-rules] [-R note] [-b]\n"
		"  -f           stay in the foreground, log to stderr too\n"
		"  -p pidfile   default " DEFAULT_PIDFILE "\n"
		"  -s socket    the local socket, default " DEFAULT_SOCKET "\n"
		"  -d statedir  accounts, settings, audit trail; default " DEFAULT_STATEDIR "\n"
		"  -u uid       a non-root uid that may use the socket too\n"
		"  -r uid:gid   what programs started by \"run\" run as; default 65534:65534\n"
		"  -t addr:port remote management over TLS there, with the device's\n"
		"               identity, or the certificate chain -C and its key -K (PEM)\n"
		"  -k master    the master key of a new device key (store.key), as\n"
		"               trusted:NAME or user:NAME; default " DEFAULT_MASTER_KEY "\n"
		"  -D file      settings before any change and after a factory reset\n"
		"               (\"set key=K value=V\" lines); default " DEFAULT_FACTORY "\n"
		"  -E file      where U-Boot's environment is (the A/B boot), as\n"
		"               fw_setenv reads it; default " DEFAULT_BOOTENV "\n"
		"  -V file      the running image's manifest; default " DEFAULT_MANIFEST "\n"
		"  -L tty       serve the console login (camsec-login) on this tty\n"
		"  -N file      the factory's network ruleset (camsecctl net set\n"
		"               options, one per line), set again by a factory reset\n"
		"  -b           \"reboot\" restarts the device: SIGTERM to init (busybox)\n"
		"  -R note      a supervisor restarted the daemon after it ended so\n"
		"               (\"signal 9\"): recorded in the audit trail\n"
		"usage: camsecd -c MS   print the highest yescrypt cost (setting hash_cost)\n"
		"               whose hash takes at most MS ms on this device\n");
}

static int parse_uid(const char *s, uid_t *uid)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (!*s || *end || !v || v >= 65536)
		return -1;
	*uid = (uid_t)v;
	return 0;
}

static int parse_ids(const char *s, struct camsecd *d)
{
	unsigned long u, g;
	char *end;

	u = strtoul(s, &end, 10);
	if (end == s || *end != ':' || !u || u >= 65536)
		return -1;
	g = strtoul(end + 1, &end, 10);
	if (*end || !g || g >= 65536)
		return -1;
	d->run_uid = (uid_t)u;
	d->run_gid = (gid_t)g;
	return 0;
}

/* The highest cost whose hash takes at most @ms here (at least 1). */
static unsigned int calibrate(unsigned long ms)
{
	char hash[ACCOUNT_HASH_MAX];
	struct timespec a, b;
	unsigned int cost;
	long took;

	for (cost = 1; cost <= 11; cost++) {
		clock_gettime(CLOCK_MONOTONIC, &a);
		if (password_hash("calibration-Pw1", cost, hash, sizeof(hash)))
			break;
		clock_gettime(CLOCK_MONOTONIC, &b);
		took = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
		fprintf(stderr, "cost %u: %ld ms\n", cost, took);
		if ((unsigned long)took > ms)
			break;
	}
	return cost > 1 ? cost - 1 : 1;
}

static int parse_options(int argc, char **argv, struct options *opt,
			 struct camsecd *d)
{
	int c;

	opt->pidfile = DEFAULT_PIDFILE;
	opt->foreground = false;
	d->socket_path = DEFAULT_SOCKET;
	d->statedir = DEFAULT_STATEDIR;
	d->run_uid = d->run_gid = 65534;
	d->master_key = DEFAULT_MASTER_KEY;
	d->factory_settings = DEFAULT_FACTORY;
	d->bootenv_config = DEFAULT_BOOTENV;
	d->boot_slot = bootslot_booted();
	d->factory_manifest = DEFAULT_MANIFEST;
	while ((c = getopt(argc, argv, "fp:s:d:u:r:t:C:K:k:D:E:V:L:N:R:bc:h")) != -1) {
		switch (c) {
		case 'c':
			printf("%u\n", calibrate(strtoul(optarg, NULL, 10)));
			exit(0);
		case 'f':
			opt->foreground = true;
			break;
		case 'p':
			opt->pidfile = optarg;
			break;
		case 's':
			d->socket_path = optarg;
			break;
		case 'd':
			d->statedir = optarg;
			break;
		case 'u':
			if (parse_uid(optarg, &d->allowed_uid)) {
				fprintf(stderr, "camsecd: -u takes a uid from 1 to 65535\n");
				return -1;
			}
			break;
		case 'r':
			if (parse_ids(optarg, d)) {
				fprintf(stderr, "camsecd: -r takes UID:GID, each 1 to 65535\n");
				return -1;
			}
			break;
		case 't':
			d->tls_listen = optarg;
			break;
		case 'k':
			d->master_key = optarg;
			break;
		case 'D':
			d->factory_settings = optarg;
			break;
		case 'E':
			d->bootenv_config = optarg;
			break;
		case 'V':
			d->factory_manifest = optarg;
			break;
		case 'L':
			d->console_tty = optarg;
			break;
		case 'b':
			d->reboot_by_init = true;
			break;
		case 'N':
			d->factory_network = optarg;
			break;
		case 'R':
			d->restart_note = optarg;
			break;
		case 'C':
			d->tls_cert = optarg;
			break;
		case 'K':
			d->tls_key = optarg;
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
	if (!d->tls_cert != !d->tls_key) {
		fprintf(stderr, "camsecd: -C and -K go together\n");
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
	sigaddset(&mask, SIGCHLD);
	if (sigprocmask(SIG_BLOCK, &mask, NULL) < 0)
		return -1;
	signal(SIGPIPE, SIG_IGN);
	return signalfd(-1, &mask, SFD_CLOEXEC);
}

/* Which boot the monotonic clock counts in; "-" if the kernel says not. */
static void read_boot_id(char *out, size_t len)
{
	ssize_t n = -1;
	int fd;

	fd = open("/proc/sys/kernel/random/boot_id", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, out, len - 1);
		close(fd);
	}
	if (n <= 0) {
		snprintf(out, len, "-");
		return;
	}
	out[n] = '\0';
	out[strcspn(out, "\n")] = '\0';
}

/*
 * Once its sockets and files are open, the daemon keeps three
 * capabilities: NET_ADMIN for camsec_nf's bans, SETUID and SETGID to
 * start programs unprivileged. The bounding set loses the rest, for good;
 * on the A/B card it keeps SYS_ADMIN, not for the daemon but for the
 * updater it runs (RAUC mounts its bundle through loop and device-mapper):
 * a program the daemon runs is no authority, so what it could regain this
 * way is what root without a role has.
 */
static int drop_capabilities(const struct camsecd *d)
{
	static const cap_value_t keep[] = { CAP_NET_ADMIN, CAP_SETUID, CAP_SETGID };
	cap_value_t c;
	cap_t caps;
	int err;

	for (c = 0; c < (cap_value_t)cap_max_bits(); c++) {
		if (c != keep[0] && c != keep[1] && c != keep[2] &&
		    !(c == CAP_SYS_ADMIN && d->boot_slot) && cap_drop_bound(c))
			return -errno;
	}
	caps = cap_init();
	if (!caps)
		return -errno;
	err = cap_set_flag(caps, CAP_PERMITTED, 3, keep, CAP_SET) ||
	      cap_set_flag(caps, CAP_EFFECTIVE, 3, keep, CAP_SET) ||
	      cap_set_proc(caps) ? -errno : 0;
	cap_free(caps);
	return err;
}

static int start(struct camsecd *d)
{
	const char *why;
	unsigned int i;
	int err;

	for (i = 0; i < CLIENTS_MAX; i++)
		d->clients[i].fd = -1;
	d->listen_fd = -1;
	if (mkdir(d->statedir, 0700) && errno != EEXIST) {
		err = -errno;
		syslog(LOG_ERR, "%s: %s", d->statedir, strerror(errno));
		return err;
	}
	d->authority = kernel_is_authority();
	run_end_orphans(d);
	d->have_genl = !kernel_lsm_connect(&d->genl);
	read_boot_id(d->boot_id, sizeof(d->boot_id));
	if (lockout_init(&d->lockout, &(struct lockout_policy)LOCKOUT_DEFAULTS))
		return -ENOMEM;
	err = seal_init(d) ?: store_load(d) ?: firmware_init(d);
	if (err)
		return err;
	if (sessions_init(&d->sessions, d->settings.session_idle_s,
			  d->settings.session_per_user, d->settings.session_max,
			  &why))
		return -ENOMEM;
	d->sessions.on_end = run_end_session_programs;
	d->sessions.on_end_arg = d;
	d->tls_fd = -1;
	err = trail_open(d) ?: auth_init(d) ?: network_init(d);
	if (err)
		return err;
	/* Without it the console still serves; remote management does not. */
	if (identity_init(d))
		trail_log(d, "identity", "fail", "", "local", "%s",
			  "the device's identity is unreadable: no remote management");
	store_apply_settings(d);
	if (kernel_events_open(&d->events, trail_kernel_event, d))
		syslog(LOG_WARNING, "no kernel events: not a camsec kernel");
	return server_listen(d) ?: tls_start(d) ?: drop_capabilities(d);
}

/*
 * End sessions idle past the timeout; each is a logout in the trail. A
 * session whose program runs is not idle (on the console: while typed
 * at). Close clients that have left their replies untaken for
 * OUT_STALL_S.
 */
static void tick(struct camsecd *d)
{
	int64_t now = now_s();
	unsigned int i;

	console_tick(d, now);
	for (i = 0; i < CLIENTS_MAX; i++) {
		if (d->clients[i].fd >= 0 && d->clients[i].child)
			session_use(&d->sessions, d->clients[i].token,
				    console_used_at(d, &d->clients[i], now));
		if (server_stalled(&d->clients[i], now))
			client_close(d, &d->clients[i]);
	}

	for (i = 0; i < SESSION_MAX; i++) {
		const struct session *s = &d->sessions.s[i];

		if (s->token[0] && now - s->last_used >= d->sessions.idle_s)
			trail_log(d, "logout", "ok", s->account, s->source,
				  "session=%u idle for %us", s->id,
				  d->sessions.idle_s);
	}
	session_expire(&d->sessions, now);
}

/*
 * The state file "running" lives from start to a clean stop. Found at
 * start, it says the daemon before was killed, crashed or lost its power
 * (in this boot or an earlier one), and the trail records it, with the
 * supervisor's note (-R) when there is one.
 */
static void note_unclean_end(struct camsecd *d)
{
	char path[4096], was[128] = "", line[128];
	const char *boot;
	ssize_t n = 0;
	int fd, len;

	state_path(d, "running", path, sizeof(path));
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd >= 0) {
		n = read(fd, was, sizeof(was) - 1);
		close(fd);
		was[n > 0 ? n : 0] = '\0';
		was[strcspn(was, "\n")] = '\0';
		boot = strstr(was, " boot=");
		trail_log(d, "daemon-restart", "ok", "", "local",
			  "the daemon before ended without stopping (%s, %s)%s%s",
			  was, boot && !strcmp(boot + 6, d->boot_id) ?
			  "killed or crashed in this boot" :
			  "in an earlier boot: power lost or reset",
			  d->restart_note ? "; supervisor: " : "",
			  d->restart_note ? d->restart_note : "");
	} else if (d->restart_note) {
		trail_log(d, "daemon-restart", "ok", "", "local",
			  "restarted by the supervisor after %s", d->restart_note);
	}
	len = snprintf(line, sizeof(line), "pid=%d boot=%s\n", (int)getpid(),
		       d->boot_id);
	if (atomic_write(path, line, (size_t)len, 0600, NULL))
		syslog(LOG_WARNING, "%s: not written", path);
}

#define FIXED_FDS 4	/* signals, the Unix socket, kernel events, TLS */

static bool ready(struct pollfd *pfd, struct client *c)
{
	return c->fd == pfd->fd && (pfd->revents || server_pending(c));
}

/* Sessions, the Unix socket and addresses that logged in before. */
static bool trusted(const struct camsecd *d, const struct client *c)
{
	return c->token[0] || !c->ssl || auth_known_source(d, c->source);
}

/*
 * Trusted clients are served every turn; of the others, one per turn, in
 * rotation: a login costs a hash, and a flood of them from new addresses
 * must not stand between a known administrator and the daemon.
 */
static void serve_ready(struct camsecd *d, struct pollfd *pfd, unsigned int n,
			struct client **who)
{
	static unsigned int rotation;
	unsigned int i, k, m = n - FIXED_FDS;

	for (i = FIXED_FDS; i < n; i++) {
		if (ready(&pfd[i], who[i]) && trusted(d, who[i]))
			server_read(d, who[i]);
	}
	for (k = 0; k < m; k++) {
		i = FIXED_FDS + (rotation + k) % m;
		if (ready(&pfd[i], who[i]) && !trusted(d, who[i])) {
			server_read(d, who[i]);
			rotation += k + 1;
			break;
		}
	}
	if (pfd[1].revents & POLLIN)
		server_accept(d);
	if (pfd[2].revents & POLLIN)
		kernel_events_read(&d->events);
	if (pfd[3].revents & POLLIN)
		server_accept_remote(d);
}

/* SIGCHLD: the console's login ended, or a program run for a session. */
static void reap_children(struct camsecd *d)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (!console_reaped(d, pid, status))
			run_reaped(d, pid, status);
	}
}

/* Returns when a terminating signal arrives: 0, or -1 on a loop error. */
static int run_loop(struct camsecd *d, int sfd)
{
	struct pollfd pfd[FIXED_FDS + CLIENTS_MAX];
	struct client *who[FIXED_FDS + CLIENTS_MAX];
	struct signalfd_siginfo si;
	unsigned int i, n;
	int timeout;

	for (;;) {
		timeout = 1000;	/* the tick */
		pfd[0] = (struct pollfd){ .fd = sfd, .events = POLLIN };
		pfd[1] = (struct pollfd){ .fd = d->listen_fd, .events = POLLIN };
		pfd[2] = (struct pollfd){ .fd = kernel_events_fd(&d->events), .events = POLLIN };
		pfd[3] = (struct pollfd){ .fd = d->tls_fd, .events = POLLIN };
		for (i = 0, n = FIXED_FDS; i < CLIENTS_MAX; i++) {
			struct client *c = &d->clients[i];

			if (c->fd < 0 || c->child)
				continue;
			if (server_pending(c))
				timeout = 0;
			who[n] = c;
			pfd[n++] = (struct pollfd){
				.fd = c->fd, .events = server_events(c),
			};
		}
		if (poll(pfd, n, timeout) < 0) {
			if (errno == EINTR)
				continue;
			syslog(LOG_ERR, "poll: %m");
			return -1;
		}
		tick(d);
		serve_ready(d, pfd, n, who);
		if (!(pfd[0].revents & POLLIN) ||
		    read(sfd, &si, sizeof(si)) != sizeof(si))
			continue;
		if (si.ssi_signo == SIGCHLD)
			reap_children(d);
		if (si.ssi_signo == SIGHUP || si.ssi_signo == SIGCHLD)
			continue;
		syslog(LOG_INFO, "signal %u: stopping", si.ssi_signo);
		return 0;
	}
}

static void stop(struct camsecd *d)
{
	char path[4096];
	unsigned int i;

	console_stop(d);
	for (i = 0; i < CLIENTS_MAX; i++) {
		if (d->clients[i].fd >= 0)
			client_close(d, &d->clients[i]);
	}
	if (d->listen_fd >= 0) {
		close(d->listen_fd);
		unlink(d->socket_path);
	}
	tls_stop(d);
	identity_free(d);
	if (store_save_locks(d))
		trail_log(d, "locks-save", "fail", "", "local", "%s",
			  "the login locks could not be written");
	trail_log(d, "daemon-stop", "ok", "", "local", "%s", "");
	state_path(d, "running", path, sizeof(path));
	unlink(path);
	trail_close(d);
	kernel_events_close(&d->events);
	if (d->have_genl)
		kernel_lsm_disconnect(&d->genl);
	lockout_free(&d->lockout);
	explicit_bzero(&d->accounts, sizeof(d->accounts));
	explicit_bzero(d->stream_key, sizeof(d->stream_key));
	free(d->network);
}

int main(int argc, char **argv)
{
	static struct camsecd d;
	struct options opt;
	struct pidfile pf;
	pid_t holder = 0;
	int sfd, err, ret;

	if (parse_options(argc, argv, &opt, &d))
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
	err = sfd < 0 ? -errno : start(&d);
	if (err) {
		syslog(LOG_ERR, "start: %s", strerror(-err));
		pidfile_release(&pf);
		return 1;
	}
	trail_log(&d, "daemon-start", "ok", "", "local", "activated=%s authority=%s",
		  activated(&d) ? "yes" : "no", d.authority ? "yes" : "no");
	note_unclean_end(&d);
	if (!bootslot_mark_good(&d))
		firmware_running_is_good(&d);
	syslog(LOG_INFO, "started");
	ret = run_loop(&d, sfd);
	stop(&d);
	close(sfd);
	pidfile_release(&pf);
	syslog(LOG_INFO, "stopped");
	return ret ? 1 : 0;
}
