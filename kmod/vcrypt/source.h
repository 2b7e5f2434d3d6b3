/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec_vcrypt - where a frame's plaintext comes from
 */

#ifndef _CAMSEC_VCRYPT_SOURCE_H
#define _CAMSEC_VCRYPT_SOURCE_H

#include <linux/atomic.h>
#include <linux/iosys-map.h>
#include <linux/types.h>

/* A capture pipeline cycles through a few buffers: keep them mapped. */
#define VCRYPT_IMPORTS	8

struct dma_buf;

struct vcrypt_import {
	struct dma_buf *dmabuf;		/* NULL: unused */
	struct iosys_map map;
	struct page **pages;		/* of the kernel mapping */
	atomic_t users;			/* frames in flight */
	u64 last_use;
};

struct vcrypt_import_cache {
	struct vcrypt_import imp[VCRYPT_IMPORTS];
	u64 clock;
};

/* One frame's plaintext: pages from a dma-buf import or pinned user pages. */
struct vcrypt_frame_src {
	struct vcrypt_import *imp;	/* NULL for user pages */
	struct page **pages;		/* the frame's first page */
	unsigned int offset;		/* in that page */
	const u8 *vaddr;		/* the frame, for the packetizer */
	void *vmapped;			/* write(): the pinned pages' mapping */
	struct page **upages;		/* the request's own array, for write() */
	unsigned int npinned;
};

int vcrypt_src_dmabuf(struct vcrypt_import_cache *c, int fd, u64 offset,
		      u64 length, struct vcrypt_frame_src *src);
int vcrypt_src_user(const char __user *buf, size_t length,
		    struct vcrypt_frame_src *src);
void vcrypt_src_release(struct vcrypt_frame_src *src);
void vcrypt_imports_clear(struct vcrypt_import_cache *c);

#endif /* _CAMSEC_VCRYPT_SOURCE_H */
