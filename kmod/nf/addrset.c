// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec_nf - sets of CIDR blocks, looked up in O(log n)
 *
 * Two CIDR blocks are disjoint or one holds the other. A sweep over the
 * blocks, sorted by start and then outermost first, cuts them into
 * disjoint ranges, each owned by the most specific block that covers it,
 * so that a lookup is one binary search and a hit counts for one block.
 */

#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>

#include "addrset.h"

void camsec_addr_from_in6(struct camsec_addr *a, const struct in6_addr *in6)
{
	a->hi = (u64)ntohl(in6->s6_addr32[0]) << 32 | ntohl(in6->s6_addr32[1]);
	a->lo = (u64)ntohl(in6->s6_addr32[2]) << 32 | ntohl(in6->s6_addr32[3]);
}

void camsec_addr_from_v4(struct camsec_addr *a, __be32 v4)
{
	a->hi = 0;
	a->lo = 0xffffULL << 32 | ntohl(v4);
}

void camsec_addr_to_in6(struct in6_addr *in6, const struct camsec_addr *a)
{
	in6->s6_addr32[0] = htonl(a->hi >> 32);
	in6->s6_addr32[1] = htonl((u32)a->hi);
	in6->s6_addr32[2] = htonl(a->lo >> 32);
	in6->s6_addr32[3] = htonl((u32)a->lo);
}

bool camsec_addr_is_v4(const struct camsec_addr *a)
{
	return !a->hi && a->lo >> 32 == 0xffff;
}

int camsec_addr_cmp(const struct camsec_addr *a, const struct camsec_addr *b)
{
	if (a->hi != b->hi)
		return a->hi < b->hi ? -1 : 1;
	if (a->lo != b->lo)
		return a->lo < b->lo ? -1 : 1;
	return 0;
}

/* The host bits of a /@prefix block (128-bit space), as a mask. */
static void host_mask(struct camsec_addr *m, unsigned int prefix)
{
	m->hi = prefix >= 64 ? 0 : ~0ULL >> prefix;
	m->lo = prefix >= 128 ? 0 : prefix <= 64 ? ~0ULL : ~0ULL >> (prefix - 64);
}

void camsec_cidr_set(struct camsec_cidr *c, const struct camsec_addr *a,
		     unsigned int prefix)
{
	struct camsec_addr m;

	host_mask(&m, prefix);
	c->first.hi = a->hi & ~m.hi;
	c->first.lo = a->lo & ~m.lo;
	c->last.hi = a->hi | m.hi;
	c->last.lo = a->lo | m.lo;
}

/* Has @a no bit set past its first @prefix bits? */
bool camsec_addr_in_prefix(const struct camsec_addr *a, unsigned int prefix)
{
	struct camsec_addr m;

	host_mask(&m, prefix);
	return !(a->hi & m.hi) && !(a->lo & m.lo);
}

void camsec_addr_mask(struct camsec_addr *a, unsigned int prefix)
{
	struct camsec_addr m;

	host_mask(&m, prefix);
	a->hi &= ~m.hi;
	a->lo &= ~m.lo;
}

/* @a + 1; false when it wraps past the last address. */
static bool addr_inc(struct camsec_addr *a)
{
	if (++a->lo)
		return true;
	return ++a->hi != 0;
}

static void addr_dec(struct camsec_addr *a)
{
	if (!a->lo--)
		a->hi--;
}

/* By start, then the wider block (the larger end) first. */
static int block_cmp(const void *pa, const void *pb)
{
	const struct camsec_cidr *a = pa, *b = pb;

	return camsec_addr_cmp(&a->first, &b->first) ?:
	       camsec_addr_cmp(&b->last, &a->last);
}

struct sweep {
	struct camsec_addrset *set;
	struct camsec_addr cursor;	/* first address not yet emitted */
	bool done;			/* the cursor wrapped: all emitted */
};

/* Emit [cursor, @last] for @index; the cursor moves past it. */
static void emit_to(struct sweep *s, const struct camsec_addr *last, u32 index)
{
	struct camsec_cidr *r;

	if (s->done || camsec_addr_cmp(&s->cursor, last) > 0)
		return;
	r = &s->set->ranges[s->set->nranges++];
	r->first = s->cursor;
	r->last = *last;
	r->index = index;
	s->cursor = *last;
	s->done = !addr_inc(&s->cursor);
}

/*
 * The set of @n blocks (sorted in place; no two equal). Blocks of one
 * scope nest at most 129 deep (one per prefix length).
 */
struct camsec_addrset *camsec_addrset_build(struct camsec_cidr *blocks, u32 n)
{
	const struct camsec_cidr *stack[129];
	struct sweep s = {};
	unsigned int depth = 0;
	struct camsec_addr before;
	u32 i;

	s.set = kvmalloc(struct_size(s.set, ranges, 2 * (size_t)n + 1),
			 GFP_KERNEL);
	if (!s.set)
		return NULL;
	s.set->nranges = 0;
	sort(blocks, n, sizeof(*blocks), block_cmp, NULL);
	for (i = 0; i < n; i++) {
		const struct camsec_cidr *b = &blocks[i];

		/* Close the blocks that end before this one starts. */
		while (depth && camsec_addr_cmp(&stack[depth - 1]->last,
						&b->first) < 0) {
			depth--;
			emit_to(&s, &stack[depth]->last, stack[depth]->index);
		}
		/* The enclosing block owns the gap up to this one. */
		if (depth && camsec_addr_cmp(&s.cursor, &b->first) < 0) {
			before = b->first;
			addr_dec(&before);
			emit_to(&s, &before, stack[depth - 1]->index);
		}
		if (WARN_ON_ONCE(depth == ARRAY_SIZE(stack)))
			break;
		stack[depth++] = b;
		s.cursor = b->first;
		s.done = false;
	}
	while (depth) {
		depth--;
		emit_to(&s, &stack[depth]->last, stack[depth]->index);
	}
	s.set->firsts = kvmalloc_array(s.set->nranges, sizeof(*s.set->firsts),
				       GFP_KERNEL);
	if (!s.set->firsts && s.set->nranges) {
		kvfree(s.set);
		return NULL;
	}
	for (i = 0; i < s.set->nranges; i++)
		s.set->firsts[i] = s.set->ranges[i].first;
	return s.set;
}

void camsec_addrset_free(struct camsec_addrset *set)
{
	if (set)
		kvfree(set->firsts);
	kvfree(set);
}

/* The index of the most specific block holding @a, or -1. */
int camsec_addrset_find(const struct camsec_addrset *set,
			const struct camsec_addr *a)
{
	u32 lo = 0, hi = set->nranges, mid;
	const struct camsec_cidr *r;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (camsec_addr_cmp(&set->firsts[mid], a) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return -1;
	r = &set->ranges[lo - 1];
	return camsec_addr_cmp(a, &r->last) <= 0 ? (int)r->index : -1;
}
