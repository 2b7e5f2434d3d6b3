// SPDX-License-Identifier: GPL-2.0-only
/*
 * The video benchmark's two pipelines over the same frames, a dma-buf
 * from the system heap (a camera's capture buffer):
 *
 *   vcbench module ALG KEYLEN SIZE FRAMES DEPTH
 *	camsec_vcrypt seals each frame into its ring, DEPTH frames in
 *	flight; each record is written from the mapped ring to /dev/null (a
 *	socket's place) as soon as it is published.
 *   vcbench user ALG KEYLEN SIZE FRAMES 1
 *	the userspace way: the buffer mapped (as V4L2 mmap maps it), sealed
 *	with OpenSSL EVP into a buffer, written to /dev/null.
 *
 * Prints "ns N" for the frames, and for the module the kernel memory
 * (Slab + VmallocUsed) that the frames after the first added: "grew KB".
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
#include <openssl/evp.h>

#define HDR sizeof(struct camsec_vcrypt_record)

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

static int die(const char *what)
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
	size_t slot, len;
	uint64_t next;			/* the next record to write out */
};

/* Write out every published record; wait for @upto of them. */
static void drain(struct ring_reader *rr, uint64_t upto)
{
	struct pollfd p = { .fd = rr->dev, .events = POLLIN };

	for (;;) {
		uint64_t head = __atomic_load_n(&rr->r->head, __ATOMIC_ACQUIRE);

		for (; rr->next < head; rr->next++) {
			if (write(rr->null, rr->slots + (rr->next % 8) * rr->slot,
				  rr->len) != (ssize_t)rr->len)
				die("write");
			if (ioctl(rr->dev, CAMSEC_VCRYPT_CONSUME,
				  &(uint64_t){ rr->next + 1 }))
				die("consume");
		}
		if (rr->next >= upto)
			return;
		poll(&p, 1, 1000);
	}
}

static void module(int aead, size_t size, unsigned int frames,
		   unsigned int depth)
{
	struct camsec_vcrypt_setup s = {
		.key_desc = "camsec:bench", .aead = (uint16_t)aead,
		.overflow = CAMSEC_VCRYPT_REFUSE_NEWEST, .nr_slots = 8,
		.max_frame = (uint32_t)size, .depth = depth,
	};
	struct camsec_vcrypt_frame f = { .length = size };
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	struct ring_reader rr = { .null = open("/dev/null", O_WRONLY) };
	uint8_t key[32], *frame;
	uint64_t t0 = 0, i;
	long mem = 0;

	getrandom(key, sizeof(key), 0);
	if (syscall(__NR_add_key, "logon", "camsec:bench", key, sizeof(key),
		    KEY_SPEC_PROCESS_KEYRING) < 0)
		die("add_key");
	f.fd = heap_frame(size, &frame);
	rr.dev = open(CAMSEC_VCRYPT_DEVICE, O_RDWR | O_CLOEXEC);
	if (rr.dev < 0 || ioctl(rr.dev, CAMSEC_VCRYPT_SETUP, &s))
		die("setup");
	rr.len = HDR + size + 16;
	rr.slot = (rr.len + page - 1) & ~(page - 1);
	rr.r = mmap(NULL, page + 8 * rr.slot, PROT_READ, MAP_SHARED, rr.dev, 0);
	if (rr.r == MAP_FAILED)
		die("mmap ring");
	rr.slots = (uint8_t *)rr.r + page;
	/* Frame 0 warms the import and the transform; then the clock runs. */
	for (i = 0; i <= frames; i++) {
		if (i == 1) {
			drain(&rr, 1);
			mem = meminfo_kb();
			t0 = now_ns();
		}
		/* Blocks while DEPTH frames are in flight. */
		if (ioctl(rr.dev, CAMSEC_VCRYPT_SUBMIT, &f))
			die("submit");
		drain(&rr, i + 1 > depth ? i + 1 - depth : 0);
	}
	drain(&rr, frames + 1);
	printf("ns %llu\n", (unsigned long long)(now_ns() - t0));
	printf("grew %ld ring %zu\n", meminfo_kb() - mem, page + 8 * rr.slot);
}

static void user(int aead, size_t size, unsigned int frames)
{
	const EVP_CIPHER *c = aead == CAMSEC_VCRYPT_AES_128_GCM ? EVP_aes_128_gcm() :
		aead == CAMSEC_VCRYPT_AES_256_GCM ? EVP_aes_256_gcm() :
		EVP_chacha20_poly1305();
	uint8_t key[32], iv[12] = { 0 }, hdr[HDR] = { 0 }, *frame, *out;
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int null = open("/dev/null", O_WRONLY), n;
	uint64_t t0 = 0, i;
	size_t len = HDR + size + 16;

	getrandom(key, sizeof(key), 0);
	heap_frame(size, &frame);
	out = malloc(len);
	if (!out || !ctx)
		die("malloc");
	for (i = 0; i <= frames; i++) {
		if (i == 1)
			t0 = now_ns();
		iv[11] = (uint8_t)i;
		memcpy(out, hdr, HDR);
		if (!EVP_EncryptInit_ex(ctx, c, NULL, key, iv) ||
		    !EVP_EncryptUpdate(ctx, NULL, &n, hdr, HDR) ||
		    !EVP_EncryptUpdate(ctx, out + HDR, &n, frame, (int)size) ||
		    !EVP_EncryptFinal_ex(ctx, out + HDR + size, &n) ||
		    !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 16,
					 out + HDR + size))
			die("EVP");
		if (write(null, out, len) != (ssize_t)len)
			die("write");
	}
	printf("ns %llu\n", (unsigned long long)(now_ns() - t0));
}

int main(int argc, char **argv)
{
	int aead;

	if (argc != 7)
		return 2;
	aead = strcmp(argv[2], "gcm") ? CAMSEC_VCRYPT_CHACHA20_POLY1305 :
	       atoi(argv[3]) == 32 ? CAMSEC_VCRYPT_AES_256_GCM :
	       CAMSEC_VCRYPT_AES_128_GCM;
	if (!strcmp(argv[1], "module"))
		module(aead, strtoul(argv[4], NULL, 0),
		       (unsigned int)atoi(argv[5]), (unsigned int)atoi(argv[6]));
	else
		user(aead, strtoul(argv[4], NULL, 0),
		     (unsigned int)atoi(argv[5]));
	return 0;
}
