/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Account names (draft 6.2.4a): what a name may be, and the skeleton that
 * two names must not share, so that no account passes for another by case
 * or by a look-alike character.
 */
#ifndef CAMSEC_USERNAME_H
#define CAMSEC_USERNAME_H

#include <stddef.h>

#define USERNAME_MAX 32

/*
 * 0 if @name is 1 to USERNAME_MAX ASCII letters, digits, '.', '_' or '-',
 * beginning with a letter; else -1 with *why. ASCII only: no Unicode
 * look-alike can be made.
 */
int username_check(const char *name, const char **why);

/*
 * The skeleton of a valid @name into @out (USERNAME_MAX + 1 bytes): lower
 * case, with characters that look alike folded to one ("0" "o", "1" "l"
 * "i", "5" "s", "rn" "m", "vv" "w", "_" "-" "."). Two accounts may not
 * have the same skeleton.
 */
void username_skeleton(const char *name, char *out);

#endif
