/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec_vcrypt - a stream's frames in flight
 */

#ifndef _CAMSEC_VCRYPT_REQ_H
#define _CAMSEC_VCRYPT_REQ_H

#include <linux/list.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include "source.h"
#include "srtp.h"

struct scatterlist;
struct vcrypt_pkt;
struct vcrypt_span;
struct vcrypt_stream;

/* One frame in flight and what sealing it needs, allocated at setup. */
struct vcrypt_req {
	struct list_head free_node;
	struct work_struct work;	/* seals (seal.c) */
	struct vcrypt_stream *stream;
	struct vcrypt_srtp_req srtp;
	struct scatterlist *sg_src, *sg_dst;
	unsigned int nsg_src, nsg_dst;	/* entries in each */
	struct vcrypt_pkt *pkts;	/* the frame's, planned at submit */
	struct vcrypt_span *spans;	/* one packet's */
	u32 npkts;
	struct vcrypt_frame_src src;	/* released when sealed */
	u64 index;			/* ring slot of the record */
	u64 first_index;		/* SRTP index of its first packet */
	u64 timestamp_ns;
	u32 rtp_timestamp;
	u32 len;
};

void vcrypt_reqs_init(struct vcrypt_stream *s);
int vcrypt_reqs_alloc(struct vcrypt_stream *s, work_func_t seal);
void vcrypt_reqs_free(struct vcrypt_stream *s);
void vcrypt_reqs_drain(struct vcrypt_stream *s);
void vcrypt_reqs_flush(struct vcrypt_stream *s);
__poll_t vcrypt_reqs_poll(struct vcrypt_stream *s);
struct vcrypt_req *vcrypt_req_get(struct vcrypt_stream *s, bool nonblock);
void vcrypt_req_put(struct vcrypt_req *rq);
void vcrypt_req_retire(struct vcrypt_req *rq);

#endif /* _CAMSEC_VCRYPT_REQ_H */
