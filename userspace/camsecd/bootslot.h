/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsecd - the A/B boot: the slot that runs, the boot loader's fallback,
 * and the mark that the slot came up well.
 */
#ifndef CAMSECD_BOOTSLOT_H
#define CAMSECD_BOOTSLOT_H

struct camsecd;

/* At start, once camsecd is up: see bootslot.c. */
void bootslot_start(struct camsecd *d);

#endif
