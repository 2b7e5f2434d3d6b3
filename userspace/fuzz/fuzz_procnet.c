// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target: the /proc/net socket tables (lib/procnet.c). */
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>

#include "procnet.h"

static void add(const struct listener *l, void *arg)
{
	(void)arg;
	if (l->proto != IPPROTO_TCP && l->proto != IPPROTO_UDP)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	procnet_parse((const char *)data, size, IPPROTO_TCP, size & 1, add, NULL);
	procnet_parse((const char *)data, size, IPPROTO_UDP, !(size & 1), add,
		      NULL);
	return 0;
}
