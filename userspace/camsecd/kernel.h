/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsecd - its requests to camsec_nf, over the module's own generic
 * netlink family, opened for each request: the module may be loaded,
 * unloaded or replaced while camsecd runs.
 */
#ifndef CAMSECD_KERNEL_H
#define CAMSECD_KERNEL_H

#include <stddef.h>
#include <stdint.h>

/*
 * Replace the ruleset with @text (netrules.h, parsed already): 0, or
 * -errno with @why (EOPNOTSUPP: camsec_nf is not loaded).
 */
int kernel_nf_set(const char *text, size_t len, char *why, size_t whylen);

/* The ports open now, as "tcp/443,udp/5353", "none" or "unknown". */
void kernel_nf_ports(char *out, size_t outlen);

/*
 * Ban the block @prefix of @addr (4 or 16 bytes) for @secs, or lift the
 * bans that cover it when @secs is 0: 0 or -errno, with @why.
 */
int kernel_nf_ban(const unsigned char *addr, int addrlen, uint8_t prefix,
		  unsigned int secs, char *why, size_t whylen);

#endif
