// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec LSM - /sys/kernel/security/camsec/
 *
 *   appsig/mode   off | permissive | enforce (write needs CAP_MAC_ADMIN)
 *   appsig/lock   1 once enforce is locked until reboot; write 1 to lock
 *   appsig/stats  counters, and refusals by reason
 *   appsig/keys   the keys of the .camsec keyring
 */

#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/security.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "appsig.h"
#include "event.h"
#include "keyring.h"
#include "securityfs.h"

#define WRITE_MAX 32

/* A short, whole write from offset 0, as a NUL-terminated string. */
static ssize_t read_command(const char __user *ubuf, size_t len, loff_t *ppos,
			    char *buf)
{
	if (!capable(CAP_MAC_ADMIN))
		return -EPERM;
	if (*ppos != 0 || len == 0 || len >= WRITE_MAX)
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	return 0;
}

static int mode_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s\n", camsec_appsig_mode_name(camsec_appsig_mode()));
	return 0;
}

static int mode_open(struct inode *inode, struct file *file)
{
	return single_open(file, mode_show, NULL);
}

static ssize_t mode_write(struct file *file, const char __user *ubuf,
			  size_t len, loff_t *ppos)
{
	char buf[WRITE_MAX];
	ssize_t err;
	int mode;

	err = read_command(ubuf, len, ppos, buf);
	if (err)
		return err;
	mode = camsec_appsig_parse_mode(buf);
	if (mode < 0)
		return -EINVAL;
	err = camsec_appsig_set_mode(mode);
	return err ? err : len;
}

static const struct file_operations mode_fops = {
	.open = mode_open,
	.read = seq_read,
	.write = mode_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static int lock_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%d\n", camsec_appsig_locked());
	return 0;
}

static int lock_open(struct inode *inode, struct file *file)
{
	return single_open(file, lock_show, NULL);
}

static ssize_t lock_write(struct file *file, const char __user *ubuf,
			  size_t len, loff_t *ppos)
{
	char buf[WRITE_MAX];
	ssize_t err;

	err = read_command(ubuf, len, ppos, buf);
	if (err)
		return err;
	if (!sysfs_streq(buf, "1"))
		return -EINVAL;
	err = camsec_appsig_lock();
	return err ? err : len;
}

static const struct file_operations lock_fops = {
	.open = lock_open,
	.read = seq_read,
	.write = lock_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static int stats_show(struct seq_file *m, void *v)
{
	struct camsec_appsig_stats st;
	int i;

	camsec_appsig_stats(&st);
	seq_printf(m, "verified %llu\ncache_hits %llu\ndenied %llu\n"
		   "logged %llu\nevents_suppressed %llu\n", st.verified,
		   st.cache_hits, st.denied, st.logged,
		   camsec_events_suppressed());
	for (i = CAMSEC_REASON_NONE + 1; i < CAMSEC_REASON_COUNT; i++)
		seq_printf(m, "reason.%s %llu\n", camsec_reason_name(i),
			   st.reasons[i]);
	return 0;
}

static int keys_show(struct seq_file *m, void *v)
{
	camsec_keyring_show(m);
	return 0;
}

DEFINE_SHOW_ATTRIBUTE(stats);
DEFINE_SHOW_ATTRIBUTE(keys);

static const struct {
	const char *name;
	umode_t mode;
	const struct file_operations *fops;
} appsig_files[] = {
	{ "mode", 0644, &mode_fops },
	{ "lock", 0644, &lock_fops },
	{ "stats", 0444, &stats_fops },
	{ "keys", 0444, &keys_fops },
};

/* At boot: a failure leaves the interface incomplete, never enforcement. */
int __init camsec_securityfs_init(void)
{
	struct dentry *dir, *f;
	int i;

	dir = securityfs_create_dir("camsec", NULL);
	if (!IS_ERR(dir))
		dir = securityfs_create_dir("appsig", dir);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	for (i = 0; i < ARRAY_SIZE(appsig_files); i++) {
		f = securityfs_create_file(appsig_files[i].name,
					   appsig_files[i].mode, dir, NULL,
					   appsig_files[i].fops);
		if (IS_ERR(f))
			return PTR_ERR(f);
	}
	return 0;
}
