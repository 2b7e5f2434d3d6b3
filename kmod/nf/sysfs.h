/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec_nf - the read-only view in /sys/kernel/camsec_nf/
 */

#ifndef _CAMSEC_NF_SYSFS_H
#define _CAMSEC_NF_SYSFS_H

int camsec_nf_sysfs_init(void);
void camsec_nf_sysfs_exit(void);

#endif /* _CAMSEC_NF_SYSFS_H */
