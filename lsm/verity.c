// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec LSM - dm-verity devices with a verified root hash signature
 *
 * Before a table goes live, dm-verity tells the LSMs its root hash and
 * whether the root hash's signature was verified against the kernel's
 * trusted keys (security_bdev_setintegrity, as IPE uses it). Every block
 * read through the device is then checked against that root hash, so the
 * files of a filesystem on it are what the image's signer signed. The
 * verity target is a singleton that no other target type replaces: a
 * device that says "signed" keeps one signed verity target, and a new
 * table says again at its resume.
 */

#include "blobs.h"
#include "verity.h"

int camsec_verity_setintegrity(struct block_device *bdev,
			       enum lsm_integrity_type type,
			       const void *value, size_t size)
{
	struct camsec_bdev *cb = camsec_bdev(bdev);

	switch (type) {
	case LSM_INT_DMVERITY_ROOTHASH:
		/* A new table, or one that failed: unsigned until told. */
		WRITE_ONCE(cb->verity_signed, false);
		break;
	case LSM_INT_DMVERITY_SIG_VALID:
		WRITE_ONCE(cb->verity_signed, value && size);
		break;
	default:
		break;
	}
	return 0;
}

/* Is @sb's block device a dm-verity device whose signature was verified? */
bool camsec_verity_signed(const struct super_block *sb)
{
	return sb->s_bdev && READ_ONCE(camsec_bdev(sb->s_bdev)->verity_signed);
}
