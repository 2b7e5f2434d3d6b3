// SPDX-License-Identifier: GPL-2.0-only
/* The firmware manifest: see fwmanifest.h. */
#define _DEFAULT_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fwmanifest.h"

#define DIGITS "0123456789"
#define LOWER "abcdefghijklmnopqrstuvwxyz"
#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define COMPAT_SET LOWER DIGITS ",._-"
#define BUILD_SET UPPER LOWER DIGITS "._-+"

/* Reasons with a name in them are formatted; one buffer per thread. */
static _Thread_local char reason[256];

__attribute__((format(printf, 2, 3)))
static int failf(const char **why, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	*why = reason;
	return -1;
}

/* 1 to FW_NAME_MAX characters of @set; @s need not end in NUL. */
static int word_ok(const char *s, size_t len, const char *set)
{
	size_t i;

	if (!len || len > FW_NAME_MAX)
		return 0;
	for (i = 0; i < len; i++) {
		if (!s[i] || !strchr(set, s[i]))
			return 0;
	}
	return 1;
}

/* The manifest. */

#define TOKS_MAX 3	/* one past the most fields a line has */

struct tok {
	const char *s;
	size_t len;
	unsigned int col;
};

static const char *const keys[] = {
	"compatible", "version", "build-id", "end-of-support",
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

static int bad(unsigned int *col, size_t c, const char **why, const char *what)
{
	*col = (unsigned int)c;
	*why = what;
	return -1;
}

static int tok_is(const struct tok *t, const char *s)
{
	return t->len == strlen(s) && !memcmp(t->s, s, t->len);
}

/* Printable ASCII fields separated by single spaces; past TOKS_MAX the
 * fields are checked but not kept: the caller only needs to see extras. */
static int split(const char *s, size_t len, struct tok *t, unsigned int *nt,
		 unsigned int *col, const char **why)
{
	size_t i;

	*nt = 0;
	if (!len)
		return bad(col, 1, why, "empty line");
	for (i = 0; i < len; i++) {
		if (s[i] == '\r')
			return bad(col, i + 1, why, "carriage return (lines end in \\n alone)");
		if (s[i] < 0x20 || s[i] > 0x7e)
			return bad(col, i + 1, why, "not printable ASCII");
		if (s[i] == ' ' && (i == 0 || i + 1 == len || s[i + 1] == ' '))
			return bad(col, i + 1, why, i == 0 ? "the line begins with a space" :
					     i + 1 == len ? "trailing space" :
							    "two spaces in a row");
		if (s[i] != ' ' && (i == 0 || s[i - 1] == ' ') && *nt < TOKS_MAX)
			t[(*nt)++] = (struct tok){ s + i, 0, (unsigned int)(i + 1) };
		if (s[i] != ' ' && t[*nt - 1].s + t[*nt - 1].len == s + i)
			t[*nt - 1].len++;
	}
	return 0;
}

/* Decimal, without a leading zero, at most @max. */
static int decimal(const char *s, size_t len, uint64_t max, uint64_t *v)
{
	size_t i;

	if (!len || len > 13 || (s[0] == '0' && len > 1))
		return -1;
	for (*v = 0, i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (uint64_t)(s[i] - '0');
	}
	return *v > max ? -1 : 0;
}

static int version_parse(const char *s, size_t len, unsigned int v[4],
			 unsigned int *n)
{
	const char *end = s + len, *dot;
	uint64_t x;

	for (*n = 0; *n < 4; s = dot + 1) {
		dot = memchr(s, '.', (size_t)(end - s));
		if (!dot)
			dot = end;
		if (decimal(s, (size_t)(dot - s), 65535, &x))
			return -1;
		v[(*n)++] = (unsigned int)x;
		if (dot == end)
			return 0;
	}
	return -1;
}

static int digits(const char *s, size_t n)
{
	int v = 0;

	while (n--)
		v = v * 10 + (*s++ - '0');
	return v;
}

static int date_parse(const char *s, size_t len, int *y, int *mo, int *d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	size_t i;
	int leap;

	if (len != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < len; i++) {
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	}
	*y = digits(s, 4);
	*mo = digits(s + 5, 2);
	*d = digits(s + 8, 2);
	leap = (*y % 4 == 0 && *y % 100) || *y % 400 == 0;
	return *mo < 1 || *mo > 12 || *d < 1 ||
	       *d > mdays[*mo - 1] + (*mo == 2 && leap) ? -1 : 0;
}

static void copy(char *dst, const struct tok *t)
{
	memcpy(dst, t->s, t->len);
	dst[t->len] = '\0';
}

static int field(struct fw_manifest *m, size_t k, const struct tok *v,
		 unsigned int *col, const char **why)
{
	switch (k) {
	case 0:
		if (!word_ok(v->s, v->len, COMPAT_SET))
			return bad(col, v->col, why, "compatible is not 1-64 of [a-z0-9,._-]");
		copy(m->compatible, v);
		return 0;
	case 1:
		if (version_parse(v->s, v->len, m->version, &m->nversion))
			return bad(col, v->col, why, "version is not 1-4 dot-separated numbers 0-65535 without leading zeros");
		return 0;
	case 2:
		if (!word_ok(v->s, v->len, BUILD_SET))
			return bad(col, v->col, why, "build-id is not 1-64 of [A-Za-z0-9._+-]");
		copy(m->build_id, v);
		return 0;
	default:
		if (date_parse(v->s, v->len, &m->eos_year, &m->eos_month, &m->eos_day))
			return bad(col, v->col, why, "end-of-support is not a date YYYY-MM-DD");
		return 0;
	}
}

static int parse_line(struct fw_manifest *m, const char *s, size_t len,
		      unsigned int line, unsigned int *seen, unsigned int *col,
		      const char **why)
{
	struct tok t[TOKS_MAX];
	unsigned int nt, want = 2;	/* a key and its value */
	size_t k = NKEYS;

	if (split(s, len, t, &nt, col, why))
		return -1;
	if (line == 1) {
		if (!tok_is(&t[0], "camsec-firmware"))
			return bad(col, 1, why, "the first line is not \"camsec-firmware 1\"");
	} else {
		for (k = 0; k < NKEYS && !tok_is(&t[0], keys[k]); k++)
			;
		if (k == NKEYS)
			return bad(col, 1, why, "unknown key");
		if (*seen & 1u << k)
			return bad(col, 1, why, "the key appears twice");
		*seen |= 1u << k;
	}
	if (nt < want)
		return bad(col, len + 1, why, "a field is missing");
	if (nt > want)
		return bad(col, t[want].col, why, "extra field");
	if (line == 1)
		return tok_is(&t[1], "1") ? 0 : bad(col, t[1].col, why, "not manifest format 1");
	return field(m, k, &t[1], col, why);
}

int fw_manifest_parse(const char *buf, size_t len, struct fw_manifest *m,
		      unsigned int *line, unsigned int *col, const char **why)
{
	const char *p = buf, *end = buf + len, *nl;
	unsigned int seen = 0;
	size_t k;

	memset(m, 0, sizeof(*m));
	*col = 1;
	for (*line = 1; p < end; (*line)++, p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl) {
			bad(col, (size_t)(end - p) + 1, why, "the last line has no newline");
			goto fail;
		}
		if (parse_line(m, p, (size_t)(nl - p), *line, &seen, col, why))
			goto fail;
	}
	*col = 1;
	if (!len) {
		*why = "the manifest is empty";
		goto fail;
	}
	for (k = 0; k < NKEYS; k++) {
		if (!(seen & 1u << k)) {
			failf(why, "no %s line", keys[k]);
			goto fail;
		}
	}
	return 0;
fail:
	memset(m, 0, sizeof(*m));
	return -1;
}

/* Versions. */

int fw_version_parse(const char *s, unsigned int v[4], unsigned int *n)
{
	return version_parse(s, strlen(s), v, n);
}

int fw_version_cmp(const unsigned int *a, unsigned int na,
		   const unsigned int *b, unsigned int nb)
{
	unsigned int i, x, y;

	for (i = 0; i < na || i < nb; i++) {
		x = i < na ? a[i] : 0;
		y = i < nb ? b[i] : 0;
		if (x != y)
			return x < y ? -1 : 1;
	}
	return 0;
}

int fw_version_format(const unsigned int *v, unsigned int n, char *out,
		      size_t len)
{
	unsigned int i;
	size_t off = 0;
	int w;

	if (n < 1 || n > 4 || !len)
		return -1;
	for (i = 0; i < n; i++) {
		w = snprintf(out + off, len - off, i ? ".%u" : "%u", v[i]);
		if (w < 0 || (size_t)w >= len - off)
			return -1;
		off += (size_t)w;
	}
	return (int)off;
}

/* Days from 1970-01-01 to a civil date (H. Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, int mo, int d)
{
	int64_t era, yoe, doy;

	y -= mo <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

int fw_eos_passed(const struct fw_manifest *m, time_t now)
{
	int64_t end = days_from_civil(m->eos_year, m->eos_month, m->eos_day) + 1;

	return (int64_t)now >= end * 86400;
}
