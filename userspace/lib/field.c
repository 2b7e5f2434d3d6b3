// SPDX-License-Identifier: GPL-2.0-only
/* Fields of the text formats: see field.h. */
#include <stdio.h>
#include <string.h>

#include "field.h"

static const char hex[] = "0123456789abcdef";

/* @s escaped into @out; the length, or -1 when it does not fit. */
int field_escape(const char *s, char *out, size_t outlen)
{
	size_t n = 0;

	if (!*s) {
		if (outlen < 2)
			return -1;
		memcpy(out, "-", 2);
		return 1;
	}
	/* A field that is "-" itself must not read as empty. */
	if (!strcmp(s, "-")) {
		if (outlen < 4)
			return -1;
		memcpy(out, "%2d", 4);
		return 3;
	}
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (n + 4 > outlen)
			return -1;
		if (c <= ' ' || c >= 0x7f || c == '%') {
			out[n++] = '%';
			out[n++] = hex[c >> 4];
			out[n++] = hex[c & 15];
		} else {
			out[n++] = (char)c;
		}
	}
	out[n] = '\0';
	return (int)n;
}

static int unhex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* The field of @len bytes at @s, unescaped into @out of @outlen bytes. */
int field_unescape(const char *s, size_t len, char *out, size_t outlen)
{
	size_t i, n = 0;
	int hi, lo;

	if (len == 1 && s[0] == '-') {
		out[0] = '\0';
		return 0;
	}
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (n + 1 >= outlen)
			return -1;
		if (c == '%') {
			if (len - i < 3)
				return -1;
			hi = unhex(s[i + 1]);
			lo = unhex(s[i + 2]);
			if (hi < 0 || lo < 0 || !(hi | lo))
				return -1;
			c = (char)(hi << 4 | lo);
			i += 2;
		} else if ((unsigned char)c <= ' ' || (unsigned char)c >= 0x7f) {
			return -1;
		}
		out[n++] = c;
	}
	out[n] = '\0';
	return 0;
}

/* @s as a JSON string body: quotes, backslashes and controls escaped. */
int json_escape(const char *s, char *out, size_t outlen)
{
	size_t n = 0;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (n + 7 > outlen)
			return -1;
		if (c == '"' || c == '\\') {
			out[n++] = '\\';
			out[n++] = (char)c;
		} else if (c < 0x20 || c >= 0x7f) {
			n += (size_t)snprintf(out + n, outlen - n, "\\u%04x", c);
		} else {
			out[n++] = (char)c;
		}
	}
	out[n] = '\0';
	return 0;
}

