/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Records of the encrypted video path (camsec_vcrypt), as the ring holds
 * them: a header, then the frame's SRTP packets (uapi camsec.h). A sender
 * checks a record before it sends a byte of it: the ring is the kernel's,
 * but a record copied in drop-oldest mode may be torn.
 */
#ifndef CAMSEC_VRECORD_H
#define CAMSEC_VRECORD_H

#include <stddef.h>
#include <stdint.h>

#include <linux/camsec.h>

#define VRECORD_HDR_LEN sizeof(struct camsec_vcrypt_record)

/* A parsed record; the pointers are into the caller's buffer. */
struct vrecord {
	uint16_t flags, profile;
	uint32_t stream_id, key_epoch, npackets, length, ssrc, rtp_timestamp;
	uint64_t timestamp_ns, first_index;
	const uint8_t *key_rand;	/* CAMSEC_VCRYPT_KEY_RAND_LEN bytes */
	const uint8_t *packets;		/* length bytes */
};

/*
 * Check the record of @len bytes at @buf, its packets' lengths included.
 * 0, or -1 with *why set to a message naming the fault.
 */
int vrecord_parse(const void *buf, size_t len, struct vrecord *rec,
		  const char **why);

/* The length of the record at @buf from its header, or 0 if none fits. */
size_t vrecord_size(const void *buf, size_t max);

/*
 * The packet at *@off of a parsed record, and *@off moved past it: 1, or
 * 0 after the last.
 */
int vrecord_packet(const struct vrecord *rec, size_t *off,
		   const uint8_t **pkt, size_t *len);

#endif
