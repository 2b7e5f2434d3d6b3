// SPDX-License-Identifier: GPL-2.0-only
/*
 * Video records: the key schedule as uapi camsec.h states it, parsing,
 * opening under the right traffic key only, void records, the replay
 * window and chunk reassembly. Records are sealed here with OpenSSL the
 * way the kernel seals them.
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
#include <openssl/hmac.h>

#include "vrecord.h"

#define LEN 100

static const uint8_t kdk[32] = "0123456789abcdef0123456789abcdef";
static const uint8_t rand1[16] = "random-value-one";

static const EVP_CIPHER *cipher_of(uint8_t aead)
{
	return aead == CAMSEC_VCRYPT_AES_128_GCM ? EVP_aes_128_gcm() :
	       aead == CAMSEC_VCRYPT_AES_256_GCM ? EVP_aes_256_gcm() :
	       EVP_chacha20_poly1305();
}

static struct vtraffic traffic_of(uint8_t aead, const uint8_t *r)
{
	struct vrecord rec = { .aead = aead, .key_rand = r };
	struct vtraffic t;
	const char *why;

	assert_int_equal(vtraffic_derive(&t, &rec, kdk, &why), 0);
	return t;
}

/*
 * A record of @len bytes of plaintext p[i] = i + seq (a void one if @len
 * is 0) into @out, sealed under @t.
 */
static size_t seal(uint8_t *out, const struct vtraffic *t, uint64_t seq,
		   uint32_t len)
{
	struct camsec_vcrypt_record h = {
		.magic = htole32(CAMSEC_VCRYPT_MAGIC),
		.version = CAMSEC_VCRYPT_VERSION,
		.aead = t->aead,
		.flags = htole16(len ? 0 : CAMSEC_VCRYPT_REC_VOID),
		.stream_id = htole32(7),
		.key_epoch = htole32(1),
		.seq = htole64(seq),
		.length = htole32(len),
	};
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	uint8_t p[LEN], nonce[12];
	uint32_t i;
	int n;

	for (i = 0; i < len; i++)
		p[i] = (uint8_t)(i + seq);
	memcpy(h.key_rand, t->rand, sizeof(h.key_rand));
	vtraffic_nonce(t, len ? CAMSEC_VCRYPT_DOMAIN_FRAME :
			CAMSEC_VCRYPT_DOMAIN_VOID, seq, nonce);
	memcpy(out, &h, sizeof(h));
	assert_true(EVP_EncryptInit_ex(ctx, cipher_of(t->aead), NULL, t->key,
				       nonce));
	assert_true(EVP_EncryptUpdate(ctx, NULL, &n, out, sizeof(h)));
	assert_true(!len || EVP_EncryptUpdate(ctx, out + sizeof(h), &n, p,
					      (int)len));
	assert_true(EVP_EncryptFinal_ex(ctx, out + sizeof(h) + len, &n));
	assert_true(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 16,
					out + sizeof(h) + len));
	EVP_CIPHER_CTX_free(ctx);
	return VRECORD_OVERHEAD + len;
}

/* SP 800-108 counter mode written out with HMAC: the uapi's formula. */
static void kdf_is_sp800_108_as_documented(void **state)
{
	const char *label = CAMSEC_VCRYPT_KDF_LABEL;
	uint8_t msg[64], block[2][32], want[44];
	struct vtraffic t = traffic_of(CAMSEC_VCRYPT_AES_256_GCM, rand1);
	size_t n = 4;
	unsigned int i, mdlen;

	(void)state;
	memcpy(msg + n, label, strlen(label)), n += strlen(label);
	msg[n++] = 0;
	msg[n++] = CAMSEC_VCRYPT_AES_256_GCM;
	memcpy(msg + n, rand1, 16), n += 16;
	memcpy(msg + n, "\0\0\x01\x60", 4), n += 4;	/* 352 bits */
	for (i = 0; i < 2; i++) {
		memcpy(msg, (uint8_t[4]){ 0, 0, 0, (uint8_t)(i + 1) }, 4);
		assert_non_null(HMAC(EVP_sha256(), kdk, 32, msg, n, block[i],
				     &mdlen));
	}
	memcpy(want, block, sizeof(want));
	assert_int_equal(t.keylen, 32);
	assert_memory_equal(t.key, want, 32);
	assert_memory_equal(t.iv, want + 32, 12);
	/* AES-128-GCM: another key, 16 bytes of it */
	t = traffic_of(CAMSEC_VCRYPT_AES_128_GCM, rand1);
	assert_int_equal(t.keylen, 16);
	assert_memory_not_equal(t.key, want, 16);
}

static void nonce_is_iv_xor_domain_and_seq(void **state)
{
	struct vtraffic t = traffic_of(CAMSEC_VCRYPT_AES_128_GCM, rand1);
	uint8_t n[12];

	(void)state;
	vtraffic_nonce(&t, CAMSEC_VCRYPT_DOMAIN_FRAME, 0, n);
	assert_memory_equal(n, t.iv, 12);
	vtraffic_nonce(&t, CAMSEC_VCRYPT_DOMAIN_VOID, 0x0102, n);
	assert_int_equal(n[3] ^ t.iv[3], 1);
	assert_int_equal(n[10] ^ t.iv[10], 1);
	assert_int_equal(n[11] ^ t.iv[11], 2);
	assert_int_equal(n[0] ^ t.iv[0], 0);
}

static void opens_and_decrypts(void **state)
{
	uint8_t buf[VRECORD_OVERHEAD + LEN], plain[LEN + 16];
	struct vtraffic t = traffic_of(CAMSEC_VCRYPT_AES_128_GCM, rand1);
	struct vrecord rec;
	const char *why;
	size_t len;
	uint8_t a;

	(void)state;
	len = seal(buf, &t, 5, LEN);
	assert_int_equal(vrecord_parse(buf, len, &rec, &why), 0);
	assert_int_equal(rec.seq, 5);
	assert_int_equal(rec.stream_id, 7);
	assert_int_equal(rec.key_epoch, 1);
	assert_int_equal(rec.length, LEN);
	assert_memory_equal(rec.key_rand, rand1, 16);
	assert_int_equal(vrecord_open(&rec, &t, plain, &why), 0);
	assert_int_equal(plain[0], 5);
	assert_int_equal(plain[LEN - 1], LEN - 1 + 5);
	for (a = CAMSEC_VCRYPT_AES_128_GCM; a <= CAMSEC_VCRYPT_AES_256_GCM; a++) {
		t = traffic_of(a, rand1);
		len = seal(buf, &t, 9, LEN);
		assert_int_equal(vrecord_parse(buf, len, &rec, &why), 0);
		assert_int_equal(vrecord_open(&rec, &t, plain, &why), 0);
		assert_int_equal(plain[1], 10);
	}
}

static void forgeries_fail(void **state)
{
	uint8_t buf[VRECORD_OVERHEAD + LEN], plain[LEN + 16];
	struct vtraffic t = traffic_of(CAMSEC_VCRYPT_AES_128_GCM, rand1);
	struct vtraffic other = traffic_of(CAMSEC_VCRYPT_AES_128_GCM,
					   (const uint8_t *)"random-value-two");
	struct vrecord rec;
	const char *why;
	size_t len, i;
	/* every header field, the ciphertext and the tag */
	const size_t flips[] = { offsetof(struct camsec_vcrypt_record, stream_id),
		offsetof(struct camsec_vcrypt_record, key_epoch),
		offsetof(struct camsec_vcrypt_record, seq),
		offsetof(struct camsec_vcrypt_record, timestamp_ns),
		VRECORD_HDR_LEN, VRECORD_HDR_LEN + LEN - 1,
		VRECORD_HDR_LEN + LEN, VRECORD_OVERHEAD + LEN - 1 };

	(void)state;
	for (i = 0; i < sizeof(flips) / sizeof(flips[0]); i++) {
		len = seal(buf, &t, 5, LEN);
		buf[flips[i]] ^= 0x01;
		assert_int_equal(vrecord_parse(buf, len, &rec, &why), 0);
		assert_int_equal(vrecord_open(&rec, &t, plain, &why), -1);
		assert_string_equal(why, "authentication failed");
	}
	/* key_rand names the traffic key: another one's does not open it */
	len = seal(buf, &t, 5, LEN);
	buf[offsetof(struct camsec_vcrypt_record, key_rand)] ^= 0x01;
	assert_int_equal(vrecord_parse(buf, len, &rec, &why), 0);
	assert_int_equal(vrecord_open(&rec, &t, plain, &why), -1);
	assert_string_equal(why, "another record's traffic key");
	/* a wrong traffic key, claimed as the right one */
	len = seal(buf, &t, 5, LEN);
	memcpy(other.rand, t.rand, sizeof(t.rand));
	assert_int_equal(vrecord_parse(buf, len, &rec, &why), 0);
	assert_int_equal(vrecord_open(&rec, &other, plain, &why), -1);
	assert_string_equal(why, "authentication failed");
}

/* A void record is authentic only with the tag the kernel gave it. */
static void void_records_are_authenticated(void **state)
{
	uint8_t buf[VRECORD_OVERHEAD + LEN], plain[LEN + 16];
	struct vtraffic t = traffic_of(CAMSEC_VCRYPT_AES_128_GCM, rand1);
	struct camsec_vcrypt_record h;
	struct vrecord rec;
	const char *why;
	size_t len;

	(void)state;
	len = seal(buf, &t, 3, 0);
	assert_int_equal(len, VRECORD_OVERHEAD);
	assert_int_equal(vrecord_parse(buf, len, &rec, &why), 0);
	assert_int_equal(rec.flags, CAMSEC_VCRYPT_REC_VOID);
	assert_int_equal(vrecord_open(&rec, &t, plain, &why), 0);
	/* its seq changed */
	buf[offsetof(struct camsec_vcrypt_record, seq)] ^= 1;
	assert_int_equal(vrecord_parse(buf, len, &rec, &why), 0);
	assert_int_equal(vrecord_open(&rec, &t, plain, &why), -1);
	/* a zero tag: the forgery of issue 18 */
	len = seal(buf, &t, 3, 0);
	memset(buf + VRECORD_HDR_LEN, 0, CAMSEC_VCRYPT_TAG_LEN);
	assert_int_equal(vrecord_parse(buf, len, &rec, &why), 0);
	assert_int_equal(vrecord_open(&rec, &t, plain, &why), -1);
	assert_string_equal(why, "authentication failed");
	/* a frame's record made void, with the frame's tag */
	len = seal(buf, &t, 4, LEN);
	memcpy(&h, buf, sizeof(h));
	h.flags = htole16(CAMSEC_VCRYPT_REC_VOID);
	h.length = 0;
	memcpy(buf, &h, sizeof(h));
	memmove(buf + VRECORD_HDR_LEN, buf + VRECORD_HDR_LEN + LEN, 16);
	assert_int_equal(vrecord_parse(buf, VRECORD_OVERHEAD, &rec, &why), 0);
	assert_int_equal(vrecord_open(&rec, &t, plain, &why), -1);
}

static void malformed(void **state)
{
	uint8_t buf[VRECORD_OVERHEAD + LEN];
	struct vtraffic t = traffic_of(CAMSEC_VCRYPT_AES_128_GCM, rand1);
	struct vrecord rec;
	const char *why;
	size_t len;

	(void)state;
	len = seal(buf, &t, 5, LEN);
	assert_int_equal(vrecord_parse(buf, len - 1, &rec, &why), -1);
	assert_int_equal(vrecord_parse(buf, VRECORD_OVERHEAD - 1, &rec, &why), -1);
	buf[0] ^= 1;
	assert_int_equal(vrecord_parse(buf, len, &rec, &why), -1);
	assert_string_equal(why, "not a camsec video record (bad magic)");
	buf[0] ^= 1;
	buf[offsetof(struct camsec_vcrypt_record, version)] = 1;
	assert_int_equal(vrecord_parse(buf, len, &rec, &why), -1);
	assert_string_equal(why, "unknown record version");
	buf[offsetof(struct camsec_vcrypt_record, version)] = CAMSEC_VCRYPT_VERSION;
	buf[offsetof(struct camsec_vcrypt_record, aead)] = 4;
	assert_int_equal(vrecord_parse(buf, len, &rec, &why), -1);
	assert_string_equal(why, "unknown AEAD");
	buf[offsetof(struct camsec_vcrypt_record, aead)] = 1;
	buf[offsetof(struct camsec_vcrypt_record, reserved)] = 1;
	assert_int_equal(vrecord_parse(buf, len, &rec, &why), -1);
	assert_string_equal(why, "reserved header field not zero");
	buf[offsetof(struct camsec_vcrypt_record, reserved)] = 0;
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
		cmocka_unit_test(kdf_is_sp800_108_as_documented),
		cmocka_unit_test(nonce_is_iv_xor_domain_and_seq),
		cmocka_unit_test(opens_and_decrypts),
		cmocka_unit_test(forgeries_fail),
		cmocka_unit_test(void_records_are_authenticated),
		cmocka_unit_test(malformed),
		cmocka_unit_test(window),
		cmocka_unit_test(reassembly),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
