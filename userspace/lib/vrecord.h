/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Records of the encrypted video path (camsec_vcrypt): parsing, the key
 * schedule (a traffic key per key_rand, uapi camsec.h), opening (verify
 * and decrypt), replay and reorder detection, and the UDP chunks that
 * carry records larger than a datagram.
 */
#ifndef CAMSEC_VRECORD_H
#define CAMSEC_VRECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/camsec.h>

#define VRECORD_HDR_LEN sizeof(struct camsec_vcrypt_record)
#define VRECORD_OVERHEAD (VRECORD_HDR_LEN + CAMSEC_VCRYPT_TAG_LEN)

/* A parsed record; the pointers are into the caller's buffer. */
struct vrecord {
	uint8_t aead, flags;
	uint32_t stream_id, key_epoch, length;
	uint64_t seq, timestamp_ns;
	const uint8_t *header;		/* VRECORD_HDR_LEN bytes, the AAD */
	const uint8_t *key_rand;	/* CAMSEC_VCRYPT_KEY_RAND_LEN bytes */
	const uint8_t *ciphertext;	/* length bytes */
	const uint8_t *tag;
};

/* 0, or -1 with *why set to a message naming the fault. */
int vrecord_parse(const void *buf, size_t len, struct vrecord *rec,
		  const char **why);

/* A traffic key and IV: what the kernel derived for one key_rand. */
struct vtraffic {
	uint8_t aead;
	uint8_t rand[CAMSEC_VCRYPT_KEY_RAND_LEN];
	uint8_t key[32];
	size_t keylen;
	uint8_t iv[CAMSEC_VCRYPT_NONCE_LEN];
};

/*
 * Derive @rec's traffic key from the logon key's CAMSEC_VCRYPT_KDK_LEN
 * bytes @kdk. 0, or -1 with *why.
 */
int vtraffic_derive(struct vtraffic *t, const struct vrecord *rec,
		    const uint8_t *kdk, const char **why);

/* The nonce of a record: IV XOR (domain || seq). */
void vtraffic_nonce(const struct vtraffic *t, uint32_t domain, uint64_t seq,
		    uint8_t *nonce);

/*
 * Verify @rec under @t, its traffic key, and decrypt it into @plain
 * (rec->length bytes; a void record has none but is verified all the
 * same). 0, or -1 with *why: authentication failed, or another record's
 * traffic key.
 */
int vrecord_open(const struct vrecord *rec, const struct vtraffic *t,
		 uint8_t *plain, const char **why);

/* What a record's sequence number says, once it is authentic. */
enum vrx_verdict {
	VRX_NEXT,	/* the next one, or later (records in between lost) */
	VRX_LATE,	/* older than the newest, not seen before: reordered */
	VRX_REPLAY,	/* seen before */
	VRX_STALE,	/* too old to tell: refused as a replay */
};

#define VRX_WINDOW 64

struct vrx_window {
	bool started;
	uint64_t top;		/* the newest sequence number seen */
	uint64_t seen;		/* bit i: top - i seen */
};

enum vrx_verdict vrx_window_check(struct vrx_window *w, uint64_t seq);

/*
 * UDP carriage: a record split into chunks, each with this header (little
 * endian) and at most VCHUNK_PAYLOAD bytes. Chunks of a record go in
 * order; the receiver keeps one record in assembly.
 */
#define VCHUNK_MAGIC 0x46565343u	/* "CSVF" */
#define VCHUNK_PAYLOAD 60000
#define VCHUNK_MAX_RECORD (CAMSEC_VCRYPT_MAX_FRAME + VRECORD_OVERHEAD)

struct vchunk_hdr {
	uint32_t magic;
	uint32_t record_len;
	uint32_t offset;
	uint32_t reserved;
	uint64_t seq;
};

struct vasm {
	uint8_t *buf;		/* VCHUNK_MAX_RECORD bytes, the caller's */
	bool active;
	uint64_t seq;
	uint32_t len, got;
	uint64_t abandoned;	/* records left incomplete */
};

/*
 * Add one datagram. 1: a record is complete in a->buf (a->len bytes);
 * 0: more to come; -1: not a chunk (*why says why), nothing changed.
 */
int vasm_add(struct vasm *a, const void *dgram, size_t len, const char **why);

#endif
