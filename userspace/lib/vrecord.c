// SPDX-License-Identifier: GPL-2.0-only
/*
 * Records of the encrypted video path: see vrecord.h. The header layout
 * is the uapi's; fields are read by memcpy, the buffer may be unaligned.
 */
#define _DEFAULT_SOURCE
#include <endian.h>
#include <stddef.h>
#include <string.h>

#include "vrecord.h"

#define FIELD(buf, f, var) \
	memcpy(&(var), (const uint8_t *)(buf) + \
	       offsetof(struct camsec_vcrypt_record, f), sizeof(var))

#define PKT_HDR sizeof(struct camsec_vcrypt_packet)
#define RTP_HDR 12

static size_t align4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

size_t vrecord_size(const void *buf, size_t max)
{
	uint32_t length;

	if (max < VRECORD_HDR_LEN)
		return 0;
	FIELD(buf, length, length);
	length = le32toh(length);
	return length > max - VRECORD_HDR_LEN ? 0 : VRECORD_HDR_LEN + length;
}

static int header(const void *buf, struct vrecord *rec, const char **why)
{
	uint32_t magic;
	uint8_t version, reserved;
	uint16_t reserved2;
	uint32_t reserved3;

	FIELD(buf, magic, magic);
	FIELD(buf, version, version);
	FIELD(buf, reserved, reserved);
	FIELD(buf, reserved2, reserved2);
	FIELD(buf, reserved3, reserved3);
	*why = "not a camsec video record (bad magic)";
	if (le32toh(magic) != CAMSEC_VCRYPT_MAGIC)
		return -1;
	*why = "unknown record version";
	if (version != CAMSEC_VCRYPT_VERSION)
		return -1;
	*why = "reserved header field not zero";
	if (reserved || reserved2 || reserved3)
		return -1;
	FIELD(buf, flags, rec->flags);
	FIELD(buf, profile, rec->profile);
	FIELD(buf, stream_id, rec->stream_id);
	FIELD(buf, key_epoch, rec->key_epoch);
	FIELD(buf, timestamp_ns, rec->timestamp_ns);
	FIELD(buf, first_index, rec->first_index);
	FIELD(buf, npackets, rec->npackets);
	FIELD(buf, length, rec->length);
	FIELD(buf, ssrc, rec->ssrc);
	FIELD(buf, rtp_timestamp, rec->rtp_timestamp);
	rec->flags = le16toh(rec->flags);
	rec->profile = le16toh(rec->profile);
	rec->stream_id = le32toh(rec->stream_id);
	rec->key_epoch = le32toh(rec->key_epoch);
	rec->timestamp_ns = le64toh(rec->timestamp_ns);
	rec->first_index = le64toh(rec->first_index);
	rec->npackets = le32toh(rec->npackets);
	rec->length = le32toh(rec->length);
	rec->ssrc = le32toh(rec->ssrc);
	rec->rtp_timestamp = le32toh(rec->rtp_timestamp);
	*why = "unknown record flags";
	if (rec->flags & ~CAMSEC_VCRYPT_REC_VOID)
		return -1;
	*why = "void record with packets";
	if ((rec->flags & CAMSEC_VCRYPT_REC_VOID) && (rec->npackets || rec->length))
		return -1;
	*why = "more packets than a frame may have";
	if (rec->npackets > CAMSEC_VCRYPT_MAX_PACKETS)
		return -1;
	*why = "packet index beyond 2^48";
	if (rec->first_index + rec->npackets > (1ULL << 48))
		return -1;
	return 0;
}

int vrecord_packet(const struct vrecord *rec, size_t *off,
		   const uint8_t **pkt, size_t *len)
{
	uint16_t plen;

	if (*off >= rec->length)
		return 0;
	memcpy(&plen, rec->packets + *off, sizeof(plen));
	*len = le16toh(plen);
	*pkt = rec->packets + *off + PKT_HDR;
	*off += align4(PKT_HDR + *len);
	return 1;
}

/* Each packet fits, is an RTP packet, and they fill the record. */
static int packets(const struct vrecord *rec, const char **why)
{
	size_t off = 0, n = 0, len, at;
	const uint8_t *pkt;
	uint16_t plen;

	for (at = 0; at < rec->length; at = off, n++) {
		*why = "packet header past the record's end";
		if (rec->length - at < PKT_HDR)
			return -1;
		memcpy(&plen, rec->packets + at, sizeof(plen));
		*why = "packet past the record's end";
		if (le16toh(plen) > rec->length - at - PKT_HDR)
			return -1;
		vrecord_packet(rec, &off, &pkt, &len);
		*why = "not an RTP packet";
		if (len < RTP_HDR || (pkt[0] & 0xc0) != 0x80)
			return -1;
	}
	*why = "packet count does not match the header";
	return n == rec->npackets && at == rec->length ? 0 : -1;
}

int vrecord_parse(const void *buf, size_t len, struct vrecord *rec,
		  const char **why)
{
	*why = "record shorter than its header";
	if (len < VRECORD_HDR_LEN)
		return -1;
	if (header(buf, rec, why))
		return -1;
	*why = "record length does not match its header";
	if (rec->length != len - VRECORD_HDR_LEN)
		return -1;
	rec->key_rand = (const uint8_t *)buf +
			offsetof(struct camsec_vcrypt_record, key_rand);
	rec->packets = (const uint8_t *)buf + VRECORD_HDR_LEN;
	return packets(rec, why);
}
