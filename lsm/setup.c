// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec LSM - registration with the LSM framework
 */

#define pr_fmt(fmt) "camsec: " fmt

#include <linux/init.h>
#include <linux/lsm_hooks.h>

#include "appsig.h"
#include "digsig.h"
#include "keyring.h"
#include "netlink.h"
#include "object.h"
#include "role.h"
#include "seal.h"
#include "securityfs.h"
#include "setup.h"

#ifdef LSM_ID_UNDEF
const struct lsm_id camsec_lsmid = {
	.name = "camsec",
	.id = CAMSEC_LSM_ID,
};
#endif

/* False when the boot's LSM order leaves camsec out. */
bool camsec_enabled __ro_after_init;

struct lsm_blob_sizes camsec_blob_sizes __ro_after_init = {
	.lbs_cred = sizeof(struct camsec_cred),
	.lbs_task = sizeof(struct camsec_task),
	.lbs_inode = sizeof(struct camsec_inode),
	.lbs_file = sizeof(struct camsec_file),
#ifdef CAMSEC_INIT_SECURITY_XATTRS
	.lbs_xattr_count = 1,	/* a new inode's label */
#endif
};

static int __init camsec_init(void)
{
	camsec_appsig_add_hooks();
	camsec_role_add_hooks();
	camsec_object_add_hooks();
	camsec_seal_add_hooks();
	camsec_enabled = true;
	pr_info("initialized\n");
	return 0;
}

/* What needs crypto, keys, netlink and securityfs: after they are up. */
static int __init camsec_late_init(void)
{
	int err;

	if (!camsec_enabled)
		return 0;
	err = camsec_keyring_init();
	if (!err)
		err = camsec_digsig_init();
	if (!err)
		err = camsec_securityfs_init();
	if (!err)
		err = camsec_netlink_init();
	if (err)
		pr_err("incomplete start (%d): unsigned code is still refused\n",
		       err);
	return err;
}
late_initcall(camsec_late_init);

DEFINE_LSM(camsec) = {
	.name = "camsec",
	.blobs = &camsec_blob_sizes,
	.init = camsec_init,
};
