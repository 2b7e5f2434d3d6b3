/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec_vcrypt - a stream's AEAD requests
 */

#ifndef _CAMSEC_VCRYPT_REQ_H
#define _CAMSEC_VCRYPT_REQ_H

#include <linux/list.h>
#include <linux/llist.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <uapi/linux/camsec.h>

#include "source.h"

struct aead_request;
struct scatterlist;
struct vcrypt_stream;

/* One AEAD request and what it needs, allocated at setup. */
struct vcrypt_req {
	struct list_head free_node;
	struct llist_node done_node;
	struct work_struct work;	/* seals (seal.c) */
	struct work_struct void_work;	/* an engine failed it: make it void */
	struct vcrypt_stream *stream;
	struct aead_request *areq;
	struct scatterlist *sg_src, *sg_dst;
	unsigned int nsg;		/* entries in each */
	struct vcrypt_frame_src src;	/* released when sealed */
	u64 index;			/* ring slot of the record */
	u8 iv[CAMSEC_VCRYPT_NONCE_LEN];
	u8 void_iv[CAMSEC_VCRYPT_NONCE_LEN];	/* if the AEAD fails */
};

void vcrypt_reqs_init(struct vcrypt_stream *s);
int vcrypt_reqs_alloc(struct vcrypt_stream *s, work_func_t seal,
		      work_func_t seal_void);
void vcrypt_reqs_free(struct vcrypt_stream *s);
void vcrypt_reqs_drain(struct vcrypt_stream *s);
void vcrypt_reqs_flush(struct vcrypt_stream *s);
__poll_t vcrypt_reqs_poll(struct vcrypt_stream *s);
struct vcrypt_req *vcrypt_req_get(struct vcrypt_stream *s, bool nonblock);
void vcrypt_req_put(struct vcrypt_req *rq);
void vcrypt_req_retire(struct vcrypt_req *rq);
void vcrypt_req_retire_later(struct vcrypt_req *rq);

#endif /* _CAMSEC_VCRYPT_REQ_H */
