/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec LSM - registration with the LSM framework
 */

#ifndef _SECURITY_CAMSEC_SETUP_H
#define _SECURITY_CAMSEC_SETUP_H

#include <linux/lsm_hooks.h>

/*
 * Out-of-tree LSMs have no upstream LSM_ID_* number; take one far above
 * the upstream range so that lsm_list_modules(2) never reports a clash.
 */
#define CAMSEC_LSM_ID 900

/* Linux 6.8 names LSMs by struct lsm_id; its uapi brought LSM_ID_UNDEF. */
#ifdef LSM_ID_UNDEF
extern const struct lsm_id camsec_lsmid;
#define CAMSEC_LSM_REF (&camsec_lsmid)
#else
#define CAMSEC_LSM_REF "camsec"
#endif

extern bool camsec_enabled;
extern struct lsm_blob_sizes camsec_blob_sizes;

#endif /* _SECURITY_CAMSEC_SETUP_H */
