// SPDX-License-Identifier: GPL-2.0-only
/* The SDP of a camsec video stream: see sdp.h. */
#include <ctype.h>
#include <stdbool.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "sdp.h"

#define SDP_LINE_MAX 1024

int sdp_write(FILE *f, const struct sdp_session *s)
{
	const char *ip = strchr(s->dest, ':') ? "IP6" : "IP4";
	unsigned int i, j;

	fprintf(f, "v=0\r\no=- %u 1 IN %s %s\r\ns=camsec\r\nc=IN %s %s\r\nt=0 0\r\n",
		s->ssrc, ip, s->dest, ip, s->dest);
	fprintf(f, "m=video %u RTP/SAVP %u\r\n", s->port, s->pt);
	switch (s->payload) {
	case CAMSEC_RTP_RAW:
		fprintf(f, "a=rtpmap:%u raw/%u\r\n", s->pt, s->clock_rate);
		fprintf(f, "a=fmtp:%u sampling=YCbCr-4:2:2; width=%u; height=%u; depth=8; colorimetry=BT601-5\r\n",
			s->pt, s->width, s->height);
		break;
	case CAMSEC_RTP_H264:
		fprintf(f, "a=rtpmap:%u H264/%u\r\n", s->pt, s->clock_rate);
		fprintf(f, "a=fmtp:%u packetization-mode=1\r\n", s->pt);
		break;
	case CAMSEC_RTP_H265:
		fprintf(f, "a=rtpmap:%u H265/%u\r\n", s->pt, s->clock_rate);
		break;
	}
	fprintf(f, "a=ssrc:%u cname:camsec\r\n", s->ssrc);
	fprintf(f, "a=x-camsec-srtp:%s %u\r\n", s->profile->name, s->mki_len);
	for (i = 0; i < s->nkeys; i++) {
		fprintf(f, "a=x-camsec-key:%u ", s->keys[i].epoch);
		for (j = 0; j < sizeof(s->keys[i].rand); j++)
			fprintf(f, "%02x", s->keys[i].rand[j]);
		fprintf(f, "\r\n");
	}
	return fflush(f) || ferror(f) ? -1 : 0;
}

static int fail(char *err, size_t errlen, unsigned int line, const char *fmt,
		...)
{
	va_list ap;
	int n = snprintf(err, errlen, "line %u: ", line);

	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < errlen)
		vsnprintf(err + n, errlen - n, fmt, ap);
	va_end(ap);
	return -1;
}

/* A decimal number of at most @max, ended by one of @ends or the end. */
static int number(const char **p, unsigned long max, const char *ends,
		  unsigned long *v)
{
	char *end;

	if (!isdigit((unsigned char)**p))
		return -1;
	errno = 0;
	*v = strtoul(*p, &end, 10);
	if (errno || *v > max || (*end && !strchr(ends, *end)))
		return -1;
	*p = end;
	return 0;
}

static int hexbytes(const char *p, uint8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned int v;

		if (!isxdigit((unsigned char)p[2 * i]) ||
		    !isxdigit((unsigned char)p[2 * i + 1]) ||
		    sscanf(p + 2 * i, "%2x", &v) != 1)
			return -1;
		out[i] = (uint8_t)v;
	}
	return p[2 * n] ? -1 : 0;
}

static int camsec_srtp(const char *p, struct sdp_session *s)
{
	const char *sp = strchr(p, ' ');
	char name[64];
	unsigned long mki;

	if (!sp || (size_t)(sp - p) >= sizeof(name))
		return -1;
	memcpy(name, p, sp - p);
	name[sp - p] = 0;
	s->profile = srtp_profile_by_name(name);
	p = sp + 1;
	if (!s->profile || number(&p, CAMSEC_VCRYPT_MKI_LEN, "", &mki) < 0)
		return -1;
	if (mki && mki != CAMSEC_VCRYPT_MKI_LEN)
		return -1;
	s->mki_len = (unsigned int)mki;
	return 0;
}

static int camsec_key(const char *p, struct sdp_session *s, const char **why)
{
	struct sdp_key *k = &s->keys[s->nkeys];
	unsigned long epoch;

	if (s->nkeys == SDP_MAX_KEYS) {
		*why = "too many keys";
		return -1;
	}
	*why = "expected <epoch> <32 hex digits>";
	if (number(&p, UINT32_MAX, " ", &epoch) < 0 || *p != ' ' ||
	    hexbytes(p + 1, k->rand, sizeof(k->rand)) < 0)
		return -1;
	for (unsigned int i = 0; i < s->nkeys; i++) {
		if (s->keys[i].epoch == epoch) {
			*why = "key epoch given twice";
			return -1;
		}
	}
	k->epoch = (uint32_t)epoch;
	s->nkeys++;
	return 0;
}

/* Each line of @text, without its CR LF, to @fn; stops at its error. */
static int each_line(const char *text, char *err, size_t errlen,
		     int (*fn)(const char *line, unsigned int n,
			       struct sdp_session *s, char *err, size_t errlen),
		     struct sdp_session *s)
{
	char line[SDP_LINE_MAX];
	unsigned int n = 0;
	size_t len;

	while (*text) {
		n++;
		len = strcspn(text, "\n");
		if (len >= sizeof(line))
			return fail(err, errlen, n, "line too long");
		memcpy(line, text, len);
		line[len] = 0;
		if (len && line[len - 1] == '\r')
			line[len - 1] = 0;
		text += len + (text[len] == '\n');
		if (fn(line, n, s, err, errlen) < 0)
			return -1;
	}
	return 0;
}

static int camsec_line(const char *line, unsigned int n, struct sdp_session *s,
		       char *err, size_t errlen)
{
	const char *why;

	if (!strncmp(line, "a=x-camsec-srtp:", 16)) {
		if (camsec_srtp(line + 16, s) < 0)
			return fail(err, errlen, n, "expected <crypto-suite> <0 or 4>");
	} else if (!strncmp(line, "a=x-camsec-key:", 15)) {
		if (camsec_key(line + 15, s, &why) < 0)
			return fail(err, errlen, n, "%s", why);
	}
	return 0;
}

int sdp_parse_camsec(const char *text, struct sdp_session *s, char *err,
		     size_t errlen)
{
	memset(s, 0, sizeof(*s));
	if (each_line(text, err, errlen, camsec_line, s) < 0)
		return -1;
	if (!s->profile)
		return fail(err, errlen, 0, "no a=x-camsec-srtp attribute");
	if (!s->nkeys)
		return fail(err, errlen, 0, "no a=x-camsec-key attribute");
	return 0;
}

/* base64 of exactly @n bytes, ended by '|', ';' or the end. */
static int base64(const char **p, uint8_t *out, size_t n)
{
	unsigned char buf[4 * ((SRTP_MAX_MASTER + 2) / 3) + 4];
	size_t len = strcspn(*p, "|; "), pad = 0;

	if (!len || len % 4 || len >= sizeof(buf))
		return -1;
	if ((*p)[len - 1] == '=')
		pad = (*p)[len - 2] == '=' ? 2 : 1;
	if (len / 4 * 3 - pad != n)
		return -1;
	if (EVP_DecodeBlock(buf, (const unsigned char *)*p, (int)len) < 0)
		return -1;
	memcpy(out, buf, n);
	*p += len;
	return 0;
}

/* "inline:" key-salt ["|" lifetime] ["|" MKI ":" length] (RFC 4568 9.2) */
static int key_params(const char **p, struct sdp_session *s, const char **why)
{
	struct sdp_key *k = &s->keys[s->nkeys];
	unsigned long mki, len;
	bool has_mki = false;
	const char *f;

	*why = "expected inline:<base64 key and salt>";
	if (s->nkeys == SDP_MAX_KEYS || strncmp(*p, "inline:", 7))
		return -1;
	*p += 7;
	if (base64(p, k->master, s->profile->key_len + s->profile->salt_len))
		return -1;
	while (**p == '|') {
		f = ++*p;
		if (strcspn(f, "|; ") > strcspn(f, ":")) {
			*why = "expected <MKI>:<length> after the key";
			if (number(p, UINT32_MAX, ":", &mki) < 0 || **p != ':')
				return -1;
			++*p;
			if (number(p, 128, "|; ", &len) < 0 || !len || len > 4 ||
			    (s->nkeys && len != s->mki_len))
				return -1;
			k->epoch = (uint32_t)mki;
			s->mki_len = (unsigned int)len;
			has_mki = true;
		} else {
			*p += strcspn(f, "|; ");	/* a lifetime */
		}
	}
	*why = "every key needs an MKI, or none";
	if (s->nkeys && has_mki != !!s->mki_len)
		return -1;
	if (!s->nkeys && !has_mki)
		s->mki_len = 0;
	s->nkeys++;
	return 0;
}

static int crypto_line(const char *line, unsigned int n, struct sdp_session *s,
		       char *err, size_t errlen)
{
	const char *p = line + 9, *why;
	char suite[64];
	size_t len;

	if (s->profile || strncmp(line, "a=crypto:", 9))
		return 0;
	p += strspn(p, "0123456789");
	if (p == line + 9 || *p++ != ' ')
		return fail(err, errlen, n, "expected a=crypto:<tag> <suite> <key-params>");
	len = strcspn(p, " ");
	if (len >= sizeof(suite))
		return fail(err, errlen, n, "unknown crypto-suite");
	memcpy(suite, p, len);
	suite[len] = 0;
	s->profile = srtp_profile_by_name(suite);
	if (!s->profile || p[len] != ' ')
		return fail(err, errlen, n, "unknown crypto-suite");
	p += len + 1;
	do {
		if (key_params(&p, s, &why) < 0)
			return fail(err, errlen, n, "%s", why);
	} while (*p == ';' && *++p);
	if (*p && *p != ' ')
		return fail(err, errlen, n, "junk after the key-params");
	if (s->nkeys > 1 && !s->mki_len)
		return fail(err, errlen, n, "several keys without an MKI");
	return 0;
}

int sdp_parse_crypto(const char *text, struct sdp_session *s, char *err,
		     size_t errlen)
{
	memset(s, 0, sizeof(*s));
	if (each_line(text, err, errlen, crypto_line, s) < 0)
		return -1;
	if (!s->profile)
		return fail(err, errlen, 0, "no a=crypto attribute");
	return 0;
}
