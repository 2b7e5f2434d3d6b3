// SPDX-License-Identifier: GPL-2.0-only
/* rtpdump files: see rtpdump.h. */
#include <arpa/inet.h>
#include <string.h>

#include "rtpdump.h"

#define MAGIC "#!rtpplay1.0 "
#define FILE_HDR 16
#define PKT_HDR 8

static void be16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static void be32(uint8_t *p, uint32_t v)
{
	be16(p, v >> 16);
	be16(p + 2, v & 0xffff);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | p[2] << 8 | p[3];
}

int rtpdump_write_header(FILE *f, const char *addr, unsigned int port,
			 uint64_t start_us)
{
	uint8_t hdr[FILE_HDR] = { 0 };
	struct in_addr in = { 0 };

	inet_pton(AF_INET, addr, &in);
	be32(hdr, (uint32_t)(start_us / 1000000));
	be32(hdr + 4, (uint32_t)(start_us % 1000000));
	memcpy(hdr + 8, &in.s_addr, 4);		/* already big endian */
	be16(hdr + 12, (uint16_t)port);
	if (fprintf(f, MAGIC "%s/%u\n", addr, port) < 0 ||
	    fwrite(hdr, sizeof(hdr), 1, f) != 1)
		return -1;
	return 0;
}

int rtpdump_write_packet(FILE *f, uint32_t offset_ms, const void *pkt,
			 size_t len)
{
	uint8_t hdr[PKT_HDR];

	if (len > RTPDUMP_MAX_PACKET)
		return -1;
	be16(hdr, (uint16_t)(len + PKT_HDR));
	be16(hdr + 2, (uint16_t)len);
	be32(hdr + 4, offset_ms);
	return fwrite(hdr, sizeof(hdr), 1, f) == 1 &&
	       fwrite(pkt, len, 1, f) == 1 ? 0 : -1;
}

int rtpdump_open(struct rtpdump_reader *r, const void *buf, size_t len,
		 const char **why)
{
	const uint8_t *nl;

	r->buf = buf;
	r->len = len;
	*why = "not an rtpdump file";
	if (len < sizeof(MAGIC) - 1 || memcmp(buf, MAGIC, sizeof(MAGIC) - 1))
		return -1;
	nl = memchr(buf, '\n', len < 128 ? len : 128);
	*why = "rtpdump header line too long or cut";
	if (!nl)
		return -1;
	r->off = (size_t)(nl + 1 - r->buf);
	*why = "rtpdump file header cut";
	if (len - r->off < FILE_HDR)
		return -1;
	r->off += FILE_HDR;
	return 0;
}

int rtpdump_next(struct rtpdump_reader *r, const uint8_t **pkt, size_t *len,
		 uint32_t *offset_ms, const char **why)
{
	const uint8_t *p = r->buf + r->off;
	size_t total, plen;

	if (r->off == r->len)
		return 0;
	*why = "packet header cut";
	if (r->len - r->off < PKT_HDR)
		return -1;
	total = (size_t)p[0] << 8 | p[1];
	plen = (size_t)p[2] << 8 | p[3];
	*why = "packet lengths disagree";
	if (total < PKT_HDR || plen > total - PKT_HDR)
		return -1;
	*why = "packet cut";
	if (total > r->len - r->off)
		return -1;
	*pkt = p + PKT_HDR;
	*len = plen;
	*offset_ms = get32(p + 4);
	r->off += total;
	return 1;
}
