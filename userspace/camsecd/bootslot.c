// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecd - the A/B boot (draft 6.6c): the slot that runs, the boot
 * loader's fallback, and the mark that the slot came up well.
 *
 * U-Boot's script (image/uboot/boot.cmd) keeps BOOT_ORDER and each slot's
 * tries left (BOOT_A_LEFT, BOOT_B_LEFT) in its environment, as RAUC's
 * U-Boot backend does, takes a try from the first slot in the order that
 * has one, and names the slot on the kernel's command line (rauc.slot=).
 * camsecd up means the slot came up well: it gets its tries back. A boot
 * of a slot other than the first in the order means the first ran out of
 * tries: the trail records the fallback, and the booted slot goes first,
 * so that the fallback is recorded once. The environment is read and
 * written with libubootenv, through /etc/fw_env.config (as fw_setenv).
 * Without rauc.slot= (QEMU's virt machines boot the kernel directly)
 * there is no A/B boot to keep.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include <libuboot.h>

#include "bootorder.h"
#include "bootslot.h"
#include "camsecd.h"
#include "trail.h"

char bootslot_booted(void)
{
	char cmdline[4096], *p;
	FILE *f = fopen("/proc/cmdline", "re");
	size_t n;

	if (!f)
		return 0;
	n = fread(cmdline, 1, sizeof(cmdline) - 1, f);
	fclose(f);
	cmdline[n] = '\0';
	for (p = strstr(cmdline, "rauc.slot="); p; p = strstr(p + 1, "rauc.slot=")) {
		if (p > cmdline && p[-1] != ' ')
			continue;
		p += strlen("rauc.slot=");
		return p[0] >= 'A' && p[0] <= 'Z' && (!p[1] || p[1] == ' ' ||
						      p[1] == '\n') ? p[0] : 0;
	}
	return 0;
}

static int set_env(struct uboot_ctx *ctx, const char *name, const char *value)
{
	int err = libuboot_set_env(ctx, name, value);

	if (err)
		syslog(LOG_ERR, "boot environment: %s=%s not set", name, value);
	return err;
}

/* Record a fallback, and put @slot first; then give it its tries back. */
static int mark_good(struct camsecd *d, struct uboot_ctx *ctx, char slot)
{
	char *text = libuboot_get_env(ctx, "BOOT_ORDER");
	char name[16], order[2 * BOOT_SLOTS_MAX + 1], tries[4], *left;
	struct boot_order o = { .n = 0 };
	char failed;
	int err;

	if (text && boot_order_parse(text, &o))
		trail_log(d, "boot-slot", "fail", "", "local",
			  "BOOT_ORDER \"%s\" is not a slot order", text);
	free(text);
	failed = boot_order_fell_back_from(&o, slot);
	if (failed) {
		snprintf(name, sizeof(name), "BOOT_%c_LEFT", failed);
		left = libuboot_get_env(ctx, name);
		trail_log(d, "boot-fallback", "fail", "", "local",
			  "slot %c did not come up (%s tries left): slot %c booted",
			  failed, left ? left : "no", slot);
		free(left);
	}
	boot_order_first(&o, slot, order, sizeof(order));
	snprintf(name, sizeof(name), "BOOT_%c_LEFT", slot);
	snprintf(tries, sizeof(tries), "%d", BOOT_TRIES);
	err = set_env(ctx, "BOOT_ORDER", order) ?: set_env(ctx, name, tries) ?:
	      libuboot_env_store(ctx);
	trail_log(d, "boot-good", err ? "fail" : "ok", "", "local",
		  "slot %c%s", slot, err ? ": the boot environment was not written" :
		  " marked good");
	return err;
}

/* The boot environment, opened through d->bootenv_config; NULL if not. */
static struct uboot_ctx *env_open(const struct camsecd *d)
{
	struct uboot_ctx *ctx;

	if (libuboot_initialize(&ctx, NULL) < 0) {
		syslog(LOG_ERR, "libubootenv: no memory");
		return NULL;
	}
	if (libuboot_read_config(ctx, d->bootenv_config) < 0 ||
	    libuboot_open(ctx) < 0) {
		libuboot_exit(ctx);
		return NULL;
	}
	return ctx;
}

static void env_close(struct uboot_ctx *ctx)
{
	libuboot_close(ctx);
	libuboot_exit(ctx);
}

/* The slot U-Boot boots next: the first in BOOT_ORDER with tries left. */
char bootslot_next(const struct camsecd *d)
{
	struct uboot_ctx *ctx = env_open(d);
	struct boot_order o = { .n = 0 };
	char name[16], *text, *left, next = 0;
	unsigned int i;

	if (!ctx)
		return 0;
	text = libuboot_get_env(ctx, "BOOT_ORDER");
	if (text && !boot_order_parse(text, &o)) {
		for (i = 0; i < o.n && !next; i++) {
			snprintf(name, sizeof(name), "BOOT_%c_LEFT", o.slot[i]);
			left = libuboot_get_env(ctx, name);
			if (left && atoi(left) > 0)
				next = o.slot[i];
			free(left);
		}
	}
	free(text);
	env_close(ctx);
	return next;
}

int bootslot_mark_good(struct camsecd *d)
{
	struct uboot_ctx *ctx;
	char slot = d->boot_slot;
	int err;

	if (!slot)
		return 0;
	ctx = env_open(d);
	if (!ctx) {
		trail_log(d, "boot-good", "fail", "", "local",
			  "slot %c: the boot environment (%s) cannot be read",
			  slot, d->bootenv_config);
		return -EIO;
	}
	err = mark_good(d, ctx, slot);
	env_close(ctx);
	return err;
}
