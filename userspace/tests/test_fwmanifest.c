// SPDX-License-Identifier: GPL-2.0-only
/*
 * The firmware manifest (lib/fwmanifest.c): every field, with the line
 * and column of each error; versions; dates; end of support at the
 * day's boundary.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fwmanifest.h"

#define H "camsec-firmware 1\n"
#define C "compatible camsec,virtual-camera\n"
#define V "version 1.4.2\n"
#define B "build-id 20261126.1\n"
#define E "end-of-support 2031-12-31\n"
#define GOOD H C V B E

static struct fw_manifest man;
static const char *why;

/* The manifest: an error, its line and its column. */
struct mcase {
	const char *text;
	unsigned int line, col;
};

static void manifest_valid(void **state)
{
	static const char any_order[] = H E B V C;
	unsigned int line, col;

	(void)state;
	assert_int_equal(fw_manifest_parse(GOOD, strlen(GOOD), &man, &line, &col, &why), 0);
	assert_string_equal(man.compatible, "camsec,virtual-camera");
	assert_int_equal(man.nversion, 3);
	assert_int_equal(man.version[0], 1);
	assert_int_equal(man.version[1], 4);
	assert_int_equal(man.version[2], 2);
	assert_string_equal(man.build_id, "20261126.1");
	assert_int_equal(man.eos_year, 2031);
	assert_int_equal(man.eos_month, 12);
	assert_int_equal(man.eos_day, 31);
	/* Keys in any order. */
	assert_int_equal(fw_manifest_parse(any_order, sizeof(any_order) - 1, &man,
					   &line, &col, &why), 0);
	assert_string_equal(man.build_id, "20261126.1");
}

static void manifest_errors(void **state)
{
	static const struct mcase cases[] = {
		{ "", 1, 1 },
		{ "camsec-firmware 2\n", 1, 17 },
		{ "camsec-firmware 1 x\n", 1, 19 },
		{ "camsec-firmware\n", 1, 16 },
		{ "firmware 1\n", 1, 1 },
		{ C H, 1, 1 },
		{ H C V B "end-of-support 2031-12-31", 5, 26 },	/* no newline */
		{ H "compatible Camsec\n", 2, 12 },
		{ H "compatible camsec \n", 2, 18 },
		{ H "compatible  camsec\n", 2, 11 },
		{ H " compatible camsec\n", 2, 1 },
		{ H "compatible camsec\r\n", 2, 18 },
		{ H "compatible ca\x7fmsec\n", 2, 14 },
		{ H "compatible caf\xc3\xa9\n", 2, 15 },
		{ H "\n", 2, 1 },
		{ H "colour red\n", 2, 1 },
		{ H C V B E H, 6, 1 },
		{ H C C, 3, 1 },
		{ H "compatible a b\n", 2, 14 },
		{ H "compatible a b c d\n", 2, 14 },
		{ H "compatible\n", 2, 11 },
		{ H "compatible x12345678901234567890123456789012345678901234567890123456789012345\n", 2, 12 },
		{ H C "version 1.04\n", 3, 9 },
		{ H C "version 65536\n", 3, 9 },
		{ H C "version 1.2.3.4.5\n", 3, 9 },
		{ H C "version 1..2\n", 3, 9 },
		{ H C "version -1\n", 3, 9 },
		{ H C "version v1\n", 3, 9 },
		{ H C V "build-id a/b\n", 4, 10 },
		{ H C V B "end-of-support 2023-02-29\n", 5, 16 },
		{ H C V B "end-of-support 2031-13-01\n", 5, 16 },
		{ H C V B "end-of-support 2031-04-31\n", 5, 16 },
		{ H C V B "end-of-support 2031-1-01\n", 5, 16 },
		{ H C V B "end-of-support 31-12-2031\n", 5, 16 },
		{ H C V B E "payload rootfs.img 1 0123\n", 6, 1 },	/* packages are gone */
		{ H V B E, 5, 1 },			/* no compatible */
		{ H C V B, 5, 1 },			/* no end-of-support */
		{ H C B E, 5, 1 },			/* no version */
	};
	unsigned int line, col, i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		line = col = 0;
		assert_int_equal(fw_manifest_parse(cases[i].text, strlen(cases[i].text),
						   &man, &line, &col, &why), -1);
		if (line != cases[i].line || col != cases[i].col)
			fail_msg("case %u: %u:%u (%s), not %u:%u", i, line, col, why,
				 cases[i].line, cases[i].col);
		assert_int_equal(man.nversion, 0);
	}
	/* A NUL, which strlen would hide. */
	assert_int_equal(fw_manifest_parse(H "compatible a\0b\n", 33, &man, &line, &col, &why), -1);
	assert_int_equal(line, 2);
	assert_int_equal(col, 13);
}

static void versions(void **state)
{
	static const char *const bad[] = {
		"", ".", "1.", ".1", "01", "1.02", "00", "65536", "1000000",
		"99999999999999999999", "1.2.3.4.5", "-1", "+1", " 1", "1 ", "1.a", "1,2",
	};
	unsigned int a[4], b[4], na, nb, i;
	char out[32];

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (!fw_version_parse(bad[i], a, &na))
			fail_msg("\"%s\" parses", bad[i]);
	}
	assert_int_equal(fw_version_parse("0", a, &na), 0);
	assert_int_equal(fw_version_parse("65535.0.10.65535", a, &na), 0);
	assert_int_equal(na, 4);
	assert_int_equal(a[3], 65535);
	assert_int_equal(fw_version_format(a, na, out, sizeof(out)), 16);
	assert_string_equal(out, "65535.0.10.65535");
	assert_int_equal(fw_version_format(a, na, out, 17), 16);
	assert_int_equal(fw_version_format(a, na, out, 16), -1);
	assert_int_equal(fw_version_format(a, 0, out, sizeof(out)), -1);
	assert_int_equal(fw_version_format(a, 5, out, sizeof(out)), -1);

	assert_int_equal(fw_version_parse("1.2", a, &na), 0);
	assert_int_equal(fw_version_parse("1.2.0", b, &nb), 0);
	assert_int_equal(fw_version_cmp(a, na, b, nb), 0);
	assert_int_equal(fw_version_cmp(b, nb, a, na), 0);
	assert_int_equal(fw_version_parse("1.2.0.1", b, &nb), 0);
	assert_true(fw_version_cmp(a, na, b, nb) < 0);
	assert_true(fw_version_cmp(b, nb, a, na) > 0);
	assert_int_equal(fw_version_parse("1.10", a, &na), 0);
	assert_int_equal(fw_version_parse("1.9", b, &nb), 0);
	assert_true(fw_version_cmp(a, na, b, nb) > 0);
	assert_true(fw_version_cmp(b, nb, a, na) < 0);
	assert_int_equal(fw_version_parse("2", b, &nb), 0);
	assert_true(fw_version_cmp(a, na, b, nb) < 0);
}

static void dates(void **state)
{
	static const char *const good[] = { "2024-02-29", "2000-02-29", "1999-12-31", "2031-12-31" };
	static const char *const bad[] = {
		"2023-02-29", "1900-02-29", "2031-13-01", "2031-00-10", "2031-01-00",
		"2031-01-32", "2031-06-31", "2031/01/01", "2031-01-1x", "20310-1-01",
	};
	char text[256];
	unsigned int line, col, i;
	int len;

	(void)state;
	for (i = 0; i < 4 + sizeof(bad) / sizeof(bad[0]); i++) {
		len = snprintf(text, sizeof(text), H C V B "end-of-support %s\n",
			       i < 4 ? good[i] : bad[i - 4]);
		if (fw_manifest_parse(text, (size_t)len, &man, &line, &col, &why) != (i < 4 ? 0 : -1))
			fail_msg("%s: %s", i < 4 ? good[i] : bad[i - 4], why);
	}
	assert_int_equal(line, 5);
	assert_int_equal(col, 16);
}

static void end_of_support(void **state)
{
	unsigned int line, col;

	(void)state;
	assert_int_equal(fw_manifest_parse(GOOD, strlen(GOOD), &man, &line, &col, &why), 0);
	assert_false(fw_eos_passed(&man, 0));
	assert_false(fw_eos_passed(&man, 1956528000 - 86400));	/* 2031-12-31 00:00 */
	assert_false(fw_eos_passed(&man, 1956528000 - 1));	/* 23:59:59 */
	assert_true(fw_eos_passed(&man, 1956528000));		/* 2032-01-01 */
	assert_true(fw_eos_passed(&man, (time_t)1 << 40));
	man.eos_year = 2024, man.eos_month = 2, man.eos_day = 29;
	assert_false(fw_eos_passed(&man, 1709251200 - 1));
	assert_true(fw_eos_passed(&man, 1709251200));		/* 2024-03-01 */
	man.eos_year = 1969, man.eos_month = 12, man.eos_day = 31;
	assert_false(fw_eos_passed(&man, -1));
	assert_true(fw_eos_passed(&man, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(manifest_valid),
		cmocka_unit_test(manifest_errors),
		cmocka_unit_test(versions),
		cmocka_unit_test(dates),
		cmocka_unit_test(end_of_support),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
