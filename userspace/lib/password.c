// SPDX-License-Identifier: GPL-2.0-only
/*
 * Passwords: rules and yescrypt. crypt_gensalt_rn() draws the salt itself
 * (getentropy, i.e. getrandom) when given no random bytes; crypt_rn()
 * works in a caller's buffer, so nothing is static and nothing is left
 * behind but what the caller wipes.
 */
#define _DEFAULT_SOURCE
#include <crypt.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "password.h"

enum { DIGIT = 1, LOWER = 2, UPPER = 4, SPECIAL = 8 };

static int classes(const char *pw, const char **why)
{
	const unsigned char *p;
	int seen = 0;

	for (p = (const unsigned char *)pw; *p; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			*why = "the password has a control character";
			return -1;
		}
		seen |= isdigit(*p) ? DIGIT : islower(*p) ? LOWER :
			isupper(*p) ? UPPER : SPECIAL;
	}
	return seen;
}

/* Is @pw @user backwards, without case? */
static int is_reverse(const char *user, const char *pw)
{
	size_t n = strlen(user), i;

	if (strlen(pw) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (tolower((unsigned char)user[i]) !=
		    tolower((unsigned char)pw[n - 1 - i]))
			return 0;
	return 1;
}

int password_check(const char *user, const char *pw, const char **why)
{
	size_t len = strlen(pw);
	int seen, n;

	if (len < PASSWORD_MIN) {
		*why = "the password is shorter than 8 characters";
		return -1;
	}
	if (len > PASSWORD_MAX) {
		*why = "the password is longer than 128 characters";
		return -1;
	}
	seen = classes(pw, why);
	if (seen < 0)
		return -1;
	for (n = 0; seen; seen &= seen - 1)
		n++;
	if (n < 2) {
		*why = "the password needs two of: digits, lower case, upper case, specials";
		return -1;
	}
	if (!strcasecmp(user, pw) || is_reverse(user, pw)) {
		*why = "the password is the user name or the user name reversed";
		return -1;
	}
	return 0;
}

/* crypt() of @pw with @setting ("$y$params$salt") into @out: 0 or -1. */
static int hash_with(const char *pw, const char *setting, char *out,
		     size_t outlen)
{
	struct crypt_data *cd;
	int ret = -1;

	cd = calloc(1, sizeof(*cd));
	if (!cd)
		return -1;
	if (crypt_rn(pw, setting, cd, sizeof(*cd)) && cd->output[0] == '$' &&
	    strlen(cd->output) < outlen) {
		memcpy(out, cd->output, strlen(cd->output) + 1);
		ret = 0;
	}
	explicit_bzero(cd, sizeof(*cd));
	free(cd);
	return ret;
}

int password_hash(const char *pw, unsigned long cost, char *out, size_t outlen)
{
	char salt[CRYPT_GENSALT_OUTPUT_SIZE];

	if (!crypt_gensalt_rn("$y$", cost, NULL, 0, salt, sizeof(salt)))
		return -1;
	return hash_with(pw, salt, out, outlen);
}

size_t password_params(const char *hash, char *out, size_t outlen)
{
	const char *end;
	size_t n;

	if (strncmp(hash, "$y$", 3))
		return 0;
	end = strchr(hash + 3, '$');
	n = end ? (size_t)(end - hash) + 1 : 0;
	if (!n || n >= outlen)
		return 0;
	memcpy(out, hash, n);
	out[n] = '\0';
	return n;
}

/* A dummy is never matched (its user does not exist): any password does. */
int password_hash_like(const char *params, char *out, size_t outlen)
{
	char salt[CRYPT_GENSALT_OUTPUT_SIZE], setting[CRYPT_OUTPUT_SIZE];
	const char *s;
	size_t n = strlen(params);

	/* A fresh salt, from a setting at any cost, under @params. */
	if (!crypt_gensalt_rn("$y$", 1, NULL, 0, salt, sizeof(salt)))
		return -1;
	s = strrchr(salt, '$');
	if (!s || n + strlen(s + 1) >= sizeof(setting))
		return -1;
	memcpy(setting, params, n);
	strcpy(setting + n, s + 1);
	return hash_with("-", setting, out, outlen);
}

int password_at_cost(const char *hash, unsigned long cost)
{
	char salt[CRYPT_GENSALT_OUTPUT_SIZE], a[CRYPT_GENSALT_OUTPUT_SIZE],
	     b[CRYPT_GENSALT_OUTPUT_SIZE];

	if (!crypt_gensalt_rn("$y$", cost, NULL, 0, salt, sizeof(salt)))
		return 0;
	return password_params(hash, a, sizeof(a)) &&
	       password_params(salt, b, sizeof(b)) && !strcmp(a, b);
}

/* No early exit on a differing byte; a hash's length is no secret. */
static int same(const char *a, const char *b)
{
	size_t n = strlen(a), i;
	unsigned char d = 0;

	if (n != strlen(b))
		return 0;
	for (i = 0; i < n; i++)
		d |= (unsigned char)(a[i] ^ b[i]);
	return !d;
}

int password_verify(const char *pw, const char *hash)
{
	struct crypt_data *cd;
	int ret = 0;

	if (strncmp(hash, "$y$", 3))
		return 0;
	cd = calloc(1, sizeof(*cd));
	if (!cd)
		return 0;
	if (crypt_rn(pw, hash, cd, sizeof(*cd)) && cd->output[0] == '$')
		ret = same(cd->output, hash);
	explicit_bzero(cd, sizeof(*cd));
	free(cd);
	return ret;
}
