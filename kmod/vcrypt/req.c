// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec_vcrypt - a stream's frames in flight
 *
 * Each stream owns depth requests, with their crypto requests, packet
 * plans, scatterlists and page arrays, made at setup: steady state
 * allocates nothing. A submitter takes a free one, or waits for one; a
 * request is retired, its frame's source released and itself freed, once
 * its record is in the ring.
 */

#include <linux/mm.h>
#include <linux/poll.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>

#include "req.h"
#include "rtp.h"
#include "source.h"
#include "stream.h"

void vcrypt_reqs_init(struct vcrypt_stream *s)
{
	spin_lock_init(&s->req_lock);
	INIT_LIST_HEAD(&s->free_reqs);
	init_waitqueue_head(&s->req_wait);
}

static unsigned int frame_pages(u32 max_frame)
{
	/* A frame at any offset in its first page. */
	return DIV_ROUND_UP(max_frame, PAGE_SIZE) + 1;
}

void vcrypt_reqs_free(struct vcrypt_stream *s)
{
	unsigned int i;

	for (i = 0; s->reqs && i < s->depth; i++) {
		vcrypt_srtp_req_free(&s->reqs[i].srtp);
		kvfree(s->reqs[i].sg_src);
		kvfree(s->reqs[i].sg_dst);
		kvfree(s->reqs[i].pkts);
		kvfree(s->reqs[i].spans);
		kvfree(s->reqs[i].src.upages);
	}
	kfree(s->reqs);
	s->reqs = NULL;
}

static void *alloc_sg(unsigned int n)
{
	struct scatterlist *sg = kvmalloc_array(n, sizeof(*sg), GFP_KERNEL);

	if (sg)
		sg_init_table(sg, n);
	return sg;
}

/*
 * The stream's depth requests, for its transforms, MTU and largest
 * frame; @seal seals a request's frame.
 */
int vcrypt_reqs_alloc(struct vcrypt_stream *s, work_func_t seal)
{
	unsigned int i, npages = frame_pages(s->max_frame);
	u32 spans = vcrypt_rtp_max_spans(&s->rtp);
	/* A packet's headers, then each span, over page boundaries. */
	unsigned int nsg_src = 4 + s->mtu / PAGE_SIZE + 2 * spans + 2;
	unsigned int nsg_dst = s->mtu / PAGE_SIZE + 3;
	struct vcrypt_req *rq;

	s->reqs = kcalloc(s->depth, sizeof(*s->reqs), GFP_KERNEL);
	if (!s->reqs)
		return -ENOMEM;
	for (i = 0; i < s->depth; i++) {
		rq = &s->reqs[i];
		rq->stream = s;
		rq->nsg_src = nsg_src;
		rq->nsg_dst = nsg_dst;
		INIT_WORK(&rq->work, seal);
		rq->sg_src = alloc_sg(nsg_src);
		rq->sg_dst = alloc_sg(nsg_dst);
		rq->pkts = kvmalloc_array(s->max_packets, sizeof(*rq->pkts),
					  GFP_KERNEL);
		rq->spans = kvmalloc_array(spans, sizeof(*rq->spans),
					   GFP_KERNEL);
		rq->src.upages = kvmalloc_array(npages, sizeof(struct page *),
						GFP_KERNEL);
		if (vcrypt_srtp_req_alloc(&s->srtp, &rq->srtp) ||
		    !rq->sg_src || !rq->sg_dst || !rq->pkts || !rq->spans ||
		    !rq->src.upages)
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

	for (i = 0; s->reqs && i < s->depth; i++)
		flush_work(&s->reqs[i].work);
}

__poll_t vcrypt_reqs_poll(struct vcrypt_stream *s)
{
	return req_free_or_idle(s, false) ? EPOLLOUT | EPOLLWRNORM : 0;
}

/* The record is in the ring: release the frame's source, free @rq. */
void vcrypt_req_retire(struct vcrypt_req *rq)
{
	vcrypt_src_release(&rq->src);
	vcrypt_req_put(rq);
}
