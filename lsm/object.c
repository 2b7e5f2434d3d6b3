// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec LSM - objects: which roles reach the camera's protected data
 *
 * A char or block device belongs to the class that binds its number; a
 * file or directory to the class that binds its security.camsec label,
 * which only the authority sets, or, unlabelled, to the class of the block
 * device its filesystem is on (a mount of it needs that class too).
 * Opening checks read and write, or exec for execve; an executable
 * mapping needs exec too (ld.so runs a program without execve).
 * Truncating, renaming, linking or unlinking a protected file, and
 * creating, removing or moving anything (file, directory, symlink, fifo,
 * device node) in or out of a protected directory, need write. The label
 * travels with the inode, so a hard link or a rename reaches nothing that
 * an open would not; and a new inode takes its directory's label, so what
 * is created in a protected directory is protected alike. A socket file
 * is written to by connecting to it.
 */

#include <linux/err.h>
#include <linux/fs.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/xattr.h>

#include "access.h"
#include "blobs.h"
#include "event.h"
#include "object.h"

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

/* A mount of a block device: see camsec_access_check_mount(). */
int camsec_object_mount(const struct super_block *sb)
{
	return camsec_access_check_mount(sb);
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

/*
 * A connect to, or a datagram sent to, a socket bound in the filesystem:
 * the lookup asks to write the socket's inode. It needs write to the
 * socket's class: a socket made in a labelled directory takes its label,
 * and reaches only the roles that may write that class (a private bus).
 */
int camsec_object_permission(struct inode *inode, int mask)
{
	struct dentry *dentry;
	int err;

	if (!S_ISSOCK(inode->i_mode) || !(mask & MAY_WRITE))
		return 0;
	if (mask & MAY_NOT_BLOCK)
		return -ECHILD;
	dentry = d_find_alias(inode);
	if (!dentry)
		return 0;
	err = camsec_access_check(dentry, CAMSEC_PERM_WRITE, CAMSEC_OP_CONNECT,
				  NULL);
	dput(dentry);
	return err;
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

int camsec_object_remove(struct dentry *dentry)
{
	return remove_from(dentry, CAMSEC_OP_UNLINK);
}

/*
 * Moving a file out of its directory, replacing one, or moving one into a
 * directory writes to each of their classes.
 */
int camsec_object_rename(struct dentry *old_dentry, struct dentry *new_dentry)
{
	int err = remove_from(old_dentry, CAMSEC_OP_RENAME);

	if (!err && d_is_positive(new_dentry))
		err = write_to(new_dentry, CAMSEC_OP_RENAME);
	if (!err)
		err = write_to(new_dentry->d_parent, CAMSEC_OP_CREATE);
	return err;
}

int camsec_object_link(struct dentry *old_dentry, struct dentry *new_dentry)
{
	int err = write_to(old_dentry, CAMSEC_OP_LINK);

	return err ? err : write_to(new_dentry->d_parent, CAMSEC_OP_CREATE);
}

/* Files, directories, links, fifos, sockets and device nodes. */
int camsec_object_create(struct dentry *dentry)
{
	return write_to(dentry->d_parent, CAMSEC_OP_CREATE);
}
