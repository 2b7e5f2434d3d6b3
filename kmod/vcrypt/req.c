// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec_vcrypt - a stream's AEAD requests
 *
 * Each stream owns depth AEAD requests, with their scatterlists and page
 * arrays, made at setup: steady state allocates nothing. A submitter takes
 * a free one, or waits for one; a request is retired, its frame's source
 * released and itself freed, once its record is in the ring. Retiring may
 * sleep, so an engine's completion in softirq context leaves it to a work
 * item.
 */

#include <crypto/aead.h>
#include <linux/mm.h>
#include <linux/poll.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>

#include "req.h"
#include "source.h"
#include "stream.h"

static void retire_done(struct work_struct *work);

void vcrypt_reqs_init(struct vcrypt_stream *s)
{
	spin_lock_init(&s->req_lock);
	INIT_LIST_HEAD(&s->free_reqs);
	init_waitqueue_head(&s->req_wait);
	init_llist_head(&s->done);
	INIT_WORK(&s->retire_work, retire_done);
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
		aead_request_free(s->reqs[i].areq);
		kvfree(s->reqs[i].sg_src);
		kvfree(s->reqs[i].sg_dst);
		kvfree(s->reqs[i].src.upages);
	}
	kfree(s->reqs);
	s->reqs = NULL;
}

/*
 * The stream's depth requests, for its tfm and its largest frame; @seal
 * runs a request's AEAD, @seal_void makes its record void.
 */
int vcrypt_reqs_alloc(struct vcrypt_stream *s, work_func_t seal,
		      work_func_t seal_void)
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
		INIT_WORK(&rq->work, seal);
		INIT_WORK(&rq->void_work, seal_void);
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

/* The record is in the ring: release the frame's source, free @rq. */
void vcrypt_req_retire(struct vcrypt_req *rq)
{
	vcrypt_src_release(&rq->src);
	vcrypt_req_put(rq);
}

/* vcrypt_req_retire from any context: releasing a source may sleep. */
void vcrypt_req_retire_later(struct vcrypt_req *rq)
{
	llist_add(&rq->done_node, &rq->stream->done);
	schedule_work(&rq->stream->retire_work);
}

static void retire_done(struct work_struct *work)
{
	struct vcrypt_stream *s = container_of(work, struct vcrypt_stream,
					       retire_work);
	struct vcrypt_req *rq, *next;

	llist_for_each_entry_safe(rq, next, llist_del_all(&s->done), done_node)
		vcrypt_req_retire(rq);
}
