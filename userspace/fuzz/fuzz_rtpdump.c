// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target: rtpdump files (lib/rtpdump.c). Packets lie inside. */
#include <stdint.h>
#include <stdlib.h>

#include "rtpdump.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rtpdump_reader r;
	const uint8_t *pkt;
	const char *why;
	size_t len;
	uint32_t ms;

	if (rtpdump_open(&r, data, size, &why))
		return 0;
	while (rtpdump_next(&r, &pkt, &len, &ms, &why) > 0)
		if (pkt < data || pkt + len > data + size)
			abort();
	return 0;
}
