/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec LSM - role-based access control: the active policy
 */

#ifndef _SECURITY_CAMSEC_ACCESS_H
#define _SECURITY_CAMSEC_ACCESS_H

#include <linux/seq_file.h>

#include "policy.h"

int camsec_access_load(const char *text, size_t len);
int camsec_access_lock(void);
bool camsec_access_locked(void);
bool camsec_access_is_authority(const char *path);
void camsec_access_show_policy(struct seq_file *m);
void camsec_access_show_hash(struct seq_file *m);
void camsec_access_show_error(struct seq_file *m);

#endif /* _SECURITY_CAMSEC_ACCESS_H */
