// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec_vcrypt - sealing frames into records
 *
 * Each stream owns depth AEAD requests, with their scatterlists and page
 * arrays, made at setup: steady state allocates nothing. The submitter
 * queues a request on an unbound workqueue and returns: a CPU transform
 * seals there, so a stream's frames in flight are sealed on several CPUs
 * at once, and an engine's driver takes it from there (MAY_BACKLOG). The
 * ring publishes records in order whatever order they finish in. An
 * engine's completion may run in softirq context: it publishes the record
 * and leaves the frame's source to a work item, which may sleep. A frame
 * the AEAD fails becomes a void record, sealed in process context: its
 * header under a nonce of its own domain, so that a receiver authenticates
 * it as it does every other record.
 */

#include <linux/scatterlist.h>
#include <linux/slab.h>

#include "vcrypt.h"

static void seal_work(struct work_struct *work);
static void void_work(struct work_struct *work);

static unsigned int frame_pages(u32 max_frame)
{
	/* A frame at any offset in its first page. */
	return DIV_ROUND_UP(max_frame, PAGE_SIZE) + 1;
}

void vcrypt_reqs_free(struct vcrypt_stream *s)
{
	unsigned int i;

	for (i = 0; s->reqs && i < s->depth; i++) {
		aead_request_free(s->reqs[i].areq);
		kvfree(s->reqs[i].sg_src);
		kvfree(s->reqs[i].sg_dst);
		kvfree(s->reqs[i].src.upages);
	}
	kfree(s->reqs);
	s->reqs = NULL;
}

int vcrypt_reqs_alloc(struct vcrypt_stream *s)
{
	unsigned int i, npages = frame_pages(s->max_frame);
	unsigned int nsg = max(npages + 1, s->ring.slot_size >> PAGE_SHIFT);
	struct vcrypt_req *rq;

	s->reqs = kcalloc(s->depth, sizeof(*s->reqs), GFP_KERNEL);
	if (!s->reqs)
		return -ENOMEM;
	for (i = 0; i < s->depth; i++) {
		rq = &s->reqs[i];
		rq->stream = s;
		rq->nsg = nsg;
		INIT_WORK(&rq->work, seal_work);
		INIT_WORK(&rq->void_work, void_work);
		rq->areq = aead_request_alloc(s->tfm, GFP_KERNEL);
		rq->sg_src = kvmalloc_array(nsg, sizeof(*rq->sg_src), GFP_KERNEL);
		rq->sg_dst = kvmalloc_array(nsg, sizeof(*rq->sg_dst), GFP_KERNEL);
		rq->src.upages = kvmalloc_array(npages, sizeof(struct page *),
						GFP_KERNEL);
		if (!rq->areq || !rq->sg_src || !rq->sg_dst || !rq->src.upages)
			goto nomem;
		list_add_tail(&rq->free_node, &s->free_reqs);
	}
	return 0;
nomem:
	vcrypt_reqs_free(s);
	INIT_LIST_HEAD(&s->free_reqs);
	return -ENOMEM;
}

static bool req_free_or_idle(struct vcrypt_stream *s, bool idle)
{
	bool ret;

	spin_lock(&s->req_lock);
	ret = idle ? !s->inflight : !list_empty(&s->free_reqs);
	spin_unlock(&s->req_lock);
	return ret;
}

struct vcrypt_req *vcrypt_req_get(struct vcrypt_stream *s, bool nonblock)
{
	struct vcrypt_req *rq;

	for (;;) {
		spin_lock(&s->req_lock);
		rq = list_first_entry_or_null(&s->free_reqs, struct vcrypt_req,
					      free_node);
		if (rq) {
			list_del(&rq->free_node);
			s->inflight++;
		}
		spin_unlock(&s->req_lock);
		if (rq)
			return rq;
		if (nonblock)
			return ERR_PTR(-EAGAIN);
		if (wait_event_interruptible(s->req_wait,
					     req_free_or_idle(s, false)))
			return ERR_PTR(-ERESTARTSYS);
	}
}

void vcrypt_req_put(struct vcrypt_req *rq)
{
	struct vcrypt_stream *s = rq->stream;

	spin_lock(&s->req_lock);
	list_add(&rq->free_node, &s->free_reqs);
	s->inflight--;
	spin_unlock(&s->req_lock);
	wake_up_all(&s->req_wait);
}

/* Wait until no request is out: the key may change, or the stream go. */
void vcrypt_reqs_drain(struct vcrypt_stream *s)
{
	wait_event(s->req_wait, req_free_or_idle(s, true));
}

/* After a drain: the last work items may still be on their way out. */
void vcrypt_reqs_flush(struct vcrypt_stream *s)
{
	unsigned int i;

	for (i = 0; s->reqs && i < s->depth; i++) {
		flush_work(&s->reqs[i].work);
		flush_work(&s->reqs[i].void_work);
	}
	flush_work(&s->retire_work);
}

__poll_t vcrypt_reqs_poll(struct vcrypt_stream *s)
{
	return req_free_or_idle(s, false) ? EPOLLOUT | EPOLLWRNORM : 0;
}

static void retire(struct vcrypt_req *rq)
{
	vcrypt_src_release(&rq->src);
	vcrypt_req_put(rq);
}

void vcrypt_retire_work(struct work_struct *work)
{
	struct vcrypt_stream *s = container_of(work, struct vcrypt_stream,
					       retire_work);
	struct vcrypt_req *rq, *next;

	llist_for_each_entry_safe(rq, next, llist_del_all(&s->done), done_node)
		retire(rq);
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
	retire(rq);
}

static void seal_work(struct work_struct *work)
{
	struct vcrypt_req *rq = container_of(work, struct vcrypt_req, work);
	int err = crypto_aead_encrypt(rq->areq);

	if (err == -EINPROGRESS || err == -EBUSY)
		return;
	/* As an engine may fail: after it wrote into the slot. */
	if (!err && vcrypt_fail_seal())
		err = -EIO;
	if (err)
		seal_void(rq);
	else
		sealed(rq);
	retire(rq);
}

static void seal_done(struct vcrypt_req *rq, int err)
{
	/* A backlogged request has started: the real end comes later. */
	if (err == -EINPROGRESS)
		return;
	if (err) {
		queue_work(vcrypt_wq, &rq->void_work);
		return;
	}
	sealed(rq);
	llist_add(&rq->done_node, &rq->stream->done);
	schedule_work(&rq->stream->retire_work);
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
		retire(rq);
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
	queue_work(vcrypt_wq, &rq->work);
	return 0;
}
