// SPDX-License-Identifier: GPL-2.0-only
/*
 * Video records: parsing, opening under the right key only, the replay
 * window and chunk reassembly. Records are sealed here with OpenSSL the
 * way the kernel seals them (header as AAD, nonce = salt || seq).
 */
#define _DEFAULT_SOURCE
#include <endian.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <openssl/evp.h>

#include "vrecord.h"

#define LEN 100

static const uint8_t key[16] = "0123456789abcdef";

/* A record of LEN bytes of plaintext p[i] = i + seq, into @out. */
static size_t seal(uint8_t *out, uint8_t aead, const uint8_t *k, int klen,
		   uint64_t seq)
{
	struct camsec_vcrypt_record h = {
		.magic = htole32(CAMSEC_VCRYPT_MAGIC),
		.version = CAMSEC_VCRYPT_VERSION,
		.aead = aead,
		.stream_id = htole32(7),
		.key_epoch = htole32(1),
		.seq = htole64(seq),
		.length = htole32(LEN),
	};
	const EVP_CIPHER *c = aead == CAMSEC_VCRYPT_AES_GCM ?
		(klen == 16 ? EVP_aes_128_gcm() : EVP_aes_256_gcm()) :
		EVP_chacha20_poly1305();
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	uint64_t be = htobe64(seq);
	uint8_t p[LEN];
	int n, i;

	for (i = 0; i < LEN; i++)
		p[i] = (uint8_t)(i + seq);
	memcpy(h.nonce, "salt", 4);
	memcpy(h.nonce + 4, &be, 8);
	memcpy(out, &h, sizeof(h));
	assert_true(EVP_EncryptInit_ex(ctx, c, NULL, k, h.nonce));
	assert_true(EVP_EncryptUpdate(ctx, NULL, &n, out, sizeof(h)));
	assert_true(EVP_EncryptUpdate(ctx, out + sizeof(h), &n, p, LEN));
	assert_true(EVP_EncryptFinal_ex(ctx, out + sizeof(h) + LEN, &n));
	assert_true(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 16,
					out + sizeof(h) + LEN));
	EVP_CIPHER_CTX_free(ctx);
	return VRECORD_OVERHEAD + LEN;
}

static void opens_and_decrypts(void **state)
{
	uint8_t buf[VRECORD_OVERHEAD + LEN], plain[LEN + 16];
	const uint8_t key32[32] = "0123456789abcdef0123456789abcdef";
	struct vrecord rec;
	const char *why;
	size_t len;

	(void)state;
	len = seal(buf, CAMSEC_VCRYPT_AES_GCM, key, 16, 5);
	assert_int_equal(vrecord_parse(buf, len, &rec, &why), 0);
	assert_int_equal(rec.seq, 5);
	assert_int_equal(rec.stream_id, 7);
	assert_int_equal(rec.key_epoch, 1);
	assert_int_equal(rec.length, LEN);
	assert_int_equal(vrecord_open(&rec, key, 16, plain, &why), 0);
	assert_int_equal(plain[0], 5);
	assert_int_equal(plain[LEN - 1], LEN - 1 + 5);

	len = seal(buf, CAMSEC_VCRYPT_CHACHA20_POLY1305, key32, 32, 9);
	assert_int_equal(vrecord_parse(buf, len, &rec, &why), 0);
	assert_int_equal(vrecord_open(&rec, key32, 32, plain, &why), 0);
	assert_int_equal(plain[1], 10);
	/* the key of the other AEAD's length */
	assert_int_equal(vrecord_open(&rec, key, 16, plain, &why), -1);
}

static void forgeries_fail(void **state)
{
	uint8_t buf[VRECORD_OVERHEAD + LEN], plain[LEN + 16];
	uint8_t other[16] = "0123456789abcdeX";
	struct vrecord rec;
	const char *why;
	size_t len, i;
	/* every header field, the ciphertext and the tag */
	const size_t flips[] = { offsetof(struct camsec_vcrypt_record, stream_id),
		offsetof(struct camsec_vcrypt_record, key_epoch),
		offsetof(struct camsec_vcrypt_record, timestamp_ns),
		offsetof(struct camsec_vcrypt_record, nonce),
		VRECORD_HDR_LEN, VRECORD_HDR_LEN + LEN - 1,
		VRECORD_HDR_LEN + LEN, VRECORD_OVERHEAD + LEN - 1 };

	(void)state;
	for (i = 0; i < sizeof(flips) / sizeof(flips[0]); i++) {
		len = seal(buf, CAMSEC_VCRYPT_AES_GCM, key, 16, 5);
		buf[flips[i]] ^= 0x01;
		assert_int_equal(vrecord_parse(buf, len, &rec, &why), 0);
		assert_int_equal(vrecord_open(&rec, key, 16, plain, &why), -1);
		assert_string_equal(why, "authentication failed");
	}
	/* the sequence number no longer matches the nonce */
	len = seal(buf, CAMSEC_VCRYPT_AES_GCM, key, 16, 5);
	buf[offsetof(struct camsec_vcrypt_record, seq)] ^= 0x01;
	assert_int_equal(vrecord_parse(buf, len, &rec, &why), 0);
	assert_int_equal(vrecord_open(&rec, key, 16, plain, &why), -1);
	assert_string_equal(why, "nonce does not carry the sequence number");
	/* a wrong key */
	len = seal(buf, CAMSEC_VCRYPT_AES_GCM, key, 16, 5);
	assert_int_equal(vrecord_parse(buf, len, &rec, &why), 0);
	assert_int_equal(vrecord_open(&rec, other, 16, plain, &why), -1);
}

static void malformed(void **state)
{
	uint8_t buf[VRECORD_OVERHEAD + LEN];
	struct vrecord rec;
	const char *why;
	size_t len;

	(void)state;
	len = seal(buf, CAMSEC_VCRYPT_AES_GCM, key, 16, 5);
	assert_int_equal(vrecord_parse(buf, len - 1, &rec, &why), -1);
	assert_int_equal(vrecord_parse(buf, VRECORD_OVERHEAD - 1, &rec, &why), -1);
	buf[0] ^= 1;
	assert_int_equal(vrecord_parse(buf, len, &rec, &why), -1);
	assert_string_equal(why, "not a camsec video record (bad magic)");
	buf[0] ^= 1;
	buf[offsetof(struct camsec_vcrypt_record, version)] = 2;
	assert_int_equal(vrecord_parse(buf, len, &rec, &why), -1);
	buf[offsetof(struct camsec_vcrypt_record, version)] = 1;
	buf[offsetof(struct camsec_vcrypt_record, aead)] = 3;
	assert_int_equal(vrecord_parse(buf, len, &rec, &why), -1);
	buf[offsetof(struct camsec_vcrypt_record, aead)] = 1;
	buf[offsetof(struct camsec_vcrypt_record, flags)] = 1;	/* void */
	assert_int_equal(vrecord_parse(buf, len, &rec, &why), -1);
	assert_string_equal(why, "void record with a payload");
}

static void window(void **state)
{
	struct vrx_window w = { 0 };

	(void)state;
	assert_int_equal(vrx_window_check(&w, 10), VRX_NEXT);
	assert_int_equal(vrx_window_check(&w, 10), VRX_REPLAY);
	assert_int_equal(vrx_window_check(&w, 12), VRX_NEXT);
	assert_int_equal(vrx_window_check(&w, 11), VRX_LATE);
	assert_int_equal(vrx_window_check(&w, 11), VRX_REPLAY);
	assert_int_equal(vrx_window_check(&w, 12 + VRX_WINDOW), VRX_NEXT);
	assert_int_equal(vrx_window_check(&w, 12), VRX_STALE);
	assert_int_equal(vrx_window_check(&w, 13), VRX_LATE);
	assert_int_equal(vrx_window_check(&w, 1000), VRX_NEXT);
	assert_int_equal(vrx_window_check(&w, 13), VRX_STALE);
}

static size_t chunk(uint8_t *d, uint64_t seq, uint32_t rlen, uint32_t off,
		    size_t n)
{
	struct vchunk_hdr h = {
		.magic = htole32(VCHUNK_MAGIC), .record_len = htole32(rlen),
		.offset = htole32(off), .seq = htole64(seq),
	};

	memcpy(d, &h, sizeof(h));
	memset(d + sizeof(h), (int)(off / 10), n);
	return sizeof(h) + n;
}

static void reassembly(void **state)
{
	static uint8_t buf[VCHUNK_MAX_RECORD];
	struct vasm a = { .buf = buf };
	uint8_t d[sizeof(struct vchunk_hdr) + 40];
	const char *why;

	(void)state;
	assert_int_equal(vasm_add(&a, d, chunk(d, 1, 30, 0, 10), &why), 0);
	assert_int_equal(vasm_add(&a, d, chunk(d, 1, 30, 10, 10), &why), 0);
	assert_int_equal(vasm_add(&a, d, chunk(d, 1, 30, 20, 10), &why), 1);
	assert_int_equal(a.len, 30);
	assert_int_equal(buf[0], 0);
	assert_int_equal(buf[29], 2);
	/* a lost chunk abandons the record */
	assert_int_equal(vasm_add(&a, d, chunk(d, 2, 30, 0, 10), &why), 0);
	assert_int_equal(vasm_add(&a, d, chunk(d, 2, 30, 20, 10), &why), 0);
	assert_int_equal(a.abandoned, 1);
	assert_int_equal(vasm_add(&a, d, chunk(d, 2, 30, 10, 10), &why), 0);
	/* past the record's end, too short, not a chunk */
	assert_int_equal(vasm_add(&a, d, chunk(d, 3, 30, 25, 10), &why), -1);
	assert_int_equal(vasm_add(&a, d, 10, &why), -1);
	d[0] ^= 1;
	assert_int_equal(vasm_add(&a, d, chunk(d, 3, 30, 0, 10) , &why), 0);
	d[0] ^= 1;
	assert_int_equal(vasm_add(&a, d, sizeof(d), &why), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(opens_and_decrypts),
		cmocka_unit_test(forgeries_fail),
		cmocka_unit_test(malformed),
		cmocka_unit_test(window),
		cmocka_unit_test(reassembly),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
