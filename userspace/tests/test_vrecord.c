// SPDX-License-Identifier: GPL-2.0-only
/*
 * Ring records of SRTP packets, as a sender checks them before it sends
 * a byte: a good record's packets come out in order; each fault of the
 * header or of a packet's framing is refused with its own message.
 */
#define _DEFAULT_SOURCE
#include <endian.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "vrecord.h"

/* A record of packets of @lens bytes each (an RTP header at least). */
static size_t build(uint8_t *out, const size_t *lens, unsigned int n)
{
	struct camsec_vcrypt_record h = {
		.magic = htole32(CAMSEC_VCRYPT_MAGIC),
		.version = CAMSEC_VCRYPT_VERSION,
		.stream_id = htole32(7),
		.key_epoch = htole32(1),
		.first_index = htole64(65530),
		.npackets = htole32(n),
		.ssrc = htole32(0x11223344),
		.profile = htole16(CAMSEC_SRTP_AES128_CM_HMAC_SHA1_80),
	};
	size_t off = sizeof(h);
	unsigned int i;

	for (i = 0; i < n; i++) {
		struct camsec_vcrypt_packet p = { .length = htole16((uint16_t)lens[i]) };

		memcpy(out + off, &p, sizeof(p));
		memset(out + off + sizeof(p), (int)i, lens[i]);
		out[off + sizeof(p)] = 0x80;	/* RTP version 2 */
		off += (sizeof(p) + lens[i] + 3) & ~(size_t)3;
	}
	h.length = htole32((uint32_t)(off - sizeof(h)));
	memcpy(out, &h, sizeof(h));
	return off;
}

static void packets_in_order(void **state)
{
	static const size_t lens[] = { 12, 1400, 31 };
	uint8_t buf[4096];
	size_t len = build(buf, lens, 3), off = 0, plen;
	const uint8_t *pkt;
	struct vrecord rec;
	const char *why = NULL;
	unsigned int i;

	(void)state;
	assert_int_equal(vrecord_parse(buf, len, &rec, &why), 0);
	assert_int_equal(rec.npackets, 3);
	assert_int_equal(rec.first_index, 65530);
	assert_int_equal(rec.ssrc, 0x11223344);
	assert_int_equal(rec.key_epoch, 1);
	assert_int_equal(vrecord_size(buf, sizeof(buf)), len);
	assert_int_equal(vrecord_size(buf, len - 1), 0);
	for (i = 0; vrecord_packet(&rec, &off, &pkt, &plen); i++) {
		assert_int_equal(plen, lens[i]);
		assert_int_equal(pkt[0], 0x80);
		assert_int_equal(pkt[plen - 1], i);
	}
	assert_int_equal(i, 3);
	/* a void record: no packets */
	len = build(buf, lens, 0);
	buf[offsetof(struct camsec_vcrypt_record, flags)] = CAMSEC_VCRYPT_REC_VOID;
	assert_int_equal(vrecord_parse(buf, len, &rec, &why), 0);
}

static void expect_fault(uint8_t *buf, size_t len, const char *want)
{
	struct vrecord rec;
	const char *why = NULL;

	assert_int_equal(vrecord_parse(buf, len, &rec, &why), -1);
	assert_string_equal(why, want);
}

static void put32(uint8_t *buf, size_t off, uint32_t v)
{
	v = htole32(v);
	memcpy(buf + off, &v, 4);
}

static void faults(void **state)
{
	static const size_t lens[] = { 20, 40 };
	const size_t first = sizeof(struct camsec_vcrypt_record);
	uint8_t good[512], buf[512];
	size_t len = build(good, lens, 2);
	uint64_t idx = htole64((1ULL << 48) - 1);

	(void)state;
#define FRESH() memcpy(buf, good, sizeof(buf))
	FRESH();
	expect_fault(buf, 10, "record shorter than its header");
	buf[0] ^= 1;
	expect_fault(buf, len, "not a camsec video record (bad magic)");
	FRESH(), buf[4] = 2;
	expect_fault(buf, len, "unknown record version");
	FRESH(), buf[offsetof(struct camsec_vcrypt_record, reserved2)] = 1;
	expect_fault(buf, len, "reserved header field not zero");
	FRESH(), buf[offsetof(struct camsec_vcrypt_record, flags)] = 4;
	expect_fault(buf, len, "unknown record flags");
	FRESH(), buf[offsetof(struct camsec_vcrypt_record, flags)] = 1;
	expect_fault(buf, len, "void record with packets");
	FRESH(), put32(buf, offsetof(struct camsec_vcrypt_record, npackets), 70000);
	expect_fault(buf, len, "more packets than a frame may have");
	FRESH(), memcpy(buf + offsetof(struct camsec_vcrypt_record, first_index), &idx, 8);
	expect_fault(buf, len, "packet index beyond 2^48");
	FRESH();
	expect_fault(buf, len - 4, "record length does not match its header");
	FRESH(), buf[first] = 200;	/* the first packet runs past the end */
	expect_fault(buf, len, "packet past the record's end");
	FRESH(), buf[first + 4] = 0x40;	/* RTP version 1 */
	expect_fault(buf, len, "not an RTP packet");
	FRESH(), buf[first] = 8;	/* shorter than an RTP header */
	expect_fault(buf, len, "not an RTP packet");
	FRESH(), put32(buf, offsetof(struct camsec_vcrypt_record, npackets), 3);
	expect_fault(buf, len, "packet count does not match the header");
	/* a length that leaves 2 bytes: not even a packet header */
	FRESH(), put32(buf, offsetof(struct camsec_vcrypt_record, length),
		       (uint32_t)(len - first + 2));
	expect_fault(buf, len + 2, "packet header past the record's end");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(packets_in_order),
		cmocka_unit_test(faults),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
