/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec-vsend's frame sources: vivid (V4L2), the system dma-heap, write()
 * (raw UYVY frames), and Annex B files (H.264, H.265) in dma-heap buffers.
 */
#ifndef CAMSEC_VSEND_SOURCE_H
#define CAMSEC_VSEND_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#define SRC_BUFS 4
#define SRC_MAX_UNITS 4096

struct source {
	enum { SRC_HEAP, SRC_VIVID, SRC_WRITE, SRC_H264, SRC_H265 } kind;
	unsigned int width, height, stride;	/* raw */
	size_t frame_size;			/* the largest */
	int video_fd;			/* vivid */
	int dmabuf[SRC_BUFS];		/* heap, vivid (VIDIOC_EXPBUF) */
	uint8_t *map[SRC_BUFS];		/* for the test pattern and --dump-source */
	size_t map_len[SRC_BUFS];
	uint8_t *plain;			/* write() */
	uint8_t *stream;		/* Annex B */
	size_t stream_len, units;
	size_t unit_off[SRC_MAX_UNITS + 1];	/* where each access unit starts */
};

/* A frame ready to seal: the buffer, its length and time. */
struct frame {
	int buf;			/* index, or -1 for write() */
	size_t length;
	uint64_t timestamp_ns;
	const uint8_t *data;		/* mapped plaintext */
};

int source_open(struct source *s, const char *spec, int kind);
int source_next(struct source *s, unsigned int n, struct frame *f);
int source_done(struct source *s, const struct frame *f);
void source_close(struct source *s);

#endif
