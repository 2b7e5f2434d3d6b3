/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The A/B boot order that U-Boot's script keeps (image/uboot/boot.cmd):
 * BOOT_ORDER, slot names separated by spaces, each with its tries left.
 * Pure functions, unit-tested and fuzzed.
 */
#ifndef CAMSEC_BOOTORDER_H
#define CAMSEC_BOOTORDER_H

#include <stddef.h>

#define BOOT_SLOTS_MAX 4
#define BOOT_TRIES 3

struct boot_order {
	char slot[BOOT_SLOTS_MAX];	/* 'A', 'B': the order */
	unsigned int n;
};

/* Parse @text ("A B"); 0, or -EINVAL for anything but slot letters. */
int boot_order_parse(const char *text, struct boot_order *o);

/*
 * The slot that U-Boot fell back from, to boot @booted: the first in @o
 * when that is not @booted; 0 if none (or @o is empty).
 */
char boot_order_fell_back_from(const struct boot_order *o, char booted);

/* @o with @slot first, the others after it in their order, as text. */
void boot_order_first(const struct boot_order *o, char slot, char *out,
		      size_t len);

#endif
