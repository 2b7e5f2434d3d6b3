// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec_vcrypt - frames cut into RTP packets
 *
 * A frame's packets are planned when it is submitted, so that its
 * sequence numbers are taken in submission order; they are written when
 * it is sealed. A packet's payload is a few header bytes made here and
 * spans of the frame, which the cipher reads where they are.
 *
 * Raw video (RFC 4175) packs as many line segments into a packet as fit,
 * each a whole number of pixel groups, as GStreamer's rtpvrawpay does.
 * H.264 (RFC 6184, packetization-mode 1) and H.265 (RFC 7798) take the
 * NAL units of an Annex B access unit: one packet for a NAL unit that
 * fits, fragmentation units for one that does not. No aggregation: a
 * camera's parameter sets are the only small units, once per key frame.
 */

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "rtp.h"

#define H264_FU_A		28
#define H265_FU			49
#define MAX_NALS_PER_FRAME	256	/* default max_packets beyond the data */

static bool is_nal_format(u16 payload)
{
	return payload == CAMSEC_RTP_H264 || payload == CAMSEC_RTP_H265;
}

static unsigned int nal_hdr_len(const struct vcrypt_rtp *rtp)
{
	return rtp->payload == CAMSEC_RTP_H264 ? 1 : 2;
}

static unsigned int fu_hdr_len(const struct vcrypt_rtp *rtp)
{
	return nal_hdr_len(rtp) + 1;
}

static u32 raw_stride(const struct vcrypt_rtp *rtp)
{
	return rtp->raw.stride ?: rtp->line_bytes;
}

static int check_raw(struct vcrypt_rtp *rtp)
{
	const struct camsec_vcrypt_raw *raw = &rtp->raw;
	u32 line;

	/* Line numbers and pixel offsets are 15-bit fields. */
	if (!raw->width || !raw->height || raw->width > 0x7fff ||
	    raw->height > 0x7fff || !raw->pgroup_bytes ||
	    !raw->pgroup_pixels || raw->width % raw->pgroup_pixels)
		return -EINVAL;
	/* 32 bits: under 2^15 groups of under 2^16 bytes */
	line = raw->width / raw->pgroup_pixels * raw->pgroup_bytes;
	if ((u64)line * raw->height > CAMSEC_VCRYPT_MAX_FRAME ||
	    (raw->stride && raw->stride < line) ||
	    (u64)raw->stride * raw->height > CAMSEC_VCRYPT_MAX_FRAME)
		return -EINVAL;
	rtp->line_bytes = line;
	/* The extended sequence number, a line header and a pixel group. */
	if (rtp->cap < VCRYPT_RAW_EXT_SEQ + VCRYPT_RAW_LINE_HDR +
		       raw->pgroup_bytes)
		return -EINVAL;
	return 0;
}

/* The payload format of @set; @overhead is SRTP's per packet. */
int vcrypt_rtp_init(struct vcrypt_rtp *rtp,
		    const struct camsec_vcrypt_setup *set, u32 overhead)
{
	static const struct camsec_vcrypt_raw no_raw;

	/* RTP clocks are kHz; a MHz keeps timestamp_ns * rate / 10^9 in 64 bits. */
	if (set->payload_type > 127 || !set->clock_rate ||
	    set->clock_rate > VCRYPT_RTP_MAX_CLOCK ||
	    set->mtu < CAMSEC_VCRYPT_MIN_MTU || set->mtu > CAMSEC_VCRYPT_MAX_MTU)
		return -EINVAL;
	rtp->payload = set->payload;
	rtp->payload_type = set->payload_type;
	rtp->clock_rate = set->clock_rate;
	rtp->cap = set->mtu - VCRYPT_RTP_HDR_LEN - overhead;
	rtp->raw = set->raw;
	if (set->payload == CAMSEC_RTP_RAW)
		return check_raw(rtp);
	if (!is_nal_format(set->payload) || memcmp(&set->raw, &no_raw,
						   sizeof(no_raw)))
		return -EINVAL;
	return 0;
}

/*
 * The end of the raw packet that starts at @pos: segments of lines, in
 * whole pixel groups, while a line header and a pixel group still fit.
 * With @spans, the segments' line headers go to @hdr and their bytes'
 * places in the buffer to @spans.
 */
static u32 raw_fill(const struct vcrypt_rtp *rtp, u32 pos, u8 *hdr,
		    struct vcrypt_span *spans, unsigned int *nspans)
{
	u32 total = rtp->raw.height * rtp->line_bytes;
	u32 room = rtp->cap - VCRYPT_RAW_EXT_SEQ;
	unsigned int pg = rtp->raw.pgroup_bytes, n = 0;
	u32 line, col, seg;

	while (pos < total && room >= VCRYPT_RAW_LINE_HDR + pg) {
		line = pos / rtp->line_bytes;
		col = pos % rtp->line_bytes;
		seg = min(rtp->line_bytes - col,
			  rounddown(room - VCRYPT_RAW_LINE_HDR, pg));
		if (spans) {
			vcrypt_put_be16(seg, hdr);
			vcrypt_put_be16(line, hdr + 2);
			vcrypt_put_be16(col / pg * rtp->raw.pgroup_pixels,
					hdr + 4);
			hdr += VCRYPT_RAW_LINE_HDR;
			spans[n].off = line * raw_stride(rtp) + col;
			spans[n].len = seg;
		}
		n++;
		room -= VCRYPT_RAW_LINE_HDR + seg;
		pos += seg;
	}
	/* The continuation bit on all but the last line header. */
	if (spans) {
		*nspans = n;
		for (hdr -= VCRYPT_RAW_LINE_HDR * n; n > 1; n--) {
			hdr[4] |= 0x80;
			hdr += VCRYPT_RAW_LINE_HDR;
		}
	}
	return pos;
}

static int plan_raw(const struct vcrypt_rtp *rtp, u32 len,
		    struct vcrypt_pkt *pkts, u32 max_packets)
{
	u32 total = rtp->raw.height * rtp->line_bytes, pos = 0, end, n = 0;

	if (len != raw_stride(rtp) * rtp->raw.height)
		return -EINVAL;
	for (; pos < total; pos = end, n++) {
		end = raw_fill(rtp, pos, NULL, NULL, NULL);
		if (n == max_packets)
			return -EMSGSIZE;
		if (pkts)
			pkts[n] = (struct vcrypt_pkt){ .off = pos,
						       .len = end - pos };
	}
	return n;
}

/* The index of the next 00 00 01 in @p from @from, or @len. */
static u32 next_start_code(const u8 *p, u32 from, u32 len)
{
	const u8 *q = p + from, *end = p + len, *one;

	while (end - q >= 3) {
		one = memchr(q + 2, 1, end - q - 2);
		if (!one)
			break;
		if (!one[-1] && !one[-2])
			return one - 2 - p;
		q = one - 1;
	}
	return len;
}

/* The packets of the NAL unit [@start, @end), after @n others. */
static int plan_nal(const struct vcrypt_rtp *rtp, const u8 *frame, u32 start,
		    u32 end, struct vcrypt_pkt *pkts, u32 n, u32 max_packets)
{
	unsigned int hlen = nal_hdr_len(rtp);
	u32 chunk = rtp->cap - fu_hdr_len(rtp), pos;
	struct vcrypt_pkt *p;

	if (end - start < hlen)
		return -EINVAL;
	if (end - start <= rtp->cap) {
		if (n == max_packets)
			return -EMSGSIZE;
		pkts[n] = (struct vcrypt_pkt){ .off = start, .len = end - start,
					       .kind = VCRYPT_PKT_NAL };
		return n + 1;
	}
	for (pos = start + hlen; pos < end; pos += chunk) {
		if (n == max_packets)
			return -EMSGSIZE;
		p = &pkts[n++];
		*p = (struct vcrypt_pkt){ .off = pos, .kind = VCRYPT_PKT_FU,
					  .len = min(chunk, end - pos) };
		memcpy(p->nal, frame + start, hlen);
		if (pos == start + hlen)
			p->flags |= VCRYPT_PKT_START;
		if (pos + p->len == end)
			p->flags |= VCRYPT_PKT_END;
	}
	return n;
}

/*
 * The NAL units of an Annex B access unit: from a start code to the next,
 * less the zero bytes before it (a four-byte start code's first, or
 * trailing_zero_8bits).
 */
static int plan_nals(const struct vcrypt_rtp *rtp, const u8 *frame, u32 len,
		     struct vcrypt_pkt *pkts, u32 max_packets)
{
	u32 start = next_start_code(frame, 0, len), next, end;
	int n = 0;

	if (start == len)
		return -EINVAL;		/* not Annex B */
	for (start += 3; start < len; start = next + 3) {
		next = next_start_code(frame, start, len);
		for (end = next; end > start && !frame[end - 1]; end--)
			;
		if (end == start)
			continue;
		n = plan_nal(rtp, frame, start, end, pkts, n, max_packets);
		if (n < 0)
			return n;
	}
	return n ?: -EINVAL;
}

/*
 * Cut the frame of @len bytes at @frame into at most @max_packets
 * packets: their count, or EINVAL for a frame the format cannot take,
 * EMSGSIZE for one that needs more packets.
 */
int vcrypt_rtp_plan(const struct vcrypt_rtp *rtp, const u8 *frame, u32 len,
		    struct vcrypt_pkt *pkts, u32 max_packets)
{
	if (rtp->payload == CAMSEC_RTP_RAW)
		return plan_raw(rtp, len, pkts, max_packets);
	return plan_nals(rtp, frame, len, pkts, max_packets);
}

/* The packets a frame may take unless the setup says: a raw frame's all. */
u32 vcrypt_rtp_max_packets(const struct vcrypt_rtp *rtp, u32 max_frame)
{
	u32 chunk = rtp->cap - fu_hdr_len(rtp);

	if (rtp->payload == CAMSEC_RTP_RAW)
		return plan_raw(rtp, raw_stride(rtp) * rtp->raw.height, NULL,
				U32_MAX);
	return min_t(u32, DIV_ROUND_UP(max_frame, chunk) + MAX_NALS_PER_FRAME,
		     CAMSEC_VCRYPT_MAX_PACKETS);
}

/* Spans of the frame in one packet, at most. */
u32 vcrypt_rtp_max_spans(const struct vcrypt_rtp *rtp)
{
	if (rtp->payload == CAMSEC_RTP_RAW)
		return (rtp->cap - VCRYPT_RAW_EXT_SEQ) /
		       (VCRYPT_RAW_LINE_HDR + rtp->raw.pgroup_bytes);
	return 1;
}

/*
 * Bytes of a ring slot: the record's header, and per packet its length,
 * its alignment, the RTP header, the payload's headers and SRTP's
 * @overhead, then the frame's bytes.
 */
u64 vcrypt_rtp_slot_bytes(const struct vcrypt_rtp *rtp, u32 max_frame,
			  u32 max_packets, u32 overhead)
{
	u64 per_packet = sizeof(struct camsec_vcrypt_packet) + 3 +
			 VCRYPT_RTP_HDR_LEN + overhead + 3;
	u64 lines = 0;

	if (rtp->payload == CAMSEC_RTP_RAW)
		lines = (u64)VCRYPT_RAW_LINE_HDR * (max_packets + rtp->raw.height);
	return sizeof(struct camsec_vcrypt_record) + per_packet * max_packets +
	       lines + max_frame;
}

void vcrypt_rtp_header(const struct vcrypt_rtp *rtp, u8 *hdr, bool marker,
		       u16 seq, u32 timestamp, u32 ssrc)
{
	hdr[0] = 0x80;				/* version 2, nothing else */
	hdr[1] = (marker ? 0x80 : 0) | rtp->payload_type;
	vcrypt_put_be16(seq, hdr + 2);
	vcrypt_put_be32(timestamp, hdr + 4);
	vcrypt_put_be32(ssrc, hdr + 8);
}

/*
 * The payload's own headers of @pkt, packet @index of the stream, into
 * @hdr; the spans of the frame that follow them into @spans. The length
 * of the headers.
 */
unsigned int vcrypt_rtp_payload(const struct vcrypt_rtp *rtp,
				const struct vcrypt_pkt *pkt, u64 index,
				u8 *hdr, struct vcrypt_span *spans,
				unsigned int *nspans)
{
	u8 se = (pkt->flags & VCRYPT_PKT_START ? 0x80 : 0) |
		(pkt->flags & VCRYPT_PKT_END ? 0x40 : 0);
	unsigned int n = 0;

	*nspans = 0;
	switch (pkt->kind) {
	case VCRYPT_PKT_RAW:
		/* The high half of the 32-bit extended sequence number. */
		vcrypt_put_be16((index >> 16) & 0xffff, hdr);
		raw_fill(rtp, pkt->off, hdr + VCRYPT_RAW_EXT_SEQ, spans, nspans);
		return VCRYPT_RAW_EXT_SEQ + VCRYPT_RAW_LINE_HDR * *nspans;
	case VCRYPT_PKT_FU:
		if (rtp->payload == CAMSEC_RTP_H264) {
			hdr[n++] = (pkt->nal[0] & 0xe0) | H264_FU_A;
			hdr[n++] = se | (pkt->nal[0] & 0x1f);
		} else {
			hdr[n++] = (pkt->nal[0] & 0x81) | (H265_FU << 1);
			hdr[n++] = pkt->nal[1];
			hdr[n++] = se | ((pkt->nal[0] >> 1) & 0x3f);
		}
		break;
	}
	spans[0].off = pkt->off;
	spans[0].len = pkt->len;
	*nspans = 1;
	return n;
}
