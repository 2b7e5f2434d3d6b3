// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec LSM - the sizes of its blobs; the LSM framework turns them into
 * offsets at boot
 */

#include "blobs.h"

struct lsm_blob_sizes camsec_blob_sizes __ro_after_init = {
	.lbs_cred = sizeof(struct camsec_cred),
	.lbs_task = sizeof(struct camsec_task),
	.lbs_inode = sizeof(struct camsec_inode),
	.lbs_file = sizeof(struct camsec_file),
	.lbs_bdev = sizeof(struct camsec_bdev),
#ifdef CAMSEC_INIT_SECURITY_XATTRS
	.lbs_xattr_count = 1,	/* a new inode's label */
#endif
};
