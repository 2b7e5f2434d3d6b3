/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec LSM - role-based access control: the active policy
 */

#ifndef _SECURITY_CAMSEC_ACCESS_H
#define _SECURITY_CAMSEC_ACCESS_H

#include <linux/seq_file.h>

#include "policy.h"

struct dentry;
struct inode;
struct path;
struct super_block;

int camsec_access_load(const char *text, size_t len);
int camsec_access_lock(void);
bool camsec_access_locked(void);
bool camsec_access_authority_path(const struct path *path, u8 *digest);
int camsec_access_check(struct dentry *dentry, u8 need,
			enum camsec_op op, const struct path *path);
int camsec_access_check_mount(const struct super_block *sb);
void camsec_access_label_changed(struct inode *inode);
void *camsec_access_dir_label(struct inode *dir, size_t *len);
void camsec_access_show_policy(struct seq_file *m);
void camsec_access_show_hash(struct seq_file *m);
void camsec_access_show_error(struct seq_file *m);

#endif /* _SECURITY_CAMSEC_ACCESS_H */
