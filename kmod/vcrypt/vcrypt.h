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
struct key;

/* The traffic key's schedule; the key itself is in the stream's tfm. */
struct vcrypt_key {
	struct key *logon;		/* held, to see it revoked or updated */
	const void *payload;		/* the logon key's, when derived */
	u8 rand[CAMSEC_VCRYPT_KEY_RAND_LEN];	/* in every record */
	u8 iv[CAMSEC_VCRYPT_NONCE_LEN];
};

/* One AEAD request and what it needs, allocated at setup. */
struct vcrypt_req {
	struct list_head free_node;
	struct llist_node done_node;
	struct work_struct work;	/* seals on vcrypt_wq */
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

struct vcrypt_stream {
	struct list_head node;		/* vcrypt_streams, for sysfs */
	struct mutex lock;		/* setup, submit, rekey */
	bool ready;			/* set up */
	u32 id;
	u16 aead;
	u16 overflow;
	struct crypto_aead *tfm;
	struct vcrypt_key key;
	u32 key_epoch;
	u64 seq;			/* of the next record */
	u64 epoch_records, epoch_blocks;
	u64 max_records, max_blocks;	/* per traffic key */
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

/*
 * AES blocks a frame of @len bytes may take under its traffic key: its
 * own, its tag's, and a void record's tag's if the AEAD fails it.
 */
static inline u64 vcrypt_blocks(u64 len)
{
	return DIV_ROUND_UP(len, 16) + 2;
}

/* key.c */
int vcrypt_key_derive(struct vcrypt_key *k, struct crypto_aead *tfm, u8 aead,
		      unsigned int keylen, const char *desc);
void vcrypt_key_put(struct vcrypt_key *k);
int vcrypt_key_standing(const struct vcrypt_key *k);
void vcrypt_key_nonce(const struct vcrypt_key *k, u32 domain, u64 seq,
		      u8 *nonce);

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
bool vcrypt_fail_seal(void);
extern struct workqueue_struct *vcrypt_wq;
void vcrypt_streams_add(struct vcrypt_stream *s);
void vcrypt_streams_del(struct vcrypt_stream *s);

#endif /* _CAMSEC_VCRYPT_H */
