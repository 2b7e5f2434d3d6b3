/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec_vcrypt - what one stream holds
 */

#ifndef _CAMSEC_VCRYPT_H
#define _CAMSEC_VCRYPT_H

#include <crypto/aead.h>
#include <linux/list.h>
#include <linux/llist.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <uapi/linux/camsec.h>

#include "ring.h"
#include "source.h"

struct vcrypt_stream;

/* One AEAD request and what it needs, allocated at setup. */
struct vcrypt_req {
	struct list_head free_node;
	struct llist_node done_node;
	struct work_struct work;	/* seals on vcrypt_wq */
	struct vcrypt_stream *stream;
	struct aead_request *areq;
	struct scatterlist *sg_src, *sg_dst;
	unsigned int nsg;		/* entries in each */
	struct vcrypt_frame_src src;	/* released when sealed */
	u64 index;			/* ring slot of the record */
	u8 iv[CAMSEC_VCRYPT_NONCE_LEN];
};

struct vcrypt_stream {
	struct list_head node;		/* vcrypt_streams, for sysfs */
	struct mutex lock;		/* setup, submit, rekey */
	bool ready;			/* set up */
	u32 id;
	u16 aead;
	u16 overflow;
	struct crypto_aead *tfm;
	u32 key_epoch;
	u8 salt[CAMSEC_VCRYPT_SALT_LEN];
	u64 seq;			/* of the next record */
	u64 epoch_records, epoch_blocks;
	u64 max_records, max_blocks;	/* per key */
	u32 max_frame;
	struct vcrypt_ring ring;
	struct vcrypt_import_cache imports;

	struct vcrypt_req *reqs;
	unsigned int depth;
	spinlock_t req_lock;		/* free_reqs, inflight */
	struct list_head free_reqs;
	unsigned int inflight;
	wait_queue_head_t req_wait;	/* a request freed */
	struct llist_head done;		/* sealed, source to release */
	struct work_struct retire_work;
};

/* stream.c */
struct vcrypt_stream *vcrypt_stream_new(void);
void vcrypt_stream_free(struct vcrypt_stream *s);
int vcrypt_stream_setup(struct vcrypt_stream *s,
			const struct camsec_vcrypt_setup *set);
int vcrypt_stream_rekey(struct vcrypt_stream *s, const char *key_desc);
int vcrypt_stream_submit(struct vcrypt_stream *s, bool nonblock,
			 const struct camsec_vcrypt_frame *frame,
			 const char __user *ubuf);

/* seal.c */
int vcrypt_reqs_alloc(struct vcrypt_stream *s);
void vcrypt_reqs_free(struct vcrypt_stream *s);
void vcrypt_reqs_drain(struct vcrypt_stream *s);
void vcrypt_reqs_flush(struct vcrypt_stream *s);
__poll_t vcrypt_reqs_poll(struct vcrypt_stream *s);
struct vcrypt_req *vcrypt_req_get(struct vcrypt_stream *s, bool nonblock);
void vcrypt_req_put(struct vcrypt_req *rq);
int vcrypt_seal(struct vcrypt_stream *s, struct vcrypt_req *rq, u32 len,
		u64 timestamp_ns);
void vcrypt_retire_work(struct work_struct *work);

/* main.c */
extern unsigned int vcrypt_max_ring_mb;
extern struct workqueue_struct *vcrypt_wq;
void vcrypt_streams_add(struct vcrypt_stream *s);
void vcrypt_streams_del(struct vcrypt_stream *s);

#endif /* _CAMSEC_VCRYPT_H */
