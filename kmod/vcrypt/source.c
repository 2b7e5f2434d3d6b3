// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec_vcrypt - frame sources
 *
 * A dma-buf is read through its exporter's kernel mapping (vmap), the
 * CPU access path dma-buf defines; the AEAD gets the mapping's pages, so
 * a crypto engine DMAs from them and the CPU copies nothing. Mappings are
 * kept for the few buffers a capture pipeline cycles through, so steady
 * state maps and allocates nothing. Each frame is bracketed by
 * begin/end_cpu_access for caches the capture device wrote behind.
 */

#include <linux/dma-buf.h>
#include <linux/dma-direction.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "source.h"

MODULE_IMPORT_NS(DMA_BUF);

/* The dma-buf calls that take the reservation lock themselves (6.2+). */
#ifdef CAMSEC_DMABUF_UNLOCKED
#define vcrypt_vmap	dma_buf_vmap_unlocked
#define vcrypt_vunmap	dma_buf_vunmap_unlocked
#else
#define vcrypt_vmap	dma_buf_vmap
#define vcrypt_vunmap	dma_buf_vunmap
#endif

static void import_drop(struct vcrypt_import *imp)
{
	if (!imp->dmabuf)
		return;
	vcrypt_vunmap(imp->dmabuf, &imp->map);
	dma_buf_put(imp->dmabuf);
	kvfree(imp->pages);
	imp->dmabuf = NULL;
	imp->pages = NULL;
}

/* Map @dmabuf for the CPU; the import takes over the caller's reference. */
static int import_map(struct vcrypt_import *imp, struct dma_buf *dmabuf)
{
	size_t i, npages = DIV_ROUND_UP(dmabuf->size, PAGE_SIZE);
	void *vaddr;
	int err;

	err = vcrypt_vmap(dmabuf, &imp->map);
	if (err)
		return err == -ENOMEM ? err : -EOPNOTSUPP;
	err = -EOPNOTSUPP;	/* I/O memory: not for the CPU's AEAD */
	if (imp->map.is_iomem)
		goto unmap;
	err = -ENOMEM;
	imp->pages = kvmalloc_array(npages, sizeof(*imp->pages), GFP_KERNEL);
	if (!imp->pages)
		goto unmap;
	vaddr = imp->map.vaddr;
	err = -EOPNOTSUPP;
	for (i = 0; i < npages; i++, vaddr += PAGE_SIZE) {
		if (is_vmalloc_addr(vaddr))
			imp->pages[i] = vmalloc_to_page(vaddr);
		else if (virt_addr_valid(vaddr))
			imp->pages[i] = virt_to_page(vaddr);
		else
			goto unmap;
	}
	imp->dmabuf = dmabuf;
	return 0;
unmap:
	vcrypt_vunmap(dmabuf, &imp->map);
	kvfree(imp->pages);
	imp->pages = NULL;
	return err;
}

/* The import of @dmabuf: cached, or made in the least recently used slot. */
static struct vcrypt_import *import_get(struct vcrypt_import_cache *c,
					struct dma_buf *dmabuf)
{
	struct vcrypt_import *imp, *victim = NULL;
	int err;

	for (imp = c->imp; imp < c->imp + VCRYPT_IMPORTS; imp++) {
		if (imp->dmabuf == dmabuf) {
			dma_buf_put(dmabuf);
			return imp;
		}
		if (atomic_read(&imp->users))
			continue;
		if (!victim || !imp->dmabuf ||
		    (victim->dmabuf && imp->last_use < victim->last_use))
			victim = imp;
	}
	/* More buffers in flight than imports: depth keeps this away. */
	err = -EBUSY;
	if (!victim)
		goto put;
	import_drop(victim);
	err = import_map(victim, dmabuf);
	if (err)
		goto put;
	return victim;
put:
	dma_buf_put(dmabuf);
	return ERR_PTR(err);
}

int vcrypt_src_dmabuf(struct vcrypt_import_cache *c, int fd, u64 offset,
		      u64 length, struct vcrypt_frame_src *src)
{
	struct vcrypt_import *imp;
	struct dma_buf *dmabuf;
	int err;

	dmabuf = dma_buf_get(fd);
	if (IS_ERR(dmabuf))
		return -EBADF;
	if (offset > dmabuf->size || length > dmabuf->size - offset) {
		dma_buf_put(dmabuf);
		return -ERANGE;
	}
	imp = import_get(c, dmabuf);
	if (IS_ERR(imp))
		return PTR_ERR(imp);
	imp->last_use = ++c->clock;
	err = dma_buf_begin_cpu_access(imp->dmabuf, DMA_FROM_DEVICE);
	if (err)
		return err;
	atomic_inc(&imp->users);
	src->imp = imp;
	src->pages = imp->pages + (offset >> PAGE_SHIFT);
	src->offset = offset & ~PAGE_MASK;
	src->vaddr = imp->map.vaddr + offset;
	src->vmapped = NULL;
	src->npinned = 0;
	return 0;
}

/*
 * write(): the caller's pages, pinned, read where they are; mapped in the
 * kernel too, for the packetizer to find NAL units in.
 */
int vcrypt_src_user(const char __user *buf, size_t length,
		    struct vcrypt_frame_src *src)
{
	unsigned long start = (unsigned long)buf;
	unsigned int offset = start & ~PAGE_MASK;
	int npages = DIV_ROUND_UP(offset + length, PAGE_SIZE);
	int got;

	if (!access_ok(buf, length))
		return -EFAULT;
	got = pin_user_pages_fast(start & PAGE_MASK, npages, 0, src->upages);
	if (got < 0)
		return got;
	if (got < npages) {
		unpin_user_pages(src->upages, got);
		return -EFAULT;
	}
	src->vmapped = vmap(src->upages, got, VM_MAP, PAGE_KERNEL);
	if (!src->vmapped) {
		unpin_user_pages(src->upages, got);
		return -ENOMEM;
	}
	src->imp = NULL;
	src->pages = src->upages;
	src->offset = offset;
	src->vaddr = src->vmapped + offset;
	src->npinned = got;
	return 0;
}

/* In process context: end_cpu_access may sleep. */
void vcrypt_src_release(struct vcrypt_frame_src *src)
{
	if (src->imp) {
		dma_buf_end_cpu_access(src->imp->dmabuf, DMA_FROM_DEVICE);
		atomic_dec(&src->imp->users);
		src->imp = NULL;
	}
	if (src->vmapped) {
		vunmap(src->vmapped);
		src->vmapped = NULL;
	}
	if (src->npinned) {
		unpin_user_pages(src->upages, src->npinned);
		src->npinned = 0;
	}
}

void vcrypt_imports_clear(struct vcrypt_import_cache *c)
{
	struct vcrypt_import *imp;

	for (imp = c->imp; imp < c->imp + VCRYPT_IMPORTS; imp++)
		import_drop(imp);
}
