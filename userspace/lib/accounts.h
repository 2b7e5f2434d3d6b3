/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The account database (draft 6.2.4a-d, 6.2.3e): names, roles and yescrypt
 * hashes, nothing else. On disk it is one line per account in the
 * protocol's syntax (proto.h):
 *
 *   account name=NAME role=user|admin hash=$y$...
 */
#ifndef CAMSEC_ACCOUNTS_H
#define CAMSEC_ACCOUNTS_H

#include <stddef.h>

#include "username.h"

#define ACCOUNTS_MAX 64
#define ACCOUNT_HASH_MAX 128

struct account {
	char name[USERNAME_MAX + 1];
	int role;			/* CAMSEC_ROLE_USER or _ADMIN */
	char hash[ACCOUNT_HASH_MAX];
};

struct accounts {
	unsigned int n;
	struct account a[ACCOUNTS_MAX];
};

/* "user", "admin" (and "none", "authority" for display); -1 if unknown. */
int role_parse(const char *name);
const char *role_name(int role);

/*
 * Parse a database: 0, or -1 with *line (1-based) and *why; @db is
 * emptied first and holds nothing on failure.
 */
int accounts_parse(struct accounts *db, const char *buf, size_t len,
		   unsigned int *line, const char **why);

/* @db as its file: the length, or -1 if @out is too small. */
int accounts_format(const struct accounts *db, char *out, size_t outlen);

/*
 * Add an account: 0; -EINVAL (bad name, role or hash), -EEXIST (a name
 * with the same skeleton exists), -ENOSPC (full); with *why.
 */
int accounts_add(struct accounts *db, const char *name, int role,
		 const char *hash, const char **why);

/* The account named exactly @name, or NULL. Every entry is compared. */
struct account *accounts_find(struct accounts *db, const char *name);

/* Remove @name: 0, or -ENOENT. */
int accounts_del(struct accounts *db, const char *name);

/* How many accounts hold @role. */
unsigned int accounts_count_role(const struct accounts *db, int role);

#endif
