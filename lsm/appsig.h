/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec LSM - only signed code runs
 */

#ifndef _SECURITY_CAMSEC_APPSIG_H
#define _SECURITY_CAMSEC_APPSIG_H

#include <linux/fs.h>
#include <linux/spinlock.h>
#include <uapi/linux/camsec.h>

#include "setup.h"

/* What camsec knows of an inode's code; under @lock. */
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

static inline struct camsec_inode *camsec_inode(const struct inode *inode)
{
	return inode->i_security + camsec_blob_sizes.lbs_inode;
}

static inline struct camsec_file *camsec_file(const struct file *file)
{
	return file->f_security + camsec_blob_sizes.lbs_file;
}

#define CAMSEC_REASON_COUNT (CAMSEC_REASON_PAGE_TAIL + 1)

struct camsec_appsig_stats {
	u64 verified, cache_hits, denied, logged;
	u64 reasons[CAMSEC_REASON_COUNT];	/* refusals by reason */
};

int camsec_appsig_mode(void);
bool camsec_appsig_locked(void);
int camsec_appsig_set_mode(int mode);
int camsec_appsig_lock(void);
void camsec_appsig_stats(struct camsec_appsig_stats *stats);
int camsec_appsig_parse_mode(const char *s);
const char *camsec_appsig_mode_name(int mode);
bool camsec_appsig_signed(struct file *file);
void __init camsec_appsig_add_hooks(void);

#endif /* _SECURITY_CAMSEC_APPSIG_H */
