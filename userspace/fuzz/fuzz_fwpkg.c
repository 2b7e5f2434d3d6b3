// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: firmware packages (lib/fwpkg.c). The input as an
 * archive, its manifest and its payloads; and the input as a manifest,
 * whose version formats and parses back the same.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fwpkg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void manifest(const char *buf, size_t len)
{
	struct fw_manifest m;
	unsigned int line, col, v[4], n;
	const char *why;
	char out[32];

	if (fw_manifest_parse(buf, len, &m, &line, &col, &why)) {
		if (!line || !col || !why)
			abort();
		return;
	}
	if (fw_version_format(m.version, m.nversion, out, sizeof(out)) < 0 ||
	    fw_version_parse(out, v, &n) ||
	    fw_version_cmp(v, n, m.version, m.nversion) || !m.npayloads)
		abort();
	fw_eos_passed(&m, 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fw_member mem[FW_MEMBERS_MAX];
	struct fw_manifest m;
	unsigned int line, col;
	const char *why;
	size_t n, i;

	if (!fw_tar_parse(data, size, mem, FW_MEMBERS_MAX, &n, &why)) {
		for (i = 0; i < n; i++) {
			if (mem[i].data < data || mem[i].size > size ||
			    mem[i].data + mem[i].size > data + size)
				abort();
		}
		manifest((const char *)mem[0].data, mem[0].size);
		if (!fw_manifest_parse((const char *)mem[0].data, mem[0].size,
				       &m, &line, &col, &why))
			fw_check_payloads(&m, mem, n, &why);
	}
	manifest((const char *)data, size);
	return 0;
}
