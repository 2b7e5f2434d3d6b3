// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec_vcrypt - sealing frames into records
 *
 * The submitter queues a request on an unbound workqueue and returns: a
 * CPU transform seals there, so a stream's frames in flight are sealed on
 * several CPUs at once, and an engine's driver takes it from there
 * (MAY_BACKLOG). The ring publishes records in order whatever order they
 * finish in. An engine's completion may run in softirq context: it
 * publishes the record and leaves the request to be retired later (req.c).
 * A frame the AEAD fails becomes a void record, sealed in process context:
 * its header under a nonce of its own domain, so that a receiver
 * authenticates it as it does every other record.
 */

#include <crypto/aead.h>
#include <linux/scatterlist.h>
#include <linux/workqueue.h>

#include "key.h"
#include "req.h"
#include "ring.h"
#include "seal.h"
#include "stream.h"

static struct workqueue_struct *seal_wq;

#ifdef CONFIG_FAULT_INJECTION_DEBUG_FS
#include <linux/fault-inject.h>	/* not self-contained without it in 6.1 */

/*
 * Tests make the AEAD fail: /sys/kernel/debug/fail_camsec_vcrypt (verbose
 * 0 keeps it quiet: 6.1 does not export should_fail_ex).
 */
static DECLARE_FAULT_ATTR(fail_seal);
static struct dentry *fail_seal_dir;

static bool should_fail_seal(void)
{
	return should_fail(&fail_seal, 1);
}

static void fail_seal_init(void)
{
	fail_seal_dir = fault_create_debugfs_attr("fail_camsec_vcrypt", NULL,
						  &fail_seal);
}

static void fail_seal_exit(void)
{
	debugfs_remove_recursive(fail_seal_dir);
}
#else
static bool should_fail_seal(void)
{
	return false;
}

static void fail_seal_init(void) {}
static void fail_seal_exit(void) {}
#endif

int __init vcrypt_seal_init(void)
{
	/* Unbound: a stream's frames in flight seal on whichever CPUs idle. */
	seal_wq = alloc_workqueue("camsec_vcrypt", WQ_UNBOUND, 0);
	if (!seal_wq)
		return -ENOMEM;
	fail_seal_init();
	return 0;
}

void vcrypt_seal_exit(void)
{
	fail_seal_exit();
	destroy_workqueue(seal_wq);
}

static void sealed(struct vcrypt_req *rq)
{
	struct vcrypt_ring *ring = &rq->stream->ring;
	struct camsec_vcrypt_record *rec = vcrypt_ring_slot(ring, rq->index);

	vcrypt_ring_publish(ring, rq->index, le32_to_cpu(rec->length), true);
}

/*
 * The frame failed: make its record void, with a tag over its header.
 * If that fails too, the record goes out void without a valid tag, and
 * a receiver refuses it as it would a forgery.
 */
static void seal_void(struct vcrypt_req *rq)
{
	struct vcrypt_ring *ring = &rq->stream->ring;
	struct camsec_vcrypt_record *rec = vcrypt_ring_slot(ring, rq->index);
	struct page *page = vcrypt_ring_slot_pages(ring, rq->index)[0];
	struct aead_request *areq = rq->areq;
	DECLARE_CRYPTO_WAIT(wait);
	int err;

	/* What the failed AEAD left in the slot goes: it may be plaintext. */
	memset(rec + 1, 0, le32_to_cpu(rec->length) + CAMSEC_VCRYPT_TAG_LEN);
	rec->flags = cpu_to_le16(CAMSEC_VCRYPT_REC_VOID);
	rec->length = 0;
	sg_init_table(rq->sg_src, 1);
	sg_set_page(rq->sg_src, page, sizeof(*rec), 0);
	sg_init_table(rq->sg_dst, 1);
	sg_set_page(rq->sg_dst, page, sizeof(*rec) + CAMSEC_VCRYPT_TAG_LEN, 0);
	aead_request_set_callback(areq, CRYPTO_TFM_REQ_MAY_BACKLOG |
				  CRYPTO_TFM_REQ_MAY_SLEEP, crypto_req_done,
				  &wait);
	aead_request_set_ad(areq, sizeof(*rec));
	aead_request_set_crypt(areq, rq->sg_src, rq->sg_dst, 0, rq->void_iv);
	err = crypto_wait_req(crypto_aead_encrypt(areq), &wait);
	if (err)
		memset(rec + 1, 0, CAMSEC_VCRYPT_TAG_LEN);
	vcrypt_ring_publish(ring, rq->index, 0, false);
}

static void void_work(struct work_struct *work)
{
	struct vcrypt_req *rq = container_of(work, struct vcrypt_req,
					     void_work);

	seal_void(rq);
	vcrypt_req_retire(rq);
}

static void seal_work(struct work_struct *work)
{
	struct vcrypt_req *rq = container_of(work, struct vcrypt_req, work);
	int err = crypto_aead_encrypt(rq->areq);

	if (err == -EINPROGRESS || err == -EBUSY)
		return;
	/* As an engine may fail: after it wrote into the slot. */
	if (!err && should_fail_seal())
		err = -EIO;
	if (err)
		seal_void(rq);
	else
		sealed(rq);
	vcrypt_req_retire(rq);
}

static void seal_done(struct vcrypt_req *rq, int err)
{
	/* A backlogged request has started: the real end comes later. */
	if (err == -EINPROGRESS)
		return;
	if (err) {
		queue_work(seal_wq, &rq->void_work);
		return;
	}
	sealed(rq);
	vcrypt_req_retire_later(rq);
}

#ifdef CAMSEC_CRYPTO_COMPLETION_DATA
static void seal_done_cb(void *data, int err)
{
	seal_done(data, err);
}
#else
static void seal_done_cb(struct crypto_async_request *base, int err)
{
	seal_done(base->data, err);
}
#endif

/* @len bytes from @pages at @offset into @sg; the count of entries. */
static unsigned int sg_fill(struct scatterlist *sg, struct page **pages,
			    unsigned int offset, size_t len)
{
	unsigned int n = 0, chunk;

	for (; len; len -= chunk, offset = 0) {
		chunk = min_t(size_t, len, PAGE_SIZE - offset);
		sg_set_page(&sg[n++], *pages++, chunk, offset);
	}
	return n;
}

static void build_sg(struct vcrypt_req *rq, u32 len)
{
	struct vcrypt_ring *ring = &rq->stream->ring;
	struct page **slot = vcrypt_ring_slot_pages(ring, rq->index);
	size_t hdr = sizeof(struct camsec_vcrypt_record);
	unsigned int n;

	/* src: the header as associated data, then the plaintext */
	n = 1 + DIV_ROUND_UP(rq->src.offset + len, PAGE_SIZE);
	sg_init_table(rq->sg_src, n);
	sg_set_page(rq->sg_src, slot[0], hdr, 0);
	sg_fill(rq->sg_src + 1, rq->src.pages, rq->src.offset, len);
	/* dst: the slot, header, ciphertext and tag in a row */
	n = DIV_ROUND_UP(hdr + len + CAMSEC_VCRYPT_TAG_LEN, PAGE_SIZE);
	sg_init_table(rq->sg_dst, n);
	sg_fill(rq->sg_dst, slot, 0, hdr + len + CAMSEC_VCRYPT_TAG_LEN);
}

static void write_header(struct vcrypt_stream *s, struct vcrypt_req *rq,
			 u32 len, u64 timestamp_ns)
{
	struct camsec_vcrypt_record *rec = vcrypt_ring_slot(&s->ring, rq->index);

	vcrypt_key_nonce(&s->key, CAMSEC_VCRYPT_DOMAIN_FRAME, s->seq, rq->iv);
	vcrypt_key_nonce(&s->key, CAMSEC_VCRYPT_DOMAIN_VOID, s->seq,
			 rq->void_iv);
	rec->magic = cpu_to_le32(CAMSEC_VCRYPT_MAGIC);
	rec->version = CAMSEC_VCRYPT_VERSION;
	rec->aead = s->aead;
	rec->flags = 0;
	rec->stream_id = cpu_to_le32(s->id);
	rec->key_epoch = cpu_to_le32(s->key_epoch);
	rec->seq = cpu_to_le64(s->seq);
	rec->timestamp_ns = cpu_to_le64(timestamp_ns);
	rec->length = cpu_to_le32(len);
	rec->reserved = 0;
	memcpy(rec->key_rand, s->key.rand, sizeof(rec->key_rand));
}

/*
 * Seal @len bytes of @rq's source into the next slot; @rq is the AEAD's
 * from here on. The key's budget was checked. The record is published
 * when the AEAD is done; a frame the AEAD fails becomes a void record,
 * counted in errors. An error here is the ring's.
 */
int vcrypt_seal(struct vcrypt_stream *s, struct vcrypt_req *rq, u32 len,
		u64 timestamp_ns)
{
	struct aead_request *areq = rq->areq;
	int err;

	while ((err = vcrypt_ring_reserve(&s->ring,
					  s->overflow == CAMSEC_VCRYPT_DROP_OLDEST,
					  &rq->index)) == -EAGAIN) {
		err = wait_event_interruptible(s->ring.readers,
					       vcrypt_ring_readable(&s->ring));
		if (err)
			break;
	}
	if (err) {
		vcrypt_req_retire(rq);
		return err;
	}
	write_header(s, rq, len, timestamp_ns);
	s->seq++;
	s->epoch_records++;
	s->epoch_blocks += vcrypt_blocks(len);
	build_sg(rq, len);
	aead_request_set_callback(areq, CRYPTO_TFM_REQ_MAY_BACKLOG |
				  CRYPTO_TFM_REQ_MAY_SLEEP, seal_done_cb, rq);
	aead_request_set_ad(areq, sizeof(struct camsec_vcrypt_record));
	aead_request_set_crypt(areq, rq->sg_src, rq->sg_dst, len, rq->iv);
	queue_work(seal_wq, &rq->work);
	return 0;
}

/* The stream's requests, each to seal on the workqueue. */
int vcrypt_seal_reqs_alloc(struct vcrypt_stream *s)
{
	return vcrypt_reqs_alloc(s, seal_work, void_work);
}
