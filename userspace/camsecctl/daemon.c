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

#define DEFAULT_SOCKET "/run/camsecd.sock"
#define PW_MAX (PASSWORD_MAX + 2)
/* A ruleset for camsecd: what fits a request once escaped, mostly. */
#define NET_RULES_MAX 3072

struct ctl {
	const char *socket;
	const char *fd_text;		/* CAMSEC_FD: a connection given us */
	const char *session_fd;		/* CAMSEC_SESSION_FD: our session's */
	bool in_session;		/* on it: logged in already */
	const char *remote, *ca;	/* TLS to a remote camera */
	const char *user;
	int password_fd, new_password_fd;
	bool json;
	struct conn k;
	char next[24];			/* a paged reply's next page, or "" */
};

struct command {
	const char *words;		/* "user add" */
	const char *verb;		/* the protocol's */
	bool login;
	const char *args;		/* the positional arguments' keys */
	const char *usage;
	bool new_password;		/* sends password= (a new one) */
};

#define CMD(w, v, a, u, ...) \
	{ .words = (w), .verb = (v), .args = (a), .usage = (u), __VA_ARGS__ }

static const struct command commands[] = {
	CMD("status", "status", "", ""),
	CMD("activate", "activate", "user", "NAME", .new_password = true),
	CMD("whoami", "whoami", "", "", .login = true),
	CMD("passwd", "passwd", "", "", .login = true, .new_password = true),
	CMD("user add", "user-add", "name role", "NAME user|admin", .login = true, .new_password = true),
	CMD("user mod", "user-mod", "name role", "NAME user|admin", .login = true),
	CMD("user password", "user-mod", "name", "NAME", .login = true, .new_password = true),
	CMD("user del", "user-del", "name", "NAME", .login = true),
	CMD("user list", "user-list", "", "", .login = true),
	CMD("session list", "session-list", "", "", .login = true),
	CMD("session end", "session-end", "id", "ID", .login = true),
	CMD("lock list", "lock-list", "", "", .login = true),
	CMD("lock lift", "lock-lift", "key", "addr:ADDRESS|user:NAME", .login = true),
	CMD("config get", "config-get", "", "", .login = true),
	CMD("config set", "config-set", "key value", "KEY VALUE", .login = true),
	CMD("config export", "config-export", "", "FILE   (sealed for this device)", .login = true),
	CMD("config import", "config-import", "", "FILE", .login = true),
	CMD("audit show", "audit-show", "from", "[FIRST-SEQ]", .login = true),
	CMD("audit verify", "audit-verify", "", "", .login = true),
	CMD("factory-reset", "factory-reset", "confirm", "yes", .login = true),
	CMD("net set", "net-set", "", "[options]   (camsecctl net help; stored, audited)", .login = true),
	CMD("net show", "net-show", "", "   (the ruleset camsecd keeps)", .login = true),
	CMD("reboot", "reboot", "", "   (the device restarts)", .login = true),
	CMD("stream key", "stream-key", "new", "[yes]   (the video key, for the viewer; yes: a new one)", .login = true),
	CMD("version", "version", "", "", .login = true),
	CMD("firmware status", "firmware-status", "", "", .login = true),
	CMD("firmware upgrade", "firmware-install", "", "PACKAGE", .login = true),
	CMD("run", "run", "", "PROGRAM [ARG...]   (with this session's role)", .login = true),
	CMD("call", NULL, "", "VERB [KEY=VALUE...]   (any request, raw)", .login = true),
	CMD("shell", NULL, "", "   (request lines from stdin, raw; after a login with --user)"),
};

void daemon_usage(FILE *out)
{
	size_t i;

	fprintf(out, "camsecd's commands: camsecctl [--json] [--socket PATH]\n"
		     "    [--remote ADDRESS:PORT --ca CA.pem] [--user NAME]\n"
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
		return conn_tls(&c->k, c->remote, c->ca);
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
	if (!strcmp(m->verb, "ok"))
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
static int build_import(struct proto_buf *b, int argc, char **argv)
{
	char line[PROTO_LINE_MAX];
	FILE *f;

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
	proto_start(b, "config-import");
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
	if (!strcmp(m->verb, "rec")) {
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
		if (!strcmp(m.verb, "err")) {
			fprintf(stderr, "camsecctl: %s (%s)\n",
				proto_get(&m, "msg") ?: "?", proto_get(&m, "code") ?: "?");
			return 1;
		}
		if (proto_get(&m, "warning"))
			fprintf(stderr, "camsecctl: warning: %s\n",
				proto_get(&m, "warning"));
		if (!strcmp(m.verb, "ok") && proto_get(&m, "next")) {
			snprintf(c->next, sizeof(c->next), "%s", proto_get(&m, "next"));
			return 0;	/* a page: more to ask for */
		}
		if (!quiet || strcmp(m.verb, "ok"))
			print_msg(c, &m);
		if (!strcmp(m.verb, "ok"))
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
	proto_start(&b, "firmware-begin");
	proto_addu(&b, "size", (unsigned long long)size);
	err = send_msg(c, &b) || read_reply(c, true);
	while (!err && (n = fread(buf, 1, sizeof(buf), f)) > 0) {
		OPENSSL_buf2hexstr_ex(hex, sizeof(hex), NULL, buf, n, '\0');
		proto_start(&b, "firmware-chunk");
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
	proto_start(&b, "firmware-install");
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
	proto_start(&b, "login");
	proto_add(&b, "user", c->user);
	proto_add(&b, "password", pw);
	explicit_bzero(pw, sizeof(pw));
	if (send_msg(c, &b))
		return 1;
	err = read_reply(c, true);
	return err;
}

/* "net set OPTIONS": rules= the ruleset's text, one option per line. */
static int build_net_set(struct proto_buf *b, int argc, char **argv)
{
	char text[NET_RULES_MAX];

	/* getopt skips argv[0]: the "set" itself */
	if (net_rules_text(argc + 1, argv - 1, text, sizeof(text)))
		return -1;
	proto_start(b, "net-set");
	proto_add(b, "rules", text);
	return 0;
}

/* "run PROGRAM ARG...": prog=, a1=, a2= ... */
static int build_run(struct proto_buf *b, int argc, char **argv)
{
	char key[8];
	int i;

	if (argc < 1 || argc > PROTO_ARGS_MAX) {
		fprintf(stderr, "camsecctl: run PROGRAM [ARG...] (at most 15 arguments)\n");
		return -1;
	}
	proto_start(b, "run");
	proto_add(b, "prog", argv[0]);
	for (i = 1; i < argc; i++) {
		snprintf(key, sizeof(key), "a%d", i);
		proto_add(b, key, argv[i]);
	}
	return 0;
}

/* "call VERB KEY=VALUE...": the request as given. */
static int build_raw(struct proto_buf *b, int argc, char **argv)
{
	int i;

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

static int build(struct ctl *c, const struct command *cmd, struct proto_buf *b,
		 int argc, char **argv)
{
	char keys[64], *k, *save, pw[PW_MAX];
	int i = 0;

	if (!cmd->verb)
		return build_raw(b, argc, argv);
	if (!strcmp(cmd->verb, "run"))
		return build_run(b, argc, argv);
	if (!strcmp(cmd->verb, "config-import"))
		return build_import(b, argc, argv);
	if (!strcmp(cmd->verb, "net-set"))
		return build_net_set(b, argc, argv);
	/* A local file, read or written here: the request itself is bare. */
	if (!strcmp(cmd->verb, "firmware-install") ||
	    !strcmp(cmd->verb, "config-export")) {
		if (argc != 1) {
			fprintf(stderr, "camsecctl: %s %s\n", cmd->words, cmd->usage);
			return -1;
		}
		proto_start(b, cmd->verb);
		return 0;
	}
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
	if (!strcmp(cmd->verb, "activate") && c->user && !argc)
		proto_add(b, "user", c->user);
	if (cmd->new_password) {
		if (!strcmp(cmd->verb, "passwd")) {
			if (get_password(c->password_fd, "Old password: ", pw, sizeof(pw)))
				return -1;
			proto_add(b, "old", pw);
		}
		if (get_new_password(c, pw, sizeof(pw)))
			return -1;
		proto_add(b, !strcmp(cmd->verb, "passwd") ? "new" : "password", pw);
		explicit_bzero(pw, sizeof(pw));
	}
	return 0;
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

/* Print the reply's lines as they are, up to its ok or err: 0 or 1. */
static int copy_reply(struct ctl *c)
{
	char line[PROTO_LINE_MAX + 1];

	while (conn_getline(&c->k, line, sizeof(line))) {
		fputs(line, stdout);
		if (!strncmp(line, "ok", 2) && (line[2] == ' ' || line[2] == '\n'))
			return 0;
		if (!strncmp(line, "err ", 4))
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

int daemon_main(int argc, char **argv)
{
	const struct command *cmd = NULL;
	struct ctl c = { .k.fd = -1 };
	struct proto_buf b;
	int first, n = 0, err;
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
	if (strcmp(cmd->words, "shell") &&
	    build(&c, cmd, &b, argc - first - n, argv + first + n))
		return 2;
	if (connect_daemon(&c)) {
		conn_close(&c.k);
		return 1;
	}
	if (!strcmp(cmd->words, "shell"))
		err = (c.user && login(&c)) || shell(&c);
	else if (!strcmp(cmd->words, "run"))
		err = login(&c) ?: run_program(&c, &b);
	else if (!strcmp(cmd->words, "firmware upgrade"))
		err = login(&c) || upgrade(&c, argv[argc - 1]);
	else if (!strcmp(cmd->words, "config export"))
		err = login(&c) || export_profile(&c, &b, argv[argc - 1]);
	else if (!strcmp(cmd->words, "audit show"))
		err = login(&c) || paged(&c, &b, cmd->verb);
	else
		err = (cmd->login && login(&c)) || send_msg(&c, &b) ||
		      read_reply(&c, false);
	conn_close(&c.k);
	return err;	/* 0 or 1, or the status of "run" */
}
