/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec LSM - what camsec keeps in the kernel's objects (security blobs)
 */

#ifndef _SECURITY_CAMSEC_BLOBS_H
#define _SECURITY_CAMSEC_BLOBS_H

#include <linux/blk_types.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/sched.h>
#include <linux/spinlock.h>

extern struct lsm_blob_sizes camsec_blob_sizes;

/* What camsec knows of an inode's code and class; under @lock. */
struct camsec_inode {
	spinlock_t lock;	/* guards the fields below */
	u64 gen;		/* bumped by any change of content or signature */
	u8 verdict;		/* enum camsec_reason */
	bool cached;		/* @verdict holds; any change clears it */
	bool initramfs;		/* unpacked by the kernel itself at boot */
	unsigned int exec_files;	/* open files approved as code */
	u32 obj_class;		/* access: policy seq << 8 | class + 1 (lockless) */
};

struct camsec_file {
	struct inode *exec_inode;	/* held while approved as code */
};

/* What dm-verity told of a block device (verity.c). */
struct camsec_bdev {
	bool verity_signed;	/* a verity table whose signature verified */
};

/* A task's role, granted by the authority, and its session. */
struct camsec_cred {
	u8 role;		/* enum camsec_role */
	u32 session;		/* 0: none */
};

/* A grant waiting for the task's next execve: valid | role | session. */
struct camsec_task {
	atomic64_t pending;
};

static inline struct camsec_inode *camsec_inode(const struct inode *inode)
{
	return inode->i_security + camsec_blob_sizes.lbs_inode;
}

static inline struct camsec_file *camsec_file(const struct file *file)
{
	return file->f_security + camsec_blob_sizes.lbs_file;
}

static inline struct camsec_bdev *camsec_bdev(const struct block_device *bdev)
{
	return bdev->bd_security + camsec_blob_sizes.lbs_bdev;
}

static inline struct camsec_cred *camsec_cred(const struct cred *cred)
{
	return cred->security + camsec_blob_sizes.lbs_cred;
}

static inline struct camsec_task *camsec_task(const struct task_struct *task)
{
	return task->security + camsec_blob_sizes.lbs_task;
}

#endif /* _SECURITY_CAMSEC_BLOBS_H */
