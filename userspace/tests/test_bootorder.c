// SPDX-License-Identifier: GPL-2.0-only
/* The A/B boot order of U-Boot's environment (lib/bootorder.c). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "bootorder.h"

static void parses_slot_letters(void **state)
{
	struct boot_order o;

	(void)state;
	assert_int_equal(boot_order_parse("A B", &o), 0);
	assert_int_equal(o.n, 2);
	assert_memory_equal(o.slot, "AB", 2);
	assert_int_equal(boot_order_parse(" B  A ", &o), 0);
	assert_memory_equal(o.slot, "BA", 2);
	assert_int_equal(boot_order_parse("", &o), 0);
	assert_int_equal(o.n, 0);
}

static void refuses_what_is_not_an_order(void **state)
{
	static const char *const bad[] = {
		"AB", "a B", "A,B", "A A", "A B C D E", "A\tB", "A B1", "-",
	};
	struct boot_order o;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(boot_order_parse(bad[i], &o), -EINVAL);
}

static void fallback_is_a_boot_of_another_than_the_first(void **state)
{
	struct boot_order o;

	(void)state;
	boot_order_parse("B A", &o);
	assert_int_equal(boot_order_fell_back_from(&o, 'A'), 'B');
	assert_int_equal(boot_order_fell_back_from(&o, 'B'), 0);
	boot_order_parse("", &o);
	assert_int_equal(boot_order_fell_back_from(&o, 'A'), 0);
}

static void booted_slot_goes_first(void **state)
{
	struct boot_order o;
	char out[16];

	(void)state;
	boot_order_parse("B A", &o);
	boot_order_first(&o, 'A', out, sizeof(out));
	assert_string_equal(out, "A B");
	boot_order_first(&o, 'B', out, sizeof(out));
	assert_string_equal(out, "B A");
	boot_order_parse("", &o);
	boot_order_first(&o, 'A', out, sizeof(out));
	assert_string_equal(out, "A");
	boot_order_parse("A B C D", &o);
	boot_order_first(&o, 'C', out, 4);	/* cut short, still a string */
	assert_string_equal(out, "C A");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_slot_letters),
		cmocka_unit_test(refuses_what_is_not_an_order),
		cmocka_unit_test(fallback_is_a_boot_of_another_than_the_first),
		cmocka_unit_test(booted_slot_goes_first),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
