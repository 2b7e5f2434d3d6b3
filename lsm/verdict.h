/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec LSM - the verdict cache of an inode's code
 */

#ifndef _SECURITY_CAMSEC_VERDICT_H
#define _SECURITY_CAMSEC_VERDICT_H

#include <uapi/linux/camsec.h>

#include "blobs.h"

bool camsec_verdict_get(struct camsec_inode *ci, u8 *verdict, u64 *gen,
			bool *initramfs);
void camsec_verdict_put(struct camsec_inode *ci, u8 verdict, u64 gen);
void camsec_verdict_drop(struct camsec_inode *ci, bool content);
void camsec_verdict_initramfs(struct camsec_inode *ci);

#endif /* _SECURITY_CAMSEC_VERDICT_H */
