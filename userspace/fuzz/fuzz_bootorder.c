// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target: U-Boot's BOOT_ORDER (lib/bootorder.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bootorder.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[64], out[2 * BOOT_SLOTS_MAX + 1];
	struct boot_order o;
	unsigned int i;

	if (size < 1 || size >= sizeof(text))
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	if (boot_order_parse(text, &o))
		return 0;
	if (o.n > BOOT_SLOTS_MAX)
		abort();
	for (i = 0; i < o.n; i++)
		if (o.slot[i] < 'A' || o.slot[i] > 'Z')
			abort();
	boot_order_first(&o, (char)('A' + data[0] % 26), out, sizeof(out));
	if (strlen(out) > 2 * o.n + 1)
		abort();
	return 0;
}
