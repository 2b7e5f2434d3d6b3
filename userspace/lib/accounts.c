// SPDX-License-Identifier: GPL-2.0-only
/* The account database: see accounts.h. */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/camsec.h>

#include "accounts.h"
#include "proto.h"

static const char *const role_names[] = CAMSEC_ROLE_NAMES;

int role_parse(const char *name)
{
	if (!strcmp(name, "user"))
		return CAMSEC_ROLE_USER;
	if (!strcmp(name, "admin"))
		return CAMSEC_ROLE_ADMIN;
	return -1;
}

const char *role_name(int role)
{
	if (role < 0 || role > CAMSEC_ROLE_UPDATER)
		return "?";
	return role_names[role];
}

/* A yescrypt hash: "$y$", then the characters crypt(3) writes. */
static int hash_ok(const char *hash)
{
	size_t len = strlen(hash);

	return len > 3 && len < ACCOUNT_HASH_MAX && !strncmp(hash, "$y$", 3) &&
	       strspn(hash, "$./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "abcdefghijklmnopqrstuvwxyz") == len;
}

struct account *accounts_find(struct accounts *db, const char *name)
{
	struct account *hit = NULL;
	unsigned int i;

	for (i = 0; i < db->n; i++) {
		if (!strcmp(db->a[i].name, name))
			hit = &db->a[i];
	}
	return hit;
}

int accounts_add(struct accounts *db, const char *name, int role,
		 const char *hash, const char **why)
{
	char skel[USERNAME_MAX + 1], other[USERNAME_MAX + 1];
	struct account *a;
	unsigned int i;

	if (username_check(name, why))
		return -EINVAL;
	if (role != CAMSEC_ROLE_USER && role != CAMSEC_ROLE_ADMIN) {
		*why = "the role is user or admin";
		return -EINVAL;
	}
	if (!hash_ok(hash)) {
		*why = "not a yescrypt hash";
		return -EINVAL;
	}
	username_skeleton(name, skel);
	for (i = 0; i < db->n; i++) {
		username_skeleton(db->a[i].name, other);
		if (!strcmp(skel, other)) {
			*why = "an account with this name or one that looks like it exists";
			return -EEXIST;
		}
	}
	if (db->n == ACCOUNTS_MAX) {
		*why = "the device holds 64 accounts at most";
		return -ENOSPC;
	}
	a = &db->a[db->n++];
	snprintf(a->name, sizeof(a->name), "%s", name);
	snprintf(a->hash, sizeof(a->hash), "%s", hash);
	a->role = role;
	return 0;
}

int accounts_del(struct accounts *db, const char *name)
{
	struct account *a = accounts_find(db, name);
	size_t i;

	if (!a)
		return -ENOENT;
	i = (size_t)(a - db->a);
	memmove(a, a + 1, (db->n - i - 1) * sizeof(*a));
	db->n--;
	explicit_bzero(&db->a[db->n], sizeof(db->a[db->n]));
	return 0;
}

unsigned int accounts_count_role(const struct accounts *db, int role)
{
	unsigned int i, n = 0;

	for (i = 0; i < db->n; i++)
		n += db->a[i].role == role;
	return n;
}

static int parse_line(struct accounts *db, const char *s, size_t len,
		      const char **why)
{
	struct proto_msg m;
	const char *name, *role, *hash;
	int ret;

	if (proto_parse(s, len, &m, why))
		return -1;
	name = proto_get(&m, "name");
	role = proto_get(&m, "role");
	hash = proto_get(&m, "hash");
	if (strcmp(m.verb, "account") || m.nargs != 3 || !name || !role ||
	    !hash) {
		*why = "not \"account name=N role=R hash=H\"";
		ret = -1;
	} else {
		ret = accounts_add(db, name, role_parse(role), hash, why) ? -1 : 0;
	}
	proto_wipe(&m);
	return ret;
}

int accounts_parse(struct accounts *db, const char *buf, size_t len,
		   unsigned int *line, const char **why)
{
	const char *p = buf, *end = buf + len, *nl;

	memset(db, 0, sizeof(*db));
	for (*line = 1; p < end; (*line)++, p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl) {
			*why = "the last line has no newline";
			break;
		}
		if (parse_line(db, p, (size_t)(nl - p), why))
			break;
	}
	if (p < end) {
		explicit_bzero(db, sizeof(*db));
		return -1;
	}
	return 0;
}

int accounts_format(const struct accounts *db, char *out, size_t outlen)
{
	struct proto_buf b;
	size_t n = 0;
	unsigned int i;

	for (i = 0; i < db->n; i++) {
		proto_start(&b, "account");
		proto_add(&b, "name", db->a[i].name);
		proto_add(&b, "role", role_name(db->a[i].role));
		proto_add(&b, "hash", db->a[i].hash);
		if (proto_append(&b, out, outlen, &n))
			return -1;
	}
	if (!outlen)
		return -1;
	out[n] = '\0';
	return (int)n;
}
