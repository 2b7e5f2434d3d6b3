// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec LSM - the hooks: one layer between the LSM framework and the
 * parts that decide
 *
 * Each hook is registered once (6.8+ sizes its static calls by the
 * number of LSMs) and asks, in turn, access control (object.c: may this
 * role reach the object?) and application signatures (appsig.c: is this
 * code signed?); roles (role.c) follow execve, and the device key's
 * master stays unread (seal.c); dm-verity says which block devices are
 * signed (verity.c). The hooks' arguments that changed across
 * kernels are adapted here; lsm/Makefile probes them.
 */

#include <linux/binfmts.h>
#include <linux/lsm_hooks.h>
#include <linux/mman.h>
#include <linux/ptrace.h>
#include <linux/xattr.h>
#include <uapi/linux/camsec.h>

#include "access.h"
#include "appsig.h"
#include "blobs.h"
#include "hooks.h"
#include "object.h"
#include "role.h"
#include "seal.h"
#include "verity.h"

#ifdef CAMSEC_HOOKS_MNT_IDMAP
#define CAMSEC_IDMAP_ARG struct mnt_idmap *idmap
#define CAMSEC_IDMAP idmap
#else
#define CAMSEC_IDMAP_ARG struct user_namespace *mnt_userns
#define CAMSEC_IDMAP mnt_userns
#endif

/*
 * Out-of-tree LSMs have no upstream LSM_ID_* number; take one far above
 * the upstream range so that lsm_list_modules(2) never reports a clash.
 * Linux 6.8 names LSMs by struct lsm_id; its uapi brought LSM_ID_UNDEF.
 */
#ifdef LSM_ID_UNDEF
static const struct lsm_id camsec_lsmid = {
	.name = CAMSEC_LSM_NAME,
	.id = 900,
};

#define CAMSEC_LSM_REF (&camsec_lsmid)
#else
#define CAMSEC_LSM_REF CAMSEC_LSM_NAME
#endif

static int camsec_bprm_creds_for_exec(struct linux_binprm *bprm)
{
	return camsec_role_exec(bprm);
}

static int camsec_bprm_check(struct linux_binprm *bprm)
{
	return camsec_appsig_exec(bprm->file);
}

static int camsec_cred_prepare(struct cred *new, const struct cred *old,
			       gfp_t gfp)
{
	*camsec_cred(new) = *camsec_cred(old);
	return 0;
}

static void camsec_cred_transfer(struct cred *new, const struct cred *old)
{
	*camsec_cred(new) = *camsec_cred(old);
}

static int camsec_file_open(struct file *file)
{
	return camsec_object_file_open(file) ?: camsec_appsig_file_open(file);
}

/* 6.1 passes the new mount's superblock writable, 6.12 const. */
#ifdef CAMSEC_KERN_MOUNT_CONST
static int camsec_sb_kern_mount(const struct super_block *sb)
#else
static int camsec_sb_kern_mount(struct super_block *sb)
#endif
{
	return camsec_object_mount(sb);
}

static int camsec_mmap_file(struct file *file, unsigned long reqprot,
			    unsigned long prot, unsigned long flags)
{
	return camsec_object_exec_mapping(file, prot, CAMSEC_OP_MMAP) ?:
	       camsec_appsig_mmap(file, prot, flags);
}

/* A mapping executable already passed both checks when it was made. */
static int camsec_file_mprotect(struct vm_area_struct *vma,
				unsigned long reqprot, unsigned long prot)
{
	int err = 0;

	if (!(vma->vm_flags & VM_EXEC))
		err = camsec_object_exec_mapping(vma->vm_file, prot,
						 CAMSEC_OP_MPROTECT);
	return err ?: camsec_appsig_mprotect(vma, prot);
}

static int camsec_kernel_read_file(struct file *file,
				   enum kernel_read_file_id id, bool contents)
{
	return camsec_appsig_kernel_read(file, id);
}

static int camsec_kernel_load_data(enum kernel_load_data_id id, bool contents)
{
	return camsec_appsig_kernel_load(id);
}

#ifdef CAMSEC_SETATTR_MNT_IDMAP
static int camsec_inode_setattr(struct mnt_idmap *idmap,
				struct dentry *dentry, struct iattr *attr)
#else
static int camsec_inode_setattr(struct dentry *dentry, struct iattr *attr)
#endif
{
	return camsec_object_setattr(dentry, attr) ?:
	       camsec_appsig_setattr(dentry, attr);
}

/*
 * security.camsec is guarded by access control alone (only the authority
 * labels), with no CAP_SYS_ADMIN on top: the daemon runs without it.
 * Every other security.* name keeps the capability check. From 6.11 the
 * LSM layer makes that check unless inode_xattr_skipcap claims the name;
 * before, it skipped it as soon as a hook returned 0, so it is made here.
 */
#ifdef CAMSEC_HAVE_XATTR_SKIPCAP
static int camsec_inode_xattr_skipcap(const char *name)
{
	return !strcmp(name, XATTR_NAME_CAMSEC);
}

static inline int cap_setxattr(struct dentry *dentry, const char *name,
			       const void *value, size_t size, int flags)
{
	return 0;
}

static inline int cap_removexattr(CAMSEC_IDMAP_ARG, struct dentry *dentry,
				  const char *name)
{
	return 0;
}
#else
static int cap_setxattr(struct dentry *dentry, const char *name,
			const void *value, size_t size, int flags)
{
	if (!strcmp(name, XATTR_NAME_CAMSEC))
		return 0;
	return cap_inode_setxattr(dentry, name, value, size, flags);
}

static int cap_removexattr(CAMSEC_IDMAP_ARG, struct dentry *dentry,
			   const char *name)
{
	if (!strcmp(name, XATTR_NAME_CAMSEC))
		return 0;
	return cap_inode_removexattr(CAMSEC_IDMAP, dentry, name);
}
#endif

static int camsec_inode_setxattr(CAMSEC_IDMAP_ARG, struct dentry *dentry,
				 const char *name, const void *value,
				 size_t size, int flags)
{
	return cap_setxattr(dentry, name, value, size, flags) ?:
	       camsec_object_xattr_change(dentry, name) ?:
	       camsec_appsig_xattr_change(dentry, name);
}

/* Again after the change: a check that raced with it read the old one. */
static void camsec_inode_post_setxattr(struct dentry *dentry,
				       const char *name, const void *value,
				       size_t size, int flags)
{
	camsec_object_post_setxattr(dentry, name);
	camsec_appsig_post_setxattr(dentry, name);
}

static int camsec_inode_removexattr(CAMSEC_IDMAP_ARG, struct dentry *dentry,
				    const char *name)
{
	return cap_removexattr(CAMSEC_IDMAP, dentry, name) ?:
	       camsec_object_xattr_change(dentry, name) ?:
	       camsec_appsig_xattr_change(dentry, name);
}

static int camsec_inode_unlink(struct inode *dir, struct dentry *dentry)
{
	return camsec_object_remove(dentry);
}

static int camsec_inode_rename(struct inode *old_dir, struct dentry *old_dentry,
			       struct inode *new_dir, struct dentry *new_dentry)
{
	return camsec_object_rename(old_dentry, new_dentry);
}

static int camsec_inode_link(struct dentry *old_dentry, struct inode *dir,
			     struct dentry *new_dentry)
{
	return camsec_object_link(old_dentry, new_dentry);
}

static int camsec_inode_create(struct inode *dir, struct dentry *dentry,
			       umode_t mode)
{
	return camsec_object_create(dentry);
}

static int camsec_inode_symlink(struct inode *dir, struct dentry *dentry,
				const char *old_name)
{
	return camsec_object_create(dentry);
}

static int camsec_inode_mknod(struct inode *dir, struct dentry *dentry,
			      umode_t mode, dev_t dev)
{
	return camsec_object_create(dentry);
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
static int camsec_inode_init_security(struct inode *inode, struct inode *dir,
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
static int camsec_inode_init_security(struct inode *inode, struct inode *dir,
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

/* Enforcing, no task may write another's memory: that injects code. */
static int camsec_ptrace_access_check(struct task_struct *child,
				      unsigned int mode)
{
	return camsec_appsig_ptrace(mode);
}

static int camsec_ptrace_traceme(struct task_struct *parent)
{
	return camsec_appsig_ptrace(PTRACE_MODE_ATTACH);
}

static int camsec_inode_alloc(struct inode *inode)
{
	spin_lock_init(&camsec_inode(inode)->lock);
	return 0;
}

static void camsec_file_free(struct file *file)
{
	camsec_appsig_file_free(file);
}

static int camsec_key_permission(key_ref_t key_ref, const struct cred *cred,
				 enum key_need_perm need_perm)
{
	return camsec_seal_key_permission(key_ref_to_ptr(key_ref), need_perm);
}

static struct security_hook_list camsec_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(bprm_creds_for_exec, camsec_bprm_creds_for_exec),
	LSM_HOOK_INIT(bprm_check_security, camsec_bprm_check),
	LSM_HOOK_INIT(cred_prepare, camsec_cred_prepare),
	LSM_HOOK_INIT(cred_transfer, camsec_cred_transfer),
	LSM_HOOK_INIT(file_open, camsec_file_open),
	LSM_HOOK_INIT(sb_kern_mount, camsec_sb_kern_mount),
	LSM_HOOK_INIT(mmap_file, camsec_mmap_file),
	LSM_HOOK_INIT(file_mprotect, camsec_file_mprotect),
	LSM_HOOK_INIT(kernel_read_file, camsec_kernel_read_file),
	LSM_HOOK_INIT(kernel_load_data, camsec_kernel_load_data),
	LSM_HOOK_INIT(inode_permission, camsec_object_permission),
	LSM_HOOK_INIT(inode_setattr, camsec_inode_setattr),
#ifdef CAMSEC_HAVE_XATTR_SKIPCAP
	LSM_HOOK_INIT(inode_xattr_skipcap, camsec_inode_xattr_skipcap),
#endif
	LSM_HOOK_INIT(inode_setxattr, camsec_inode_setxattr),
	LSM_HOOK_INIT(inode_post_setxattr, camsec_inode_post_setxattr),
	LSM_HOOK_INIT(inode_removexattr, camsec_inode_removexattr),
	LSM_HOOK_INIT(inode_unlink, camsec_inode_unlink),
	LSM_HOOK_INIT(inode_rmdir, camsec_inode_unlink),
	LSM_HOOK_INIT(inode_rename, camsec_inode_rename),
	LSM_HOOK_INIT(inode_link, camsec_inode_link),
	LSM_HOOK_INIT(inode_create, camsec_inode_create),
	LSM_HOOK_INIT(inode_mkdir, camsec_inode_create),
	LSM_HOOK_INIT(inode_symlink, camsec_inode_symlink),
	LSM_HOOK_INIT(inode_mknod, camsec_inode_mknod),
	LSM_HOOK_INIT(inode_init_security, camsec_inode_init_security),
	LSM_HOOK_INIT(ptrace_access_check, camsec_ptrace_access_check),
	LSM_HOOK_INIT(ptrace_traceme, camsec_ptrace_traceme),
	LSM_HOOK_INIT(inode_alloc_security, camsec_inode_alloc),
	LSM_HOOK_INIT(file_free_security, camsec_file_free),
	LSM_HOOK_INIT(key_permission, camsec_key_permission),
	LSM_HOOK_INIT(bdev_setintegrity, camsec_verity_setintegrity),
};

void __init camsec_add_hooks(void)
{
	security_add_hooks(camsec_hooks, ARRAY_SIZE(camsec_hooks),
			   CAMSEC_LSM_REF);
}
