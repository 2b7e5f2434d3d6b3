// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the stored files (lib/accounts.c, lib/settings.c). A
 * file that parses formats again and parses back to the same content.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "accounts.h"
#include "settings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
	return 0;
}
