// SPDX-License-Identifier: GPL-2.0-only
/*
 * A stream restarted again and again on the same logon key and stream
 * id, with the module reloaded between rounds, never seals two records
 * under the same (key, nonce). Every record is opened here with the
 * traffic key derived from the logon key's bytes and its key_rand
 * (userspace/lib/vrecord.c), so the pairs checked are the ones the AEAD
 * used, and its plaintext checked against the frame written.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/keyctl.h>

#include "kselftest_harness.h"
#include "vrecord.h"

#define MODULE "/lib/modules/camsec/camsec_vcrypt.ko"
#define RESTARTS 1000
#define ROUNDS 4		/* the module is reloaded between rounds */
#define RECORDS 2		/* per stream */
#define FRAME 256
#define SLOTS 4

struct pair {
	uint8_t key[32];
	uint8_t nonce[CAMSEC_VCRYPT_NONCE_LEN];
};

static const uint8_t kdk[32] = "restart-restart-restart-restart!";

static int load(void)
{
	int fd = open(MODULE, O_RDONLY | O_CLOEXEC), err;

	if (fd < 0)
		return -1;
	err = syscall(__NR_finit_module, fd, "", 0);
	close(fd);
	return err && errno != EEXIST ? -1 : 0;
}

static int unload(void)
{
	return syscall(__NR_delete_module, "camsec_vcrypt", O_NONBLOCK);
}

static int cmp_pair(const void *a, const void *b)
{
	return memcmp(a, b, sizeof(struct pair));
}

static int cmp_key(const void *a, const void *b)
{
	return memcmp(a, b, sizeof(((struct pair *)0)->key));
}

/* One stream's life: RECORDS frames sealed, opened and kept as pairs. */
static void one_stream(struct __test_metadata *_metadata, struct pair *out)
{
	struct camsec_vcrypt_setup s = {
		.key_desc = "camsec:restart", .stream_id = 7,
		.aead = CAMSEC_VCRYPT_AES_128_GCM,
		.overflow = CAMSEC_VCRYPT_REFUSE_NEWEST,
		.nr_slots = SLOTS, .max_frame = FRAME,
	};
	size_t len = VRECORD_OVERHEAD + FRAME, map = 4096 + SLOTS * 4096;
	uint8_t frame[FRAME], plain[FRAME + 16];
	struct camsec_vcrypt_ring *r;
	struct vtraffic t;
	struct vrecord rec;
	const char *why = "";
	int dev, i, n;

	dev = open(CAMSEC_VCRYPT_DEVICE, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, dev);
	ASSERT_EQ(0, ioctl(dev, CAMSEC_VCRYPT_SETUP, &s));
	r = mmap(NULL, map, PROT_READ, MAP_SHARED, dev, 0);
	ASSERT_TRUE(r != MAP_FAILED);
	for (i = 0; i < RECORDS; i++) {
		memset(frame, 'a' + i, sizeof(frame));
		ASSERT_EQ(FRAME, write(dev, frame, FRAME));
	}
	for (n = 0; n < 5000 && __atomic_load_n(&r->head, __ATOMIC_ACQUIRE) < RECORDS; n++)
		usleep(200);
	ASSERT_EQ((__u64)RECORDS, r->head);
	for (i = 0; i < RECORDS; i++) {
		ASSERT_EQ(0, vrecord_parse((uint8_t *)r + 4096 * (i + 1), len,
					   &rec, &why)) TH_LOG("%s", why);
		ASSERT_EQ(0, vtraffic_derive(&t, &rec, kdk, &why));
		ASSERT_EQ(0, vrecord_open(&rec, &t, plain, &why))
			TH_LOG("record %d: %s", i, why);
		EXPECT_EQ('a' + i, plain[FRAME - 1]);
		EXPECT_EQ((uint64_t)i, rec.seq);
		memset(out[i].key, 0, sizeof(out[i].key));
		memcpy(out[i].key, t.key, t.keylen);
		vtraffic_nonce(&t, CAMSEC_VCRYPT_DOMAIN_FRAME, rec.seq,
			       out[i].nonce);
	}
	munmap(r, map);
	close(dev);
}

FIXTURE(restart) {};
FIXTURE_SETUP(restart) {}
FIXTURE_TEARDOWN(restart) {}

/* A thousand streams and four loads take minutes under TCG. */
TEST_F_TIMEOUT(restart, restarts_and_reloads_never_repeat_a_key_and_nonce, 900)
{
	struct pair *pairs = calloc(RESTARTS * RECORDS, sizeof(*pairs));
	int was_loaded = !access("/sys/module/camsec_vcrypt", F_OK);
	int round, i, keys = 1;

	ASSERT_TRUE(pairs != NULL);
	ASSERT_LE(0, syscall(__NR_add_key, "logon", "camsec:restart", kdk,
			     sizeof(kdk), KEY_SPEC_PROCESS_KEYRING));
	for (round = 0; round < ROUNDS; round++) {
		ASSERT_EQ(0, load());
		for (i = 0; i < RESTARTS / ROUNDS; i++)
			one_stream(_metadata, pairs +
				   (round * RESTARTS / ROUNDS + i) * RECORDS);
		ASSERT_EQ(0, unload()) TH_LOG("reload: %s", strerror(errno));
	}
	if (was_loaded)
		ASSERT_EQ(0, load());
	qsort(pairs, RESTARTS * RECORDS, sizeof(*pairs), cmp_pair);
	for (i = 1; i < RESTARTS * RECORDS; i++) {
		ASSERT_NE(0, cmp_pair(&pairs[i - 1], &pairs[i]))
			TH_LOG("a (key, nonce) pair sealed twice");
		keys += cmp_key(&pairs[i - 1], &pairs[i]) != 0;
	}
	/* one traffic key per stream: none came back */
	EXPECT_EQ(RESTARTS, keys);
	free(pairs);
}

/*
 * write(2) pins the writer's pages instead of copying them: it must not
 * return before they are sealed, or the next frame written into the same
 * buffer is what the first record carries.
 */
TEST_F(restart, write_buffer_is_free_once_write_returns)
{
	int was_loaded = !access("/sys/module/camsec_vcrypt", F_OK);
	struct pair pairs[RECORDS];

	ASSERT_LE(0, syscall(__NR_add_key, "logon", "camsec:restart", kdk,
			     sizeof(kdk), KEY_SPEC_PROCESS_KEYRING));
	ASSERT_EQ(0, load());
	/* one_stream writes 'a' then 'b' from one buffer and checks both */
	one_stream(_metadata, pairs);
	if (!was_loaded)
		EXPECT_EQ(0, unload());
}

TEST_HARNESS_MAIN
