// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: video records and their UDP chunks (lib/vrecord.c).
 * Whatever parses is opened too: no input may read past its record.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vrecord.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t asm_buf[VCHUNK_MAX_RECORD];
	static struct vasm a = { .buf = asm_buf };
	static uint8_t plain[CAMSEC_VCRYPT_MAX_FRAME + 16];
	static const uint8_t kdk[CAMSEC_VCRYPT_KDK_LEN];
	struct vtraffic t;
	struct vrecord rec;
	const char *why;

	if (!vrecord_parse(data, size, &rec, &why)) {
		if (rec.length > size)
			abort();
		if (!vtraffic_derive(&t, &rec, kdk, &why))
			vrecord_open(&rec, &t, plain, &why);
	}
	if (vasm_add(&a, data, size, &why) == 1 && a.len > VCHUNK_MAX_RECORD)
		abort();
	return 0;
}
