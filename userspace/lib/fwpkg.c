// SPDX-License-Identifier: GPL-2.0-only
/* Firmware packages: see fwpkg.h. */
#define _DEFAULT_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

#include "fwpkg.h"

#define BLOCK 512
/* The ustar header fields read here: offsets and widths. */
#define H_NAME_W 100
#define H_SIZE 124
#define H_SIZE_W 12
#define H_CHKSUM 148
#define H_CHKSUM_W 8
#define H_TYPE 156
#define H_MAGIC 257
#define H_PREFIX 345
#define H_PREFIX_W 155

#define DIGITS "0123456789"
#define LOWER "abcdefghijklmnopqrstuvwxyz"
#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define NAME_SET UPPER LOWER DIGITS "._-"
#define COMPAT_SET LOWER DIGITS ",._-"
#define BUILD_SET NAME_SET "+"

/* Reasons that name a member are formatted; one buffer per thread. */
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

static int fail(const char **why, size_t i, const char *name, const char *what)
{
	if (name)
		return failf(why, "member %zu (%s): %s", i, name, what);
	return failf(why, "member %zu: %s", i, what);
}

static int all_zero(const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i < len && !p[i]; i++)
		;
	return i == len;
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

static int name_ok(const char *s, size_t len)
{
	return word_ok(s, len, NAME_SET) && !(len <= 2 && !memcmp(s, "..", len));
}

/* An octal field: digits, then NUL or spaces to its end (leading spaces
 * are old tars' habit). At most 12 digits, so no overflow. */
static int octal(const uint8_t *f, size_t w, uint64_t *v)
{
	size_t i = 0;

	*v = 0;
	while (i < w && f[i] == ' ')
		i++;
	if (i == w || f[i] < '0' || f[i] > '7')
		return -1;
	for (; i < w && f[i] >= '0' && f[i] <= '7'; i++)
		*v = *v * 8 + (uint64_t)(f[i] - '0');
	for (; i < w; i++) {
		if (f[i] != ' ' && f[i] != '\0')
			return -1;
	}
	return 0;
}

static int header(const uint8_t *h, size_t i, char *name, uint64_t *size,
		  const char **why)
{
	uint64_t sum = 0, want;
	size_t k, nlen;

	/* The checksum first: if it is wrong, the rest is noise. */
	for (k = 0; k < BLOCK; k++)
		sum += k >= H_CHKSUM && k < H_CHKSUM + H_CHKSUM_W ? ' ' : h[k];
	if (octal(h + H_CHKSUM, H_CHKSUM_W, &want) || want != sum)
		return fail(why, i, NULL, "bad header checksum");
	if (memcmp(h + H_MAGIC, "ustar\0" "00", 8) &&
	    memcmp(h + H_MAGIC, "ustar  \0", 8))
		return fail(why, i, NULL, "not a ustar header (bad magic)");
	if (h[H_TYPE] != '0' && h[H_TYPE] != '\0')
		return failf(why, "member %zu: not a regular file (typeflag 0x%02x)",
			     i, h[H_TYPE]);
	nlen = strnlen((const char *)h, H_NAME_W);
	if (!name_ok((const char *)h, nlen) || !all_zero(h + nlen, H_NAME_W - nlen))
		return fail(why, i, NULL, "the name is not 1-64 of [A-Za-z0-9._-] (nor . or ..)");
	memcpy(name, h, nlen);
	name[nlen] = '\0';
	if (!all_zero(h + H_PREFIX, H_PREFIX_W))
		return fail(why, i, name, "the prefix field is used");
	if (h[H_SIZE] & 0x80)
		return fail(why, i, name, "base-256 size (8 GiB or more) is not supported");
	if (octal(h + H_SIZE, H_SIZE_W, size))
		return fail(why, i, name, "the size field is not octal");
	return 0;
}

int fw_tar_parse(const uint8_t *buf, size_t len, struct fw_member *m,
		 size_t max, size_t *n, const char **why)
{
	size_t off = 0, i, j, limit = max < FW_MEMBERS_MAX ? max : FW_MEMBERS_MAX;
	char name[FW_NAME_MAX + 1];
	uint64_t size, padded;

	for (i = 0;; i++) {
		*n = i;
		if (len - off < BLOCK)
			return fail(why, i, NULL, off == len ?
				    "the archive ends without its two zero blocks" :
				    "the archive ends inside a header");
		if (all_zero(buf + off, BLOCK))
			break;
		if (header(buf + off, i, name, &size, why))
			return -1;
		if (i == limit)
			return failf(why, "member %zu (%s): more than %zu members", i, name, limit);
		for (j = 0; j < i; j++) {
			if (!strcmp(m[j].name, name))
				return fail(why, i, name, "a second member with this name");
		}
		if (i < 2 && strcmp(name, i ? "manifest.sig" : "manifest"))
			return fail(why, i, name, i ? "the second member is not manifest.sig" :
						      "the first member is not manifest");
		off += BLOCK;
		padded = (size + BLOCK - 1) / BLOCK * BLOCK;
		if (padded > len - off)
			return fail(why, i, name, "the archive ends inside the data");
		if (!all_zero(buf + off + size, (size_t)(padded - size)))
			return fail(why, i, name, "the padding after the data is not zero");
		memcpy(m[i].name, name, sizeof(name));
		m[i].data = buf + off;
		m[i].size = (size_t)size;
		off += (size_t)padded;
	}
	if (len - off < 2 * BLOCK)
		return fail(why, i, NULL, "the archive ends inside its two zero blocks");
	if (!all_zero(buf + off, len - off))
		return fail(why, i, NULL, "data in or after the two zero blocks at the end");
	if (i < 3)
		return fail(why, i, NULL, "a package holds manifest, manifest.sig and a payload at least");
	return 0;
}

/* The manifest. */

#define TOKS_MAX 5	/* one past the most fields a line has */

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

static int sha_parse(const char *s, size_t len, uint8_t out[32])
{
	static const char hex[] = "0123456789abcdef";
	const char *hi, *lo;
	size_t i;

	if (len != 64)
		return -1;
	for (i = 0; i < 32; i++) {
		hi = memchr(hex, s[2 * i], 16);
		lo = memchr(hex, s[2 * i + 1], 16);
		if (!hi || !lo)
			return -1;
		out[i] = (uint8_t)((hi - hex) << 4 | (lo - hex));
	}
	return 0;
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

static int payload(struct fw_manifest *m, const struct tok *t,
		   unsigned int *col, const char **why)
{
	struct fw_payload *p = &m->payload[m->npayloads];
	unsigned int i;

	if (m->npayloads == FW_PAYLOADS_MAX)
		return bad(col, t[0].col, why, "more than 8 payloads");
	if (!name_ok(t[1].s, t[1].len) || tok_is(&t[1], "manifest") ||
	    tok_is(&t[1], "manifest.sig"))
		return bad(col, t[1].col, why, "the payload name is not 1-64 of [A-Za-z0-9._-] (nor ., .., manifest or manifest.sig)");
	copy(p->name, &t[1]);
	for (i = 0; i < m->npayloads; i++) {
		if (!strcmp(m->payload[i].name, p->name))
			return bad(col, t[1].col, why, "a second payload with this name");
	}
	if (decimal(t[2].s, t[2].len, FW_SIZE_MAX, &p->size))
		return bad(col, t[2].col, why, "the size is not a decimal number up to 2^40");
	if (sha_parse(t[3].s, t[3].len, p->sha256))
		return bad(col, t[3].col, why, "the SHA-256 is not 64 lowercase hex digits");
	m->npayloads++;
	return 0;
}

static int parse_line(struct fw_manifest *m, const char *s, size_t len,
		      unsigned int line, unsigned int *seen, unsigned int *col,
		      const char **why)
{
	struct tok t[TOKS_MAX];
	unsigned int nt, want = 2;
	size_t k = NKEYS;

	if (split(s, len, t, &nt, col, why))
		return -1;
	if (line == 1) {
		if (!tok_is(&t[0], "camsec-firmware"))
			return bad(col, 1, why, "the first line is not \"camsec-firmware 1\"");
	} else if (tok_is(&t[0], "payload")) {
		want = 4;
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
	return want == 4 ? payload(m, t, col, why) : field(m, k, &t[1], col, why);
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
	if (m->npayloads)
		return 0;
	*why = "no payload line";
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

/* The payloads against the manifest. */

int fw_check_payloads(const struct fw_manifest *m, const struct fw_member *mem,
		      size_t n, const char **why)
{
	const struct fw_payload *p;
	uint8_t md[EVP_MAX_MD_SIZE];
	unsigned int mdlen;
	size_t i;

	if (n < 2 || strcmp(mem[0].name, "manifest") ||
	    strcmp(mem[1].name, "manifest.sig")) {
		*why = "the package does not begin with manifest and manifest.sig";
		return -1;
	}
	for (i = 2; i < n; i++) {
		if (i - 2 == m->npayloads)
			return fail(why, i, mem[i].name, "not a payload of the manifest");
		p = &m->payload[i - 2];
		if (strcmp(mem[i].name, p->name))
			return failf(why, "member %zu (%s): the manifest lists %s here",
				     i, mem[i].name, p->name);
		if ((uint64_t)mem[i].size != p->size)
			return fail(why, i, mem[i].name, "the size differs from the manifest");
		if (!EVP_Digest(mem[i].data, mem[i].size, md, &mdlen, EVP_sha256(), NULL) ||
		    mdlen != sizeof(p->sha256) || memcmp(md, p->sha256, mdlen))
			return fail(why, i, mem[i].name, "the SHA-256 differs from the manifest");
	}
	if (n - 2 < m->npayloads)
		return failf(why, "payload %s is missing from the package",
			     m->payload[n - 2].name);
	return 0;
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
