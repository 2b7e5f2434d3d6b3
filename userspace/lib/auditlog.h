/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The audit trail on disk (draft 6.2.6c): append-only lines of lib/audit.c
 * in one file. Every file starts with an anchor record, op "audit-start",
 * whose detail is "prev=MAC": the MAC the chain continues from (zeros for
 * the first file, the last dropped line's after a wrap). Each append is
 * one write() and an fdatasync(): a power cut loses at most the line being
 * written, and opening the file again cuts that torn line off and says so
 * in a record.
 *
 * When the file would pass max_bytes: AUDIT_FULL_OVERWRITE drops the
 * oldest half (written anew beside it and renamed over it) and records an
 * "audit-wrapped" anchor saying how many lines went; AUDIT_FULL_WARN
 * records one "audit-full-warning" at warn_percent and refuses appends
 * past max_bytes (ENOSPC), so the daemon can refuse the operations that
 * would go unaudited.
 */
#ifndef CAMSEC_AUDITLOG_H
#define CAMSEC_AUDITLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "audit.h"

enum audit_full { AUDIT_FULL_OVERWRITE, AUDIT_FULL_WARN };

struct auditlog {
	int fd;
	char path[256];
	uint8_t key[32];
	size_t keylen;
	uint64_t max_bytes;
	enum audit_full full;
	unsigned int warn_percent;
	bool warned;
	const char *label;		/* security.camsec of new files, or NULL */
	uint64_t size, next_seq;
	char prev_mac[AUDIT_MAC_HEX + 1];
};

/*
 * Open or create @path; l->label, set before the call, labels the file. An existing file must verify under @key: if not,
 * -1 with *why, and nothing is written (the caller keeps it as evidence).
 * A torn last line is cut off and an "audit-recovered" record appended.
 */
int auditlog_open(struct auditlog *l, const char *path, const uint8_t *key,
		  size_t keylen, uint64_t max_bytes, enum audit_full full,
		  unsigned int warn_percent, int64_t now_ns, const char **why);

/* Append @r (seq and mac are set here): 0, or -errno. */
int auditlog_append(struct auditlog *l, struct audit_rec *r);

/*
 * Check the whole file as it is now: 0 with *next_seq the sequence
 * number after its last good line, or -1 with *why.
 */
int auditlog_verify(const struct auditlog *l, uint64_t *next_seq,
		    const char **why);

/* Warn policy, and the next record might not fit: refuse what it records. */
bool auditlog_full(const struct auditlog *l);

void auditlog_close(struct auditlog *l);

#endif
