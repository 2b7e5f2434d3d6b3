/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec_vcrypt - frames cut into RTP packets
 */

#ifndef _CAMSEC_VCRYPT_RTP_H
#define _CAMSEC_VCRYPT_RTP_H

#include <linux/types.h>
#include <uapi/linux/camsec.h>

#define VCRYPT_RTP_HDR_LEN	12
#define VCRYPT_RAW_LINE_HDR	6	/* RFC 4175 line header */
#define VCRYPT_RAW_EXT_SEQ	2	/* RFC 4175 extended sequence number */
#define VCRYPT_RTP_MAX_CLOCK	1000000	/* Hz */

/* The payload format of a stream, from its setup. */
struct vcrypt_rtp {
	u16 payload;		/* enum camsec_vcrypt_payload */
	u8 payload_type;
	u32 clock_rate;
	u32 cap;		/* payload bytes a packet holds */
	struct camsec_vcrypt_raw raw;
	u32 line_bytes;		/* of a raw line, packed */
};

enum vcrypt_pkt_kind {
	VCRYPT_PKT_RAW,		/* frame bytes [off, off + len), packed */
	VCRYPT_PKT_NAL,		/* one whole NAL unit */
	VCRYPT_PKT_FU,		/* a fragment of one (FU-A, H.265 FU) */
};

#define VCRYPT_PKT_START	0x1	/* FU: the first fragment */
#define VCRYPT_PKT_END		0x2	/* FU: the last fragment */

/* One packet of a frame: where its payload comes from. */
struct vcrypt_pkt {
	u32 off, len;		/* in the frame */
	u8 kind;
	u8 flags;
	u8 nal[2];		/* FU: the NAL unit's header */
};

/* A piece of a frame that goes into a packet as it is. */
struct vcrypt_span {
	u32 off, len;		/* in the source buffer */
};

/* Network order at any alignment (6.12 moved the unaligned helpers). */
static inline void vcrypt_put_be16(u16 v, u8 *p)
{
	p[0] = v >> 8;
	p[1] = v;
}

static inline void vcrypt_put_be32(u32 v, u8 *p)
{
	vcrypt_put_be16(v >> 16, p);
	vcrypt_put_be16(v, p + 2);
}

int vcrypt_rtp_init(struct vcrypt_rtp *rtp,
		    const struct camsec_vcrypt_setup *set, u32 overhead);
u32 vcrypt_rtp_max_packets(const struct vcrypt_rtp *rtp, u32 max_frame);
u32 vcrypt_rtp_max_spans(const struct vcrypt_rtp *rtp);
u64 vcrypt_rtp_slot_bytes(const struct vcrypt_rtp *rtp, u32 max_frame,
			  u32 max_packets, u32 overhead);
int vcrypt_rtp_plan(const struct vcrypt_rtp *rtp, const u8 *frame, u32 len,
		    struct vcrypt_pkt *pkts, u32 max_packets);
void vcrypt_rtp_header(const struct vcrypt_rtp *rtp, u8 *hdr, bool marker,
		       u16 seq, u32 timestamp, u32 ssrc);
unsigned int vcrypt_rtp_payload(const struct vcrypt_rtp *rtp,
				const struct vcrypt_pkt *pkt, u64 index,
				u8 *hdr, struct vcrypt_span *spans,
				unsigned int *nspans);

#endif /* _CAMSEC_VCRYPT_RTP_H */
