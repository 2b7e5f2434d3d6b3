// SPDX-License-Identifier: GPL-2.0-only
/*
 * /dev/camsec_vcrypt from the outside: a stream needs a valid logon key;
 * every bad request is refused with its own errno and changes nothing;
 * the ring is read-only and holds SRTP packets only, each an RTP packet
 * of the stream's SSRC, in sequence, within the MTU; a master key's
 * packet budget holds until a rekey, and the packet index runs on across
 * rekeys; a logon key revoked, invalidated, timed out or updated stops
 * the next frame.
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
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/camsec.h>
#include <linux/dma-heap.h>
#include <linux/keyctl.h>

#include "kselftest_harness.h"

#define MODULE "/lib/modules/camsec/camsec_vcrypt.ko"
#define FRAME 10000	/* a 50 x 100 UYVY picture */
#define SMALL 64	/* a 16 x 2 one: the fixture's */
#define SLOTS 4
#define MTU 1400

static int32_t add_logon(const char *desc, const void *key, size_t len)
{
	return (int32_t)syscall(__NR_add_key, "logon", desc, key, len,
				KEY_SPEC_PROCESS_KEYRING);
}

static const uint8_t kdk[32] = "0123456789abcdef0123456789abcdef";

/* Loaded for the whole program, if it was not. */
static int loaded_here;

__attribute__((constructor)) static void load(void)
{
	int fd;

	if (!access("/sys/module/camsec_vcrypt", F_OK))
		return;
	fd = open(MODULE, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && !syscall(__NR_finit_module, fd, "", 0))
		loaded_here = 1;
	close(fd);
}

__attribute__((destructor)) static void unload(void)
{
	if (loaded_here)
		syscall(__NR_delete_module, "camsec_vcrypt", O_NONBLOCK);
}

static struct camsec_vcrypt_setup setup_of(const char *desc)
{
	struct camsec_vcrypt_setup s = {
		.stream_id = 42,
		.profile = CAMSEC_SRTP_AES128_CM_HMAC_SHA1_80,
		.overflow = CAMSEC_VCRYPT_REFUSE_NEWEST,
		.nr_slots = SLOTS,
		.max_frame = FRAME,
		.payload = CAMSEC_RTP_RAW,
		.payload_type = 96,
		.mki_len = CAMSEC_VCRYPT_MKI_LEN,
		.mtu = MTU,
		.clock_rate = 90000,
		.raw = { .width = 16, .height = 2, .pgroup_bytes = 4,
			 .pgroup_pixels = 2 },
	};

	snprintf(s.key_desc, sizeof(s.key_desc), "%s", desc);
	return s;
}

/* Frames of FRAME bytes: a 50 x 100 picture. */
static void big_picture(struct camsec_vcrypt_setup *s)
{
	s->raw.width = 50;
	s->raw.height = 100;
}

static int heap_buf(size_t len)
{
	struct dma_heap_allocation_data a = {
		.len = len, .fd_flags = O_RDWR | O_CLOEXEC,
	};
	int heap = open("/dev/dma_heap/system", O_RDONLY | O_CLOEXEC);

	if (heap < 0 || ioctl(heap, DMA_HEAP_IOCTL_ALLOC, &a))
		return -1;
	close(heap);
	return (int)a.fd;
}

FIXTURE(stream) {
	int dev;
	struct camsec_vcrypt_setup setup;
};

FIXTURE_SETUP(stream)
{
	self->dev = open(CAMSEC_VCRYPT_DEVICE, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->dev);
	ASSERT_LE(0, add_logon("camsec:t1", kdk, sizeof(kdk)));
	self->setup = setup_of("camsec:t1");
}

FIXTURE_TEARDOWN(stream)
{
	close(self->dev);
}

TEST_F(stream, key_must_exist_and_fit)
{
	struct camsec_vcrypt_setup s = self->setup;
	int32_t id;

	strcpy(s.key_desc, "camsec:absent");
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &s));
	EXPECT_EQ(ENOKEY, errno);
	/* not camsec's: another subsystem's logon keys stay out of reach */
	ASSERT_LE(0, add_logon("other:k", kdk, sizeof(kdk)));
	strcpy(s.key_desc, "other:k");
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &s));
	EXPECT_EQ(EINVAL, errno);
	/* a derivation key is 32 bytes, whatever the AEAD's key */
	ASSERT_LE(0, add_logon("camsec:k16", kdk, 16));
	strcpy(s.key_desc, "camsec:k16");
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &s));
	EXPECT_EQ(EKEYREJECTED, errno);
	/* a revoked key: the search passes it by */
	id = add_logon("camsec:gone", kdk, sizeof(kdk));
	ASSERT_LE(0, id);
	ASSERT_EQ(0, syscall(__NR_keyctl, KEYCTL_REVOKE, id));
	strcpy(s.key_desc, "camsec:gone");
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &s));
	EXPECT_EQ(ENOKEY, errno);
	/* none of that set the stream up */
	EXPECT_EQ(-1, write(self->dev, "x", 1));
	EXPECT_EQ(EBADFD, errno);
	EXPECT_EQ(0, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &self->setup));
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &self->setup));
	EXPECT_EQ(EBUSY, errno);
}

TEST_F(stream, bad_setup)
{
	struct camsec_vcrypt_setup s;

	s = self->setup, s.nr_slots = 3;
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &s));
	EXPECT_EQ(EINVAL, errno);
	s = self->setup, s.depth = SLOTS;
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &s));
	EXPECT_EQ(EINVAL, errno);
	s = self->setup, s.profile = 2;	/* AES_CM_128_HMAC_SHA1_32: not ours */
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &s));
	EXPECT_EQ(EINVAL, errno);
	s = self->setup, s.mki_len = 3;
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &s));
	EXPECT_EQ(EINVAL, errno);
	s = self->setup, s.mtu = CAMSEC_VCRYPT_MIN_MTU - 1;
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &s));
	EXPECT_EQ(EINVAL, errno);
	s = self->setup, s.mtu = CAMSEC_VCRYPT_MAX_MTU + 1;
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &s));
	EXPECT_EQ(EINVAL, errno);
	s = self->setup, s.payload = 9;
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &s));
	EXPECT_EQ(EINVAL, errno);
	s = self->setup, s.payload_type = 128;
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &s));
	EXPECT_EQ(EINVAL, errno);
	s = self->setup, s.clock_rate = 0;
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &s));
	EXPECT_EQ(EINVAL, errno);
	/* timestamp_ns * rate / 10^9 must fit 64 bits (x86's divq traps) */
	s = self->setup, s.clock_rate = 0xffffffff;
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &s));
	EXPECT_EQ(EINVAL, errno);
	s = self->setup, s.reserved = 1;
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &s));
	EXPECT_EQ(EINVAL, errno);
	/* raw: whole pixel groups, 15-bit line numbers, a stride that fits */
	s = self->setup, s.raw.width = 15;
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &s));
	EXPECT_EQ(EINVAL, errno);
	s = self->setup, s.raw.height = 0x8000;
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &s));
	EXPECT_EQ(EINVAL, errno);
	s = self->setup, s.raw.stride = 31;
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &s));
	EXPECT_EQ(EINVAL, errno);
	s = self->setup, s.raw.pgroup_bytes = 0;
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &s));
	EXPECT_EQ(EINVAL, errno);
	/* an MTU too small for a pixel group with its headers */
	s = self->setup, s.raw.pgroup_bytes = 60, s.raw.pgroup_pixels = 1,
		s.raw.width = 1, s.mtu = CAMSEC_VCRYPT_MIN_MTU;
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &s));
	EXPECT_EQ(EINVAL, errno);
	/* H.264 takes no picture geometry */
	s = self->setup, s.payload = CAMSEC_RTP_H264;
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &s));
	EXPECT_EQ(EINVAL, errno);
	s = self->setup, s.max_packets = CAMSEC_VCRYPT_MAX_PACKETS + 1;
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &s));
	EXPECT_EQ(EINVAL, errno);
	s = self->setup, s.max_frame = 0;
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &s));
	EXPECT_EQ(EINVAL, errno);
	s = self->setup, s.flags = 1;
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &s));
	EXPECT_EQ(EINVAL, errno);
	/* 1024 slots of 64 MiB: past max_ring_mb */
	s = self->setup, s.nr_slots = 1024, s.max_frame = CAMSEC_VCRYPT_MAX_FRAME;
	s.payload = CAMSEC_RTP_H264;
	memset(&s.raw, 0, sizeof(s.raw));
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &s));
	EXPECT_EQ(E2BIG, errno);
	/* nothing is mapped before setup */
	EXPECT_TRUE(mmap(NULL, 4096, PROT_READ, MAP_SHARED, self->dev, 0) == MAP_FAILED);
	EXPECT_EQ(EBADFD, errno);
	EXPECT_EQ(0, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &self->setup));
}

TEST_F(stream, bad_frames)
{
	struct camsec_vcrypt_frame f = { .length = FRAME };
	struct camsec_vcrypt_ring *r;
	const char *bad;
	int pipefd[2], buf;

	big_picture(&self->setup);
	ASSERT_EQ(0, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &self->setup));
	buf = heap_buf(3 * 4096);
	ASSERT_LE(0, buf);
	ASSERT_EQ(0, pipe(pipefd));
	f.fd = 1000;
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SUBMIT, &f));
	EXPECT_EQ(EBADF, errno);
	f.fd = pipefd[0];	/* not a dma-buf */
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SUBMIT, &f));
	EXPECT_EQ(EBADF, errno);
	f.fd = buf;
	f.length = FRAME + 1;	/* more than a slot holds */
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SUBMIT, &f));
	EXPECT_EQ(EMSGSIZE, errno);
	f.length = FRAME - 1;	/* not the whole picture */
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SUBMIT, &f));
	EXPECT_EQ(EINVAL, errno);
	f.length = FRAME, f.offset = 3 * 4096 - FRAME + 1;	/* one byte past the end */
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SUBMIT, &f));
	EXPECT_EQ(ERANGE, errno);
	f.offset = UINT64_MAX - 10;	/* wraps */
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SUBMIT, &f));
	EXPECT_EQ(ERANGE, errno);
	close(buf);
	buf = heap_buf(4096);	/* smaller than the frame */
	f.fd = buf, f.offset = 0, f.length = 5000;
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SUBMIT, &f));
	EXPECT_EQ(ERANGE, errno);
	f.length = 0;
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SUBMIT, &f));
	EXPECT_EQ(EINVAL, errno);
	f.length = FRAME, f.flags = 2;
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_SUBMIT, &f));
	EXPECT_EQ(EINVAL, errno);
	/* an address nothing is mapped at (the compiler must not see it) */
	bad = (const char *)(uintptr_t)strtoul("16", NULL, 0);
	EXPECT_EQ(-1, write(self->dev, bad, FRAME));
	EXPECT_EQ(EFAULT, errno);
	/* and the ring saw none of it */
	r = mmap(NULL, 4096, PROT_READ, MAP_SHARED, self->dev, 0);
	ASSERT_TRUE(r != MAP_FAILED);
	EXPECT_EQ((__u64)(0), r->head);
	EXPECT_EQ((__u64)(0), r->stats.submitted);
	munmap(r, 4096);
	/* a good one goes through, at the latest time there is */
	close(buf);
	buf = heap_buf(3 * 4096);
	ASSERT_LE(0, buf);
	f.fd = buf, f.offset = 0, f.length = FRAME, f.flags = 0;
	f.timestamp_ns = UINT64_MAX;
	EXPECT_EQ(0, ioctl(self->dev, CAMSEC_VCRYPT_SUBMIT, &f));
	close(buf);
}

/* Records are sealed on a workqueue: wait until @n are published. */
static int wait_head(struct camsec_vcrypt_ring *r, uint64_t n)
{
	int i;

	for (i = 0; i < 2000 && __atomic_load_n(&r->head, __ATOMIC_ACQUIRE) < n; i++)
		usleep(1000);
	return __atomic_load_n(&r->head, __ATOMIC_ACQUIRE) >= n ? 0 : -1;
}

/* The ring's length, from its first page. */
static size_t ring_len_of(int dev)
{
	struct camsec_vcrypt_ring *r = mmap(NULL, 4096, PROT_READ, MAP_SHARED,
					    dev, 0);
	size_t len;

	if (r == MAP_FAILED)
		return 0;
	len = 4096 + (size_t)r->nr_slots * r->slot_size;
	munmap(r, 4096);
	return len;
}

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)be16(p) << 16 | be16(p + 2);
}

/*
 * The record's packets are RTP packets of the stream, in sequence from
 * its first index, the marker on the last, each within the MTU: their
 * count, or -1.
 */
static int check_packets(const struct camsec_vcrypt_record *rec,
			 const struct camsec_vcrypt_ring *r)
{
	const uint8_t *p = (const uint8_t *)(rec + 1);
	const uint8_t *end = p + rec->length;
	uint32_t i;
	uint16_t len;

	for (i = 0; p < end; i++) {
		const uint8_t *pkt = p + 4;

		len = (uint16_t)(p[0] | p[1] << 8);
		if (len > MTU || len < 12 + 10 || pkt[0] != 0x80 ||
		    (pkt[1] & 0x7f) != 96 ||
		    be16(pkt + 2) != (uint16_t)(rec->first_index + i) ||
		    be32(pkt + 4) != rec->rtp_timestamp ||
		    be32(pkt + 8) != r->ssrc || rec->ssrc != r->ssrc ||
		    !!(pkt[1] & 0x80) != (i + 1 == rec->npackets))
			return -1;
		p += (4 + len + 3) & ~3;
	}
	return p == end && i == rec->npackets ? (int)i : -1;
}

TEST_F(stream, ring_is_read_only_ciphertext)
{
	struct pollfd p = { .fd = self->dev, .events = POLLIN };
	const struct camsec_vcrypt_record *rec;
	struct camsec_vcrypt_ring *r;
	char frame[FRAME];
	uint8_t *slot;
	uint64_t tail;

	big_picture(&self->setup);
	ASSERT_EQ(0, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &self->setup));
	EXPECT_TRUE(mmap(NULL, ring_len_of(self->dev), PROT_READ | PROT_WRITE,
			 MAP_SHARED, self->dev, 0) == MAP_FAILED);
	EXPECT_EQ(EACCES, errno);
	r = mmap(NULL, ring_len_of(self->dev), PROT_READ, MAP_SHARED, self->dev, 0);
	ASSERT_TRUE(r != MAP_FAILED);
	EXPECT_EQ(-1, mprotect(r, ring_len_of(self->dev), PROT_READ | PROT_WRITE));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(0, poll(&p, 1, 0));
	memset(frame, 'P', sizeof(frame));
	ASSERT_EQ(FRAME, write(self->dev, frame, FRAME));
	ASSERT_EQ(1, poll(&p, 1, 1000));
	EXPECT_EQ((__u64)(1), r->head);
	slot = (uint8_t *)r + 4096;
	rec = (const void *)slot;
	EXPECT_EQ((__u64)(CAMSEC_VCRYPT_MAGIC), rec->magic);
	EXPECT_EQ((__u64)(42), rec->stream_id);
	EXPECT_GT((__u64)(1 << 15), rec->first_index);	/* ROC 0 */
	EXPECT_EQ((__u64)(0), rec->key_epoch);
	EXPECT_EQ((__u64)CAMSEC_SRTP_AES128_CM_HMAC_SHA1_80, rec->profile);
	EXPECT_NE((__u64)0, rec->timestamp_ns);
	EXPECT_EQ((__u64)(0), rec->reserved);
	EXPECT_EQ(0, memcmp(rec->key_rand, r->key_rand, 16));
	EXPECT_NE(0, memcmp(rec->key_rand, (uint8_t[16]){ 0 }, 16));
	/* 10000 bytes, 100-byte lines, 1400-byte packets: 8 of them */
	EXPECT_EQ(8, check_packets(rec, r));
	EXPECT_EQ((__u64)(8), r->stats.packets);
	/* no run of plaintext survives into the ring */
	EXPECT_TRUE(memmem(slot + sizeof(*rec), r->slot_size - sizeof(*rec),
			   "PPPP", 4) == NULL);
	EXPECT_EQ((__u64)(FRAME), r->stats.bytes);
	tail = 2;
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_CONSUME, &tail));
	EXPECT_EQ(EINVAL, errno);
	tail = 1;
	EXPECT_EQ(0, ioctl(self->dev, CAMSEC_VCRYPT_CONSUME, &tail));
	EXPECT_EQ((__u64)(1), r->tail);
	EXPECT_EQ(0, poll(&p, 1, 0));
	munmap(r, ring_len_of(self->dev));
}

static struct camsec_vcrypt_ring *map_ring(int dev)
{
	struct camsec_vcrypt_ring *r = mmap(NULL, ring_len_of(dev), PROT_READ,
					    MAP_SHARED, dev, 0);

	return r == MAP_FAILED ? NULL : r;
}

static const struct camsec_vcrypt_record *record(struct camsec_vcrypt_ring *r,
						 uint64_t i)
{
	return (const void *)((uint8_t *)r + 4096 + (i % SLOTS) * r->slot_size);
}

/* Give back every published record, so that the ring never fills. */
static int consume_all(int dev, struct camsec_vcrypt_ring *r)
{
	uint64_t head = __atomic_load_n(&r->head, __ATOMIC_ACQUIRE);

	return ioctl(dev, CAMSEC_VCRYPT_CONSUME, &head);
}

/*
 * max_records counts the packets of one master key (here a frame is one
 * packet): a rekey, even to the same logon key, and a new stream on it
 * each start a new master key (a new key_rand) with a budget of its own.
 * The packet index runs on across rekeys; a new stream has a new SSRC.
 */
TEST_F(stream, budget_is_per_master_key)
{
	struct camsec_vcrypt_rekey rk = { "camsec:t2" };
	struct camsec_vcrypt_ring *r;
	uint8_t rand0[16], kdk2[32] = { 1 };
	char frame[64] = { 0 };
	uint64_t index0;
	uint32_t ssrc0;
	int i, dev2;

	self->setup.max_records = 3;
	ASSERT_EQ(0, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &self->setup));
	r = map_ring(self->dev);
	ASSERT_TRUE(r != NULL);
	for (i = 0; i < 3; i++)
		ASSERT_EQ(64, write(self->dev, frame, 64));
	EXPECT_EQ(-1, write(self->dev, frame, 64));
	EXPECT_EQ(EKEYEXPIRED, errno);
	EXPECT_EQ(-1, write(self->dev, frame, 64));
	EXPECT_EQ(EKEYEXPIRED, errno);
	EXPECT_EQ((__u64)(2), r->stats.budget_refused);
	EXPECT_EQ((__u64)(3), r->stats.submitted);
	ASSERT_EQ(0, wait_head(r, 3));
	memcpy(rand0, record(r, 0)->key_rand, 16);
	index0 = record(r, 0)->first_index;
	EXPECT_EQ(0, memcmp(rand0, record(r, 2)->key_rand, 16));
	/* a missing key changes nothing */
	strcpy(rk.key_desc, "camsec:absent");
	EXPECT_EQ(-1, ioctl(self->dev, CAMSEC_VCRYPT_REKEY, &rk));
	EXPECT_EQ(ENOKEY, errno);
	EXPECT_EQ((__u64)(0), r->key_epoch);
	EXPECT_EQ(-1, write(self->dev, frame, 64));
	EXPECT_EQ(EKEYEXPIRED, errno);
	/* another logon key: a new epoch, a new budget, the counter goes on */
	ASSERT_LE(0, add_logon("camsec:t2", kdk2, sizeof(kdk2)));
	strcpy(rk.key_desc, "camsec:t2");
	ASSERT_EQ(0, ioctl(self->dev, CAMSEC_VCRYPT_REKEY, &rk));
	EXPECT_EQ((__u64)(1), r->key_epoch);
	EXPECT_EQ((__u64)(1), r->stats.rekeys);
	ASSERT_EQ(0, consume_all(self->dev, r));
	for (i = 0; i < 3; i++)
		ASSERT_EQ(64, write(self->dev, frame, 64));
	EXPECT_EQ(-1, write(self->dev, frame, 64));
	ASSERT_EQ(0, wait_head(r, 6));
	EXPECT_EQ(index0 + 3, record(r, 3)->first_index);
	EXPECT_EQ((__u64)(1), record(r, 3)->key_epoch);
	EXPECT_EQ(1, check_packets(record(r, 3), r));
	EXPECT_EQ(0, memcmp(r->key_rand, record(r, 3)->key_rand, 16));
	EXPECT_NE(0, memcmp(rand0, record(r, 3)->key_rand, 16));
	/* the same logon key again: a new traffic key all the same */
	strcpy(rk.key_desc, "camsec:t1");
	ASSERT_EQ(0, ioctl(self->dev, CAMSEC_VCRYPT_REKEY, &rk));
	ASSERT_EQ(0, consume_all(self->dev, r));
	ASSERT_EQ(64, write(self->dev, frame, 64));
	ASSERT_EQ(0, wait_head(r, 7));
	EXPECT_EQ((__u64)(2), record(r, 6)->key_epoch);
	EXPECT_NE(0, memcmp(rand0, record(r, 6)->key_rand, 16));

	/* a restart on the same logon key: a new master key, a new budget */
	ssrc0 = record(r, 3)->ssrc;
	munmap(r, ring_len_of(self->dev));
	dev2 = open(CAMSEC_VCRYPT_DEVICE, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, dev2);
	ASSERT_EQ(0, ioctl(dev2, CAMSEC_VCRYPT_SETUP, &self->setup));
	r = map_ring(dev2);
	ASSERT_TRUE(r != NULL);
	for (i = 0; i < 3; i++)
		ASSERT_EQ(64, write(dev2, frame, 64));
	EXPECT_EQ(-1, write(dev2, frame, 64));
	EXPECT_EQ(EKEYEXPIRED, errno);
	ASSERT_EQ(0, wait_head(r, 3));
	EXPECT_NE(ssrc0, record(r, 0)->ssrc);
	EXPECT_NE(0, memcmp(rand0, record(r, 0)->key_rand, 16));
	munmap(r, ring_len_of(self->dev));
	close(dev2);
}

/* Frames before the key's fall are sealed; the next one is refused. */
static void key_falls(struct __test_metadata *_metadata, int dev,
		      struct camsec_vcrypt_setup *setup, long op, long arg,
		      int err)
{
	char frame[64] = { 0 };
	struct camsec_vcrypt_ring *r;
	int32_t id = add_logon("camsec:falls", kdk, sizeof(kdk));

	ASSERT_LE(0, id);
	strcpy(setup->key_desc, "camsec:falls");
	ASSERT_EQ(0, ioctl(dev, CAMSEC_VCRYPT_SETUP, setup));
	r = map_ring(dev);
	ASSERT_TRUE(r != NULL);
	ASSERT_EQ(64, write(dev, frame, 64));
	if (op == KEYCTL_UPDATE) {
		ASSERT_EQ(0, syscall(__NR_keyctl, op, id, kdk, sizeof(kdk)));
	} else {
		ASSERT_EQ(0, syscall(__NR_keyctl, op, id, arg));
	}
	if (op == KEYCTL_SET_TIMEOUT)
		sleep(arg + 1);
	EXPECT_EQ(-1, write(dev, frame, 64));
	EXPECT_EQ(err, errno);
	EXPECT_EQ(-1, write(dev, frame, 64));
	EXPECT_EQ(err, errno);
	EXPECT_EQ((__u64)(2), r->stats.key_refused);
	EXPECT_EQ((__u64)(1), r->stats.submitted);
	ASSERT_EQ(0, wait_head(r, 1));
	EXPECT_EQ((__u64)(1), r->head);
	/* a rekey to a standing key goes on */
	ASSERT_EQ(0, ioctl(dev, CAMSEC_VCRYPT_REKEY, &(struct camsec_vcrypt_rekey){
		"camsec:t1" }));
	EXPECT_EQ(64, write(dev, frame, 64));
	munmap(r, ring_len_of(dev));
}

TEST_F(stream, revoked_key_stops_the_next_frame)
{
	key_falls(_metadata, self->dev, &self->setup, KEYCTL_REVOKE, 0,
		  EKEYREVOKED);
}

TEST_F(stream, invalidated_key_stops_the_next_frame)
{
	key_falls(_metadata, self->dev, &self->setup, KEYCTL_INVALIDATE, 0,
		  ENOKEY);
}

TEST_F(stream, timed_out_key_stops_the_next_frame)
{
	key_falls(_metadata, self->dev, &self->setup, KEYCTL_SET_TIMEOUT, 1,
		  EKEYEXPIRED);
}

/* New bytes under the same name: the stream must rekey to use them. */
TEST_F(stream, updated_key_stops_the_next_frame)
{
	key_falls(_metadata, self->dev, &self->setup, KEYCTL_UPDATE, 0,
		  EKEYREJECTED);
}

#define FAIL_SEAL "/sys/kernel/debug/fail_camsec_vcrypt"

static int fail_attr(const char *name, const char *value)
{
	char path[128];
	int fd, ok;

	snprintf(path, sizeof(path), FAIL_SEAL "/%s", name);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ok = write(fd, value, strlen(value)) == (ssize_t)strlen(value);
	close(fd);
	return ok ? 0 : -1;
}

/*
 * A packet whose sealing fails after the cipher wrote into the slot (fault
 * injection, the debug kernel): the void record keeps nothing of the
 * frame, whose plaintext may be in the destination, nor of its packets.
 */
TEST_F(stream, void_record_keeps_nothing_of_the_frame)
{
	const struct camsec_vcrypt_record *rec;
	struct camsec_vcrypt_ring *r;
	static const uint8_t zero[1 << 16];
	char frame[FRAME];

	if (access(FAIL_SEAL, F_OK))
		SKIP(return, "no " FAIL_SEAL " (use the debug variant)");
	big_picture(&self->setup);
	ASSERT_EQ(0, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &self->setup));
	r = map_ring(self->dev);
	ASSERT_TRUE(r != NULL);
	ASSERT_EQ(0, fail_attr("verbose", "0"));
	ASSERT_EQ(0, fail_attr("space", "0"));
	/* the fourth of the frame's eight packets */
	ASSERT_EQ(0, fail_attr("interval", "4"));
	ASSERT_EQ(0, fail_attr("times", "1"));
	ASSERT_EQ(0, fail_attr("probability", "100"));
	memset(frame, 'P', sizeof(frame));
	ASSERT_EQ(FRAME, write(self->dev, frame, FRAME));
	ASSERT_EQ(0, fail_attr("probability", "0"));
	ASSERT_EQ(0, wait_head(r, 1));
	rec = record(r, 0);
	EXPECT_EQ(CAMSEC_VCRYPT_REC_VOID, rec->flags);
	EXPECT_EQ((__u64)(0), rec->length);
	EXPECT_EQ((__u64)(0), rec->npackets);
	EXPECT_EQ((__u64)(1), r->stats.errors);
	EXPECT_EQ((__u64)(0), r->stats.packets);
	ASSERT_GE(sizeof(zero), r->slot_size - sizeof(*rec));
	EXPECT_EQ(0, memcmp(rec + 1, zero, r->slot_size - sizeof(*rec)));
	munmap(r, ring_len_of(self->dev));
}

TEST_F(stream, refuse_newest_counts)
{
	struct camsec_vcrypt_ring *r;
	char frame[64] = { 0 };
	int i;

	ASSERT_EQ(0, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &self->setup));
	r = mmap(NULL, ring_len_of(self->dev), PROT_READ, MAP_SHARED, self->dev, 0);
	ASSERT_TRUE(r != MAP_FAILED);
	for (i = 0; i < SLOTS; i++)
		ASSERT_EQ(64, write(self->dev, frame, 64));
	for (i = 0; i < 3; i++) {
		EXPECT_EQ(-1, write(self->dev, frame, 64));
		EXPECT_EQ(ENOBUFS, errno);
	}
	EXPECT_EQ((__u64)(3), r->stats.refused_newest);
	ASSERT_EQ(0, wait_head(r, SLOTS));
	EXPECT_EQ((__u64)(SLOTS), r->head);
	EXPECT_EQ((__u64)(0), r->tail);
	munmap(r, ring_len_of(self->dev));
}

TEST_F(stream, drop_oldest_counts)
{
	struct camsec_vcrypt_ring *r;
	const struct camsec_vcrypt_record *rec;
	char frame[64] = { 0 };
	int i;

	self->setup.overflow = CAMSEC_VCRYPT_DROP_OLDEST;
	ASSERT_EQ(0, ioctl(self->dev, CAMSEC_VCRYPT_SETUP, &self->setup));
	r = mmap(NULL, ring_len_of(self->dev), PROT_READ, MAP_SHARED, self->dev, 0);
	ASSERT_TRUE(r != MAP_FAILED);
	for (i = 0; i < SLOTS + 3; i++)
		ASSERT_EQ(64, write(self->dev, frame, 64));
	ASSERT_EQ(0, wait_head(r, SLOTS + 3));
	EXPECT_EQ((__u64)(3), r->stats.dropped_oldest);
	EXPECT_EQ((__u64)(SLOTS + 3), r->head);
	EXPECT_EQ((__u64)(3), r->tail);
	/* the oldest readable record is the fourth frame */
	rec = (const void *)((uint8_t *)r + 4096 + (3 % SLOTS) * r->slot_size);
	EXPECT_EQ(((const struct camsec_vcrypt_record *)((uint8_t *)r + 4096 +
		   (4 % SLOTS) * r->slot_size))->first_index - 1, rec->first_index);
	munmap(r, ring_len_of(self->dev));
}

TEST_HARNESS_MAIN
