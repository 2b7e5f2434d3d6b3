/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The daemon's settings, which the administrator changes: login lock,
 * sessions, audit trail and password hashing cost. Each has a range and a
 * documented default (settings.c); a change that breaks a range, or a
 * rule between two settings, is refused whole. On disk, one line each in
 * the protocol's syntax: "set key=KEY value=VALUE".
 */
#ifndef CAMSEC_SETTINGS_H
#define CAMSEC_SETTINGS_H

#include <stddef.h>

struct settings {
	unsigned int login_max_failures, login_window_s, login_lock_s;
	unsigned int login_v6_prefix;	/* an IPv6 source locks its /N */
	unsigned int session_idle_s, session_per_user, session_max;
	unsigned int audit_enabled;		/* 0 off, 1 on */
	unsigned int audit_max_kib, audit_full;	/* enum audit_full */
	unsigned int audit_warn_percent;
	unsigned int hash_cost;			/* yescrypt, 1-11 */
};

void settings_defaults(struct settings *s);

/* Set @key to @value: 0, or -1 with *why (and @s unchanged). */
int settings_set(struct settings *s, const char *key, const char *value,
		 const char **why);

/* The @i-th setting's key and value (as text): 0, or -1 past the last. */
int settings_get(const struct settings *s, unsigned int i, const char **key,
		 char *value, size_t len);

/* Defaults, then each line of @buf: 0, or -1 with *line and *why. */
int settings_parse(struct settings *s, const char *buf, size_t len,
		   unsigned int *line, const char **why);

/* @s as its file: the length, or -1 if @out is too small. */
int settings_format(const struct settings *s, char *out, size_t outlen);

#endif
