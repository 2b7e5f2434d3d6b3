/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec LSM - IMA-format signatures (security.ima, v2) on files
 */

#ifndef _SECURITY_CAMSEC_DIGSIG_H
#define _SECURITY_CAMSEC_DIGSIG_H

#include <linux/fs.h>
#include <uapi/linux/camsec.h>

enum camsec_reason camsec_digsig_verify(struct file *file,
					struct inode *inode);
int camsec_digsig_sha256(struct inode *inode, u8 *digest);
int __init camsec_digsig_init(void);

#endif /* _SECURITY_CAMSEC_DIGSIG_H */
