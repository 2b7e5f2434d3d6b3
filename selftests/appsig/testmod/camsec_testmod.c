// SPDX-License-Identifier: GPL-2.0-only
/*
 * A module that does nothing: the appsig selftests load it signed and
 * unsigned to see that only the signed copy loads.
 */

#include <linux/module.h>

static int __init camsec_testmod_init(void)
{
	return 0;
}

static void __exit camsec_testmod_exit(void)
{
}

module_init(camsec_testmod_init);
module_exit(camsec_testmod_exit);
MODULE_DESCRIPTION("camsec selftest fixture: an empty module");
MODULE_LICENSE("GPL");
