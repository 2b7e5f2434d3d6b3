// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the stored files (lib/accounts.c, lib/settings.c,
 * lib/lockout.c). A file that parses formats again and parses back to the
 * same content.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "accounts.h"
#include "lockout.h"
#include "settings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Saved locks: what loads saves, and loads back to the same text. */
static void fuzz_locks(const uint8_t *data, size_t size)
{
	static const struct lockout_policy pol = LOCKOUT_DEFAULTS;
	static char once[1 << 16], twice[1 << 16];
	static struct lockout l;
	const char *why;
	unsigned int line;
	int n, m;

	if (!l.slots && lockout_init(&l, &pol))
		abort();
	if (lockout_parse(&l, (const char *)data, size, "fuzz", 1000, &line, &why))
		return;
	n = lockout_format(&l, "fuzz", 1000, once, sizeof(once));
	if (n < 0 || lockout_parse(&l, once, (size_t)n, "fuzz", 1000, &line, &why))
		abort();
	m = lockout_format(&l, "fuzz", 1000, twice, sizeof(twice));
	if (m != n || memcmp(once, twice, (size_t)n))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct accounts db, back;
	static char out[ACCOUNTS_MAX * 4200];
	struct settings s, t;
	const char *why;
	unsigned int line;
	int n;

	if (!accounts_parse(&db, (const char *)data, size, &line, &why)) {
		n = accounts_format(&db, out, sizeof(out));
		if (n < 0 || accounts_parse(&back, out, (size_t)n, &line, &why) ||
		    memcmp(&db, &back, sizeof(db)))
			abort();
	}
	if (!settings_parse(&s, (const char *)data, size, &line, &why)) {
		n = settings_format(&s, out, sizeof(out));
		if (n < 0 || settings_parse(&t, out, (size_t)n, &line, &why) ||
		    memcmp(&s, &t, sizeof(s)))
			abort();
	}
	fuzz_locks(data, size);
	return 0;
}
