// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec_vcrypt - a stream: its key schedule, its SRTP session, its ring
 *
 * The stream draws what must never repeat: the SSRC, the initial
 * sequence number and the RTP timestamp's base at setup, and a master key
 * at each setup and rekey (key.c). The packet index runs on across rekeys
 * (ONVIF: re-keying does not reset the ROC). Limits per master key are
 * the profile's (srtp.c); then the stream refuses frames until it is
 * rekeyed. The 48-bit index itself is never spent: a stream that would
 * spend it refuses frames, and a new stream is a new SSRC.
 */

#include <linux/bits.h>
#include <linux/ktime.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/random.h>
#include <linux/slab.h>

#include "key.h"
#include "req.h"
#include "ring.h"
#include "rtp.h"
#include "seal.h"
#include "source.h"
#include "srtp.h"
#include "stream.h"

#define SRTP_INDEX_SPACE	BIT_ULL(48)

static unsigned int vcrypt_max_ring_mb = 256;
module_param_named(max_ring_mb, vcrypt_max_ring_mb, uint, 0644);
MODULE_PARM_DESC(max_ring_mb, "largest ring of one stream, MiB");

struct vcrypt_stream *vcrypt_stream_new(void)
{
	struct vcrypt_stream *s = kzalloc(sizeof(*s), GFP_KERNEL);

	if (!s)
		return NULL;
	mutex_init(&s->lock);
	vcrypt_reqs_init(s);
	vcrypt_ring_init(&s->ring);
	return s;
}

/* No file refers to @s any more; frames may still be in the AEAD. */
void vcrypt_stream_free(struct vcrypt_stream *s)
{
	if (s->ready)
		vcrypt_reqs_drain(s);
	vcrypt_reqs_flush(s);
	vcrypt_reqs_free(s);
	vcrypt_imports_clear(&s->imports);
	vcrypt_ring_free(&s->ring);
	vcrypt_key_put(&s->key);
	vcrypt_srtp_free(&s->srtp);
	kfree(s);
}

static int check_key_desc(const char *desc)
{
	if (!memchr(desc, '\0', CAMSEC_VCRYPT_KEY_DESC_MAX))
		return -EINVAL;
	if (strncmp(desc, CAMSEC_VCRYPT_KEY_PREFIX,
		    strlen(CAMSEC_VCRYPT_KEY_PREFIX)))
		return -EINVAL;
	return 0;
}

/* A new master key from the logon key @desc (vcrypt_key_derive). */
static int new_master_key(struct vcrypt_stream *s, const char *desc)
{
	int err = vcrypt_key_derive(&s->key, &s->srtp, desc);

	if (err)
		return err;
	s->epoch_packets = 0;
	s->epoch_blocks = 0;
	return 0;
}

static u32 depth_of(const struct camsec_vcrypt_setup *set)
{
	return set->depth ?: 2;
}

static int check_setup(const struct camsec_vcrypt_setup *set)
{
	u32 depth = depth_of(set);

	if (set->flags || set->reserved || check_key_desc(set->key_desc))
		return -EINVAL;
	if (set->overflow > CAMSEC_VCRYPT_REFUSE_NEWEST)
		return -EINVAL;
	if (!set->max_frame || set->max_frame > CAMSEC_VCRYPT_MAX_FRAME ||
	    set->max_packets > CAMSEC_VCRYPT_MAX_PACKETS)
		return -EINVAL;
	if (!is_power_of_2(set->nr_slots) ||
	    set->nr_slots > CAMSEC_VCRYPT_MAX_SLOTS ||
	    depth > CAMSEC_VCRYPT_MAX_DEPTH || depth >= set->nr_slots)
		return -EINVAL;
	return 0;
}

/* The session's parameters and its ring's size; nothing allocated. */
static int plan_stream(struct vcrypt_stream *s,
		       const struct camsec_vcrypt_setup *set, u32 *slot)
{
	u32 overhead = vcrypt_srtp_overhead(&s->srtp);
	u64 bytes;
	int err;

	err = vcrypt_rtp_init(&s->rtp, set, overhead);
	if (err)
		return err;
	s->max_frame = set->max_frame;
	s->max_packets = set->max_packets ?:
		vcrypt_rtp_max_packets(&s->rtp, set->max_frame);
	if (!s->max_packets || s->max_packets > CAMSEC_VCRYPT_MAX_PACKETS)
		return -E2BIG;
	/*
	 * And room for a whole packet past the worst case, so that the
	 * check before each packet (seal.c) never refuses one that fits.
	 */
	bytes = PAGE_ALIGN(vcrypt_rtp_slot_bytes(&s->rtp, set->max_frame,
						 s->max_packets, overhead) +
			   sizeof(struct camsec_vcrypt_packet) + set->mtu);
	if (set->nr_slots * bytes > (u64)vcrypt_max_ring_mb << 20)
		return -E2BIG;
	*slot = bytes;
	return 0;
}

/* What a receiver learns of the session from the ring's first page. */
static void publish_session(struct vcrypt_stream *s)
{
	struct camsec_vcrypt_ring *ctl = s->ring.ctl;
	unsigned long flags;

	spin_lock_irqsave(&s->ring.lock, flags);
	ctl->ssrc = s->ssrc;
	ctl->profile = s->srtp.profile;
	ctl->mki_len = s->srtp.mki_len;
	memcpy(ctl->key_rand, s->key.rand, sizeof(ctl->key_rand));
	WRITE_ONCE(ctl->key_epoch, s->key_epoch);
	spin_unlock_irqrestore(&s->ring.lock, flags);
}

static int setup_locked(struct vcrypt_stream *s,
			const struct camsec_vcrypt_setup *set)
{
	u32 slot;
	int err;

	err = vcrypt_srtp_init(&s->srtp, set->profile, set->mki_len) ?:
	      plan_stream(s, set, &slot) ?:
	      new_master_key(s, set->key_desc);
	if (err)
		return err;
	s->id = set->stream_id;
	s->overflow = set->overflow;
	s->mtu = set->mtu;
	s->depth = depth_of(set);
	s->max_packets_per_key = s->srtp.max_packets;
	if (set->max_records && set->max_records < s->max_packets_per_key)
		s->max_packets_per_key = set->max_records;
	/* RFC 3550 5.1: random; below 2^15, so that the ROC starts at 0. */
	s->ssrc = get_random_u32();
	s->index = get_random_u32() & 0x7fff;
	s->rtp_base = get_random_u32();
	err = vcrypt_ring_alloc(&s->ring, set->nr_slots, slot) ?:
	      vcrypt_seal_reqs_alloc(s);
	if (err)
		return err;
	publish_session(s);
	return 0;
}

int vcrypt_stream_setup(struct vcrypt_stream *s,
			const struct camsec_vcrypt_setup *set)
{
	int err;

	err = check_setup(set);
	if (err)
		return err;
	mutex_lock(&s->lock);
	err = -EBUSY;
	if (s->ready)
		goto out;
	err = setup_locked(s, set);
	if (err) {
		vcrypt_ring_free(&s->ring);
		vcrypt_key_put(&s->key);
		vcrypt_srtp_free(&s->srtp);
		goto out;
	}
	/* Readers that do not take the lock (mmap, poll, sysfs) see it all. */
	smp_store_release(&s->ready, true);
out:
	mutex_unlock(&s->lock);
	return err;
}

/* Take @s's lock if it is set up: 0 with the lock held, or an error. */
static int lock_ready(struct vcrypt_stream *s)
{
	int err = mutex_lock_interruptible(&s->lock);

	if (err)
		return err;
	if (!s->ready) {
		mutex_unlock(&s->lock);
		return -EBADFD;
	}
	return 0;
}

/*
 * A new master key, from @key_desc or the same logon key, and the next
 * MKI: frames before it keep the old one; none is lost, and the packet
 * index runs on.
 */
int vcrypt_stream_rekey(struct vcrypt_stream *s, const char *key_desc)
{
	unsigned long flags;
	int err;

	err = check_key_desc(key_desc) ?: lock_ready(s);
	if (err)
		return err;
	vcrypt_reqs_drain(s);
	err = new_master_key(s, key_desc);
	if (err)
		goto out;
	s->key_epoch++;
	s->srtp.mki = s->key_epoch;
	spin_lock_irqsave(&s->ring.lock, flags);
	s->ring.ctl->stats.rekeys++;
	spin_unlock_irqrestore(&s->ring.lock, flags);
	publish_session(s);
out:
	mutex_unlock(&s->lock);
	return err;
}

static int refuse(struct vcrypt_stream *s, u64 *counter, int err)
{
	unsigned long flags;

	spin_lock_irqsave(&s->ring.lock, flags);
	(*counter)++;
	spin_unlock_irqrestore(&s->ring.lock, flags);
	return err;
}

/* The logon key stands as it was when the master key came from it. */
static int check_key(struct vcrypt_stream *s)
{
	int err = vcrypt_key_standing(&s->key);

	if (err)
		return refuse(s, &s->ring.ctl->stats.key_refused, err);
	return 0;
}

/* The master key, and the index, have room for @npkts more packets. */
static int check_budget(struct vcrypt_stream *s, u32 len, u32 npkts)
{
	if (s->epoch_packets + npkts > s->max_packets_per_key ||
	    s->epoch_blocks + vcrypt_srtp_blocks(len, npkts) >
	    s->srtp.max_blocks || s->index + npkts > SRTP_INDEX_SPACE)
		return refuse(s, &s->ring.ctl->stats.budget_refused,
			      -EKEYEXPIRED);
	return 0;
}

static int frame_source(struct vcrypt_stream *s,
			const struct camsec_vcrypt_frame *frame,
			const char __user *ubuf, struct vcrypt_req *rq)
{
	if (ubuf)
		return vcrypt_src_user(ubuf, frame->length, &rq->src);
	return vcrypt_src_dmabuf(&s->imports, frame->fd, frame->offset,
				 frame->length, &rq->src);
}

/*
 * A frame from a dma-buf (@ubuf NULL), sealed asynchronously, or from
 * write(2) (@ubuf), whose pinned pages are sealed before it returns.
 */
int vcrypt_stream_submit(struct vcrypt_stream *s, bool nonblock,
			 const struct camsec_vcrypt_frame *frame,
			 const char __user *ubuf)
{
	struct vcrypt_req *rq;
	int err, npkts;

	if (frame->flags || !frame->length)
		return -EINVAL;
	err = lock_ready(s);
	if (err)
		return err;
	err = -EMSGSIZE;
	if (frame->length > s->max_frame)
		goto out;
	err = check_key(s);
	if (err)
		goto out;
	rq = vcrypt_req_get(s, nonblock);
	err = PTR_ERR_OR_ZERO(rq);
	if (err)
		goto out;
	err = frame_source(s, frame, ubuf, rq);
	if (err) {
		vcrypt_req_put(rq);
		goto out;
	}
	npkts = vcrypt_rtp_plan(&s->rtp, rq->src.vaddr, frame->length,
				rq->pkts, s->max_packets);
	err = npkts < 0 ? npkts : check_budget(s, frame->length, npkts);
	if (err) {
		vcrypt_req_retire(rq);
		goto out;
	}
	err = vcrypt_seal(s, rq, npkts, frame->length,
			  frame->timestamp_ns ?: ktime_get_real_ns());
	/* The writer may reuse its buffer once write(2) returns. */
	if (!err && ubuf)
		vcrypt_reqs_drain(s);
out:
	mutex_unlock(&s->lock);
	return err;
}
