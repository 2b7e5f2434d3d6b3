/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsecd - the A/B boot: the slot that runs, the boot loader's fallback,
 * and the mark that the slot came up well.
 */
#ifndef CAMSECD_BOOTSLOT_H
#define CAMSECD_BOOTSLOT_H

struct camsecd;

/* At start, once camsecd is up: see bootslot.c. */
/* The slot that rauc.slot= names on the command line, or 0. */
char bootslot_booted(void);
/* The slot U-Boot boots next ('A', 'B'), or 0 if none or unknown. */
char bootslot_next(const struct camsecd *d);
/* Mark d->boot_slot good: 0, or a negative errno; 0 with no A/B boot. */
int bootslot_mark_good(struct camsecd *d);

#endif
