/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsecd - login: every failure alike, the login locks, and the
 * addresses that logged in before.
 */
#ifndef CAMSECD_AUTH_H
#define CAMSECD_AUTH_H

#include <stdbool.h>

struct account;
struct camsecd;
struct request;

/* The dummy hashes, at the cost setting's and the accounts' costs. */
int auth_init(struct camsecd *d);
void op_login(struct request *r);
/* Has a login succeeded from @source lately? */
bool auth_known_source(const struct camsecd *d, const char *source);
/* A password for @a (NULL: unknown @name) as a login checks it, counted. */
bool auth_attempt(struct camsecd *d, struct account *a,
		  const char *name, const char *pw, const char *source,
		  bool *locked);
/* The password was right: the source's and account's failures go. */
void auth_succeeded(struct camsecd *d, const char *name, const char *source);

#endif
