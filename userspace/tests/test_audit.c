// SPDX-License-Identifier: GPL-2.0-only
/*
 * Audit records: a line round-trips through format and parse with every
 * byte escaped right; the chain catches a changed, removed, reordered or
 * inserted line, a wrong key and a cut last line; JSON is escaped.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "audit.h"

static const uint8_t key[32] = "audit key audit key audit key!!";
static const char zero[] = "0000000000000000000000000000000000000000000000000000000000000000";

static struct audit_rec rec(uint64_t seq, const char *op, const char *detail)
{
	struct audit_rec r = { .seq = seq, .time_ns = 1764000000000000000LL + (int64_t)seq };

	strcpy(r.timesrc, "ntp");
	snprintf(r.op, sizeof(r.op), "%s", op);
	strcpy(r.result, "ok");
	strcpy(r.account, "admin");
	strcpy(r.source, "192.0.2.7");
	snprintf(r.detail, sizeof(r.detail), "%s", detail);
	return r;
}

/* @n lines into @buf: the chain's length. */
static size_t chain(char *buf, size_t len, int n)
{
	char prev[AUDIT_MAC_HEX + 1], line[AUDIT_LINE_MAX];
	size_t used = 0;
	int i, l;

	memcpy(prev, zero, sizeof(prev));
	for (i = 0; i < n; i++) {
		struct audit_rec r = rec((uint64_t)i + 1, "login", "session 1");

		l = audit_format(&r, prev, key, sizeof(key), line, sizeof(line));
		assert_true(l > 0 && used + (size_t)l + 1 < len);
		memcpy(buf + used, line, (size_t)l);
		buf[used + (size_t)l] = '\n';
		used += (size_t)l + 1;
		memcpy(prev, r.mac, sizeof(prev));
	}
	return used;
}

static void round_trip(void **state)
{
	struct audit_rec r = rec(7, "config-set", "name=\"a b\"\t100%\n-"), back;
	char line[AUDIT_LINE_MAX];
	const char *why;
	int n;

	(void)state;
	strcpy(r.account, "");
	strcpy(r.source, "-");
	r.time_ns = -5;
	n = audit_format(&r, zero, key, sizeof(key), line, sizeof(line));
	assert_true(n > 0);
	assert_null(memchr(line, '\n', (size_t)n));
	assert_int_equal(audit_parse(line, (size_t)n, &back, &why), 0);
	assert_int_equal(back.seq, 7);
	assert_int_equal(back.time_ns, -5);
	assert_string_equal(back.detail, r.detail);
	assert_string_equal(back.account, "");
	assert_string_equal(back.source, "-");
	assert_string_equal(back.mac, r.mac);
	/* too small a buffer is an error, not a cut line */
	assert_int_equal(audit_format(&r, zero, key, sizeof(key), line, 40), -1);
}

static void chain_catches_changes(void **state)
{
	char buf[8192], bad[8192];
	uint64_t count;
	const char *why, *second, *third;
	size_t len = chain(buf, sizeof(buf), 5), l2;

	(void)state;
	assert_int_equal(audit_verify(buf, len, zero, key, sizeof(key), &count, &why), 0);
	assert_int_equal(count, 5);
	/* a wrong key */
	assert_int_equal(audit_verify(buf, len, zero, (const uint8_t *)"k", 1, &count, &why), -1);
	assert_int_equal(count, 0);
	/* one byte of line 3's detail */
	memcpy(bad, buf, len);
	second = memchr(bad, '\n', len) + 1;
	third = memchr(second, '\n', len) + 1;
	((char *)third)[strlen("3 1764000000000000003 ntp login ok admin 192.0.2.7 session")] = '2';
	assert_int_equal(audit_verify(bad, len, zero, key, sizeof(key), &count, &why), -1);
	assert_int_equal(count, 2);
	assert_string_equal(why, "MAC does not follow from the line before");
	/* line 2 removed */
	l2 = (size_t)(third - second);
	memcpy(bad, buf, len);
	memmove((char *)second, third, len - (size_t)(third - bad));
	assert_int_equal(audit_verify(bad, len - l2, zero, key, sizeof(key), &count, &why), -1);
	assert_int_equal(count, 1);
	/* the last line cut by a power loss */
	assert_int_equal(audit_verify(buf, len - 5, zero, key, sizeof(key), &count, &why), -1);
	assert_int_equal(count, 4);
	assert_string_equal(why, "the last line is cut short");
	/* a chain that does not start where it says */
	assert_int_equal(audit_verify(second - bad + buf, len - (size_t)(second - bad),
				      zero, key, sizeof(key), &count, &why), -1);
}

static void malformed(void **state)
{
	struct audit_rec r;
	const char *why;
	const char *bad[] = {
		"",
		"1 2 ntp op ok a s d",
		"1 2 ntp op ok a s d 00",
		"1  2 ntp op ok a s d 0000000000000000000000000000000000000000000000000000000000000000",
		"x 2 ntp op ok a s d 0000000000000000000000000000000000000000000000000000000000000000",
		"1 2 ntp op ok a s d%4 0000000000000000000000000000000000000000000000000000000000000000",
		"1 2 ntp op ok a s d%00 0000000000000000000000000000000000000000000000000000000000000000",
		"1 2 ntp op ok a s d 000000000000000000000000000000000000000000000000000000000000000g",
		"99999999999999999999 2 ntp op ok a s d 0000000000000000000000000000000000000000000000000000000000000000",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(audit_parse(bad[i], strlen(bad[i]), &r, &why), -1);
}

static void json(void **state)
{
	struct audit_rec r = rec(3, "login", "say \"hi\"\\\x01");
	char out[4096];

	(void)state;
	strcpy(r.mac, zero);
	assert_true(audit_json(&r, out, sizeof(out)) > 0);
	assert_non_null(strstr(out, "\"detail\":\"say \\\"hi\\\"\\\\\\u0001\""));
	assert_non_null(strstr(out, "{\"seq\":3,\"time_ns\":1764000000000000003,"));
	assert_int_equal(audit_json(&r, out, 50), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),
		cmocka_unit_test(chain_catches_changes),
		cmocka_unit_test(malformed),
		cmocka_unit_test(json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
