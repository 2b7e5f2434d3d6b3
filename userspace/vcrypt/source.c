// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec-vsend's frame sources. vivid is the virtual V4L2 camera: its
 * buffers are exported as dma-buf (VIDIOC_EXPBUF), as a camera pipeline
 * would. The dma-heap source is a test generator: a pattern written into
 * system-heap dma-bufs. write() is the copy-in path.
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

#include "source.h"

/* NV12-sized frames of a pattern that differs per frame and per byte. */
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
	fmt.fmt.pix.pixelformat = V4L2_PIX_FMT_NV12;
	fmt.fmt.pix.field = V4L2_FIELD_NONE;
	err = xioctl(s->video_fd, VIDIOC_S_FMT, &fmt);
	if (err)
		return err;
	if (fmt.fmt.pix.pixelformat != V4L2_PIX_FMT_NV12 ||
	    fmt.fmt.pix.width != s->width || fmt.fmt.pix.height != s->height)
		return -EINVAL;
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

/* @spec is WxH, or DEV:WxH for vivid. */
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
	if (kind == SRC_VIVID) {
		size = strrchr(spec, ':');
		if (!size || (size_t)(size - spec) >= sizeof(dev))
			return -EINVAL;
		memcpy(dev, spec, (size_t)(size - spec));
		size++;
	}
	if (sscanf(size, "%ux%u", &s->width, &s->height) != 2 ||
	    !s->width || !s->height || s->width > 8192 || s->height > 8192 ||
	    s->width % 2 || s->height % 2)
		return -EINVAL;
	s->frame_size = (size_t)s->width * s->height * 3 / 2;
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

static int heap_fill(struct source *s, int b, unsigned int n)
{
	struct dma_buf_sync sync = {
		.flags = DMA_BUF_SYNC_START | DMA_BUF_SYNC_WRITE,
	};
	int err = xioctl(s->dmabuf[b], DMA_BUF_IOCTL_SYNC, &sync);

	if (err)
		return err;
	pattern(s->map[b], s->frame_size, n);
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
		f->buf = (int)(n % SRC_BUFS);
		f->data = s->map[f->buf];
		return heap_fill(s, f->buf, n);
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
}
