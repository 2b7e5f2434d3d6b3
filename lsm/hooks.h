/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec LSM - the hooks
 */

#ifndef _SECURITY_CAMSEC_HOOKS_H
#define _SECURITY_CAMSEC_HOOKS_H

#include <linux/init.h>

void __init camsec_add_hooks(void);

#endif /* _SECURITY_CAMSEC_HOOKS_H */
