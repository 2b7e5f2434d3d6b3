// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec LSM - registration with the LSM framework
 */

#define pr_fmt(fmt) "camsec: " fmt

#include <linux/init.h>
#include <linux/lsm_hooks.h>

#include "setup.h"

#ifdef LSM_ID_UNDEF
const struct lsm_id camsec_lsmid = {
	.name = "camsec",
	.id = CAMSEC_LSM_ID,
};
#endif

/* False when the boot's LSM order leaves camsec out. */
bool camsec_enabled __ro_after_init;

static int __init camsec_init(void)
{
	security_add_hooks(NULL, 0, CAMSEC_LSM_REF);
	camsec_enabled = true;
	pr_info("initialized\n");
	return 0;
}

DEFINE_LSM(camsec) = {
	.name = "camsec",
	.init = camsec_init,
};
