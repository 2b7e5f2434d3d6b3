// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: ring records of SRTP packets (lib/vrecord.c). Every
 * packet of a record that parses lies inside it.
 */
#include <stdint.h>
#include <stdlib.h>

#include "vrecord.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vrecord rec;
	const uint8_t *pkt;
	const char *why;
	size_t off = 0, len, n = 0;

	if (vrecord_size(data, size) > size)
		abort();
	if (vrecord_parse(data, size, &rec, &why))
		return 0;
	while (vrecord_packet(&rec, &off, &pkt, &len)) {
		if (pkt < data || pkt + len > data + size || len < 12)
			abort();
		n++;
	}
	if (n != rec.npackets)
		abort();
	return 0;
}
