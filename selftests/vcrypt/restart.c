// SPDX-License-Identifier: GPL-2.0-only
/*
 * A stream restarted again and again on the same logon key and stream
 * id, with the module reloaded between rounds, never protects two packets
 * under the same (key, IV). A packet's session key and salt come from its
 * master key, its IV from the salt, the SSRC and the index: so no master
 * key may come back, and no index within one. Every packet is unprotected
 * here by libsrtp2 under the master key derived from the logon key's
 * bytes and the record's key_rand (userspace/lib/srtpkey.c), so the keys
 * checked are the ones used, and its payload checked against the frame.
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
#include <srtp2/srtp.h>

#include "kselftest_harness.h"
#include "srtpkey.h"
#include "vrecord.h"

#define MODULE "/lib/modules/camsec/camsec_vcrypt.ko"
#define RESTARTS 1000
#define ROUNDS 4		/* the module is reloaded between rounds */
#define RECORDS 2		/* per stream, a packet each */
#define WIDTH 16		/* a 16 x 2 UYVY picture: 64 bytes */
#define FRAME (WIDTH * 2 * 2)
#define SLOTS 4

/* What decides a packet's (key, IV): its master key, SSRC and index. */
struct pair {
	uint8_t master[30];
	uint32_t ssrc;
	uint64_t index;
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
	return memcmp(a, b, sizeof(((struct pair *)0)->master));
}

/* @pkt of @len bytes, unprotected in place with libsrtp under @master. */
static int unprotect(uint8_t *pkt, int *len, uint8_t *master)
{
	uint8_t mki[4] = { 0 };
	srtp_master_key_t key = { master, mki, sizeof(mki) }, *keys = &key;
	srtp_policy_t policy;
	srtp_t ctx;
	int err;

	memset(&policy, 0, sizeof(policy));
	srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtp);
	policy.rtcp = policy.rtp;
	policy.ssrc.type = ssrc_any_inbound;
	policy.keys = &keys;
	policy.num_master_keys = 1;
	policy.window_size = 128;
	if (srtp_create(&ctx, &policy))
		return -1;
	err = srtp_unprotect_mki(ctx, pkt, len, 1);
	srtp_dealloc(ctx);
	return err ? -1 : 0;
}

/* One stream's life: RECORDS frames sealed, opened and kept as pairs. */
static void one_stream(struct __test_metadata *_metadata, struct pair *out)
{
	struct camsec_vcrypt_setup s = {
		.key_desc = "camsec:restart", .stream_id = 7,
		.profile = CAMSEC_SRTP_AES128_CM_HMAC_SHA1_80,
		.overflow = CAMSEC_VCRYPT_REFUSE_NEWEST,
		.nr_slots = SLOTS, .max_frame = FRAME,
		.payload = CAMSEC_RTP_RAW, .payload_type = 96,
		.mki_len = CAMSEC_VCRYPT_MKI_LEN, .mtu = 1400,
		.clock_rate = 90000,
		.raw = { .width = WIDTH, .height = 2, .pgroup_bytes = 4,
			 .pgroup_pixels = 2 },
	};
	const struct srtp_profile *p =
		srtp_profile_by_id(CAMSEC_SRTP_AES128_CM_HMAC_SHA1_80);
	uint8_t frame[FRAME], pkt[1500];
	struct camsec_vcrypt_ring *r;
	const uint8_t *at;
	struct vrecord rec;
	const char *why = "";
	size_t map, off, len;
	int dev, i, n, plen;

	dev = open(CAMSEC_VCRYPT_DEVICE, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, dev);
	ASSERT_EQ(0, ioctl(dev, CAMSEC_VCRYPT_SETUP, &s));
	r = mmap(NULL, 4096, PROT_READ, MAP_SHARED, dev, 0);
	ASSERT_TRUE(r != MAP_FAILED);
	map = 4096 + (size_t)r->nr_slots * r->slot_size;
	munmap(r, 4096);
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
		at = (uint8_t *)r + 4096 + (size_t)i * r->slot_size;
		len = vrecord_size(at, r->slot_size);
		ASSERT_EQ(0, vrecord_parse(at, len, &rec, &why)) TH_LOG("%s", why);
		ASSERT_EQ(1u, rec.npackets);
		ASSERT_EQ(0, srtp_master_derive(p, kdk, rec.key_rand, out[i].master));
		off = 0;
		ASSERT_EQ(1, vrecord_packet(&rec, &off, &at, &len));
		memcpy(pkt, at, len);
		plen = (int)len;
		ASSERT_EQ(0, unprotect(pkt, &plen, out[i].master))
			TH_LOG("record %d: libsrtp refused it", i);
		/* RTP header, extended sequence number, one line header each */
		ASSERT_EQ(12 + 2 + 2 * 6 + FRAME, plen);
		EXPECT_EQ('a' + i, pkt[plen - 1]);
		out[i].ssrc = rec.ssrc;
		out[i].index = rec.first_index;
	}
	munmap(r, map);
	close(dev);
}

FIXTURE(restart) {};
FIXTURE_SETUP(restart) {}
FIXTURE_TEARDOWN(restart) {}

/* A thousand streams and four loads take minutes under TCG. */
TEST_F_TIMEOUT(restart, restarts_and_reloads_never_repeat_a_key_and_iv, 900)
{
	struct pair *pairs = calloc(RESTARTS * RECORDS, sizeof(*pairs));
	int was_loaded = !access("/sys/module/camsec_vcrypt", F_OK);
	int round, i, keys = 1;

	ASSERT_TRUE(pairs != NULL);
	ASSERT_EQ(0, (int)srtp_init());
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
			TH_LOG("a (key, IV) pair used twice");
		keys += cmp_key(&pairs[i - 1], &pairs[i]) != 0;
	}
	/* one master key per stream: none came back */
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

	ASSERT_EQ(0, (int)srtp_init());
	ASSERT_LE(0, syscall(__NR_add_key, "logon", "camsec:restart", kdk,
			     sizeof(kdk), KEY_SPEC_PROCESS_KEYRING));
	ASSERT_EQ(0, load());
	/* one_stream writes 'a' then 'b' from one buffer and checks both */
	one_stream(_metadata, pairs);
	if (!was_loaded)
		EXPECT_EQ(0, unload());
}

TEST_HARNESS_MAIN
