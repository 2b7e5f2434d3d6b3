// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecctl - the commands camsecd serves, over its Unix socket. A command
 * that needs a session logs in first on the same connection (the
 * connection is the session; no token is ever shown). Passwords come from
 * the terminal with echo off, or from a file descriptor for scripts.
 * Output is a table for people, or JSON lines with --json.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "askpass.h"
#include "conn.h"
#include "daemon.h"
#include "net.h"
#include "password.h"
#include "proto.h"
#include "verbs.h"

#define DEFAULT_SOCKET "/run/camsecd.sock"
#define PW_MAX (PASSWORD_MAX + 2)
/* A ruleset for camsecd: what fits a request once escaped, mostly. */
#define NET_RULES_MAX 3072

struct ctl {
	const char *socket;
	const char *fd_text;		/* CAMSEC_FD: a connection given us */
	const char *session_fd;		/* CAMSEC_SESSION_FD: our session's */
	bool in_session;		/* on it: logged in already */
	const char *remote, *ca, *device;	/* TLS to a remote camera */
	const char *user;
	int password_fd, new_password_fd;
	bool json;
	struct conn k;
	char next[24];			/* a paged reply's next page, or "" */
};

struct command;

/* Builds a command's request from its arguments: 0, or -1 (said why). */
typedef int build_fn(struct ctl *c, const struct command *cmd,
		     struct proto_buf *b, int argc, char **argv);
/* Sends the request and takes its reply: the exit status. */
typedef int exchange_fn(struct ctl *c, const struct command *cmd,
			struct proto_buf *b, char **argv);

struct command {
	const char *words;		/* "user add" */
	const char *verb;		/* the protocol's (verbs.h); NULL: given */
	const char *args;		/* the positional arguments' keys */
	const char *usage;
	bool login;			/* logs in first */
	bool user_from_option;		/* no NAME: --user's, as user= */
	bool old_password;		/* asks for it first, sent as old= */
	const char *new_password;	/* asks for one, sent under this key */
	build_fn *build;		/* NULL: each argument to its key */
	exchange_fn *exchange;		/* NULL: the reply printed */
};

static build_fn build_args, build_file, build_import, build_net_set,
		build_run, build_raw, build_nothing;
static exchange_fn exchange_run, exchange_upgrade, exchange_export,
		   exchange_paged, exchange_shell, exchange_identity;

#define CMD(w, v, a, u, ...) \
	{ .words = (w), .verb = (v), .args = (a), .usage = (u), __VA_ARGS__ }

static const struct command commands[] = {
	CMD("status", VERB_STATUS, "", ""),
	CMD("identity certificate", VERB_IDENTITY, "", "   (the camera's, PEM, for --device)",
	    .exchange = exchange_identity),
	CMD("identity", VERB_IDENTITY, "", "   (the camera's fingerprint and serial)",
	    .exchange = exchange_identity),
	CMD("activate", VERB_ACTIVATE, "user", "NAME", .user_from_option = true,
	    .new_password = "password"),
	CMD("whoami", VERB_WHOAMI, "", "", .login = true),
	CMD("passwd", VERB_PASSWD, "", "", .login = true, .old_password = true,
	    .new_password = "new"),
	CMD("user add", VERB_USER_ADD, "name role", "NAME user|admin", .login = true,
	    .new_password = "password"),
	CMD("user mod", VERB_USER_MOD, "name role", "NAME user|admin", .login = true),
	CMD("user password", VERB_USER_MOD, "name", "NAME", .login = true,
	    .new_password = "password"),
	CMD("user del", VERB_USER_DEL, "name", "NAME", .login = true),
	CMD("user list", VERB_USER_LIST, "", "", .login = true),
	CMD("session list", VERB_SESSION_LIST, "", "", .login = true),
	CMD("session end", VERB_SESSION_END, "id", "ID", .login = true),
	CMD("lock list", VERB_LOCK_LIST, "", "", .login = true),
	CMD("lock lift", VERB_LOCK_LIFT, "key", "addr:ADDRESS|user:NAME", .login = true),
	CMD("config get", VERB_CONFIG_GET, "", "", .login = true),
	CMD("config set", VERB_CONFIG_SET, "key value", "KEY VALUE", .login = true),
	CMD("config export", VERB_CONFIG_EXPORT, "", "FILE   (sealed for this device)",
	    .login = true, .build = build_file, .exchange = exchange_export),
	CMD("config import", VERB_CONFIG_IMPORT, "", "FILE", .login = true,
	    .build = build_import),
	CMD("audit show", VERB_AUDIT_SHOW, "from", "[FIRST-SEQ]", .login = true,
	    .exchange = exchange_paged),
	CMD("audit verify", VERB_AUDIT_VERIFY, "", "", .login = true),
	CMD("factory-reset", VERB_FACTORY_RESET, "confirm", "yes", .login = true),
	CMD("net set", VERB_NET_SET, "", "[options]   (camsecctl net help; stored, audited)",
	    .login = true, .build = build_net_set),
	CMD("net show", VERB_NET_SHOW, "", "   (the ruleset camsecd keeps)", .login = true),
	CMD("reboot", VERB_REBOOT, "", "   (the device restarts)", .login = true),
	CMD("stream key", VERB_STREAM_KEY, "new", "[yes]   (the video key, for the viewer; yes: a new one)", .login = true),
	CMD("version", VERB_VERSION, "", "", .login = true),
	CMD("firmware status", VERB_FIRMWARE_STATUS, "", "", .login = true),
	CMD("firmware upgrade", VERB_FIRMWARE_INSTALL, "", "PACKAGE", .login = true,
	    .build = build_file, .exchange = exchange_upgrade),
	CMD("run", VERB_RUN, "", "PROGRAM [ARG...]   (with this session's role)",
	    .login = true, .build = build_run, .exchange = exchange_run),
	CMD("call", NULL, "", "VERB [KEY=VALUE...]   (any request, raw)", .login = true,
	    .build = build_raw),
	CMD("shell", NULL, "", "   (request lines from stdin, raw; after a login with --user)",
	    .build = build_nothing, .exchange = exchange_shell),
};

void daemon_usage(FILE *out)
{
	size_t i;

	fprintf(out, "camsecd's commands: camsecctl [--json] [--socket PATH]\n"
		     "    [--remote ADDRESS:PORT --ca CA.pem|--device CAMERA.pem] [--user NAME]\n"
		     "    [--password-fd N] [--new-password-fd N] <command>\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %s %s\n", commands[i].words, commands[i].usage);
}

/* How many of argv's words @words takes, or 0. */
static int match(const char *words, int argc, char **argv)
{
	char copy[64], *w, *save;
	int n = 0;

	snprintf(copy, sizeof(copy), "%s", words);
	for (w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		if (n >= argc || strcmp(argv[n], w))
			return 0;
		n++;
	}
	return n;
}

static int connect_daemon(struct ctl *c)
{
	if (c->remote)
		return conn_tls(&c->k, c->remote, c->ca, c->device);
	if (c->fd_text)
		return conn_fd(&c->k, c->fd_text);
	/* A program run for a session acts for it, unless told whom to be. */
	if (c->session_fd && !c->user) {
		c->in_session = true;
		return conn_fd(&c->k, c->session_fd);
	}
	return conn_unix(&c->k, c->socket);
}

/* Send @b; with @stdio, our stdin, stdout and stderr go with it. */
static int send_msg_fds(struct ctl *c, struct proto_buf *b, bool stdio)
{
	static const int fds[3] = { 0, 1, 2 };
	int err;

	if (proto_finish(b)) {
		fprintf(stderr, "camsecctl: request too long\n");
		return -1;
	}
	err = conn_send(&c->k, b->line, b->len, fds, stdio ? 3 : 0);
	explicit_bzero(b, sizeof(*b));
	return err;
}

static int send_msg(struct ctl *c, struct proto_buf *b)
{
	return send_msg_fds(c, b, false);
}

/* The reply's one line, parsed into @m (@line holds it): 0 or 1. */
static int one_reply(struct ctl *c, char *line, size_t size,
		     struct proto_msg *m)
{
	const char *why;
	size_t len;

	if (!conn_getline(&c->k, line, size) || !(len = strlen(line)) ||
	    line[len - 1] != '\n' || proto_parse(line, len - 1, m, &why)) {
		fprintf(stderr, "camsecctl: no reply from camsecd\n");
		return 1;
	}
	if (!strcmp(m->verb, REPLY_OK))
		return 0;
	fprintf(stderr, "camsecctl: %s (%s)\n", proto_get(m, "msg") ?: "?",
		proto_get(m, "code") ?: "?");
	return 1;
}

/* "config export FILE": the sealed profile, in hexadecimal, into FILE. */
static int export_profile(struct ctl *c, struct proto_buf *b, const char *file)
{
	char line[PROTO_LINE_MAX + 1];
	const char *profile;
	struct proto_msg m;
	FILE *f;
	int fd;

	if (send_msg(c, b) || one_reply(c, line, sizeof(line), &m))
		return 1;
	profile = proto_get(&m, "profile");
	fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!profile || !f || fprintf(f, "%s\n", profile) < 0 || fclose(f)) {
		fprintf(stderr, "camsecctl: %s: %s\n", file,
			profile ? strerror(errno) : "no profile in the reply");
		return 1;
	}
	return 0;
}

/* "config import FILE": profile= the file's first line. */
static int build_import(struct ctl *c, const struct command *cmd,
			struct proto_buf *b, int argc, char **argv)
{
	char line[PROTO_LINE_MAX];
	FILE *f;

	(void)c;
	(void)cmd;
	if (argc != 1) {
		fprintf(stderr, "camsecctl: config import FILE\n");
		return -1;
	}
	f = fopen(argv[0], "re");
	if (!f || !fgets(line, sizeof(line), f)) {
		fprintf(stderr, "camsecctl: %s: %s\n", argv[0],
			f ? "empty" : strerror(errno));
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	line[strcspn(line, "\r\n")] = '\0';
	proto_start(b, VERB_CONFIG_IMPORT);
	proto_add(b, "profile", line);
	return 0;
}

/* "run": the program's exit status is ours. */
static int run_program(struct ctl *c, struct proto_buf *b)
{
	char line[PROTO_LINE_MAX + 1];
	struct proto_msg m;
	const char *status;

	if (send_msg_fds(c, b, true) || one_reply(c, line, sizeof(line), &m))
		return 1;
	status = proto_get(&m, "status");
	return status ? atoi(status) : 1;
}

/* A line from fd @fd (one read per byte: nothing past the newline). */
static int read_fd_line(int fd, char *buf, size_t len)
{
	size_t n = 0;
	char ch;

	while (read(fd, &ch, 1) == 1 && ch != '\n') {
		if (n + 1 >= len)
			return -1;
		buf[n++] = ch;
	}
	buf[n] = '\0';
	return n ? 0 : -1;
}

static int get_password(int fd, const char *prompt, char *buf, size_t len)
{
	int tty, n;

	if (fd >= 0)
		return read_fd_line(fd, buf, len);
	tty = open("/dev/tty", O_RDWR | O_CLOEXEC);
	/* No controlling terminal (camsec-login's): stdin, if a terminal. */
	if (tty < 0 && isatty(0))
		tty = fcntl(0, F_DUPFD_CLOEXEC, 3);
	if (tty < 0) {
		fprintf(stderr, "camsecctl: no terminal to ask for a password on: use --password-fd\n");
		return -1;
	}
	n = askpass(tty, prompt, buf, len);
	close(tty);
	return n > 0 ? 0 : -1;
}

static int get_new_password(struct ctl *c, char *buf, size_t len)
{
	char again[PW_MAX];
	int err;

	if (c->new_password_fd >= 0)
		return read_fd_line(c->new_password_fd, buf, len);
	if (get_password(-1, "New password: ", buf, len) ||
	    get_password(-1, "Again: ", again, sizeof(again)))
		return -1;
	err = strcmp(buf, again) ? -1 : 0;
	explicit_bzero(again, sizeof(again));
	if (err)
		fprintf(stderr, "camsecctl: the passwords differ\n");
	return err;
}

static void print_time(const char *ns)
{
	time_t t = (time_t)(strtoll(ns, NULL, 10) / 1000000000);
	struct tm tm;
	char out[32];

	gmtime_r(&t, &tm);
	strftime(out, sizeof(out), "%Y-%m-%dT%H:%M:%SZ", &tm);
	printf("%s", out);
}

/* A record for people: "key=value" pairs, the time made readable. */
static void print_rec(const struct proto_msg *m)
{
	unsigned int i;

	for (i = 0; i < m->nargs; i++) {
		if (i)
			putchar(' ');
		if (!strcmp(m->args[i].key, "time_ns"))
			print_time(m->args[i].val);
		else if (!strcmp(m->args[i].key, "detail"))
			printf("%s", m->args[i].val);
		else
			printf("%s=%s", m->args[i].key, m->args[i].val);
	}
	putchar('\n');
}

static void print_msg(struct ctl *c, const struct proto_msg *m)
{
	static char json[8 * PROTO_LINE_MAX];
	unsigned int i;

	if (c->json) {
		if (m->nargs && proto_json(m, json, sizeof(json)) > 0)
			printf("%s\n", json);
		return;
	}
	if (!strcmp(m->verb, REPLY_REC)) {
		print_rec(m);
		return;
	}
	for (i = 0; i < m->nargs; i++)
		printf("%s: %s\n", m->args[i].key, m->args[i].val);
}

/* Read the reply: records, then ok (0) or err (1, message on stderr). */
static int read_reply(struct ctl *c, bool quiet)
{
	char line[PROTO_LINE_MAX + 1];
	struct proto_msg m;
	const char *why;
	size_t len;

	while (conn_getline(&c->k, line, sizeof(line))) {
		len = strlen(line);
		if (!len || line[len - 1] != '\n' ||
		    proto_parse(line, len - 1, &m, &why)) {
			fprintf(stderr, "camsecctl: bad reply from camsecd\n");
			return 1;
		}
		if (!strcmp(m.verb, REPLY_ERR)) {
			fprintf(stderr, "camsecctl: %s (%s)\n",
				proto_get(&m, "msg") ?: "?", proto_get(&m, "code") ?: "?");
			return 1;
		}
		if (proto_get(&m, "warning"))
			fprintf(stderr, "camsecctl: warning: %s\n",
				proto_get(&m, "warning"));
		if (!strcmp(m.verb, REPLY_OK) && proto_get(&m, "next")) {
			snprintf(c->next, sizeof(c->next), "%s", proto_get(&m, "next"));
			return 0;	/* a page: more to ask for */
		}
		if (!quiet || strcmp(m.verb, REPLY_OK))
			print_msg(c, &m);
		if (!strcmp(m.verb, REPLY_OK))
			return 0;
	}
	fprintf(stderr, "camsecctl: camsecd closed the connection\n");
	return 1;
}

/* A request of @verb whose reply comes in pages: asked again from each "next". */
static int paged(struct ctl *c, struct proto_buf *b, const char *verb)
{
	int err;

	for (;;) {
		c->next[0] = '\0';
		err = send_msg(c, b) || read_reply(c, false);
		if (err || !c->next[0])
			return err;
		proto_start(b, verb);
		proto_add(b, "from", c->next);
	}
}

/* "firmware upgrade PACKAGE": in chunks, with progress, then installed. */
static int upgrade(struct ctl *c, const char *file)
{
	enum { CHUNK = (PROTO_LINE_MAX - 64) / 2 };
	static char hex[2 * CHUNK + 1];
	unsigned char buf[CHUNK];
	struct proto_buf b;
	long long size, sent = 0;
	FILE *f = fopen(file, "re");
	bool tty = isatty(2);
	size_t n;
	int err;

	if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) <= 0 ||
	    fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "camsecctl: %s: %s\n", file,
			f ? "empty or unreadable" : strerror(errno));
		if (f)
			fclose(f);
		return 1;
	}
	proto_start(&b, VERB_FIRMWARE_BEGIN);
	proto_addu(&b, "size", (unsigned long long)size);
	err = send_msg(c, &b) || read_reply(c, true);
	while (!err && (n = fread(buf, 1, sizeof(buf), f)) > 0) {
		OPENSSL_buf2hexstr_ex(hex, sizeof(hex), NULL, buf, n, '\0');
		proto_start(&b, VERB_FIRMWARE_CHUNK);
		proto_add(&b, "data", hex);
		err = send_msg(c, &b) || read_reply(c, true);
		sent += (long long)n;
		if (tty || sent == size)	/* progress for people */
			fprintf(stderr, "\rcamsecctl: sent %lld of %lld bytes (%lld%%)",
				sent, size, sent * 100 / size);
	}
	fprintf(stderr, "\n");
	fclose(f);
	if (err)
		return 1;
	proto_start(&b, VERB_FIRMWARE_INSTALL);
	return send_msg(c, &b) || read_reply(c, false);
}

static int login(struct ctl *c)
{
	char pw[PW_MAX];
	struct proto_buf b;
	int err;

	if (c->in_session)
		return 0;
	if (!c->user) {
		fprintf(stderr, "camsecctl: this command needs --user NAME (or CAMSEC_USER)\n");
		return 1;
	}
	if (get_password(c->password_fd, "Password: ", pw, sizeof(pw))) {
		explicit_bzero(pw, sizeof(pw));
		fprintf(stderr, "camsecctl: no password\n");
		return 1;
	}
	proto_start(&b, VERB_LOGIN);
	proto_add(&b, "user", c->user);
	proto_add(&b, "password", pw);
	explicit_bzero(pw, sizeof(pw));
	if (send_msg(c, &b))
		return 1;
	err = read_reply(c, true);
	return err;
}

/* "net set OPTIONS": rules= the ruleset's text, one option per line. */
static int build_net_set(struct ctl *c, const struct command *cmd,
			 struct proto_buf *b, int argc, char **argv)
{
	char text[NET_RULES_MAX];

	(void)c;
	(void)cmd;
	/* getopt skips argv[0]: the "set" itself */
	if (net_rules_text(argc + 1, argv - 1, text, sizeof(text)))
		return -1;
	proto_start(b, VERB_NET_SET);
	proto_add(b, "rules", text);
	return 0;
}

/* "run PROGRAM ARG...": prog=, a1=, a2= ... */
static int build_run(struct ctl *c, const struct command *cmd,
		     struct proto_buf *b, int argc, char **argv)
{
	char key[8];
	int i;

	(void)c;
	(void)cmd;
	if (argc < 1 || argc > PROTO_ARGS_MAX) {
		fprintf(stderr, "camsecctl: run PROGRAM [ARG...] (at most 15 arguments)\n");
		return -1;
	}
	proto_start(b, VERB_RUN);
	proto_add(b, "prog", argv[0]);
	for (i = 1; i < argc; i++) {
		snprintf(key, sizeof(key), "a%d", i);
		proto_add(b, key, argv[i]);
	}
	return 0;
}

/* "call VERB KEY=VALUE...": the request as given. */
static int build_raw(struct ctl *c, const struct command *cmd,
		     struct proto_buf *b, int argc, char **argv)
{
	int i;

	(void)c;
	(void)cmd;
	if (argc < 1) {
		fprintf(stderr, "camsecctl: call VERB [KEY=VALUE...]\n");
		return -1;
	}
	proto_start(b, argv[0]);
	for (i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');

		if (!eq) {
			fprintf(stderr, "camsecctl: '%s' is not KEY=VALUE\n", argv[i]);
			return -1;
		}
		*eq = '\0';
		proto_add(b, argv[i], eq + 1);
		*eq = '=';
	}
	return 0;
}

/* A local file, read or written here: the request itself is bare. */
static int build_file(struct ctl *c, const struct command *cmd,
		      struct proto_buf *b, int argc, char **argv)
{
	(void)c;
	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "camsecctl: %s %s\n", cmd->words, cmd->usage);
		return -1;
	}
	proto_start(b, cmd->verb);
	return 0;
}

/* "shell": no request of its own; each comes from stdin. */
static int build_nothing(struct ctl *c, const struct command *cmd,
			 struct proto_buf *b, int argc, char **argv)
{
	(void)c;
	(void)cmd;
	(void)b;
	(void)argc;
	(void)argv;
	return 0;
}

/* The passwords @cmd sends: the old one, then a new one. */
static int add_passwords(struct ctl *c, const struct command *cmd,
			 struct proto_buf *b)
{
	char pw[PW_MAX];

	if (cmd->old_password) {
		if (get_password(c->password_fd, "Old password: ", pw, sizeof(pw)))
			return -1;
		proto_add(b, "old", pw);
	}
	if (cmd->new_password) {
		if (get_new_password(c, pw, sizeof(pw)))
			return -1;
		proto_add(b, cmd->new_password, pw);
	}
	explicit_bzero(pw, sizeof(pw));
	return 0;
}

/* Each positional argument under its key, in the order of cmd->args. */
static int build_args(struct ctl *c, const struct command *cmd,
		      struct proto_buf *b, int argc, char **argv)
{
	char keys[64], *k, *save;
	int i = 0;

	proto_start(b, cmd->verb);
	snprintf(keys, sizeof(keys), "%s", cmd->args);
	for (k = strtok_r(keys, " ", &save); k; k = strtok_r(NULL, " ", &save)) {
		if (i < argc)
			proto_add(b, k, argv[i++]);
	}
	if (i < argc) {
		fprintf(stderr, "camsecctl: too many arguments: %s %s\n",
			cmd->words, cmd->usage);
		return -1;
	}
	if (cmd->user_from_option && c->user && !argc)
		proto_add(b, "user", c->user);
	return add_passwords(c, cmd, b);
}

static int parse_global(struct ctl *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "socket", required_argument, NULL, 's' },
		{ "user", required_argument, NULL, 'u' },
		{ "password-fd", required_argument, NULL, 'p' },
		{ "new-password-fd", required_argument, NULL, 'n' },
		{ "remote", required_argument, NULL, 'r' },
		{ "ca", required_argument, NULL, 'c' },
		{ "device", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	int o;

	c->socket = getenv("CAMSEC_SOCKET") ?: DEFAULT_SOCKET;
	c->fd_text = getenv("CAMSEC_FD");
	c->session_fd = getenv("CAMSEC_SESSION_FD");
	c->user = getenv("CAMSEC_USER");
	c->password_fd = c->new_password_fd = -1;
	optind = 1;
	while ((o = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (o) {
		case 'j':
			c->json = true;
			break;
		case 's':
			c->socket = optarg;
			c->fd_text = c->session_fd = NULL;
			break;
		case 'u':
			c->user = optarg;
			break;
		case 'r':
			c->remote = optarg;
			break;
		case 'c':
			c->ca = optarg;
			break;
		case 'd':
			c->device = optarg;
			break;
		case 'p':
		case 'n':
			*(o == 'p' ? &c->password_fd : &c->new_password_fd) = atoi(optarg);
			break;
		default:
			return -1;
		}
	}
	return optind;
}

/* Is @line a reply of @verb? */
static bool is_reply(const char *line, const char *verb)
{
	size_t n = strlen(verb);

	return !strncmp(line, verb, n) && (line[n] == ' ' || line[n] == '\n');
}

/* Print the reply's lines as they are, up to its ok or err: 0 or 1. */
static int copy_reply(struct ctl *c)
{
	char line[PROTO_LINE_MAX + 1];

	while (conn_getline(&c->k, line, sizeof(line))) {
		fputs(line, stdout);
		if (is_reply(line, REPLY_OK))
			return 0;
		if (is_reply(line, REPLY_ERR))
			return 1;
	}
	fprintf(stderr, "camsecctl: camsecd closed the connection\n");
	return 1;
}

/* Each line of stdin sent as it is; each reply printed as it comes. */
static int shell(struct ctl *c)
{
	char line[PROTO_LINE_MAX + 1];
	int failed = 0;
	size_t len;

	while (fgets(line, sizeof(line), stdin)) {
		len = strlen(line);
		if (line[len - 1] != '\n')
			line[len++] = '\n';
		if (conn_send(&c->k, line, len, NULL, 0))
			return 1;
		failed |= copy_reply(c);
		fflush(stdout);
	}
	return failed;
}

static int exchange_run(struct ctl *c, const struct command *cmd,
			struct proto_buf *b, char **argv)
{
	(void)cmd;
	(void)argv;
	return run_program(c, b);
}

static int exchange_upgrade(struct ctl *c, const struct command *cmd,
			    struct proto_buf *b, char **argv)
{
	(void)cmd;
	(void)b;
	return upgrade(c, argv[0]);
}

static int exchange_export(struct ctl *c, const struct command *cmd,
			   struct proto_buf *b, char **argv)
{
	(void)cmd;
	return export_profile(c, b, argv[0]);
}

static int exchange_paged(struct ctl *c, const struct command *cmd,
			  struct proto_buf *b, char **argv)
{
	(void)argv;
	return paged(c, b, cmd->verb);
}

/* "shell" logs in only when told whom to be. */
static int exchange_shell(struct ctl *c, const struct command *cmd,
			  struct proto_buf *b, char **argv)
{
	(void)cmd;
	(void)b;
	(void)argv;
	return (c->user && login(c)) || shell(c);
}

/* "identity": its fingerprint and serial; "identity certificate": the PEM. */
static int exchange_identity(struct ctl *c, const struct command *cmd,
			     struct proto_buf *b, char **argv)
{
	char line[PROTO_LINE_MAX + 1];
	const char *pem;
	struct proto_msg m;

	(void)argv;
	if (send_msg(c, b) || one_reply(c, line, sizeof(line), &m))
		return 1;
	pem = proto_get(&m, "certificate");
	if (!pem) {
		fprintf(stderr, "camsecctl: no certificate in the reply\n");
		return 1;
	}
	if (strchr(cmd->words, ' '))
		fputs(pem, stdout);
	else if (c->json)
		print_msg(c, &m);
	else
		printf("fingerprint: %s\nserial: %s\n", proto_get(&m, "fingerprint") ?: "?",
		       proto_get(&m, "serial") ?: "?");
	return 0;
}

static int exchange_plain(struct ctl *c, const struct command *cmd,
			  struct proto_buf *b, char **argv)
{
	(void)cmd;
	(void)argv;
	return send_msg(c, b) || read_reply(c, false);
}

int daemon_main(int argc, char **argv)
{
	const struct command *cmd = NULL;
	struct ctl c = { .k.fd = -1 };
	struct proto_buf b;
	int first, n = 0, err;
	char **args;
	size_t i;

	first = parse_global(&c, argc, argv);
	if (first < 0 || first >= argc) {
		daemon_usage(stderr);
		return 2;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]) && !cmd; i++) {
		n = match(commands[i].words, argc - first, argv + first);
		if (n)
			cmd = &commands[i];
	}
	if (!cmd) {
		daemon_usage(stderr);
		return 2;
	}
	args = argv + first + n;
	if ((cmd->build ?: build_args)(&c, cmd, &b, argc - first - n, args))
		return 2;
	if (connect_daemon(&c)) {
		conn_close(&c.k);
		return 1;
	}
	if (cmd->login && login(&c))
		err = 1;
	else
		err = (cmd->exchange ?: exchange_plain)(&c, cmd, &b, args);
	conn_close(&c.k);
	return err;	/* 0 or 1, or the status of "run" */
}
