// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec_vcrypt - the encrypted video path of an IP camera
 *
 * Frames leave the capture pipeline as dma-buf and are cut here into RTP
 * packets and sealed as SRTP with the kernel crypto API (a SoC's crypto
 * engine where there is one) into a ring that the streaming process maps
 * read-only and sends from: plaintext never reaches userspace. The device
 * is a misc device with a fixed minor from the range for local use, so
 * that the camsec LSM's access policy can name it (class video dev
 * 10:250).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/uaccess.h>

#include "req.h"
#include "ring.h"
#include "seal.h"
#include "stream.h"

static unsigned int vcrypt_minor = 250;
module_param_named(minor, vcrypt_minor, uint, 0444);
MODULE_PARM_DESC(minor, "misc minor of /dev/camsec_vcrypt (240-254 are for local use)");

static LIST_HEAD(vcrypt_streams);
static DEFINE_MUTEX(vcrypt_streams_lock);

static int vcrypt_open(struct inode *inode, struct file *file)
{
	struct vcrypt_stream *s = vcrypt_stream_new();

	if (!s)
		return -ENOMEM;
	mutex_lock(&vcrypt_streams_lock);
	list_add_tail(&s->node, &vcrypt_streams);
	mutex_unlock(&vcrypt_streams_lock);
	file->private_data = s;
	return nonseekable_open(inode, file);
}

static int vcrypt_release(struct inode *inode, struct file *file)
{
	struct vcrypt_stream *s = file->private_data;

	mutex_lock(&vcrypt_streams_lock);
	list_del(&s->node);
	mutex_unlock(&vcrypt_streams_lock);
	vcrypt_stream_free(s);
	return 0;
}

static long vcrypt_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct vcrypt_stream *s = file->private_data;
	void __user *uarg = (void __user *)arg;
	union {
		struct camsec_vcrypt_setup setup;
		struct camsec_vcrypt_frame frame;
		struct camsec_vcrypt_rekey rekey;
		u64 tail;
	} a;

	switch (cmd) {
	case CAMSEC_VCRYPT_SETUP:
	case CAMSEC_VCRYPT_SUBMIT:
	case CAMSEC_VCRYPT_REKEY:
	case CAMSEC_VCRYPT_CONSUME:
		break;
	default:
		return -ENOTTY;
	}
	if (copy_from_user(&a, uarg, _IOC_SIZE(cmd)))
		return -EFAULT;
	switch (cmd) {
	case CAMSEC_VCRYPT_SETUP:
		return vcrypt_stream_setup(s, &a.setup);
	case CAMSEC_VCRYPT_SUBMIT:
		return vcrypt_stream_submit(s, file->f_flags & O_NONBLOCK,
					    &a.frame, NULL);
	case CAMSEC_VCRYPT_REKEY:
		return vcrypt_stream_rekey(s, a.rekey.key_desc);
	case CAMSEC_VCRYPT_CONSUME:
		/* Pairs with setup's release, as in mmap. */
		if (!smp_load_acquire(&s->ready))
			return -EBADFD;
		return vcrypt_ring_consume(&s->ring, a.tail);
	}
	return -ENOTTY;
}

/* The copy-in path, for sources without dma-buf: one write, one frame. */
static ssize_t vcrypt_write(struct file *file, const char __user *buf,
			    size_t count, loff_t *ppos)
{
	struct camsec_vcrypt_frame frame = { .length = count };
	int err;

	err = vcrypt_stream_submit(file->private_data,
				   file->f_flags & O_NONBLOCK, &frame, buf);
	return err ?: count;
}

static int vcrypt_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct vcrypt_stream *s = file->private_data;

	/* ready is released once, after the ring exists, and never cleared. */
	if (!smp_load_acquire(&s->ready))
		return -EBADFD;
	return vcrypt_ring_mmap(&s->ring, vma);
}

static __poll_t vcrypt_poll(struct file *file, poll_table *wait)
{
	struct vcrypt_stream *s = file->private_data;

	/* Pairs with setup's release: the ring exists once ready is seen. */
	if (!smp_load_acquire(&s->ready))
		return EPOLLERR;
	poll_wait(file, &s->ring.readers, wait);
	poll_wait(file, &s->req_wait, wait);
	return (vcrypt_ring_readable(&s->ring) ? EPOLLIN | EPOLLRDNORM : 0) |
	       vcrypt_reqs_poll(s);
}

static const struct file_operations vcrypt_fops = {
	.owner = THIS_MODULE,
	.open = vcrypt_open,
	.release = vcrypt_release,
	.unlocked_ioctl = vcrypt_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.write = vcrypt_write,
	.mmap = vcrypt_mmap,
	.poll = vcrypt_poll,
};

/* The profile's name in SDES (RFC 4568, RFC 7714). */
static const char *profile_name(u16 profile)
{
	switch (profile) {
	case CAMSEC_SRTP_AES128_CM_HMAC_SHA1_80:
		return "AES_CM_128_HMAC_SHA1_80";
	case CAMSEC_SRTP_AEAD_AES_128_GCM:
		return "AEAD_AES_128_GCM";
	case CAMSEC_SRTP_AEAD_AES_256_GCM:
		return "AEAD_AES_256_GCM";
	}
	return "?";
}

/* One line per set-up stream, for integrators and tests. */
static ssize_t streams_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	struct camsec_vcrypt_stats st;
	struct vcrypt_stream *s;
	unsigned long flags;
	ssize_t len;

	len = sysfs_emit(buf,
			 "id profile ssrc key_epoch slots slot_size submitted sealed dropped_oldest refused_newest errors bytes rekeys key_refused budget_refused packets\n");
	mutex_lock(&vcrypt_streams_lock);
	list_for_each_entry(s, &vcrypt_streams, node) {
		/* Pairs with setup's release: the ring exists once ready. */
		if (!smp_load_acquire(&s->ready))
			continue;
		/* A line is at most 320 bytes; a 4 KiB page holds 12 streams. */
		if (len + 320 > PAGE_SIZE) {
			len += sysfs_emit_at(buf, len, "...\n");
			break;
		}
		spin_lock_irqsave(&s->ring.lock, flags);
		st = s->ring.ctl->stats;
		spin_unlock_irqrestore(&s->ring.lock, flags);
		len += sysfs_emit_at(buf, len,
				     "%u %s %08x %u %u %u %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu\n",
				     s->id, profile_name(s->srtp.profile),
				     s->ssrc,
				     READ_ONCE(s->ring.ctl->key_epoch),
				     s->ring.nr_slots, s->ring.slot_size,
				     st.submitted, st.sealed, st.dropped_oldest,
				     st.refused_newest, st.errors, st.bytes,
				     st.rekeys, st.key_refused, st.budget_refused,
				     st.packets);
	}
	mutex_unlock(&vcrypt_streams_lock);
	return len;
}
static DEVICE_ATTR_ADMIN_RO(streams);	/* other users' streams: root only */

static struct attribute *vcrypt_attrs[] = {
	&dev_attr_streams.attr,
	NULL,
};
ATTRIBUTE_GROUPS(vcrypt);

static struct miscdevice vcrypt_dev = {
	.name = "camsec_vcrypt",
	.fops = &vcrypt_fops,
	.groups = vcrypt_groups,
	.mode = 0660,
};

static int __init vcrypt_init(void)
{
	int err;

	err = vcrypt_seal_init();
	if (err)
		return err;
	vcrypt_dev.minor = vcrypt_minor;
	err = misc_register(&vcrypt_dev);
	if (err)
		vcrypt_seal_exit();
	return err;
}

static void __exit vcrypt_exit(void)
{
	misc_deregister(&vcrypt_dev);
	vcrypt_seal_exit();
}

module_init(vcrypt_init);
module_exit(vcrypt_exit);
MODULE_DESCRIPTION("camsec: video frames sealed as SRTP in the kernel");
MODULE_LICENSE("GPL");
