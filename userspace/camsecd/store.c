// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecd - accounts and settings on disk, in the state directory,
 * sealed (seal.c). Each file is replaced whole (atomicfile.h). A file that
 * does not open or parse stops the daemon; it is never overwritten.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "atomicfile.h"
#include "camsecd.h"
#include "clock.h"
#include "seal.h"
#include "store.h"

#define STORE_MAX (ACCOUNTS_MAX * 512)

static int load_file(struct camsecd *d, const char *name,
		     int (*parse)(struct camsecd *d, const char *buf,
				  size_t len, unsigned int *line,
				  const char **why))
{
	unsigned int line;
	const char *why;
	size_t len;
	char *buf;
	int err;

	err = seal_read(d, name, STORE_MAX, &buf, &len);
	if (err == -ENOENT)
		return 0;
	if (err) {
		syslog(LOG_ERR, "%s/%s: %s", d->statedir, name, strerror(-err));
		return err;
	}
	err = parse(d, buf, len, &line, &why);
	explicit_bzero(buf, len);
	free(buf);
	if (err) {
		syslog(LOG_ERR, "%s/%s:%u: %s", d->statedir, name, line, why);
		return -EINVAL;
	}
	return 0;
}

static int parse_accounts(struct camsecd *d, const char *buf, size_t len,
			  unsigned int *line, const char **why)
{
	return accounts_parse(&d->accounts, buf, len, line, why);
}

static int parse_locks(struct camsecd *d, const char *buf, size_t len,
		       unsigned int *line, const char **why)
{
	return lockout_parse(&d->lockout, buf, len, d->boot_id, now_s(), line,
			     why);
}

static int parse_settings(struct camsecd *d, const char *buf, size_t len,
			  unsigned int *line, const char **why)
{
	return settings_parse(&d->settings, buf, len, line, why);
}

/* The factory settings: the integrator's file (not sealed: it is part of
 * the signed firmware image), else the built-in defaults. */
static int load_factory_settings(struct camsecd *d)
{
	unsigned int line;
	const char *why;
	size_t len;
	char *buf;
	int err;

	settings_defaults(&d->settings);
	err = read_whole(d->factory_settings, 4096, &buf, &len);
	if (err == -ENOENT)
		return 0;
	if (err) {
		syslog(LOG_ERR, "%s: %s", d->factory_settings, strerror(-err));
		return err;
	}
	err = settings_parse(&d->settings, buf, len, &line, &why);
	free(buf);
	if (err) {
		syslog(LOG_ERR, "%s:%u: %s", d->factory_settings, line, why);
		return -EINVAL;
	}
	return 0;
}

int store_load(struct camsecd *d)
{
	int err;

	memset(&d->accounts, 0, sizeof(d->accounts));
	err = load_factory_settings(d);
	if (!err)
		err = load_file(d, "settings", parse_settings);
	if (!err)
		err = load_file(d, "accounts", parse_accounts);
	return err ? err : load_file(d, "locks", parse_locks);
}

static int save(struct camsecd *d, const char *name, const char *label,
		const char *buf, int n)
{
	int err;

	if (n < 0)
		return -EOVERFLOW;
	err = seal_write(d, name, label, buf, (size_t)n);
	if (err)
		syslog(LOG_ERR, "%s/%s: %s", d->statedir, name, strerror(-err));
	return err;
}

int store_save_accounts(struct camsecd *d)
{
	static char buf[STORE_MAX];
	int err;

	err = save(d, "accounts", "userdb", buf,
		   accounts_format(&d->accounts, buf, sizeof(buf)));
	explicit_bzero(buf, sizeof(buf));
	return err;
}

/* The login locks, so that a restart or a power cut lifts none. */
int store_save_locks(struct camsecd *d)
{
	static char buf[STORE_MAX];

	return save(d, "locks", "userdb", buf,
		    lockout_format(&d->lockout, d->boot_id, now_s(), buf,
				   sizeof(buf)));
}

int store_save_settings(struct camsecd *d)
{
	char buf[4096];

	return save(d, "settings", "config", buf,
		    settings_format(&d->settings, buf, sizeof(buf)));
}

void store_apply_settings(struct camsecd *d)
{
	const struct settings *s = &d->settings;

	d->lockout.policy.max_failures = s->login_max_failures;
	d->lockout.policy.window_s = s->login_window_s;
	d->lockout.policy.lock_s = s->login_lock_s;
	d->sessions.idle_s = s->session_idle_s;
	d->sessions.per_user = s->session_per_user;
	d->sessions.max = s->session_max;
	d->audit.max_bytes = (uint64_t)s->audit_max_kib << 10;
	d->audit.full = (enum audit_full)s->audit_full;
	d->audit.warn_percent = s->audit_warn_percent;
}

/* Back to the factory state: no account, default settings, no session. */
int store_factory_reset(struct camsecd *d)
{
	static const char *const files[] = {
		"accounts", "settings", "locks", "network", "stream.key",
	};
	char path[4096];
	unsigned int i;

	for (i = 0; i < SESSION_MAX; i++) {
		if (d->sessions.s[i].token[0])
			session_close(&d->sessions, d->sessions.s[i].token);
	}
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		state_path(d, files[i], path, sizeof(path));
		if (unlink(path) && errno != ENOENT)
			return -errno;
	}
	explicit_bzero(&d->accounts, sizeof(d->accounts));
	explicit_bzero(d->stream_key, sizeof(d->stream_key));
	d->have_stream_key = false;
	d->lockout.used = 0;
	if (load_factory_settings(d))
		settings_defaults(&d->settings);
	store_apply_settings(d);
	return 0;
}
