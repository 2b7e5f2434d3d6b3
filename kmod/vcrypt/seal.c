// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec_vcrypt - sealing frames into records of SRTP packets
 *
 * The submitter plans the frame's packets and takes their sequence
 * numbers, then queues the request on an unbound workqueue and returns:
 * a stream's frames in flight are sealed on several CPUs at once. The
 * work item writes each packet's headers into the ring slot and has the
 * crypto API read the frame's bytes from where they lie (dma-buf or
 * pinned pages) and write the ciphertext next to them; it waits for an
 * engine's completion (MAY_BACKLOG), so it sleeps, and a completion needs
 * no context of its own. The ring publishes records in order whatever
 * order they finish in. A frame that fails becomes a void record: its
 * slot wiped, for what the transform left there may be plaintext.
 */

#include <linux/math64.h>
#include <linux/scatterlist.h>
#include <linux/workqueue.h>

#include "req.h"
#include "ring.h"
#include "rtp.h"
#include "seal.h"
#include "srtp.h"
#include "stream.h"

static struct workqueue_struct *seal_wq;

#ifdef CONFIG_FAULT_INJECTION_DEBUG_FS
#include <linux/fault-inject.h>	/* not self-contained without it in 6.1 */

/*
 * Tests make a packet's sealing fail: /sys/kernel/debug/fail_camsec_vcrypt
 * (verbose 0 keeps it quiet: 6.1 does not export should_fail_ex).
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

/* @len bytes from @pages at @offset into @sg; the count of entries. */
static unsigned int sg_fill(struct scatterlist *sg, struct page **pages,
			    size_t offset, size_t len)
{
	unsigned int n = 0, chunk, in_page;

	pages += offset >> PAGE_SHIFT;
	for (in_page = offset & ~PAGE_MASK; len; len -= chunk, in_page = 0) {
		chunk = min_t(size_t, len, PAGE_SIZE - in_page);
		sg_unmark_end(&sg[n]);
		sg_set_page(&sg[n++], *pages++, chunk, in_page);
	}
	return n;
}

/* @len bytes of the ring at @p into @sg. */
static unsigned int sg_ring(struct scatterlist *sg, const struct vcrypt_ring *r,
			    const u8 *p, size_t len)
{
	return sg_fill(sg, r->pages, p - (const u8 *)r->mem, len);
}

/*
 * The scatterlists of a packet whose RTP header is at @pkt and whose
 * payload is @phlen header bytes after it, then the spans: the payload's
 * length.
 */
static unsigned int build_sg(struct vcrypt_req *rq, u8 *pkt,
			     unsigned int phlen, unsigned int nspans)
{
	struct vcrypt_stream *s = rq->stream;
	const struct vcrypt_frame_src *src = &rq->src;
	bool with_hdr = vcrypt_srtp_with_header(&s->srtp);
	unsigned int i, n = 0, len = phlen;
	u8 *start = with_hdr ? pkt : pkt + VCRYPT_RTP_HDR_LEN;

	if (with_hdr)
		n += sg_ring(rq->sg_src, &s->ring, pkt, VCRYPT_RTP_HDR_LEN);
	if (phlen)
		n += sg_ring(rq->sg_src + n, &s->ring,
			     pkt + VCRYPT_RTP_HDR_LEN, phlen);
	for (i = 0; i < nspans; i++) {
		n += sg_fill(rq->sg_src + n, src->pages,
			     src->offset + rq->spans[i].off, rq->spans[i].len);
		len += rq->spans[i].len;
	}
	sg_mark_end(&rq->sg_src[n - 1]);
	n = sg_ring(rq->sg_dst, &s->ring, start,
		    (with_hdr ? VCRYPT_RTP_HDR_LEN + s->srtp.tag_len : 0) + len);
	sg_mark_end(&rq->sg_dst[n - 1]);
	return len;
}

/* Packet @k of the frame, written at @at in its slot: its length, or an errno. */
static int seal_packet(struct vcrypt_req *rq, u32 k, u8 *at)
{
	struct vcrypt_stream *s = rq->stream;
	u8 *pkt = at + sizeof(struct camsec_vcrypt_packet);
	u64 index = rq->first_index + k;
	unsigned int phlen, nspans, len;

	phlen = vcrypt_rtp_payload(&s->rtp, &rq->pkts[k], index,
				   pkt + VCRYPT_RTP_HDR_LEN, rq->spans, &nspans);
	vcrypt_rtp_header(&s->rtp, pkt, k == rq->npkts - 1, (u16)index,
			  rq->rtp_timestamp, s->ssrc);
	len = build_sg(rq, pkt, phlen, nspans);
	return vcrypt_srtp_protect(&s->srtp, &rq->srtp, pkt, rq->sg_src,
				   rq->sg_dst, len, index);
}

static void write_header(struct vcrypt_req *rq, struct camsec_vcrypt_record *rec)
{
	struct vcrypt_stream *s = rq->stream;

	rec->magic = cpu_to_le32(CAMSEC_VCRYPT_MAGIC);
	rec->version = CAMSEC_VCRYPT_VERSION;
	rec->reserved = 0;
	rec->flags = 0;
	rec->stream_id = cpu_to_le32(s->id);
	rec->key_epoch = cpu_to_le32(s->key_epoch);
	rec->timestamp_ns = cpu_to_le64(rq->timestamp_ns);
	rec->first_index = cpu_to_le64(rq->first_index);
	rec->npackets = cpu_to_le32(rq->npkts);
	rec->length = 0;
	rec->ssrc = cpu_to_le32(s->ssrc);
	rec->rtp_timestamp = cpu_to_le32(rq->rtp_timestamp);
	rec->profile = cpu_to_le16(s->srtp.profile);
	rec->reserved2 = 0;
	rec->reserved3 = 0;
	memcpy(rec->key_rand, s->key.rand, sizeof(rec->key_rand));
}

/* The frame's packets, one after the other, into its slot. */
static int seal_frame(struct vcrypt_req *rq, struct camsec_vcrypt_record *rec)
{
	const u8 *end = (u8 *)rec + rq->stream->ring.slot_size;
	struct camsec_vcrypt_packet *p;
	u8 *at = (u8 *)(rec + 1);
	u32 k;
	int n;

	write_header(rq, rec);
	for (k = 0; k < rq->npkts; k++) {
		/* The slot was sized for the worst case (rtp.c): never past it. */
		if (WARN_ON_ONCE(end - at < (long)sizeof(*p) + rq->stream->mtu))
			return -EOVERFLOW;
		n = seal_packet(rq, k, at);
		if (n >= 0 && should_fail_seal())
			n = -EIO;
		if (n < 0)
			return n;
		p = (struct camsec_vcrypt_packet *)at;
		p->length = cpu_to_le16(n);
		p->reserved = 0;
		at += ALIGN(sizeof(*p) + n, 4);
	}
	rec->length = cpu_to_le32(at - (u8 *)(rec + 1));
	return 0;
}

static void seal_work(struct work_struct *work)
{
	struct vcrypt_req *rq = container_of(work, struct vcrypt_req, work);
	struct vcrypt_ring *ring = &rq->stream->ring;
	struct camsec_vcrypt_record *rec = vcrypt_ring_slot(ring, rq->index);
	bool ok = !seal_frame(rq, rec);

	if (!ok) {
		memset(rec + 1, 0, ring->slot_size - sizeof(*rec));
		rec->flags = cpu_to_le16(CAMSEC_VCRYPT_REC_VOID);
		rec->npackets = 0;
		rec->length = 0;
	}
	vcrypt_ring_publish(ring, rq->index, rq->npkts, ok ? rq->len : 0, ok);
	vcrypt_req_retire(rq);
}

/*
 * Seal @rq's frame of @len bytes, planned as @npkts packets, into the
 * next slot; @rq is the workqueue's from here on. The key's budget was
 * checked. The record is published when it is sealed; a frame that fails
 * becomes a void record, counted in errors. An error here is the ring's.
 */
int vcrypt_seal(struct vcrypt_stream *s, struct vcrypt_req *rq, u32 npkts,
		u32 len, u64 timestamp_ns)
{
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
	rq->npkts = npkts;
	rq->len = len;
	rq->first_index = s->index;
	rq->timestamp_ns = timestamp_ns;
	rq->rtp_timestamp = s->rtp_base +
		(u32)mul_u64_u32_div(timestamp_ns, s->rtp.clock_rate,
				     NSEC_PER_SEC);
	s->index += npkts;
	s->epoch_packets += npkts;
	s->epoch_blocks += vcrypt_srtp_blocks(len, npkts);
	queue_work(seal_wq, &rq->work);
	return 0;
}

/* The stream's requests, each to seal on the workqueue. */
int vcrypt_seal_reqs_alloc(struct vcrypt_stream *s)
{
	return vcrypt_reqs_alloc(s, seal_work);
}
