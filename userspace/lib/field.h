/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fields of the text formats (audit lines, the daemon's protocol): a
 * field's bytes outside printable ASCII, and ' ' and '%', are written
 * %XX (lower-case hex); an empty field is "-", and "-" itself is "%2d".
 * So a field never holds a space, a newline or a control character, and
 * a line splits on spaces alone.
 */
#ifndef CAMSEC_FIELD_H
#define CAMSEC_FIELD_H

#include <stddef.h>

/* @s escaped into @out: the length, or -1 when it does not fit. */
int field_escape(const char *s, char *out, size_t outlen);

/*
 * The field of @len bytes at @s unescaped into @out (NUL-terminated): 0,
 * or -1 if it is malformed (a bad or NUL escape, a raw byte that should
 * have been escaped) or does not fit.
 */
int field_unescape(const char *s, size_t len, char *out, size_t outlen);

/* @s as a JSON string body (quotes, backslashes, controls escaped): 0 or -1. */
int json_escape(const char *s, char *out, size_t outlen);

#endif
