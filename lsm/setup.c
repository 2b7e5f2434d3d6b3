// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec LSM - registration with the LSM framework, and the start of the
 * parts that need crypto, keys, netlink and securityfs
 */

#define pr_fmt(fmt) "camsec: " fmt

#include <linux/init.h>
#include <linux/lsm_hooks.h>
#include <uapi/linux/camsec.h>

#include "appsig.h"
#include "blobs.h"
#include "digsig.h"
#include "hooks.h"
#include "keyring.h"
#include "netlink.h"
#include "securityfs.h"

/* False when the boot's LSM order leaves camsec out. */
static bool camsec_enabled __ro_after_init;

static int __init camsec_init(void)
{
	camsec_appsig_boot();
	camsec_add_hooks();
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
	.name = CAMSEC_LSM_NAME,
	.blobs = &camsec_blob_sizes,
	.init = camsec_init,
};
