// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: audit lines and files (lib/audit.c). A line that
 * parses formats again and parses back to the same record.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char zero[AUDIT_MAC_HEX + 1] =
		"0000000000000000000000000000000000000000000000000000000000000000";
	static const uint8_t key[16];
	char line[AUDIT_LINE_MAX * 2];
	struct audit_rec r, back;
	const char *why;
	uint64_t count;
	int n;

	audit_verify((const char *)data, size, zero, key, sizeof(key), &count, &why);
	if (audit_parse((const char *)data, size, &r, &why))
		return 0;
	n = audit_format(&r, zero, key, sizeof(key), line, sizeof(line));
	if (n < 0)
		return 0;
	if (audit_parse(line, (size_t)n, &back, &why) ||
	    back.seq != r.seq || back.time_ns != r.time_ns ||
	    strcmp(back.detail, r.detail) || strcmp(back.account, r.account) ||
	    strcmp(back.source, r.source) || strcmp(back.op, r.op))
		abort();
	audit_json(&r, line, sizeof(line));
	return 0;
}
