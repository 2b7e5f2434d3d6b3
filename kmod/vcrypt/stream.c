// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec_vcrypt - a stream: its key schedule, its AEAD, its ring
 *
 * Limits per traffic key (draft-irtf-cfrg-aead-limits, attacker advantage
 * 2^-57): AES-GCM seals at most 2^32 records and 2^36 blocks,
 * ChaCha20-Poly1305 2^48 records; then the stream refuses frames until it
 * is rekeyed, which derives a new traffic key (key.c).
 */

#include <crypto/aead.h>
#include <linux/ktime.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>

#include "key.h"
#include "req.h"
#include "ring.h"
#include "seal.h"
#include "source.h"
#include "stream.h"

static unsigned int vcrypt_max_ring_mb = 256;
module_param_named(max_ring_mb, vcrypt_max_ring_mb, uint, 0644);
MODULE_PARM_DESC(max_ring_mb, "largest ring of one stream, MiB");

struct aead_kind {
	const char *name;
	unsigned int keylen;
	u64 max_records, max_blocks;
};

static const struct aead_kind aead_kinds[] = {
	[CAMSEC_VCRYPT_AES_128_GCM] = { "gcm(aes)", 16, 1ULL << 32, 1ULL << 36 },
	[CAMSEC_VCRYPT_CHACHA20_POLY1305] = { "rfc7539(chacha20,poly1305)", 32,
					      1ULL << 48, U64_MAX },
	[CAMSEC_VCRYPT_AES_256_GCM] = { "gcm(aes)", 32, 1ULL << 32, 1ULL << 36 },
};

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
	crypto_free_aead(s->tfm);
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

/* A new traffic key from the logon key @desc (vcrypt_key_derive). */
static int new_traffic_key(struct vcrypt_stream *s, const char *desc)
{
	int err = vcrypt_key_derive(&s->key, s->tfm, s->aead,
				    aead_kinds[s->aead].keylen, desc);

	if (err)
		return err;
	s->epoch_records = 0;
	s->epoch_blocks = 0;
	return 0;
}

/* A slot holds the header, the largest frame and the tag, in pages. */
static u64 slot_size(const struct camsec_vcrypt_setup *set)
{
	return PAGE_ALIGN(sizeof(struct camsec_vcrypt_record) +
			  (u64)set->max_frame + CAMSEC_VCRYPT_TAG_LEN);
}

static u32 depth_of(const struct camsec_vcrypt_setup *set)
{
	return set->depth ?: 2;
}

static int check_setup(const struct camsec_vcrypt_setup *set)
{
	u32 depth = depth_of(set);

	if (set->flags || check_key_desc(set->key_desc))
		return -EINVAL;
	if (set->aead < CAMSEC_VCRYPT_AES_128_GCM ||
	    set->aead > CAMSEC_VCRYPT_AES_256_GCM ||
	    set->overflow > CAMSEC_VCRYPT_REFUSE_NEWEST)
		return -EINVAL;
	if (!set->max_frame || set->max_frame > CAMSEC_VCRYPT_MAX_FRAME)
		return -EINVAL;
	if (!is_power_of_2(set->nr_slots) ||
	    set->nr_slots > CAMSEC_VCRYPT_MAX_SLOTS ||
	    depth > CAMSEC_VCRYPT_MAX_DEPTH || depth >= set->nr_slots)
		return -EINVAL;
	if (set->nr_slots * slot_size(set) > (u64)vcrypt_max_ring_mb << 20)
		return -E2BIG;
	return 0;
}

int vcrypt_stream_setup(struct vcrypt_stream *s,
			const struct camsec_vcrypt_setup *set)
{
	const struct aead_kind *kind;
	int err;

	err = check_setup(set);
	if (err)
		return err;
	mutex_lock(&s->lock);
	err = -EBUSY;
	if (s->ready)
		goto out;
	kind = &aead_kinds[set->aead];
	s->tfm = crypto_alloc_aead(kind->name, 0, 0);
	if (IS_ERR(s->tfm)) {
		err = PTR_ERR(s->tfm);
		s->tfm = NULL;
		goto out;
	}
	s->aead = set->aead;
	err = crypto_aead_setauthsize(s->tfm, CAMSEC_VCRYPT_TAG_LEN) ?:
	      new_traffic_key(s, set->key_desc);
	if (err)
		goto undo;
	s->id = set->stream_id;
	s->overflow = set->overflow;
	s->max_frame = set->max_frame;
	s->depth = depth_of(set);
	s->max_records = kind->max_records;
	if (set->max_records && set->max_records < s->max_records)
		s->max_records = set->max_records;
	s->max_blocks = kind->max_blocks;
	err = vcrypt_ring_alloc(&s->ring, set->nr_slots, slot_size(set));
	if (err)
		goto undo;
	err = vcrypt_seal_reqs_alloc(s);
	if (err)
		goto undo;
	/* Readers that do not take the lock (mmap, poll, sysfs) see it all. */
	smp_store_release(&s->ready, true);
	goto out;
undo:
	vcrypt_ring_free(&s->ring);
	vcrypt_key_put(&s->key);
	crypto_free_aead(s->tfm);
	s->tfm = NULL;
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
 * A new traffic key, from @key_desc or the same logon key: frames before
 * it keep the old one; none is lost.
 */
int vcrypt_stream_rekey(struct vcrypt_stream *s, const char *key_desc)
{
	unsigned long flags;
	int err;

	err = check_key_desc(key_desc) ?: lock_ready(s);
	if (err)
		return err;
	vcrypt_reqs_drain(s);
	err = new_traffic_key(s, key_desc);
	if (err)
		goto out;
	s->key_epoch++;
	spin_lock_irqsave(&s->ring.lock, flags);
	s->ring.ctl->stats.rekeys++;
	WRITE_ONCE(s->ring.ctl->key_epoch, s->key_epoch);
	spin_unlock_irqrestore(&s->ring.lock, flags);
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

/* The logon key stands and the traffic key has budget for @len bytes. */
static int check_key(struct vcrypt_stream *s, u64 len)
{
	struct camsec_vcrypt_stats *st = &s->ring.ctl->stats;
	int err = vcrypt_key_standing(&s->key);

	if (err)
		return refuse(s, &st->key_refused, err);
	if (s->epoch_records >= s->max_records ||
	    s->epoch_blocks + vcrypt_blocks(len) > s->max_blocks)
		return refuse(s, &st->budget_refused, -EKEYEXPIRED);
	return 0;
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
	int err;

	if (frame->flags || !frame->length)
		return -EINVAL;
	err = lock_ready(s);
	if (err)
		return err;
	err = -EMSGSIZE;
	if (frame->length > s->max_frame)
		goto out;
	err = check_key(s, frame->length);
	if (err)
		goto out;
	rq = vcrypt_req_get(s, nonblock);
	err = PTR_ERR_OR_ZERO(rq);
	if (err)
		goto out;
	if (ubuf)
		err = vcrypt_src_user(ubuf, frame->length, &rq->src);
	else
		err = vcrypt_src_dmabuf(&s->imports, frame->fd, frame->offset,
					frame->length, &rq->src);
	if (err) {
		vcrypt_req_put(rq);
		goto out;
	}
	err = vcrypt_seal(s, rq, frame->length,
			  frame->timestamp_ns ?: ktime_get_real_ns());
	/* The writer may reuse its buffer once write(2) returns. */
	if (!err && ubuf)
		vcrypt_reqs_drain(s);
out:
	mutex_unlock(&s->lock);
	return err;
}
