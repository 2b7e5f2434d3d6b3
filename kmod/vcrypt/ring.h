/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec_vcrypt - the output ring that readers map
 */

#ifndef _CAMSEC_VCRYPT_RING_H
#define _CAMSEC_VCRYPT_RING_H

#include <linux/mm_types.h>
#include <linux/poll.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <uapi/linux/camsec.h>

struct vcrypt_ring {
	void *mem;			/* the control page, then the slots */
	struct camsec_vcrypt_ring *ctl;	/* mem's first page */
	struct page **pages;		/* of mem */
	size_t size;
	u32 nr_slots, slot_size;
	u8 *state;			/* per slot, enum in ring.c */
	u64 reserved;			/* index of the next record */
	u64 head, tail;			/* the kernel's copies of ctl's */
	spinlock_t lock;		/* all but mem; ctl; taken from irq */
	wait_queue_head_t readers;
};

void vcrypt_ring_init(struct vcrypt_ring *r);
int vcrypt_ring_alloc(struct vcrypt_ring *r, u32 nr_slots, u32 slot_size);
void vcrypt_ring_free(struct vcrypt_ring *r);
int vcrypt_ring_mmap(struct vcrypt_ring *r, struct vm_area_struct *vma);
int vcrypt_ring_reserve(struct vcrypt_ring *r, bool drop_oldest, u64 *index);
void vcrypt_ring_publish(struct vcrypt_ring *r, u64 index, u32 packets,
			 u32 len, bool ok);
int vcrypt_ring_consume(struct vcrypt_ring *r, u64 new_tail);
bool vcrypt_ring_readable(struct vcrypt_ring *r);

/*
 * The slot of record @index. nr_slots is a power of two, so a mask: no
 * 64-bit division, which 32-bit ARM kernels do not link.
 */
static inline u32 vcrypt_ring_pos(const struct vcrypt_ring *r, u64 index)
{
	return (u32)index & (r->nr_slots - 1);
}

/* The first byte of @index's slot, and the page it begins on. */
static inline void *vcrypt_ring_slot(const struct vcrypt_ring *r, u64 index)
{
	return r->mem + PAGE_SIZE +
	       (size_t)vcrypt_ring_pos(r, index) * r->slot_size;
}

static inline struct page **vcrypt_ring_slot_pages(const struct vcrypt_ring *r,
						   u64 index)
{
	return r->pages + 1 +
	       vcrypt_ring_pos(r, index) * (r->slot_size >> PAGE_SHIFT);
}

#endif /* _CAMSEC_VCRYPT_RING_H */
