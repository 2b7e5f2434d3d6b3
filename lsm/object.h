/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec LSM - objects: which roles reach the camera's protected data
 */

#ifndef _SECURITY_CAMSEC_OBJECT_H
#define _SECURITY_CAMSEC_OBJECT_H

#include <linux/fs.h>
#include <uapi/linux/camsec.h>

/* The checks, for the hooks (hooks.c): 0, or the error to return. */
int camsec_object_file_open(struct file *file);
int camsec_object_mount(const struct super_block *sb);
int camsec_object_exec_mapping(struct file *file, unsigned long prot,
			       enum camsec_op op);
int camsec_object_permission(struct inode *inode, int mask);
int camsec_object_setattr(struct dentry *dentry, struct iattr *attr);
int camsec_object_xattr_change(struct dentry *dentry, const char *name);
void camsec_object_post_setxattr(struct dentry *dentry, const char *name);
int camsec_object_remove(struct dentry *dentry);
int camsec_object_rename(struct dentry *old_dentry, struct dentry *new_dentry);
int camsec_object_link(struct dentry *old_dentry, struct dentry *new_dentry);
int camsec_object_create(struct dentry *dentry);

#endif /* _SECURITY_CAMSEC_OBJECT_H */
