// SPDX-License-Identifier: GPL-2.0-only
/* Audit records: see audit.h. The MAC is OpenSSL's one-shot HMAC(). */
#define _DEFAULT_SOURCE
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "audit.h"
#include "field.h"

#define FIELDS 9

static const char hex[] = "0123456789abcdef";

/* HMAC-SHA256 of @prev (64 hex digits) and @body, in hex into @out. */
static int mac_of(const char *prev, const char *body, size_t len,
		  const uint8_t *key, size_t keylen, char *out)
{
	uint8_t buf[AUDIT_MAC_HEX + AUDIT_LINE_MAX], md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;

	if (len > AUDIT_LINE_MAX)
		return -1;
	memcpy(buf, prev, AUDIT_MAC_HEX);
	memcpy(buf + AUDIT_MAC_HEX, body, len);
	if (!HMAC(EVP_sha256(), key, (int)keylen, buf, AUDIT_MAC_HEX + len,
		  md, &mdlen) || mdlen != 32)
		return -1;
	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[AUDIT_MAC_HEX] = '\0';
	return 0;
}

int audit_format(struct audit_rec *r, const char *prev_mac,
		 const uint8_t *key, size_t keylen, char *out, size_t outlen)
{
	const char *fields[] = { r->timesrc, r->op, r->result, r->account,
				 r->source, r->detail };
	char esc[3 * sizeof(r->detail) + 1];
	size_t i;
	int n, m;

	n = snprintf(out, outlen, "%" PRIu64 " %" PRId64, r->seq, r->time_ns);
	if (n < 0 || (size_t)n >= outlen)
		return -1;
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (field_escape(fields[i], esc, sizeof(esc)) < 0)
			return -1;
		m = snprintf(out + n, outlen - (size_t)n, " %s", esc);
		if (m < 0 || (size_t)m >= outlen - (size_t)n)
			return -1;
		n += m;
	}
	if ((size_t)n + 1 + AUDIT_MAC_HEX + 1 > outlen ||
	    mac_of(prev_mac, out, (size_t)n, key, keylen, r->mac))
		return -1;
	out[n++] = ' ';
	memcpy(out + n, r->mac, AUDIT_MAC_HEX + 1);
	return n + AUDIT_MAC_HEX;
}

static int number(const char *s, size_t len, int is_signed, uint64_t *v)
{
	size_t i = 0;
	int neg = 0;

	*v = 0;
	if (is_signed && len && s[0] == '-')
		neg = 1, i = 1;
	if (i == len || len - i > 19)
		return -1;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (uint64_t)(s[i] - '0');
	}
	if (neg)
		*v = (uint64_t)-(int64_t)*v;
	return 0;
}

int audit_parse(const char *line, size_t len, struct audit_rec *r,
		const char **why)
{
	const char *f[FIELDS];
	size_t flen[FIELDS], i, n = 0, start = 0;
	char *dst[] = { r->timesrc, r->op, r->result, r->account, r->source,
			r->detail };
	size_t dlen[] = { sizeof(r->timesrc), sizeof(r->op), sizeof(r->result),
			  sizeof(r->account), sizeof(r->source),
			  sizeof(r->detail) };
	uint64_t v;

	for (i = 0; i <= len; i++) {
		if (i < len && line[i] != ' ')
			continue;
		if (n == FIELDS || i == start) {
			*why = "not 9 fields separated by single spaces";
			return -1;
		}
		f[n] = line + start;
		flen[n++] = i - start;
		start = i + 1;
	}
	if (n != FIELDS) {
		*why = "not 9 fields separated by single spaces";
		return -1;
	}
	if (number(f[0], flen[0], 0, &r->seq) ||
	    number(f[1], flen[1], 1, &v)) {
		*why = "bad sequence number or time";
		return -1;
	}
	r->time_ns = (int64_t)v;
	for (i = 0; i < 6; i++) {
		if (field_unescape(f[2 + i], flen[2 + i], dst[i], dlen[i])) {
			*why = "bad field";
			return -1;
		}
	}
	if (flen[8] != AUDIT_MAC_HEX) {
		*why = "bad MAC";
		return -1;
	}
	for (i = 0; i < AUDIT_MAC_HEX; i++) {
		if (!memchr(hex, f[8][i], 16)) {
			*why = "bad MAC";
			return -1;
		}
	}
	memcpy(r->mac, f[8], AUDIT_MAC_HEX);
	r->mac[AUDIT_MAC_HEX] = '\0';
	return 0;
}

int audit_verify(const char *buf, size_t len, const char *first_prev,
		 const uint8_t *key, size_t keylen, uint64_t *count,
		 const char **why)
{
	char prev[AUDIT_MAC_HEX + 1], want[AUDIT_MAC_HEX + 1];
	const char *line = buf, *nl;
	struct audit_rec r;
	uint64_t last_seq = 0;
	size_t n;

	memcpy(prev, first_prev, AUDIT_MAC_HEX);
	prev[AUDIT_MAC_HEX] = '\0';
	for (*count = 0; line < buf + len; line = nl + 1, ++*count) {
		nl = memchr(line, '\n', (size_t)(buf + len - line));
		if (!nl) {
			*why = "the last line is cut short";
			return -1;
		}
		n = (size_t)(nl - line);
		if (n > AUDIT_LINE_MAX || audit_parse(line, n, &r, why))
			return -1;
		if (*count && r.seq != last_seq + 1) {
			*why = "sequence number does not follow the line before";
			return -1;
		}
		last_seq = r.seq;
		if (mac_of(prev, line, n - AUDIT_MAC_HEX - 1, key, keylen, want) ||
		    memcmp(want, r.mac, AUDIT_MAC_HEX)) {
			*why = "MAC does not follow from the line before";
			return -1;
		}
		memcpy(prev, r.mac, sizeof(prev));
	}
	return 0;
}

int audit_json(const struct audit_rec *r, char *out, size_t outlen)
{
	const char *names[] = { "time_source", "op", "result", "account",
				"source", "detail" };
	const char *fields[] = { r->timesrc, r->op, r->result, r->account,
				 r->source, r->detail };
	char esc[6 * sizeof(r->detail) + 1];
	size_t i;
	int n, m;

	n = snprintf(out, outlen, "{\"seq\":%" PRIu64 ",\"time_ns\":%" PRId64,
		     r->seq, r->time_ns);
	if (n < 0 || (size_t)n >= outlen)
		return -1;
	for (i = 0; i < 6; i++) {
		if (json_escape(fields[i], esc, sizeof(esc)))
			return -1;
		m = snprintf(out + n, outlen - (size_t)n, ",\"%s\":\"%s\"",
			     names[i], esc);
		if (m < 0 || (size_t)m >= outlen - (size_t)n)
			return -1;
		n += m;
	}
	m = snprintf(out + n, outlen - (size_t)n, ",\"mac\":\"%s\"}", r->mac);
	if (m < 0 || (size_t)m >= outlen - (size_t)n)
		return -1;
	return n + m;
}
