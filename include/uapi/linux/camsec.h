/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * camsec - interface shared by the kernel parts and userspace
 */

#ifndef _UAPI_LINUX_CAMSEC_H
#define _UAPI_LINUX_CAMSEC_H

#define CAMSEC_LSM_NAME		"camsec"

#endif /* _UAPI_LINUX_CAMSEC_H */
