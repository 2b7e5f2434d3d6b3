// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec-vsend's frame sources. vivid is the virtual V4L2 camera: its
 * buffers are exported as dma-buf (VIDIOC_EXPBUF), as a camera pipeline
 * would. The dma-heap source is a test generator: a pattern written into
 * system-heap dma-bufs. write() is the copy-in path. An Annex B file
 * stands for a hardware encoder: its access units, one per frame, are
 * copied into dma-heap buffers as the encoder would write them.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/dma-buf.h>
#include <linux/dma-heap.h>
#include <linux/videodev2.h>
#include <linux/camsec.h>

#include "source.h"

/* Frames of a pattern that differs per frame and per byte. */
static void pattern(uint8_t *p, size_t len, unsigned int n)
{
	uint32_t x = 2463534242u ^ (n * 2654435761u);
	size_t i;

	for (i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[i] = (uint8_t)x;
	}
}

static int heap_open(struct source *s)
{
	struct dma_heap_allocation_data alloc = {
		.len = s->frame_size,
		.fd_flags = O_RDWR | O_CLOEXEC,
	};
	int heap, i;

	heap = open("/dev/dma_heap/system", O_RDONLY | O_CLOEXEC);
	if (heap < 0)
		return -errno;
	for (i = 0; i < SRC_BUFS; i++) {
		alloc.fd = 0;
		if (ioctl(heap, DMA_HEAP_IOCTL_ALLOC, &alloc) < 0)
			goto fail;
		s->dmabuf[i] = (int)alloc.fd;
		s->map_len[i] = s->frame_size;
		s->map[i] = mmap(NULL, s->frame_size, PROT_READ | PROT_WRITE,
				 MAP_SHARED, s->dmabuf[i], 0);
		if (s->map[i] == MAP_FAILED) {
			s->map[i] = NULL;
			goto fail;
		}
	}
	close(heap);
	return 0;
fail:
	i = -errno;
	close(heap);
	return i;
}

static int xioctl(int fd, unsigned long req, void *arg)
{
	int r;

	do
		r = ioctl(fd, req, arg);
	while (r < 0 && errno == EINTR);
	return r < 0 ? -errno : 0;
}

static int vivid_open(struct source *s, const char *dev)
{
	struct v4l2_format fmt = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };
	struct v4l2_requestbuffers req = {
		.count = SRC_BUFS,
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
	};
	enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	int err, i;

	s->video_fd = open(dev, O_RDWR | O_CLOEXEC);
	if (s->video_fd < 0)
		return -errno;
	fmt.fmt.pix.width = s->width;
	fmt.fmt.pix.height = s->height;
	fmt.fmt.pix.pixelformat = V4L2_PIX_FMT_UYVY;
	fmt.fmt.pix.field = V4L2_FIELD_NONE;
	err = xioctl(s->video_fd, VIDIOC_S_FMT, &fmt);
	if (err)
		return err;
	if (fmt.fmt.pix.pixelformat != V4L2_PIX_FMT_UYVY ||
	    fmt.fmt.pix.width != s->width || fmt.fmt.pix.height != s->height ||
	    fmt.fmt.pix.sizeimage != fmt.fmt.pix.bytesperline * s->height)
		return -EINVAL;
	s->stride = fmt.fmt.pix.bytesperline;
	s->frame_size = fmt.fmt.pix.sizeimage;
	err = xioctl(s->video_fd, VIDIOC_REQBUFS, &req);
	if (err)
		return err;
	if (req.count < SRC_BUFS)
		return -ENOMEM;
	for (i = 0; i < SRC_BUFS; i++) {
		struct v4l2_exportbuffer exp = {
			.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
			.index = i,
			.flags = O_RDONLY | O_CLOEXEC,
		};
		struct v4l2_buffer buf = {
			.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
			.memory = V4L2_MEMORY_MMAP,
			.index = i,
		};

		err = xioctl(s->video_fd, VIDIOC_EXPBUF, &exp);
		if (!err)
			err = xioctl(s->video_fd, VIDIOC_QUERYBUF, &buf);
		if (err)
			return err;
		s->dmabuf[i] = exp.fd;
		s->map_len[i] = buf.length;
		s->map[i] = mmap(NULL, buf.length, PROT_READ, MAP_SHARED,
				 s->video_fd, buf.m.offset);
		if (s->map[i] == MAP_FAILED) {
			s->map[i] = NULL;
			return -errno;
		}
		err = xioctl(s->video_fd, VIDIOC_QBUF, &buf);
		if (err)
			return err;
	}
	return xioctl(s->video_fd, VIDIOC_STREAMON, &type);
}

/* The NAL unit type of the NAL unit at @p: H.264's, or H.265's. */
static unsigned int nal_type(const struct source *s, const uint8_t *p)
{
	return s->kind == SRC_H264 ? p[0] & 0x1f : (p[0] >> 1) & 0x3f;
}

/*
 * The access units of an Annex B stream: each begins at the start code
 * of an access unit delimiter (H.264 type 9, H.265 type 35), which an
 * encoder writes when asked (x264 and x265: aud=1).
 */
static int split_units(struct source *s)
{
	unsigned int aud = s->kind == SRC_H264 ? 9 : 35;
	const uint8_t *p = s->stream;
	size_t i, start;

	for (i = 0; i + 3 < s->stream_len; i++) {
		if (p[i] || p[i + 1] || p[i + 2] != 1 || nal_type(s, p + i + 3) != aud)
			continue;
		start = i > 0 && !p[i - 1] ? i - 1 : i;	/* a 4-byte start code */
		if (s->units == SRC_MAX_UNITS)
			return -E2BIG;
		s->unit_off[s->units++] = start;
	}
	if (!s->units || s->unit_off[0])
		return -EINVAL;		/* no delimiters, or data before the first */
	s->unit_off[s->units] = s->stream_len;
	for (i = 0; i < s->units; i++)
		if (s->unit_off[i + 1] - s->unit_off[i] > s->frame_size)
			s->frame_size = s->unit_off[i + 1] - s->unit_off[i];
	return 0;
}

static int annexb_open(struct source *s, const char *path)
{
	FILE *f = fopen(path, "rb");
	long len;
	int err;

	if (!f)
		return -errno;
	err = -EINVAL;
	if (fseek(f, 0, SEEK_END) || (len = ftell(f)) <= 0 ||
	    len > (long)CAMSEC_VCRYPT_MAX_FRAME * 16 || fseek(f, 0, SEEK_SET))
		goto out;
	s->stream_len = (size_t)len;
	s->stream = malloc(s->stream_len);
	err = -ENOMEM;
	if (!s->stream)
		goto out;
	err = -EIO;
	if (fread(s->stream, 1, s->stream_len, f) != s->stream_len)
		goto out;
	err = split_units(s) ?: heap_open(s);
out:
	fclose(f);
	return err;
}

/* @spec is WxH, DEV:WxH for vivid, or an Annex B file. */
int source_open(struct source *s, const char *spec, int kind)
{
	const char *size = spec;
	char dev[64] = "";
	int i;

	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->video_fd = -1;
	for (i = 0; i < SRC_BUFS; i++)
		s->dmabuf[i] = -1;
	if (kind == SRC_H264 || kind == SRC_H265)
		return annexb_open(s, spec);
	if (kind == SRC_VIVID) {
		size = strrchr(spec, ':');
		if (!size || (size_t)(size - spec) >= sizeof(dev))
			return -EINVAL;
		memcpy(dev, spec, (size_t)(size - spec));
		size++;
	}
	if (sscanf(size, "%ux%u", &s->width, &s->height) != 2 ||
	    !s->width || !s->height || s->width > 8192 || s->height > 8192 ||
	    s->width % 2)
		return -EINVAL;
	/* UYVY: RFC 4175's YCbCr-4:2:2, 8 bits, 4 bytes for 2 pixels. */
	s->stride = s->width * 2;
	s->frame_size = (size_t)s->stride * s->height;
	switch (kind) {
	case SRC_HEAP:
		return heap_open(s);
	case SRC_VIVID:
		return vivid_open(s, dev);
	default:
		s->plain = malloc(s->frame_size);
		return s->plain ? 0 : -ENOMEM;
	}
}

/* Frame @n into buffer @b: the pattern's, or the stream's unit. */
static int heap_fill(struct source *s, int b, unsigned int n, size_t *len)
{
	struct dma_buf_sync sync = {
		.flags = DMA_BUF_SYNC_START | DMA_BUF_SYNC_WRITE,
	};
	int err = xioctl(s->dmabuf[b], DMA_BUF_IOCTL_SYNC, &sync);
	size_t u = s->units ? n % s->units : 0;

	if (err)
		return err;
	*len = s->frame_size;
	if (s->units) {
		*len = s->unit_off[u + 1] - s->unit_off[u];
		memcpy(s->map[b], s->stream + s->unit_off[u], *len);
	} else {
		pattern(s->map[b], s->frame_size, n);
	}
	sync.flags = DMA_BUF_SYNC_END | DMA_BUF_SYNC_WRITE;
	return xioctl(s->dmabuf[b], DMA_BUF_IOCTL_SYNC, &sync);
}

/* Frame @n: the next captured one, or the pattern's @n-th. */
int source_next(struct source *s, unsigned int n, struct frame *f)
{
	struct v4l2_buffer buf = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
	};
	int err;

	f->length = s->frame_size;
	f->timestamp_ns = 0;
	switch (s->kind) {
	case SRC_HEAP:
	case SRC_H264:
	case SRC_H265:
		f->buf = (int)(n % SRC_BUFS);
		f->data = s->map[f->buf];
		return heap_fill(s, f->buf, n, &f->length);
	case SRC_VIVID:
		err = xioctl(s->video_fd, VIDIOC_DQBUF, &buf);
		if (err)
			return err;
		f->buf = (int)buf.index;
		f->length = buf.bytesused;
		f->data = s->map[f->buf];
		f->timestamp_ns = (uint64_t)buf.timestamp.tv_sec * 1000000000u +
				  (uint64_t)buf.timestamp.tv_usec * 1000u;
		return 0;
	default:
		f->buf = -1;
		f->data = s->plain;
		pattern(s->plain, s->frame_size, n);
		return 0;
	}
}

/* The frame is sealed: its buffer may take the next one. */
int source_done(struct source *s, const struct frame *f)
{
	struct v4l2_buffer buf = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
		.index = (unsigned int)f->buf,
	};

	if (s->kind != SRC_VIVID)
		return 0;
	return xioctl(s->video_fd, VIDIOC_QBUF, &buf);
}

void source_close(struct source *s)
{
	enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	int i;

	if (s->video_fd >= 0)
		xioctl(s->video_fd, VIDIOC_STREAMOFF, &type);
	for (i = 0; i < SRC_BUFS; i++) {
		if (s->map[i])
			munmap(s->map[i], s->map_len[i]);
		if (s->dmabuf[i] >= 0)
			close(s->dmabuf[i]);
	}
	if (s->video_fd >= 0)
		close(s->video_fd);
	free(s->plain);
	free(s->stream);
}
