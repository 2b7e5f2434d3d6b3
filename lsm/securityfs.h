/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec LSM - /sys/kernel/security/camsec/
 */

#ifndef _SECURITY_CAMSEC_SECURITYFS_H
#define _SECURITY_CAMSEC_SECURITYFS_H

int __init camsec_securityfs_init(void);

#endif /* _SECURITY_CAMSEC_SECURITYFS_H */
