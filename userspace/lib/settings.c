// SPDX-License-Identifier: GPL-2.0-only
/* The daemon's settings: see settings.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auditlog.h"
#include "proto.h"
#include "session.h"
#include "settings.h"

struct setting {
	const char *key;
	size_t offset;
	unsigned int min, max, def;
	const char *const *names;	/* a word per value, or numbers */
};

static const char *const on_off[] = { "off", "on", NULL };
static const char *const full_policy[] = {
	[AUDIT_FULL_OVERWRITE] = "overwrite", [AUDIT_FULL_WARN] = "warn", NULL
};

#define S(k, lo, hi, d, n) { #k, offsetof(struct settings, k), lo, hi, d, n }
static const struct setting table[] = {
	S(login_max_failures, 1, 1000, 5, NULL),
	S(login_window_s, 1, 86400, 300, NULL),
	S(login_lock_s, 1, 86400, 900, NULL),
	S(session_idle_s, 1, 86400, 600, NULL),
	S(session_per_user, 1, SESSION_MAX, 4, NULL),
	S(session_max, 1, SESSION_MAX, 16, NULL),
	S(audit_enabled, 0, 1, 1, on_off),
	S(audit_max_kib, 64, 1048576, 4096, NULL),
	S(audit_full, 0, 1, AUDIT_FULL_OVERWRITE, full_policy),
	S(audit_warn_percent, 50, 99, 90, NULL),
	S(hash_cost, 1, 11, 5, NULL),
	S(login_v6_prefix, 32, 128, 64, NULL),
};
#undef S
#define NSETTINGS (sizeof(table) / sizeof(table[0]))

static unsigned int *field(struct settings *s, const struct setting *t)
{
	return (unsigned int *)((char *)s + t->offset);
}

void settings_defaults(struct settings *s)
{
	size_t i;

	for (i = 0; i < NSETTINGS; i++)
		*field(s, &table[i]) = table[i].def;
}

static int parse_value(const struct setting *t, const char *value,
		       unsigned int *v, const char **why)
{
	unsigned long n;
	char *end;

	if (t->names) {
		for (n = 0; t->names[n]; n++) {
			if (!strcmp(t->names[n], value)) {
				*v = (unsigned int)n;
				return 0;
			}
		}
		*why = t->names == on_off ? "the value is on or off" :
					    "the value is overwrite or warn";
		return -1;
	}
	if (value[0] < '0' || value[0] > '9' || strlen(value) > 10) {
		*why = "the value is not a number";
		return -1;
	}
	n = strtoul(value, &end, 10);
	if (*end || n < t->min || n > t->max) {
		*why = "the value is out of range";
		return -1;
	}
	*v = (unsigned int)n;
	return 0;
}

int settings_set(struct settings *s, const char *key, const char *value,
		 const char **why)
{
	struct settings next = *s;
	unsigned int v;
	size_t i;

	for (i = 0; i < NSETTINGS && strcmp(table[i].key, key); i++)
		;
	if (i == NSETTINGS) {
		*why = "no such setting";
		return -1;
	}
	if (parse_value(&table[i], value, &v, why))
		return -1;
	*field(&next, &table[i]) = v;
	if (next.session_per_user > next.session_max) {
		*why = "session_per_user cannot exceed session_max";
		return -1;
	}
	*s = next;
	return 0;
}

int settings_get(const struct settings *s, unsigned int i, const char **key,
		 char *value, size_t len)
{
	unsigned int v;

	if (i >= NSETTINGS)
		return -1;
	*key = table[i].key;
	v = *field((struct settings *)s, &table[i]);
	if (table[i].names)
		snprintf(value, len, "%s", table[i].names[v]);
	else
		snprintf(value, len, "%u", v);
	return 0;
}

int settings_parse(struct settings *s, const char *buf, size_t len,
		   unsigned int *line, const char **why)
{
	const char *p = buf, *end = buf + len, *nl;
	struct settings next;
	struct proto_msg m;

	settings_defaults(&next);
	for (*line = 1; p < end; (*line)++, p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl) {
			*why = "the last line has no newline";
			return -1;
		}
		if (proto_parse(p, (size_t)(nl - p), &m, why))
			return -1;
		if (strcmp(m.verb, "set") || m.nargs != 2 ||
		    !proto_get(&m, "key") || !proto_get(&m, "value")) {
			*why = "not \"set key=K value=V\"";
			return -1;
		}
		if (settings_set(&next, proto_get(&m, "key"),
				 proto_get(&m, "value"), why))
			return -1;
	}
	*s = next;
	return 0;
}

int settings_format(const struct settings *s, char *out, size_t outlen)
{
	struct proto_buf b;
	char value[16];
	const char *key;
	unsigned int i;
	size_t n = 0;

	for (i = 0; !settings_get(s, i, &key, value, sizeof(value)); i++) {
		proto_start(&b, "set");
		proto_add(&b, "key", key);
		proto_add(&b, "value", value);
		if (proto_append(&b, out, outlen, &n))
			return -1;
	}
	return (int)n;
}
