/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rtpdump files (rtptools' "#!rtpplay1.0", which Wireshark reads and
 * writes): how camsec records a stream's SRTP packets as they were sent,
 * still sealed, and how tests carry them from the camera to receivers.
 *
 *   "#!rtpplay1.0 ADDRESS/PORT\n"
 *   start time (seconds, microseconds: 32 bits each), source address
 *   (32 bits), port (16 bits), padding (16 bits)
 *   per packet: length (16 bits, this 8-byte header included), the
 *   packet's length (16 bits), milliseconds since the start (32 bits),
 *   then the packet
 *
 * All numbers big endian.
 */
#ifndef CAMSEC_RTPDUMP_H
#define CAMSEC_RTPDUMP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define RTPDUMP_MAX_PACKET (65535 - 8)

/* The file's header, for packets sent to @addr (IPv4 text) @port. */
int rtpdump_write_header(FILE *f, const char *addr, unsigned int port,
			 uint64_t start_us);
int rtpdump_write_packet(FILE *f, uint32_t offset_ms, const void *pkt,
			 size_t len);

struct rtpdump_reader {
	const uint8_t *buf;
	size_t len, off;
};

/* 0, or -1 with *why. */
int rtpdump_open(struct rtpdump_reader *r, const void *buf, size_t len,
		 const char **why);
/* 1 and the next packet, 0 at the end, or -1 with *why. */
int rtpdump_next(struct rtpdump_reader *r, const uint8_t **pkt, size_t *len,
		 uint32_t *offset_ms, const char **why);

#endif
