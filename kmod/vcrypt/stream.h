/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec_vcrypt - what one stream holds
 */

#ifndef _CAMSEC_VCRYPT_STREAM_H
#define _CAMSEC_VCRYPT_STREAM_H

#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <uapi/linux/camsec.h>

#include "key.h"
#include "ring.h"
#include "rtp.h"
#include "source.h"
#include "srtp.h"

struct vcrypt_req;

struct vcrypt_stream {
	struct list_head node;		/* vcrypt_streams, for sysfs */
	struct mutex lock;		/* setup, submit, rekey */
	bool ready;			/* set up */
	u32 id;
	u16 overflow;
	u16 mtu;
	struct vcrypt_srtp srtp;
	struct vcrypt_rtp rtp;
	struct vcrypt_key key;
	u32 key_epoch;
	u32 ssrc;
	u32 rtp_base;			/* RTP timestamp at time 0 */
	u64 index;			/* SRTP index of the next packet */
	u64 epoch_packets, epoch_blocks;
	u64 max_packets_per_key;
	u32 max_frame, max_packets;
	struct vcrypt_ring ring;
	struct vcrypt_import_cache imports;

	/* The requests (req.c). */
	struct vcrypt_req *reqs;
	unsigned int depth;
	spinlock_t req_lock;		/* free_reqs, inflight */
	struct list_head free_reqs;
	unsigned int inflight;
	wait_queue_head_t req_wait;	/* a request freed */
};

struct vcrypt_stream *vcrypt_stream_new(void);
void vcrypt_stream_free(struct vcrypt_stream *s);
int vcrypt_stream_setup(struct vcrypt_stream *s,
			const struct camsec_vcrypt_setup *set);
int vcrypt_stream_rekey(struct vcrypt_stream *s, const char *key_desc);
int vcrypt_stream_submit(struct vcrypt_stream *s, bool nonblock,
			 const struct camsec_vcrypt_frame *frame,
			 const char __user *ubuf);

#endif /* _CAMSEC_VCRYPT_STREAM_H */
