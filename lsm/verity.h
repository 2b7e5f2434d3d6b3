/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec LSM - dm-verity devices with a verified root hash signature
 */

#ifndef _SECURITY_CAMSEC_VERITY_H
#define _SECURITY_CAMSEC_VERITY_H

#include <linux/blk_types.h>
#include <linux/fs.h>
#include <linux/security.h>

int camsec_verity_setintegrity(struct block_device *bdev,
			       enum lsm_integrity_type type,
			       const void *value, size_t size);
bool camsec_verity_signed(const struct super_block *sb);

#endif /* _SECURITY_CAMSEC_VERITY_H */
