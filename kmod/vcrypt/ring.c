// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec_vcrypt - the output ring
 *
 * Records take slots in index order and are published in that order, even
 * when an asynchronous AEAD finishes them out of order: head only moves
 * over sealed slots. A full ring drops its oldest published record or
 * refuses the new one, as the stream chose. A reader copying a record in
 * drop-oldest mode checks afterwards that tail has not passed it.
 */

#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "ring.h"

enum slot_state {
	SLOT_IDLE,		/* free, or published */
	SLOT_SEALING,		/* reserved, the AEAD at work */
	SLOT_DONE,		/* sealed or failed, behind an unsealed one */
};

void vcrypt_ring_init(struct vcrypt_ring *r)
{
	spin_lock_init(&r->lock);
	init_waitqueue_head(&r->readers);
}

int vcrypt_ring_alloc(struct vcrypt_ring *r, u32 nr_slots, u32 slot_size)
{
	size_t i, npages;

	if (!is_power_of_2(nr_slots))	/* vcrypt_ring_pos() masks */
		return -EINVAL;
	r->size = PAGE_SIZE + (size_t)nr_slots * slot_size;
	npages = r->size >> PAGE_SHIFT;
	/* Zeroed: the reader never sees what the memory held before. */
	r->mem = vmalloc_user(r->size);
	r->pages = kvmalloc_array(npages, sizeof(*r->pages), GFP_KERNEL);
	r->state = kcalloc(nr_slots, sizeof(*r->state), GFP_KERNEL);
	if (!r->mem || !r->pages || !r->state) {
		vcrypt_ring_free(r);
		return -ENOMEM;
	}
	for (i = 0; i < npages; i++)
		r->pages[i] = vmalloc_to_page(r->mem + i * PAGE_SIZE);
	r->nr_slots = nr_slots;
	r->slot_size = slot_size;
	r->ctl = r->mem;
	r->ctl->version = CAMSEC_VCRYPT_VERSION;
	r->ctl->nr_slots = nr_slots;
	r->ctl->slot_size = slot_size;
	return 0;
}

void vcrypt_ring_free(struct vcrypt_ring *r)
{
	vfree(r->mem);
	kvfree(r->pages);
	kfree(r->state);
	r->mem = NULL;
	r->ctl = NULL;
	r->pages = NULL;
	r->state = NULL;
}

/* Read-only for good: no mprotect() can make it writable. */
int vcrypt_ring_mmap(struct vcrypt_ring *r, struct vm_area_struct *vma)
{
	if (vma->vm_pgoff)
		return -EINVAL;
	if (vma->vm_flags & VM_WRITE)
		return -EACCES;
#ifdef CAMSEC_VM_FLAGS_HELPERS
	vm_flags_clear(vma, VM_MAYWRITE);
#else
	vma->vm_flags &= ~VM_MAYWRITE;
#endif
	return remap_vmalloc_range(vma, r->mem, 0);
}

int vcrypt_ring_reserve(struct vcrypt_ring *r, bool drop_oldest, u64 *index)
{
	unsigned long flags;
	int err = 0;

	spin_lock_irqsave(&r->lock, flags);
	if (r->reserved - r->tail == r->nr_slots) {
		if (!drop_oldest) {
			r->ctl->stats.refused_newest++;
			err = -ENOBUFS;
			goto out;
		}
		/* The oldest is still sealing: wait for it to be published. */
		if (r->tail == r->head) {
			err = -EAGAIN;
			goto out;
		}
		r->tail++;
		r->ctl->stats.dropped_oldest++;
		WRITE_ONCE(r->ctl->tail, r->tail);
	}
	*index = r->reserved++;
	r->state[vcrypt_ring_pos(r, *index)] = SLOT_SEALING;
	r->ctl->stats.submitted++;
out:
	spin_unlock_irqrestore(&r->lock, flags);
	return err;
}

/*
 * @index is sealed (@ok), @packets of @len frame bytes, or failed; publish
 * it and what waited on it.
 */
void vcrypt_ring_publish(struct vcrypt_ring *r, u64 index, u32 packets,
			 u32 len, bool ok)
{
	unsigned long flags;
	bool moved;
	u64 head;

	spin_lock_irqsave(&r->lock, flags);
	if (ok) {
		r->ctl->stats.sealed++;
		r->ctl->stats.packets += packets;
		r->ctl->stats.bytes += len;
	} else {
		r->ctl->stats.errors++;
	}
	r->state[vcrypt_ring_pos(r, index)] = SLOT_DONE;
	head = r->head;
	while (head < r->reserved &&
	       r->state[vcrypt_ring_pos(r, head)] == SLOT_DONE)
		r->state[vcrypt_ring_pos(r, head++)] = SLOT_IDLE;
	moved = head != r->head;
	if (moved) {
		r->head = head;
		/* The records before the index that says they are there. */
		smp_wmb();
		WRITE_ONCE(r->ctl->head, head);
	}
	spin_unlock_irqrestore(&r->lock, flags);
	if (moved)
		wake_up_interruptible(&r->readers);
}

int vcrypt_ring_consume(struct vcrypt_ring *r, u64 new_tail)
{
	unsigned long flags;
	int err = 0;

	spin_lock_irqsave(&r->lock, flags);
	if (new_tail > r->head) {
		err = -EINVAL;
	} else if (new_tail > r->tail) {
		/* Behind tail is not an error: drop-oldest went past it. */
		r->tail = new_tail;
		WRITE_ONCE(r->ctl->tail, new_tail);
	}
	spin_unlock_irqrestore(&r->lock, flags);
	return err;
}

/* Records to read; after -EAGAIN from reserve, the oldest is published. */
bool vcrypt_ring_readable(struct vcrypt_ring *r)
{
	unsigned long flags;
	bool ret;

	spin_lock_irqsave(&r->lock, flags);
	ret = r->head != r->tail;
	spin_unlock_irqrestore(&r->lock, flags);
	return ret;
}
