// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec_nf - IPv4 addresses that IPv6 sources carry
 *
 * An IPv4 host can reach the device from an IPv6 source that embeds its
 * address: IPv4-compatible (RFC 4291), NAT64 (RFC 6052, the well-known
 * prefix 64:ff9b::/96 and the local-use 64:ff9b:1::/48 of RFC 8215, whose
 * layout may be any of /48 to /96), 6to4 (RFC 3056) and Teredo (RFC
 * 4380, the client's address, inverted). The rule: such a source is
 * dropped when an address it embeds is denied or banned, as if it came
 * from that address; it passes an allow list only as itself, because
 * anyone on the IPv6 Internet can send from these forms.
 */

#include <linux/kernel.h>
#include <asm/byteorder.h>

#include "embed.h"

/* Bit @pos of @a, 0 the most significant. */
static u32 bit(const struct camsec_addr *a, unsigned int pos)
{
	return pos < 64 ? a->hi >> (63 - pos) & 1 : a->lo >> (127 - pos) & 1;
}

/* The IPv4 address of an RFC 6052 layout of prefix length @len. */
static u32 rfc6052(const struct camsec_addr *a, unsigned int len)
{
	unsigned int pos = len, n;
	u32 v4 = 0;

	if (len == 96)
		return (u32)a->lo;
	for (n = 0; n < 32; n++, pos++) {
		if (pos == 64)
			pos = 72;	/* the "u" octet carries nothing */
		v4 = v4 << 1 | bit(a, pos);
	}
	return v4;
}

static void put(struct camsec_addr *v4, unsigned int *n, u32 addr)
{
	camsec_addr_from_v4(&v4[(*n)++], htonl(addr));
}

unsigned int camsec_addr_embedded(const struct camsec_addr *a,
				  struct camsec_addr v4[CAMSEC_EMBED_MAX])
{
	static const unsigned int local_use[] = { 48, 56, 64, 96 };
	unsigned int n = 0, i;

	if (!a->hi && !(a->lo >> 32) && (u32)a->lo > 1)
		put(v4, &n, (u32)a->lo);			/* ::a.b.c.d */
	else if (a->hi == 0x0064ff9b00000000ULL && !(a->lo >> 32))
		put(v4, &n, (u32)a->lo);			/* 64:ff9b::/96 */
	else if (a->hi >> 16 == 0x0064ff9b0001ULL)
		for (i = 0; i < ARRAY_SIZE(local_use); i++)
			put(v4, &n, rfc6052(a, local_use[i]));
	else if (a->hi >> 48 == 0x2002)
		put(v4, &n, (u32)(a->hi >> 16));		/* 6to4 */
	else if (a->hi >> 32 == 0x20010000)
		put(v4, &n, ~(u32)a->lo);			/* Teredo */
	return n;
}
