/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec_nf - sets of CIDR blocks, looked up in O(log n)
 */

#ifndef _CAMSEC_NF_ADDRSET_H
#define _CAMSEC_NF_ADDRSET_H

#include <linux/in6.h>
#include <linux/types.h>

/* An address in one space: IPv4 as ::ffff:a.b.c.d. Host order. */
struct camsec_addr {
	u64 hi, lo;
};

/* A block of the set, as given: the caller's index names it. */
struct camsec_cidr {
	struct camsec_addr first, last;
	u32 index;
};

/*
 * Disjoint ranges, sorted; each owned by the most specific block. The
 * search reads only the starts, 16 bytes a range, to touch few cache lines.
 */
struct camsec_addrset {
	u32 nranges;
	struct camsec_addr *firsts;
	struct camsec_cidr ranges[];
};

void camsec_addr_from_in6(struct camsec_addr *a, const struct in6_addr *in6);
void camsec_addr_from_v4(struct camsec_addr *a, __be32 v4);
void camsec_addr_to_in6(struct in6_addr *in6, const struct camsec_addr *a);
bool camsec_addr_is_v4(const struct camsec_addr *a);
int camsec_addr_cmp(const struct camsec_addr *a, const struct camsec_addr *b);
void camsec_cidr_set(struct camsec_cidr *c, const struct camsec_addr *a,
		     unsigned int prefix);
bool camsec_addr_in_prefix(const struct camsec_addr *a, unsigned int prefix);
void camsec_addr_mask(struct camsec_addr *a, unsigned int prefix);

struct camsec_addrset *camsec_addrset_build(struct camsec_cidr *blocks, u32 n);
void camsec_addrset_free(struct camsec_addrset *set);
int camsec_addrset_find(const struct camsec_addrset *set,
			const struct camsec_addr *a);

#endif /* _CAMSEC_NF_ADDRSET_H */
