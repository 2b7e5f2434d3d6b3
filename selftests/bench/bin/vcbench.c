// SPDX-License-Identifier: GPL-2.0-only
/*
 * The video benchmark's two pipelines over the same frames, a UYVY
 * picture in a dma-buf from the system heap (a camera's capture buffer),
 * cut into RFC 4175 packets of at most 1400 bytes and protected as SRTP:
 *
 *   vcbench module PROFILE WIDTH HEIGHT FRAMES DEPTH
 *	camsec_vcrypt packetizes and seals each frame into its ring, DEPTH
 *	frames in flight; each packet is written from the mapped ring to
 *	/dev/null (a socket's place) once its record is published.
 *   vcbench user PROFILE WIDTH HEIGHT FRAMES 1
 *	the userspace way: the buffer mapped (as V4L2 mmap maps it), each
 *	packet built from it and protected with libsrtp2 (srtp_protect_mki),
 *	written to /dev/null.
 *
 *   vcbench h264 module|user PROFILE FILE FRAMES DEPTH
 *	the same two ways for an H.264 encoder's output: the access units
 *	of an Annex B FILE (split at their delimiters) in one dma-buf, each
 *	cut into RFC 6184 packets (single NAL unit, FU-A).
 *
 * PROFILE: cm (AES_CM_128_HMAC_SHA1_80), gcm128, gcm256; both with a
 * 4-byte MKI. Prints "ns N packets P" for the frames after the first,
 * and for the module the kernel memory (Slab + VmallocUsed) that they
 * added: "grew KB ring BYTES".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <linux/camsec.h>
#include <linux/dma-heap.h>
#include <linux/keyctl.h>
#include <srtp2/srtp.h>

#define MTU 1400

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static long meminfo_kb(void)
{
	char line[128];
	long v, sum = 0;
	FILE *f = fopen("/proc/meminfo", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "Slab: %ld", &v) == 1 ||
		    sscanf(line, "VmallocUsed: %ld", &v) == 1)
			sum += v;
	if (f)
		fclose(f);
	return sum;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static int heap_frame(size_t size, uint8_t **map)
{
	struct dma_heap_allocation_data a = {
		.len = size, .fd_flags = O_RDWR | O_CLOEXEC,
	};
	int heap = open("/dev/dma_heap/system", O_RDONLY | O_CLOEXEC);

	if (heap < 0 || ioctl(heap, DMA_HEAP_IOCTL_ALLOC, &a))
		die("dma-heap");
	close(heap);
	*map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, (int)a.fd, 0);
	if (*map == MAP_FAILED)
		die("mmap dma-buf");
	memset(*map, 0x5a, size);
	return (int)a.fd;
}

struct ring_reader {
	int dev, null;
	struct camsec_vcrypt_ring *r;
	uint8_t *slots;
	unsigned int nslots;
	uint64_t next;			/* the next record to write out */
	uint64_t packets;
};

/* The record's packets, one write each, as a sender's sends. */
static void write_packets(struct ring_reader *rr, const uint8_t *slot)
{
	const struct camsec_vcrypt_record *rec = (const void *)slot;
	const uint8_t *p = slot + sizeof(*rec), *end = p + rec->length;
	uint16_t len;

	for (; p < end; p += (4 + len + 3) & ~3) {
		len = (uint16_t)(p[0] | p[1] << 8);
		if (write(rr->null, p + 4, len) != len)
			die("write");
		rr->packets++;
	}
}

/* Write out every published record; wait for @upto of them. */
static void drain(struct ring_reader *rr, uint64_t upto)
{
	struct pollfd p = { .fd = rr->dev, .events = POLLIN };

	for (;;) {
		uint64_t head = __atomic_load_n(&rr->r->head, __ATOMIC_ACQUIRE);

		for (; rr->next < head; rr->next++) {
			write_packets(rr, rr->slots + (rr->next % rr->nslots) *
						      rr->r->slot_size);
			if (ioctl(rr->dev, CAMSEC_VCRYPT_CONSUME,
				  &(uint64_t){ rr->next + 1 }))
				die("consume");
		}
		if (rr->next >= upto)
			return;
		poll(&p, 1, 1000);
	}
}

/* The frames: one raw picture, or the access units of an Annex B file. */
struct frames {
	unsigned int w, h;		/* raw */
	uint8_t *stream;		/* H.264: the file's bytes */
	size_t len, units, *off;	/* unit i: [off[i], off[i + 1]) */
};

static size_t frame_len(const struct frames *fr, uint64_t i, size_t *off)
{
	size_t u = fr->units ? i % fr->units : 0;

	if (!fr->units) {
		*off = 0;
		return (size_t)fr->w * fr->h * 2;
	}
	*off = fr->off[u];
	return fr->off[u + 1] - fr->off[u];
}

static void module(uint16_t profile, const struct frames *fr,
		   unsigned int frames, unsigned int depth)
{
	size_t size = fr->units ? fr->len : (size_t)fr->w * fr->h * 2;
	size_t page = (size_t)sysconf(_SC_PAGESIZE), max = 0, off, i_len;
	/* 4K frames: 4 slots, within a small VM's memory */
	unsigned int nslots = size > (8 << 20) ? 4 : 8;
	struct camsec_vcrypt_setup s = {
		.key_desc = "camsec:bench", .profile = profile,
		.overflow = CAMSEC_VCRYPT_REFUSE_NEWEST, .nr_slots = nslots,
		.depth = depth,
		.payload = fr->units ? CAMSEC_RTP_H264 : CAMSEC_RTP_RAW,
		.payload_type = 96,
		.mki_len = CAMSEC_VCRYPT_MKI_LEN, .mtu = MTU, .clock_rate = 90000,
	};
	struct camsec_vcrypt_frame f = { 0 };
	struct ring_reader rr = { .null = open("/dev/null", O_WRONLY),
				  .nslots = nslots };
	uint64_t t0 = 0, packets0 = 0, i;
	uint8_t key[32], *frame;
	size_t map;
	long mem = 0;

	if (!fr->units)
		s.raw = (struct camsec_vcrypt_raw){ .width = fr->w, .height = fr->h,
						    .pgroup_bytes = 4, .pgroup_pixels = 2 };
	for (i = 0; i < (fr->units ? fr->units : 1); i++)
		if ((i_len = frame_len(fr, i, &off)) > max)
			max = i_len;
	s.max_frame = (uint32_t)max;
	getrandom(key, sizeof(key), 0);
	if (syscall(__NR_add_key, "logon", "camsec:bench", key, sizeof(key),
		    KEY_SPEC_PROCESS_KEYRING) < 0)
		die("add_key");
	f.fd = heap_frame(size, &frame);
	if (fr->units)
		memcpy(frame, fr->stream, fr->len);
	rr.dev = open(CAMSEC_VCRYPT_DEVICE, O_RDWR | O_CLOEXEC);
	if (rr.dev < 0 || ioctl(rr.dev, CAMSEC_VCRYPT_SETUP, &s))
		die("setup");
	rr.r = mmap(NULL, page, PROT_READ, MAP_SHARED, rr.dev, 0);
	if (rr.r == MAP_FAILED)
		die("mmap ring");
	map = page + (size_t)nslots * rr.r->slot_size;
	rr.r = mmap(NULL, map, PROT_READ, MAP_SHARED, rr.dev, 0);
	if (rr.r == MAP_FAILED)
		die("mmap ring");
	rr.slots = (uint8_t *)rr.r + page;
	/* Frame 0 warms the import and the transforms; then the clock runs. */
	for (i = 0; i <= frames; i++) {
		if (i == 1) {
			drain(&rr, 1);
			mem = meminfo_kb();
			packets0 = rr.packets;
			t0 = now_ns();
		}
		/* Blocks while DEPTH frames are in flight. */
		f.length = frame_len(fr, i, &off);
		f.offset = off;
		if (ioctl(rr.dev, CAMSEC_VCRYPT_SUBMIT, &f))
			die("submit");
		drain(&rr, i + 1 > depth ? i + 1 - depth : 0);
	}
	drain(&rr, frames + 1);
	printf("ns %llu packets %llu\n", (unsigned long long)(now_ns() - t0),
	       (unsigned long long)(rr.packets - packets0));
	printf("grew %ld ring %zu\n", meminfo_kb() - mem, map);
}

/* RFC 4175 as the module packs it: line segments while they fit. */
static size_t packetize(uint8_t *pkt, const uint8_t *frame, size_t *pos,
			size_t total, unsigned int w, uint16_t seq, uint32_t ext,
			size_t cap)
{
	size_t line_bytes = (size_t)w * 2, room = cap - 2, hdr = 14, n = 0;
	size_t starts[256], lens[256], data, i;

	pkt[0] = 0x80, pkt[1] = 96, pkt[2] = seq >> 8, pkt[3] = seq & 0xff;
	memset(pkt + 4, 0, 8);
	pkt[12] = ext >> 8, pkt[13] = ext & 0xff;
	while (*pos < total && room >= 6 + 4 && n < 256) {
		size_t col = *pos % line_bytes, seg = line_bytes - col;

		if (seg > (room - 6) / 4 * 4)
			seg = (room - 6) / 4 * 4;
		pkt[hdr] = seg >> 8, pkt[hdr + 1] = seg & 0xff;
		pkt[hdr + 2] = (*pos / line_bytes) >> 8;
		pkt[hdr + 3] = (*pos / line_bytes) & 0xff;
		pkt[hdr + 4] = (col / 2) >> 8, pkt[hdr + 5] = (col / 2) & 0xff;
		if (n)
			pkt[hdr - 2] |= 0x80;	/* the previous header continues */
		starts[n] = *pos, lens[n++] = seg;
		hdr += 6, room -= 6 + seg, *pos += seg;
	}
	for (i = 0, data = hdr; i < n; data += lens[i], i++)
		memcpy(pkt + data, frame + starts[i], lens[i]);
	return data;
}

/* The next NAL unit of the access unit [*pos, end): its start and length. */
static int next_nal(const uint8_t *p, size_t *pos, size_t end, size_t *start,
		    size_t *len)
{
	size_t i = *pos, e;

	while (i + 3 <= end && !(p[i] == 0 && p[i + 1] == 0 && p[i + 2] == 1))
		i++;
	if (i + 3 > end)
		return 0;
	*start = i + 3;
	for (i = *start; i + 3 <= end; i++)
		if (p[i] == 0 && p[i + 1] == 0 && p[i + 2] == 1)
			break;
	e = i + 3 <= end ? i : end;
	*pos = e;
	while (e > *start && !p[e - 1])
		e--;
	*len = e - *start;
	return 1;
}

/* RFC 6184 packets of one NAL unit, each protected and written. */
static void send_nal(srtp_t ctx, int null, const uint8_t *nal, size_t len,
		     size_t cap, uint32_t *index, uint64_t *packets)
{
	uint8_t pkt[MTU + 64];
	size_t off, chunk;
	int n;

	for (off = len <= cap ? 0 : 1; off < len; off += chunk) {
		pkt[0] = 0x80, pkt[1] = 96;
		pkt[2] = (uint8_t)(*index >> 8), pkt[3] = (uint8_t)*index;
		memset(pkt + 4, 0, 8);
		if (len <= cap) {
			chunk = len;
			memcpy(pkt + 12, nal, len);
			n = (int)(12 + len);
		} else {
			chunk = len - off < cap - 2 ? len - off : cap - 2;
			pkt[12] = (nal[0] & 0xe0) | 28;
			pkt[13] = (off == 1 ? 0x80 : 0) |
				  (off + chunk == len ? 0x40 : 0) | (nal[0] & 0x1f);
			memcpy(pkt + 14, nal + off, chunk);
			n = (int)(14 + chunk);
		}
		if (srtp_protect_mki(ctx, pkt, &n, 1, 0))
			die("srtp_protect");
		if (write(null, pkt, (size_t)n) != n)
			die("write");
		(*index)++, (*packets)++;
	}
}

static void user(uint16_t profile, const struct frames *fr,
		 unsigned int frames)
{
	size_t size = fr->units ? fr->len : (size_t)fr->w * fr->h * 2, pos, len;
	unsigned int w = fr->w;
	unsigned int overhead = profile == CAMSEC_SRTP_AES128_CM_HMAC_SHA1_80 ?
				10 + 4 : 16 + 4;
	uint8_t key[46], mki[4] = { 0 }, pkt[MTU + 64], *frame;
	srtp_master_key_t mk = { key, mki, sizeof(mki) }, *keys = &mk;
	int null = open("/dev/null", O_WRONLY), n;
	uint64_t t0 = 0, packets = 0, i;
	srtp_policy_t policy;
	uint32_t index = 0;
	srtp_t ctx;

	getrandom(key, sizeof(key), 0);
	heap_frame(size, &frame);
	memset(&policy, 0, sizeof(policy));
	if (profile == CAMSEC_SRTP_AES128_CM_HMAC_SHA1_80)
		srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtp);
	else if (profile == CAMSEC_SRTP_AEAD_AES_128_GCM)
		srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp);
	else
		srtp_crypto_policy_set_aes_gcm_256_16_auth(&policy.rtp);
	policy.rtcp = policy.rtp;
	policy.ssrc.type = ssrc_any_outbound;
	policy.keys = &keys;
	policy.num_master_keys = 1;
	policy.window_size = 128;
	if (srtp_init() || srtp_create(&ctx, &policy))
		die("libsrtp");
	if (fr->units)
		memcpy(frame, fr->stream, fr->len);
	for (i = 0; i <= frames; i++) {
		if (i == 1)
			t0 = now_ns(), packets = 0;
		if (fr->units) {
			size_t off, end, start, nal;

			end = frame_len(fr, i, &off) + off;
			for (pos = off; next_nal(frame, &pos, end, &start, &nal);)
				send_nal(ctx, null, frame + start, nal,
					 MTU - 12 - overhead, &index, &packets);
			continue;
		}
		for (pos = 0; pos < size; index++, packets++) {
			len = packetize(pkt, frame, &pos, size, w, (uint16_t)index,
					index >> 16, MTU - 12 - overhead);
			n = (int)len;
			if (srtp_protect_mki(ctx, pkt, &n, 1, 0))
				die("srtp_protect");
			if (write(null, pkt, (size_t)n) != n)
				die("write");
		}
	}
	printf("ns %llu packets %llu\n", (unsigned long long)(now_ns() - t0),
	       (unsigned long long)packets);
}

/* The access units of an Annex B H.264 file, at its delimiters. */
static void read_units(struct frames *fr, const char *path)
{
	FILE *f = fopen(path, "rb");
	long n;
	size_t i;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) <= 0 ||
	    fseek(f, 0, SEEK_SET))
		die(path);
	fr->len = (size_t)n;
	fr->stream = malloc(fr->len);
	fr->off = calloc(fr->len / 4 + 2, sizeof(*fr->off));
	if (!fr->stream || !fr->off || fread(fr->stream, 1, fr->len, f) != fr->len)
		die(path);
	fclose(f);
	for (i = 0; i + 4 <= fr->len; i++) {
		const uint8_t *p = fr->stream + i;

		if (!p[0] && !p[1] && p[2] == 1 && (p[3] & 0x1f) == 9)
			fr->off[fr->units++] = i && !p[-1] ? i - 1 : i;
	}
	if (!fr->units || fr->off[0])
		die("no access unit delimiters");
	fr->off[fr->units] = fr->len;
}

int main(int argc, char **argv)
{
	struct frames fr = { 0 };
	const char *mode, *prof;
	unsigned int frames, depth;
	uint16_t profile;

	if (argc != 7)
		return 2;
	if (!strcmp(argv[1], "h264")) {	/* h264 MODE PROFILE FILE FRAMES DEPTH */
		mode = argv[2], prof = argv[3];
		read_units(&fr, argv[4]);
	} else {			/* MODE PROFILE W H FRAMES DEPTH */
		mode = argv[1], prof = argv[2];
		fr.w = (unsigned int)atoi(argv[3]);
		fr.h = (unsigned int)atoi(argv[4]);
	}
	frames = (unsigned int)atoi(argv[5]);
	depth = (unsigned int)atoi(argv[6]);
	profile = !strcmp(prof, "cm") ? CAMSEC_SRTP_AES128_CM_HMAC_SHA1_80 :
		  !strcmp(prof, "gcm128") ? CAMSEC_SRTP_AEAD_AES_128_GCM :
		  CAMSEC_SRTP_AEAD_AES_256_GCM;
	if (!strcmp(mode, "module"))
		module(profile, &fr, frames, depth);
	else
		user(profile, &fr, frames);
	return 0;
}
