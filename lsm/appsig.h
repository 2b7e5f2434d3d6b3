/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec LSM - only signed code runs
 */

#ifndef _SECURITY_CAMSEC_APPSIG_H
#define _SECURITY_CAMSEC_APPSIG_H

#include <linux/fs.h>
#include <linux/kernel_read_file.h>
#include <linux/mm_types.h>
#include <linux/security.h>
#include <uapi/linux/camsec.h>

#define CAMSEC_REASON_COUNT (CAMSEC_REASON_NOT_VERITY + 1)

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
int camsec_appsig_parse_trust(const char *s);
unsigned int camsec_appsig_trust(void);
int camsec_appsig_set_trust(unsigned int trust);
void camsec_appsig_trust_names(unsigned int trust, char *buf, size_t size);
bool camsec_appsig_signed(struct file *file);
void __init camsec_appsig_boot(void);

/* The checks, for the hooks (hooks.c): 0, or the error to return. */
int camsec_appsig_exec(struct file *file);
int camsec_appsig_mmap(struct file *file, unsigned long prot,
		       unsigned long flags);
int camsec_appsig_mprotect(struct vm_area_struct *vma, unsigned long prot);
int camsec_appsig_kernel_read(struct file *file, enum kernel_read_file_id id);
int camsec_appsig_kernel_load(enum kernel_load_data_id id);
int camsec_appsig_file_open(struct file *file);
int camsec_appsig_setattr(struct dentry *dentry, struct iattr *attr);
int camsec_appsig_xattr_change(struct dentry *dentry, const char *name);
void camsec_appsig_post_setxattr(struct dentry *dentry, const char *name);
int camsec_appsig_ptrace(unsigned int mode);
void camsec_appsig_file_free(struct file *file);

#endif /* _SECURITY_CAMSEC_APPSIG_H */
