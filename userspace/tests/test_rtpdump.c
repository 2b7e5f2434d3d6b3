// SPDX-License-Identifier: GPL-2.0-only
/*
 * rtpdump files: what is written reads back, in rtptools' layout; a cut
 * or inconsistent file is refused.
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

#include "rtpdump.h"

static size_t dump(uint8_t **buf)
{
	size_t len = 0;
	FILE *f = open_memstream((char **)buf, &len);

	assert_non_null(f);
	assert_int_equal(rtpdump_write_header(f, "10.9.2.2", 5004, 1500000), 0);
	assert_int_equal(rtpdump_write_packet(f, 0, "\x80\x60hello", 7), 0);
	assert_int_equal(rtpdump_write_packet(f, 40, "\x80\xe0world!", 8), 0);
	assert_int_equal(rtpdump_write_packet(f, 0, "", RTPDUMP_MAX_PACKET + 1), -1);
	assert_int_equal(fclose(f), 0);
	return len;
}

static void round_trip(void **state)
{
	uint8_t *buf;
	size_t len = dump(&buf), plen;
	struct rtpdump_reader r;
	const uint8_t *pkt;
	const char *why;
	uint32_t ms;

	(void)state;
	assert_memory_equal(buf, "#!rtpplay1.0 10.9.2.2/5004\n", 27);
	/* start 1.5 s: 1 s and 500000 us; the address; the port */
	assert_memory_equal(buf + 27, "\0\0\0\x01\0\x07\xa1\x20\x0a\x09\x02\x02\x13\x8c\0\0", 16);
	assert_int_equal(rtpdump_open(&r, buf, len, &why), 0);
	assert_int_equal(rtpdump_next(&r, &pkt, &plen, &ms, &why), 1);
	assert_int_equal(plen, 7);
	assert_memory_equal(pkt, "\x80\x60hello", 7);
	assert_int_equal(rtpdump_next(&r, &pkt, &plen, &ms, &why), 1);
	assert_int_equal(ms, 40);
	assert_int_equal(plen, 8);
	assert_int_equal(rtpdump_next(&r, &pkt, &plen, &ms, &why), 0);
	free(buf);
}

static void refused(void **state)
{
	uint8_t *buf;
	size_t len = dump(&buf), plen;
	struct rtpdump_reader r;
	const uint8_t *pkt;
	const char *why;
	uint32_t ms;

	(void)state;
	assert_int_equal(rtpdump_open(&r, "#!rtpplay1.1 x/1\n", 17, &why), -1);
	assert_string_equal(why, "not an rtpdump file");
	assert_int_equal(rtpdump_open(&r, buf, 30, &why), -1);
	assert_string_equal(why, "rtpdump file header cut");
	/* the last packet cut short */
	assert_int_equal(rtpdump_open(&r, buf, len - 1, &why), 0);
	assert_int_equal(rtpdump_next(&r, &pkt, &plen, &ms, &why), 1);
	assert_int_equal(rtpdump_next(&r, &pkt, &plen, &ms, &why), -1);
	assert_string_equal(why, "packet cut");
	/* a packet longer than its record */
	buf[27 + 16 + 3] = 200;
	assert_int_equal(rtpdump_open(&r, buf, len, &why), 0);
	assert_int_equal(rtpdump_next(&r, &pkt, &plen, &ms, &why), -1);
	assert_string_equal(why, "packet lengths disagree");
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),
		cmocka_unit_test(refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
