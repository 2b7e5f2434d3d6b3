// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "procnet.h"

struct seen {
	struct listener l[8];
	int n;
};

static void add(const struct listener *l, void *arg)
{
	struct seen *s = arg;

	if (s->n < 8)
		s->l[s->n++] = *l;
}

#define HEAD "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"

static void tcp4(void **state)
{
	const char t[] = HEAD
		"   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 11 1\n"
		"   1: 0100007F:0277 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12 1\n"
		"   2: 0F02000A:01BB 0A02000A:D431 01 00000000:00000000 00:00000000 00000000     0        0 13 1\n";
	struct seen s = { .n = 0 };

	(void)state;
	assert_int_equal(procnet_parse(t, sizeof(t) - 1, IPPROTO_TCP, false, add, &s), 2);
	assert_int_equal(s.l[0].port, 22);
	assert_false(s.l[0].loopback);
	assert_int_equal(s.l[1].port, 631);
	assert_true(s.l[1].loopback);
}

static void udp6(void **state)
{
	const char t[] = "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
		"  10: 00000000000000000000000000000000:14E9 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 21 2 0 0\n"
		"  11: 00000000000000000000000001000000:0035 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 22 2 0 0\n"
		"  12: 00000000000000000000000000000000:A000 B80D0120000000000000000001000000:0035 01 00000000:00000000 00:00000000 00000000     0        0 23 2 0 0\n";
	struct seen s = { .n = 0 };

	(void)state;
	assert_int_equal(procnet_parse(t, sizeof(t) - 1, IPPROTO_UDP, true, add, &s), 2);
	assert_int_equal(s.l[0].port, 5353);
	assert_true(s.l[0].v6);
	assert_false(s.l[0].loopback);
	assert_int_equal(s.l[1].port, 53);
	assert_true(s.l[1].loopback);
}

static void malformed(void **state)
{
	const char none[] = "hello\nworld\n";
	const char cut[] = HEAD "   0: 00000000:00\n";
	struct seen s = { .n = 0 };

	(void)state;
	assert_int_equal(procnet_parse(none, sizeof(none) - 1, IPPROTO_TCP, false, add, &s), -1);
	assert_int_equal(procnet_parse(cut, sizeof(cut) - 1, IPPROTO_TCP, false, add, &s), -1);
	assert_int_equal(procnet_parse(HEAD, sizeof(HEAD) - 1, IPPROTO_TCP, false, add, &s), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tcp4),
		cmocka_unit_test(udp6),
		cmocka_unit_test(malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
