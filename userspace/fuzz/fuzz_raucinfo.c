// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target: "rauc info --output-format=shell" (lib/raucinfo.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "raucinfo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rauc_info info;
	unsigned int line;
	const char *why;

	if (rauc_info_parse((const char *)data, size, &info, &line, &why))
		return 0;
	if (!info.compatible[0] || !info.version[0] ||
	    strlen(info.compatible) >= RAUC_FIELD_MAX ||
	    strlen(info.version) >= RAUC_FIELD_MAX)
		abort();
	return 0;
}
