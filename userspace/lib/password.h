/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Passwords: the rules a new one must meet (draft 6.2.3c/e, 6.2.4h), and
 * yescrypt hashing (libxcrypt) with salts from the kernel's random pool.
 */
#ifndef CAMSEC_PASSWORD_H
#define CAMSEC_PASSWORD_H

#include <stddef.h>

#define PASSWORD_MIN 8
#define PASSWORD_MAX 128	/* bounds the hashing work an attacker can ask for */

/*
 * 0 if @pw may be @user's password: PASSWORD_MIN to PASSWORD_MAX bytes, no
 * control characters, at least two classes of digits, lower case, upper
 * case and specials, and neither @user nor @user reversed (compared
 * without case). Else -1, with *why saying which rule it breaks.
 */
int password_check(const char *user, const char *pw, const char **why);

/* yescrypt of @pw at cost @cost (libxcrypt's 1-11) into @out: 0 or -1. */
int password_hash(const char *pw, unsigned long cost, char *out, size_t outlen);

/* 1 if @pw matches @hash, 0 if not (or @hash is no hash). */
int password_verify(const char *pw, const char *hash);

/*
 * The parameters of yescrypt @hash ("$y$j9T$" of "$y$j9T$salt$hash"), which
 * set its cost, into @out: their length, or 0 if @hash is no yescrypt hash
 * or they do not fit.
 */
size_t password_params(const char *hash, char *out, size_t outlen);

/* A hash of a random password with @params (a password_params()): 0 or -1. */
int password_hash_like(const char *params, char *out, size_t outlen);

/* 1 if @hash was made at @cost, 0 if not: a login then hashes again. */
int password_at_cost(const char *hash, unsigned long cost);

#endif
