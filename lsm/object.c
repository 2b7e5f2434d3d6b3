// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec LSM - objects: which roles reach the camera's protected data
 *
 * A char device belongs to the class that binds its number; a file or
 * directory to the class that binds its security.camsec label, which only
 * the authority sets. Opening checks read and write, or exec for execve;
 * an executable mapping needs exec too (ld.so runs a program without
 * execve). Truncating, renaming, linking or unlinking a protected file,
 * and creating, removing or moving anything (file, directory, symlink,
 * fifo, device node) in or out of a protected directory, need write. The
 * label travels with the inode, so a hard link or a rename reaches nothing
 * that an open would not; and a new inode takes its directory's label, so
 * what is created in a protected directory is protected alike.
 */

#include <linux/err.h>
#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/xattr.h>

#include "access.h"
#include "event.h"
#include "object.h"
#include "role.h"

int camsec_object_file_open(struct file *file)
{
	enum camsec_op op = CAMSEC_OP_OPEN;
	u8 need = 0;

	if (file->f_flags & __FMODE_EXEC) {
		need |= CAMSEC_PERM_EXEC;
		op = CAMSEC_OP_EXEC;
	} else if (file->f_mode & FMODE_READ) {
		need |= CAMSEC_PERM_READ;
	}
	if (file->f_mode & FMODE_WRITE)
		need |= CAMSEC_PERM_WRITE;
	if (!need)
		return 0;
	return camsec_access_check(file->f_path.dentry, need, op,
				   &file->f_path);
}

/*
 * An executable mapping of @file, by mmap (@op MMAP) or mprotect. The ELF
 * loader's own mappings were checked as execve's opens, with the role of
 * the task that called execve: after the point of no return the task may
 * hold another role.
 */
int camsec_object_exec_mapping(struct file *file, unsigned long prot,
			       enum camsec_op op)
{
	if (!file || !(prot & PROT_EXEC) || current->in_execve)
		return 0;
	return camsec_access_check(file->f_path.dentry, CAMSEC_PERM_EXEC, op,
				   &file->f_path);
}

int camsec_object_setattr(struct dentry *dentry, struct iattr *attr)
{
	if (!(attr->ia_valid & ATTR_SIZE))
		return 0;
	return camsec_access_check(dentry, CAMSEC_PERM_WRITE,
				   CAMSEC_OP_TRUNCATE, NULL);
}

/* Only the authority labels objects. */
int camsec_object_xattr_change(struct dentry *dentry, const char *name)
{
	if (strcmp(name, XATTR_NAME_CAMSEC))
		return 0;
	if (camsec_cred(current_cred())->role != CAMSEC_ROLE_AUTHORITY) {
		camsec_event_access(CAMSEC_OP_LABEL, NULL, CAMSEC_PERM_WRITE,
				    NULL, dentry);
		return -EPERM;
	}
	camsec_access_label_changed(d_backing_inode(dentry));
	return 0;
}

void camsec_object_post_setxattr(struct dentry *dentry, const char *name)
{
	if (!strcmp(name, XATTR_NAME_CAMSEC))
		camsec_access_label_changed(d_backing_inode(dentry));
}

static int write_to(struct dentry *dentry, enum camsec_op op)
{
	return camsec_access_check(dentry, CAMSEC_PERM_WRITE, op, NULL);
}

/* Removing @dentry writes to its class and to its directory's. */
static int remove_from(struct dentry *dentry, enum camsec_op op)
{
	return write_to(dentry, op) ?: write_to(dentry->d_parent, op);
}

static int object_inode_unlink(struct inode *dir, struct dentry *dentry)
{
	return remove_from(dentry, CAMSEC_OP_UNLINK);
}

static int object_inode_rmdir(struct inode *dir, struct dentry *dentry)
{
	return remove_from(dentry, CAMSEC_OP_UNLINK);
}

/*
 * Moving a file out of its directory, replacing one, or moving one into a
 * directory writes to each of their classes.
 */
static int object_inode_rename(struct inode *old_dir, struct dentry *old_dentry,
			       struct inode *new_dir, struct dentry *new_dentry)
{
	int err = remove_from(old_dentry, CAMSEC_OP_RENAME);

	if (!err && d_is_positive(new_dentry))
		err = write_to(new_dentry, CAMSEC_OP_RENAME);
	if (!err)
		err = write_to(new_dentry->d_parent, CAMSEC_OP_CREATE);
	return err;
}

static int object_inode_link(struct dentry *old_dentry, struct inode *dir,
			     struct dentry *new_dentry)
{
	int err = write_to(old_dentry, CAMSEC_OP_LINK);

	return err ? err : write_to(new_dentry->d_parent, CAMSEC_OP_CREATE);
}

static int object_inode_create(struct inode *dir, struct dentry *dentry,
			       umode_t mode)
{
	return write_to(dentry->d_parent, CAMSEC_OP_CREATE);
}

static int object_inode_symlink(struct inode *dir, struct dentry *dentry,
				const char *old_name)
{
	return write_to(dentry->d_parent, CAMSEC_OP_CREATE);
}

/* Fifos, sockets and device nodes. */
static int object_inode_mknod(struct inode *dir, struct dentry *dentry,
			      umode_t mode, dev_t dev)
{
	return write_to(dentry->d_parent, CAMSEC_OP_CREATE);
}

/* "camsec", the name that inode_init_security gives without "security." */
#define XATTR_CAMSEC_SUFFIX (XATTR_NAME_CAMSEC + XATTR_SECURITY_PREFIX_LEN)

/*
 * A new inode takes the label of @dir: xattr "security.camsec" with
 * @dir's label, or none if @dir has none. Before 6.6 a single LSM can
 * give a new inode its xattr: camsec's, on a kernel without SELinux or
 * Smack.
 */
#ifdef CAMSEC_INIT_SECURITY_XATTRS
static int object_inode_init_security(struct inode *inode, struct inode *dir,
				      const struct qstr *qstr,
				      struct xattr *xattrs, int *xattr_count)
{
	struct xattr *xattr;
	size_t len;
	void *label;

	if (!xattrs)
		return -EOPNOTSUPP;
	label = camsec_access_dir_label(dir, &len);
	if (IS_ERR_OR_NULL(label))
		return label ? PTR_ERR(label) : -EOPNOTSUPP;
	xattr = lsm_get_xattr_slot(xattrs, xattr_count);
	xattr->name = XATTR_CAMSEC_SUFFIX;
	xattr->value = label;
	xattr->value_len = len;
	return 0;
}
#else
static int object_inode_init_security(struct inode *inode, struct inode *dir,
				      const struct qstr *qstr,
				      const char **name, void **value,
				      size_t *len)
{
	size_t label_len;
	void *label;

	if (!value)
		return -EOPNOTSUPP;
	label = camsec_access_dir_label(dir, &label_len);
	if (IS_ERR_OR_NULL(label))
		return label ? PTR_ERR(label) : -EOPNOTSUPP;
	*name = XATTR_CAMSEC_SUFFIX;
	*value = label;
	*len = label_len;
	return 0;
}
#endif

static struct security_hook_list object_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(inode_unlink, object_inode_unlink),
	LSM_HOOK_INIT(inode_rmdir, object_inode_rmdir),
	LSM_HOOK_INIT(inode_rename, object_inode_rename),
	LSM_HOOK_INIT(inode_link, object_inode_link),
	LSM_HOOK_INIT(inode_create, object_inode_create),
	LSM_HOOK_INIT(inode_mkdir, object_inode_create),
	LSM_HOOK_INIT(inode_symlink, object_inode_symlink),
	LSM_HOOK_INIT(inode_mknod, object_inode_mknod),
	LSM_HOOK_INIT(inode_init_security, object_inode_init_security),
};

void __init camsec_object_add_hooks(void)
{
	security_add_hooks(object_hooks, ARRAY_SIZE(object_hooks),
			   CAMSEC_LSM_REF);
}
