// SPDX-License-Identifier: GPL-2.0-only
/*
 * The A/B boot order of U-Boot's environment (see bootorder.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "bootorder.h"

int boot_order_parse(const char *text, struct boot_order *o)
{
	const char *p;

	o->n = 0;
	for (p = text; *p; p++) {
		if (*p == ' ')
			continue;
		if (*p < 'A' || *p > 'Z' || (p[1] && p[1] != ' ') ||
		    o->n == BOOT_SLOTS_MAX || memchr(o->slot, *p, o->n))
			return -EINVAL;
		o->slot[o->n++] = *p;
	}
	return 0;
}

char boot_order_fell_back_from(const struct boot_order *o, char booted)
{
	return o->n && o->slot[0] != booted ? o->slot[0] : 0;
}

void boot_order_first(const struct boot_order *o, char slot, char *out,
		      size_t len)
{
	size_t at = 0;
	unsigned int i;

	if (!len)
		return;
	at += (size_t)snprintf(out, len, "%c", slot);
	for (i = 0; i < o->n && at < len; i++) {
		if (o->slot[i] != slot)
			at += (size_t)snprintf(out + at, len - at, " %c",
					       o->slot[i]);
	}
}
