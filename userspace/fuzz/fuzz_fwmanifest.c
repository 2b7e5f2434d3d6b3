// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the firmware manifest (lib/fwmanifest.c). An error
 * says where; a manifest that parses has a version that formats and
 * parses back the same.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fwmanifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fw_manifest m;
	unsigned int line, col, v[4], n;
	const char *why;
	char out[32];

	if (fw_manifest_parse((const char *)data, size, &m, &line, &col, &why)) {
		if (!line || !col || !why)
			abort();
		return 0;
	}
	if (fw_version_format(m.version, m.nversion, out, sizeof(out)) < 0 ||
	    fw_version_parse(out, v, &n) ||
	    fw_version_cmp(v, n, m.version, m.nversion))
		abort();
	fw_eos_passed(&m, 0);
	return 0;
}
