// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec LSM - only signed code runs
 *
 * Every way code enters the device is checked against an IMA-format
 * signature: execve, executable file mappings (shared libraries, ld.so
 * loading a program), kernel modules, firmware and kexec images. Verdicts
 * are cached per inode; any change to content or signature drops them, and
 * a file approved as code cannot be opened for writing while it is in use.
 * Where the trust sources say so, a dm-verity device whose root hash
 * signature the kernel verified vouches for its files instead.
 */

#define pr_fmt(fmt) "camsec: " fmt

#include <linux/atomic.h>
#include <linux/binfmts.h>
#include <linux/init.h>
#include <linux/kernel_read_file.h>
#include <linux/magic.h>
#include <linux/major.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/shmem_fs.h>
#include <linux/xattr.h>

#include "appsig.h"
#include "blobs.h"
#include "digsig.h"
#include "event.h"
#include "verdict.h"
#include "verity.h"

static int appsig_mode __read_mostly =
	IS_ENABLED(CONFIG_SECURITY_CAMSEC_APPSIG_ENFORCE) ?
	CAMSEC_APPSIG_ENFORCE : CAMSEC_APPSIG_PERMISSIVE;
static bool appsig_locked __read_mostly;
static unsigned int appsig_trust __read_mostly = CAMSEC_TRUST_XATTR;
static DEFINE_MUTEX(appsig_mode_mutex);

static atomic64_t stat_verified, stat_cache_hits, stat_denied, stat_logged;
static atomic64_t stat_reasons[CAMSEC_REASON_COUNT];

static const char *const mode_names[] = CAMSEC_APPSIG_MODE_NAMES;

int camsec_appsig_parse_mode(const char *s)
{
	return sysfs_match_string(mode_names, s);
}

const char *camsec_appsig_mode_name(int mode)
{
	return mode_names[mode];
}

int camsec_appsig_mode(void)
{
	return READ_ONCE(appsig_mode);
}

bool camsec_appsig_locked(void)
{
	return READ_ONCE(appsig_locked);
}

void camsec_appsig_stats(struct camsec_appsig_stats *stats)
{
	int i;

	stats->verified = atomic64_read(&stat_verified);
	stats->cache_hits = atomic64_read(&stat_cache_hits);
	stats->denied = atomic64_read(&stat_denied);
	stats->logged = atomic64_read(&stat_logged);
	for (i = 0; i < CAMSEC_REASON_COUNT; i++)
		stats->reasons[i] = atomic64_read(&stat_reasons[i]);
}

/* Once locked, nothing (root included) changes the mode until reboot. */
int camsec_appsig_set_mode(int mode)
{
	int old;

	mutex_lock(&appsig_mode_mutex);
	old = appsig_mode;
	if (appsig_locked && mode != old) {
		mutex_unlock(&appsig_mode_mutex);
		camsec_event_mode(old, mode, true, true);
		return -EPERM;
	}
	WRITE_ONCE(appsig_mode, mode);
	mutex_unlock(&appsig_mode_mutex);
	camsec_event_mode(old, mode, READ_ONCE(appsig_locked), false);
	return 0;
}

static const char *const trust_names[] = { "xattr", "verity" };

/* "xattr", "verity" or both, separated by commas or spaces: CAMSEC_TRUST_*. */
int camsec_appsig_parse_trust(const char *s)
{
	unsigned int trust = 0;
	size_t i, len;

	for (s = skip_spaces(s); *s; s = skip_spaces(s + len + (s[len] == ','))) {
		len = strcspn(s, ",\n ");
		for (i = 0; i < ARRAY_SIZE(trust_names); i++)
			if (len == strlen(trust_names[i]) &&
			    !strncmp(s, trust_names[i], len))
				break;
		if (i == ARRAY_SIZE(trust_names))
			return -EINVAL;
		trust |= 1U << i;
	}
	return trust ?: -EINVAL;
}

unsigned int camsec_appsig_trust(void)
{
	return READ_ONCE(appsig_trust);
}

/* The trust sources' names, as the parser takes them. */
void camsec_appsig_trust_names(unsigned int trust, char *buf, size_t size)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(trust_names); i++)
		if (trust & (1U << i))
			n += scnprintf(buf + n, size - n, "%s%s", n ? "," : "",
				       trust_names[i]);
}

/* Locked with the mode: the lock fixes what may run, by either. */
int camsec_appsig_set_trust(unsigned int trust)
{
	char names[32];
	int err = 0;

	mutex_lock(&appsig_mode_mutex);
	if (appsig_locked && trust != appsig_trust)
		err = -EPERM;
	else
		WRITE_ONCE(appsig_trust, trust);
	mutex_unlock(&appsig_mode_mutex);
	camsec_appsig_trust_names(trust, names, sizeof(names));
	pr_notice("trust sources %s%s\n", names, err ? " refused: locked" : "");
	return err;
}

/* Only enforce can be locked. */
int camsec_appsig_lock(void)
{
	int err = 0;

	mutex_lock(&appsig_mode_mutex);
	if (appsig_mode != CAMSEC_APPSIG_ENFORCE)
		err = -EINVAL;
	else
		WRITE_ONCE(appsig_locked, true);
	mutex_unlock(&appsig_mode_mutex);
	if (!err)
		camsec_event_mode(CAMSEC_APPSIG_ENFORCE, CAMSEC_APPSIG_ENFORCE,
				  true, false);
	return err;
}

/* Boot parameters camsec.appsig=<mode> and camsec.appsig_lock=1. */
static int appsig_mode_param(const char *val, const struct kernel_param *kp)
{
	int mode = camsec_appsig_parse_mode(val);

	if (mode < 0)
		return -EINVAL;
	appsig_mode = mode;
	return 0;
}

static const struct kernel_param_ops appsig_mode_ops = {
	.set = appsig_mode_param,
};

/* camsec.appsig_trust=xattr|verity|xattr,verity */
static int appsig_trust_param(const char *val, const struct kernel_param *kp)
{
	int trust = camsec_appsig_parse_trust(val);

	if (trust < 0)
		return -EINVAL;
	appsig_trust = trust;
	return 0;
}

static const struct kernel_param_ops appsig_trust_ops = {
	.set = appsig_trust_param,
};

static bool appsig_boot_lock __initdata;
module_param_cb(appsig, &appsig_mode_ops, NULL, 0);
module_param_cb(appsig_trust, &appsig_trust_ops, NULL, 0);
module_param_named(appsig_lock, appsig_boot_lock, bool, 0);

/*
 * The result of a check: report it and tell the hook what to return.
 * Permissive mode reports and allows.
 */
static bool count_failure(enum camsec_reason reason)
{
	bool deny = READ_ONCE(appsig_mode) == CAMSEC_APPSIG_ENFORCE;

	atomic64_inc(deny ? &stat_denied : &stat_logged);
	atomic64_inc(&stat_reasons[reason]);
	return deny;
}

static int appsig_outcome(enum camsec_op op,
			  enum camsec_reason reason,
			  const struct path *path, int err)
{
	bool deny;

	if (reason == CAMSEC_REASON_NONE)
		return 0;
	deny = count_failure(reason);
	camsec_event_appsig(op, reason, path, deny);
	return deny ? err : 0;
}

/*
 * Filesystems whose content can change without a write through them:
 * served by another host or a userspace daemon, stacked on a lower file
 * that stays writable (ecryptfs), or stored in a file (a loop device,
 * erofs mounted from a file).
 */
static bool untrusted_fs(const struct super_block *sb)
{
	switch (sb->s_magic) {
	case FUSE_SUPER_MAGIC:
	case NFS_SUPER_MAGIC:
	case CIFS_SUPER_MAGIC:
	case SMB2_SUPER_MAGIC:
	case V9FS_MAGIC:
	case CEPH_SUPER_MAGIC:
	case AFS_FS_MAGIC:
	case ECRYPTFS_SUPER_MAGIC:
		return true;
	case EROFS_SUPER_MAGIC_V1:
		if (!sb->s_bdev)
			return true;	/* mounted from a file */
		break;
	}
	return sb->s_bdev && MAJOR(sb->s_bdev->bd_dev) == LOOP_MAJOR;
}

/*
 * Files the kernel writes into the initial rootfs before it starts init
 * come from the initramfs, which is part of the booted (and, on a camera,
 * verified) kernel image.
 */
static bool kernel_unpacking_initramfs(const struct inode *inode)
{
	return IS_ENABLED(CONFIG_SECURITY_CAMSEC_TRUST_INITRAMFS) &&
	       system_state < SYSTEM_RUNNING && !current->mm &&
	       !strcmp(inode->i_sb->s_type->name, "rootfs");
}

/*
 * The verdict on the content of @inode (the inode holding @file's bytes),
 * reached at the gen returned in @gen. It is cached only if nothing could
 * change the content meanwhile: no writer at the start (a writer that
 * opens later moves gen on) and gen unmoved at the end.
 */
static enum camsec_reason content_verdict(struct file *file,
					  struct inode *inode,
					  struct camsec_inode *ci,
					  u64 *gen)
{
	enum camsec_reason r;
	bool initramfs, quiet;
	u8 verdict;

	if (camsec_verdict_get(ci, &verdict, gen, &initramfs)) {
		atomic64_inc(&stat_cache_hits);
		return verdict;
	}
	if (initramfs)
		return CAMSEC_REASON_NONE;
	quiet = atomic_read(&inode->i_writecount) <= 0;
	r = camsec_digsig_verify(file, inode);
	atomic64_inc(&stat_verified);
	/* A key may be added later, and a read may work next time. */
	if (quiet && r != CAMSEC_REASON_UNKNOWN_KEY &&
	    r != CAMSEC_REASON_READ_ERROR)
		camsec_verdict_put(ci, r, *gen);
	return r;
}

/*
 * The verdict on @inode's content from the trust sources in force: a
 * signed dm-verity device vouches for every block of its filesystems,
 * its own signature for a file elsewhere. Files the kernel unpacked from
 * the initramfs are trusted whatever the sources.
 */
static enum camsec_reason trusted_verdict(struct file *file,
					  struct inode *inode,
					  struct camsec_inode *ci, u64 *gen)
{
	unsigned int trust = READ_ONCE(appsig_trust);
	bool verity = (trust & CAMSEC_TRUST_VERITY) &&
		      camsec_verity_signed(inode->i_sb);
	bool initramfs;
	u8 verdict;

	if (verity || !(trust & CAMSEC_TRUST_XATTR)) {
		camsec_verdict_get(ci, &verdict, gen, &initramfs);
		return verity || initramfs ? CAMSEC_REASON_NONE :
		       CAMSEC_REASON_NOT_VERITY;
	}
	return content_verdict(file, inode, ci, gen);
}

/*
 * Approve @file as code: from here until it is released, @inode cannot be
 * opened for writing. Fails if a writer exists or came while we checked.
 */
static bool approve(struct file *file, struct inode *inode,
		    struct camsec_inode *ci, u64 gen)
{
	struct camsec_file *cf = camsec_file(file);
	bool ok;

	spin_lock(&ci->lock);
	ok = atomic_read(&inode->i_writecount) <= 0 && ci->gen == gen;
	if (ok && !cf->exec_inode) {
		cf->exec_inode = inode;
		ci->exec_files++;
		ihold(inode);
	}
	spin_unlock(&ci->lock);
	return ok;
}

/*
 * Why no signature can vouch for @inode's content, or NONE. The one place
 * that decides: a signature holds only for content that changes through
 * what camsec sees (an open for writing, a truncation, a change of
 * security.ima, all on this inode) and is read from the page cache that
 * an executable mapping shows.
 */
static enum camsec_reason unverifiable(struct inode *inode)
{
	struct address_space *mapping = inode->i_mapping;

	if (!S_ISREG(inode->i_mode))
		return CAMSEC_REASON_NOT_REGULAR;
	/*
	 * Files of kernel-internal mounts (memfd, SysV and anonymous shared
	 * memory, ...) are written through their own descriptors with no
	 * open and no writer count; S_PRIVATE ones skip the LSM's xattr
	 * hooks as well. Pseudo filesystems keep no page cache to hash.
	 */
	if (IS_PRIVATE(inode) || (inode->i_sb->s_flags & SB_KERNMOUNT) ||
	    (!mapping->a_ops->read_folio && !shmem_mapping(mapping)))
		return CAMSEC_REASON_UNTRUSTED_INODE;
	if (untrusted_fs(inode->i_sb))
		return CAMSEC_REASON_UNTRUSTED_FS;
	return CAMSEC_REASON_NONE;
}

static enum camsec_reason check_code(struct file *file)
{
	/* Through overlayfs, the inode that holds the bytes. */
	struct inode *inode = d_real_inode(file->f_path.dentry);
	struct camsec_inode *ci = camsec_inode(inode);
	enum camsec_reason r = unverifiable(inode);
	u64 gen;

	if (r)
		return r;
	if (atomic_read(&inode->i_writecount) > 0)
		return CAMSEC_REASON_OPEN_FOR_WRITE;
	r = trusted_verdict(file, inode, ci, &gen);
	if (r == CAMSEC_REASON_NONE && !approve(file, inode, ci, gen))
		r = CAMSEC_REASON_OPEN_FOR_WRITE;
	return r;
}

/* Is @file's content signed (or the initramfs'), whatever the mode? */
bool camsec_appsig_signed(struct file *file)
{
	struct inode *inode = d_real_inode(file->f_path.dentry);
	u64 gen;

	return !unverifiable(inode) &&
	       trusted_verdict(file, inode, camsec_inode(inode), &gen) ==
	       CAMSEC_REASON_NONE;
}

static int check_file(struct file *file, enum camsec_op op)
{
	if (READ_ONCE(appsig_mode) == CAMSEC_APPSIG_OFF)
		return 0;
	return appsig_outcome(op, check_code(file), &file->f_path, -EACCES);
}

int camsec_appsig_exec(struct file *file)
{
	return check_file(file, CAMSEC_OP_EXEC);
}

/* Executable memory that no signature covers. */
static enum camsec_reason exec_mapping(struct file *file,
				       unsigned long prot, bool shared)
{
	if (!file)
		return CAMSEC_REASON_ANONYMOUS;
	if ((prot & PROT_WRITE) && !shared)
		return CAMSEC_REASON_WRITABLE_EXEC;
	return CAMSEC_REASON_NONE;
}

int camsec_appsig_mmap(struct file *file, unsigned long prot,
		       unsigned long flags)
{
	enum camsec_reason r;

	if (!(prot & PROT_EXEC) || READ_ONCE(appsig_mode) == CAMSEC_APPSIG_OFF)
		return 0;
	r = exec_mapping(file, prot, (flags & MAP_TYPE) == MAP_SHARED);
	if (r)
		return appsig_outcome(CAMSEC_OP_MMAP, r,
				      file ? &file->f_path : NULL, -EACCES);
	return check_file(file, CAMSEC_OP_MMAP);
}

int camsec_appsig_mprotect(struct vm_area_struct *vma, unsigned long prot)
{
	struct file *file = vma->vm_file;
	const struct path *path = file ? &file->f_path : NULL;
	enum camsec_reason r;

	if (!(prot & PROT_EXEC) || READ_ONCE(appsig_mode) == CAMSEC_APPSIG_OFF)
		return 0;
	r = exec_mapping(file, prot, vma->vm_flags & VM_SHARED);
	/* Private pages written since the mapping was made (text relocs). */
	if (!r && vma->anon_vma)
		r = CAMSEC_REASON_MODIFIED_MAPPING;
	if (r)
		return appsig_outcome(CAMSEC_OP_MPROTECT, r, path, -EACCES);
	if (vma->vm_flags & VM_EXEC)
		return 0;
	return check_file(file, CAMSEC_OP_MPROTECT);
}

static enum camsec_op read_file_op(enum kernel_read_file_id id)
{
	switch (id) {
	case READING_MODULE:
		return CAMSEC_OP_MODULE;
	case READING_FIRMWARE:
		return CAMSEC_OP_FIRMWARE;
	case READING_KEXEC_IMAGE:
	case READING_KEXEC_INITRAMFS:
		return CAMSEC_OP_KEXEC;
	default:
		return -1;	/* not code: certificates, policies */
	}
}

int camsec_appsig_kernel_read(struct file *file, enum kernel_read_file_id id)
{
	int op = read_file_op(id);

	return op < 0 ? 0 : check_file(file, op);
}

/* The kernel is handed a buffer: no file, so no signature to check. */
int camsec_appsig_kernel_load(enum kernel_load_data_id id)
{
	int op = read_file_op((enum kernel_read_file_id)id);

	if (op < 0 || READ_ONCE(appsig_mode) == CAMSEC_APPSIG_OFF)
		return 0;
	/* init_module(2) is safe where the kernel checks module signatures. */
	if (op == CAMSEC_OP_MODULE && is_module_sig_enforced())
		return 0;
	return appsig_outcome(op, CAMSEC_REASON_NO_FILE, NULL, -EACCES);
}

/* Does a process map @mapping's pages executable? */
static bool mapped_exec(struct address_space *mapping)
{
	struct vm_area_struct *vma;
	bool found = false;

	if (!mapping_mapped(mapping))
		return false;
	i_mmap_lock_read(mapping);
	vma_interval_tree_foreach(vma, &mapping->i_mmap, 0, ULONG_MAX) {
		if (vma->vm_flags & VM_EXEC) {
			found = true;
			break;
		}
	}
	i_mmap_unlock_read(mapping);
	return found;
}

/*
 * Is @inode in use as code? Approved files count until they are freed;
 * but through overlayfs the mapping holds the real file, which outlives
 * the approved one, so the mappings of the inode's pages count too.
 * Approvals are read first: one ends only once its mapping is in place.
 */
static bool in_use_as_code(struct inode *inode, struct camsec_inode *ci)
{
	bool approved;

	spin_lock(&ci->lock);
	approved = ci->exec_files;
	spin_unlock(&ci->lock);
	return approved || mapped_exec(inode->i_mapping);
}

/*
 * @inode's content is about to change (its writer count is already
 * raised): forget the verdict, unless the inode is in use as code.
 */
static int content_changing(struct inode *inode, const struct path *path)
{
	struct camsec_inode *ci = camsec_inode(inode);
	int mode = READ_ONCE(appsig_mode);
	bool busy;

	if (!S_ISREG(inode->i_mode))
		return 0;
	if (kernel_unpacking_initramfs(inode)) {
		camsec_verdict_initramfs(ci);
		return 0;
	}
	busy = mode != CAMSEC_APPSIG_OFF && in_use_as_code(inode, ci);
	/* A write let through (permissive) must not leave a stale verdict. */
	if (!busy || mode != CAMSEC_APPSIG_ENFORCE)
		camsec_verdict_drop(ci, true);
	if (busy)
		return appsig_outcome(CAMSEC_OP_WRITE,
				      CAMSEC_REASON_MAPPED_EXEC, path,
				      -ETXTBSY);
	return 0;
}

static bool is_proc_mem(const struct file *file)
{
	return file->f_path.dentry->d_sb->s_magic == PROC_SUPER_MAGIC &&
	       !strcmp(file->f_path.dentry->d_name.name, "mem");
}

int camsec_appsig_file_open(struct file *file)
{
	if (!(file->f_mode & FMODE_WRITE))
		return 0;
	/* Writing a process's memory writes its code: "dd of=/proc/$$/mem" */
	if (is_proc_mem(file) &&
	    READ_ONCE(appsig_mode) != CAMSEC_APPSIG_OFF)
		return appsig_outcome(CAMSEC_OP_PTRACE,
				      CAMSEC_REASON_NOT_PERMITTED,
				      &file->f_path, -EACCES);
	return content_changing(file_inode(file), &file->f_path);
}

int camsec_appsig_setattr(struct dentry *dentry, struct iattr *attr)
{
	if (!(attr->ia_valid & ATTR_SIZE))
		return 0;
	return content_changing(d_inode(dentry), NULL);
}

static void signature_changed(struct dentry *dentry)
{
	camsec_verdict_drop(camsec_inode(d_inode(dentry)), false);
}

/* Who may set or remove security.ima: CAP_SYS_ADMIN, never when locked. */
int camsec_appsig_xattr_change(struct dentry *dentry, const char *name)
{
	enum camsec_reason r = CAMSEC_REASON_NONE;

	if (strcmp(name, XATTR_NAME_IMA))
		return 0;
	if (READ_ONCE(appsig_mode) != CAMSEC_APPSIG_OFF) {
		if (READ_ONCE(appsig_locked))
			r = CAMSEC_REASON_LOCKED;
		else if (!capable(CAP_SYS_ADMIN))
			r = CAMSEC_REASON_NOT_PERMITTED;
	}
	if (r) {
		atomic64_inc(&stat_denied);
		atomic64_inc(&stat_reasons[r]);
		camsec_event_appsig_dentry(CAMSEC_OP_SETXATTR, r, dentry);
		return -EPERM;
	}
	signature_changed(dentry);
	return 0;
}

/*
 * Enforcing, no task may write another's memory: that injects code.
 * Called under task locks, so the event goes out later.
 */
int camsec_appsig_ptrace(unsigned int mode)
{
	bool deny;

	if (!(mode & PTRACE_MODE_ATTACH) ||
	    READ_ONCE(appsig_mode) == CAMSEC_APPSIG_OFF)
		return 0;
	deny = count_failure(CAMSEC_REASON_NOT_PERMITTED);
	camsec_event_appsig_atomic(CAMSEC_OP_PTRACE,
				   CAMSEC_REASON_NOT_PERMITTED, deny);
	return deny ? -EPERM : 0;
}

/* Again after the change: a check that raced with it read the old one. */
void camsec_appsig_post_setxattr(struct dentry *dentry, const char *name)
{
	if (!strcmp(name, XATTR_NAME_IMA))
		signature_changed(dentry);
}

/* An approved file's hold on its inode ends with the file. */
void camsec_appsig_file_free(struct file *file)
{
	struct camsec_file *cf = camsec_file(file);
	struct camsec_inode *ci;

	if (!cf->exec_inode)
		return;
	ci = camsec_inode(cf->exec_inode);
	spin_lock(&ci->lock);
	ci->exec_files--;
	spin_unlock(&ci->lock);
	iput(cf->exec_inode);
}

void __init camsec_appsig_boot(void)
{
	/* Locked means enforce, from the first instruction. */
	if (appsig_boot_lock) {
		appsig_mode = CAMSEC_APPSIG_ENFORCE;
		appsig_locked = true;
	}
	pr_info("application signatures: %s%s\n", mode_names[appsig_mode],
		appsig_locked ? ", locked" : "");
}
