// SPDX-License-Identifier: GPL-2.0-only
/*
 * The video path's keys and SDP: the master key derivation is the
 * uapi's formula, written out here with HMAC; what camsec-vsend writes
 * parses back; SDES key-params (RFC 4568) round-trip, RFC 4568's own
 * example parses; each malformed attribute is refused with its line.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "sdp.h"
#include "srtpkey.h"

static const uint8_t kdk[32] = "0123456789abcdef0123456789abcdef";
static const uint8_t rand1[16] = "random-value-one";

/* SP 800-108 counter mode written out with HMAC: the uapi's formula. */
static void master_key_is_sp800_108_as_documented(void **state)
{
	const struct srtp_profile *p =
		srtp_profile_by_id(CAMSEC_SRTP_AEAD_AES_256_GCM);
	const char *label = CAMSEC_VCRYPT_KDF_LABEL;
	uint8_t msg[64], block[2][32], master[SRTP_MAX_MASTER];
	size_t n = 4;
	unsigned int i, mdlen;

	(void)state;
	memcpy(msg + n, label, strlen(label)), n += strlen(label);
	msg[n++] = 0;
	msg[n++] = 0, msg[n++] = 8;		/* the profile, 0x0008 */
	memcpy(msg + n, rand1, 16), n += 16;
	memcpy(msg + n, "\0\0\x01\x60", 4), n += 4;	/* 44 bytes: 352 bits */
	for (i = 0; i < 2; i++) {
		memcpy(msg, (uint8_t[4]){ 0, 0, 0, (uint8_t)(i + 1) }, 4);
		assert_non_null(HMAC(EVP_sha256(), kdk, 32, msg, n, block[i],
				     &mdlen));
	}
	assert_int_equal(srtp_master_derive(p, kdk, rand1, master), 0);
	assert_memory_equal(master, block, 44);
	/* another profile, another key */
	p = srtp_profile_by_id(CAMSEC_SRTP_AES128_CM_HMAC_SHA1_80);
	assert_int_equal(srtp_master_derive(p, kdk, rand1, master), 0);
	assert_memory_not_equal(master, block, 30);
}

static void written_sdp_parses_back(void **state)
{
	struct sdp_session s = {
		.dest = "10.9.2.2", .port = 5004, .payload = CAMSEC_RTP_RAW,
		.pt = 96, .clock_rate = 90000, .width = 64, .height = 48,
		.ssrc = 0xdeadbeef, .mki_len = 4, .nkeys = 2,
		.keys = { { .epoch = 0 }, { .epoch = 1 } },
	}, back;
	char *text, err[128];
	size_t len;
	FILE *f = open_memstream(&text, &len);

	(void)state;
	s.profile = srtp_profile_by_id(CAMSEC_SRTP_AEAD_AES_128_GCM);
	memcpy(s.keys[1].rand, rand1, 16);
	assert_int_equal(sdp_write(f, &s), 0);
	fclose(f);
	assert_non_null(strstr(text, "m=video 5004 RTP/SAVP 96\r\n"));
	assert_non_null(strstr(text, "a=rtpmap:96 raw/90000\r\n"));
	assert_non_null(strstr(text, "width=64; height=48"));
	assert_int_equal(sdp_parse_camsec(text, &back, err, sizeof(err)), 0);
	assert_ptr_equal(back.profile, s.profile);
	assert_int_equal(back.mki_len, 4);
	assert_int_equal(back.nkeys, 2);
	assert_int_equal(back.keys[1].epoch, 1);
	assert_memory_equal(back.keys[1].rand, rand1, 16);
	free(text);
}

static void sdes_round_trip(void **state)
{
	const struct srtp_profile *p =
		srtp_profile_by_id(CAMSEC_SRTP_AES128_CM_HMAC_SHA1_80);
	uint8_t m1[SRTP_MAX_MASTER], m2[SRTP_MAX_MASTER];
	char k1[128], k2[128], text[512], err[128];
	struct sdp_session s;

	(void)state;
	srtp_master_derive(p, kdk, rand1, m1);
	srtp_master_derive(p, kdk, (const uint8_t *)"random-value-two", m2);
	assert_int_equal(sdes_key_params(p, m1, 0, 4, k1, sizeof(k1)), 0);
	assert_int_equal(sdes_key_params(p, m2, 1, 4, k2, sizeof(k2)), 0);
	assert_int_equal(sdes_key_params(p, m2, 1, 4, text, 20), -1);
	snprintf(text, sizeof(text), "v=0\r\nm=video 5004 RTP/SAVP 96\r\na=crypto:1 %s %s;%s\r\n",
		 p->name, k1, k2);
	assert_int_equal(sdp_parse_crypto(text, &s, err, sizeof(err)), 0);
	assert_int_equal(s.nkeys, 2);
	assert_int_equal(s.mki_len, 4);
	assert_int_equal(s.keys[1].epoch, 1);
	assert_memory_equal(s.keys[0].master, m1, 30);
	assert_memory_equal(s.keys[1].master, m2, 30);
	/* no MKI: FFmpeg's form */
	assert_int_equal(sdes_key_params(p, m1, 0, 0, k1, sizeof(k1)), 0);
	assert_null(strchr(k1, '|'));
	snprintf(text, sizeof(text), "a=crypto:7 %s %s\n", p->name, k1);
	assert_int_equal(sdp_parse_crypto(text, &s, err, sizeof(err)), 0);
	assert_int_equal(s.mki_len, 0);
	assert_memory_equal(s.keys[0].master, m1, 30);
}

/* RFC 4568 section 3.1's example, lifetime and MKI included. */
static void rfc4568_example(void **state)
{
	static const char text[] = "a=crypto:1 AES_CM_128_HMAC_SHA1_80 "
		"inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4";
	static const uint8_t want[] = "\x3d\x2d\x6e\x40\x25\x5e\x78\x21\x42\x6a\x75\x66\x72\x39\x29\x3f\x2c\x23\x35\x68\x5c\x60\x3d\x26\x5d\x7b\x71\x69\x50\x51";
	struct sdp_session s;
	char err[128];

	(void)state;
	assert_int_equal(sdp_parse_crypto(text, &s, err, sizeof(err)), 0);
	assert_int_equal(s.keys[0].epoch, 1);
	assert_int_equal(s.mki_len, 4);
	assert_memory_equal(s.keys[0].master, want, 30);
}

static void refuse(int (*parse)(const char *, struct sdp_session *, char *, size_t),
		   const char *text, const char *want)
{
	struct sdp_session s;
	char err[128];

	assert_int_equal(parse(text, &s, err, sizeof(err)), -1);
	assert_string_equal(err, want);
}

static void malformed(void **state)
{
	static const char key[] = "inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR";

	(void)state;
	refuse(sdp_parse_crypto, "v=0\n", "line 0: no a=crypto attribute");
	refuse(sdp_parse_crypto, "v=0\na=crypto:1 F8_128_HMAC_SHA1_80 x\n",
	       "line 2: unknown crypto-suite");
	refuse(sdp_parse_crypto, "a=crypto:x AES_CM_128_HMAC_SHA1_80 inline:AAAA\n",
	       "line 1: expected a=crypto:<tag> <suite> <key-params>");
	refuse(sdp_parse_crypto, "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:AAAA\n",
	       "line 1: expected inline:<base64 key and salt>");
	refuse(sdp_parse_crypto, "a=crypto:1 AEAD_AES_128_GCM inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR\n",
	       "line 1: expected inline:<base64 key and salt>");
	{
		char t[256];

		snprintf(t, sizeof(t), "a=crypto:1 AES_CM_128_HMAC_SHA1_80 %s;%s\n", key, key);
		refuse(sdp_parse_crypto, t, "line 1: several keys without an MKI");
		snprintf(t, sizeof(t), "a=crypto:1 AES_CM_128_HMAC_SHA1_80 %s|1:4;%s\n", key, key);
		refuse(sdp_parse_crypto, t, "line 1: every key needs an MKI, or none");
		snprintf(t, sizeof(t), "a=crypto:1 AES_CM_128_HMAC_SHA1_80 %s|1:0\n", key);
		refuse(sdp_parse_crypto, t, "line 1: expected <MKI>:<length> after the key");
		snprintf(t, sizeof(t), "a=crypto:1 AES_CM_128_HMAC_SHA1_80 %s?\n", key);
		refuse(sdp_parse_crypto, t, "line 1: expected inline:<base64 key and salt>");
		snprintf(t, sizeof(t), "a=crypto:1 AES_CM_128_HMAC_SHA1_80 %s x\n", key);
		assert_int_equal(sdp_parse_crypto(t, &(struct sdp_session){ 0 }, (char[8]){ 0 }, 8), 0);
	}
	refuse(sdp_parse_camsec, "v=0\n", "line 0: no a=x-camsec-srtp attribute");
	refuse(sdp_parse_camsec, "a=x-camsec-srtp:AES_CM_128_HMAC_SHA1_80 3\n",
	       "line 1: expected <crypto-suite> <0 or 4>");
	refuse(sdp_parse_camsec, "a=x-camsec-srtp:AES_CM_128_HMAC_SHA1_80 4\n",
	       "line 0: no a=x-camsec-key attribute");
	refuse(sdp_parse_camsec, "a=x-camsec-srtp:AES_CM_128_HMAC_SHA1_80 4\r\n"
	       "a=x-camsec-key:0 00112233445566778899aabbccddeeff0\r\n",
	       "line 2: expected <epoch> <32 hex digits>");
	refuse(sdp_parse_camsec, "a=x-camsec-key:0 00112233445566778899aabbccddeeff\n"
	       "a=x-camsec-key:0 00112233445566778899aabbccddeeff\n",
	       "line 2: key epoch given twice");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(master_key_is_sp800_108_as_documented),
		cmocka_unit_test(written_sdp_parses_back),
		cmocka_unit_test(sdes_round_trip),
		cmocka_unit_test(rfc4568_example),
		cmocka_unit_test(malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
