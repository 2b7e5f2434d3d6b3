/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsecd - the accounts: activation, and their operations.
 */
#ifndef CAMSECD_USERS_H
#define CAMSECD_USERS_H

#include <stdbool.h>

struct camsecd;
struct request;

/* Has the device an administrator? Before, only activation is served. */
bool activated(const struct camsecd *d);
/* A new account, stored: 0, or -errno with *why. */
int user_create(struct camsecd *d, const char *name, int role,
		const char *pw, const char **why);
void op_activate(struct request *r);
void op_passwd(struct request *r);
void op_user_add(struct request *r);
void op_user_mod(struct request *r);
void op_user_del(struct request *r);
void op_user_list(struct request *r);

#endif
