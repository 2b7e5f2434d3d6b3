/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec_nf - IPv4 addresses that IPv6 sources carry
 */

#ifndef _CAMSEC_NF_EMBED_H
#define _CAMSEC_NF_EMBED_H

#include "addrset.h"

#define CAMSEC_EMBED_MAX	4

/*
 * The IPv4 addresses (IPv4-mapped) that source @a embeds, into @v4: how
 * many, 0 for a source that embeds none.
 */
unsigned int camsec_addr_embedded(const struct camsec_addr *a,
				  struct camsec_addr v4[CAMSEC_EMBED_MAX]);

#endif /* _CAMSEC_NF_EMBED_H */
