/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Audit records (draft 6.2.6): one line each, chained: each line ends with
 * the HMAC-SHA256, under the audit key, of the previous line's MAC and
 * this line's fields, so that a changed, removed, reordered or inserted
 * line breaks the chain from there on, and a rewrite needs the key.
 *
 *   SEQ TIME_NS TIMESRC OP RESULT ACCOUNT SOURCE DETAIL MAC
 *
 * Fields are separated by one space; a field's bytes outside printable
 * ASCII, and ' ' and '%', are written %XX. An empty field is "-".
 */
#ifndef CAMSEC_AUDIT_H
#define CAMSEC_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#define AUDIT_MAC_HEX 64
#define AUDIT_LINE_MAX 2048

struct audit_rec {
	uint64_t seq;
	int64_t time_ns;		/* CLOCK_REALTIME */
	char timesrc[16];		/* "ntp", "rtc", "unsynced" */
	char op[32];			/* "login", "user-add", "nf-drop", ... */
	char result[16];		/* "ok", "fail", "refused" */
	char account[33];
	char source[64];		/* address, "console", "kernel" */
	char detail[512];
	char mac[AUDIT_MAC_HEX + 1];
};

/*
 * The line for @r after the line whose MAC is @prev_mac (64 zeros for the
 * first), MAC'd under @key; r->mac is set. The length, or -1 if @out is
 * too small.
 */
int audit_format(struct audit_rec *r, const char *prev_mac,
		 const uint8_t *key, size_t keylen, char *out, size_t outlen);

/* Parse one line (without its newline): 0, or -1 with *why. */
int audit_parse(const char *line, size_t len, struct audit_rec *r,
		const char **why);

/*
 * Check the lines of @buf: each parses, sequence numbers rise by one, and
 * each MAC follows from the one before (the first from @first_prev).
 * 0 with *count lines good, or -1 with *count the good lines before the
 * first bad one and *why. A last line without its newline (a write cut
 * by a power loss) is reported as such.
 */
int audit_verify(const char *buf, size_t len, const char *first_prev,
		 const uint8_t *key, size_t keylen, uint64_t *count,
		 const char **why);

/* @r as one JSON object (no newline): the length, or -1. */
int audit_json(const struct audit_rec *r, char *out, size_t outlen);

#endif
