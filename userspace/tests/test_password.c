// SPDX-License-Identifier: GPL-2.0-only
/* Password rules, yescrypt hashing, account names and their skeletons. */
#define _GNU_SOURCE
#include <crypt.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "password.h"
#include "username.h"

static void rules(void **state)
{
	const char *why = NULL;
	char longpw[PASSWORD_MAX + 2];

	(void)state;
	assert_int_equal(password_check("admin", "Camera2026", &why), 0);
	assert_int_equal(password_check("admin", "abc!efgh", &why), 0);
	assert_int_equal(password_check("admin", "Ab1!", &why), -1);
	assert_string_equal(why, "the password is shorter than 8 characters");
	assert_int_equal(password_check("admin", "abcdefghij", &why), -1);
	assert_string_equal(why, "the password needs two of: digits, lower case, upper case, specials");
	assert_int_equal(password_check("admin", "1234567890", &why), -1);
	assert_int_equal(password_check("admin", "!!!!!!!!", &why), -1);
	assert_int_equal(password_check("operator1", "Operator1", &why), -1);
	assert_string_equal(why, "the password is the user name or the user name reversed");
	assert_int_equal(password_check("operator1", "1ROTAREPO", &why), -1);
	assert_int_equal(password_check("admin", "Abcdefg\th1", &why), -1);
	assert_string_equal(why, "the password has a control character");
	memset(longpw, 'a', sizeof(longpw) - 1);
	longpw[0] = '1';
	longpw[sizeof(longpw) - 1] = '\0';
	assert_int_equal(password_check("admin", longpw, &why), -1);
	longpw[PASSWORD_MAX] = '\0';
	assert_int_equal(password_check("admin", longpw, &why), 0);
}

static void hashing(void **state)
{
	char h1[CRYPT_OUTPUT_SIZE], h2[CRYPT_OUTPUT_SIZE];

	(void)state;
	assert_int_equal(password_hash("Camera2026", 5, h1, sizeof(h1)), 0);
	assert_int_equal(password_hash("Camera2026", 5, h2, sizeof(h2)), 0);
	assert_memory_equal(h1, "$y$", 3);
	/* a fresh salt each time */
	assert_string_not_equal(h1, h2);
	assert_int_equal(password_verify("Camera2026", h1), 1);
	assert_int_equal(password_verify("Camera2026", h2), 1);
	assert_int_equal(password_verify("camera2026", h1), 0);
	assert_int_equal(password_verify("", h1), 0);
	/* only yescrypt hashes are hashes */
	assert_int_equal(password_verify("x", "x"), 0);
	assert_int_equal(password_verify("x", ""), 0);
	assert_int_equal(password_hash("x", 5, h1, 10), -1);
}

/* Dummies shaped like a real hash; a hash made at another cost is seen. */
static void costs(void **state)
{
	char h3[CRYPT_OUTPUT_SIZE], h5[CRYPT_OUTPUT_SIZE], d[CRYPT_OUTPUT_SIZE];
	char p3[CRYPT_OUTPUT_SIZE], p5[CRYPT_OUTPUT_SIZE], pd[CRYPT_OUTPUT_SIZE];

	(void)state;
	assert_int_equal(password_hash("Camera2026", 3, h3, sizeof(h3)), 0);
	assert_int_equal(password_hash("Camera2026", 5, h5, sizeof(h5)), 0);
	assert_true(password_params(h3, p3, sizeof(p3)) > 3);
	assert_true(password_params(h5, p5, sizeof(p5)) > 3);
	assert_string_not_equal(p3, p5);
	assert_int_equal(p3[strlen(p3) - 1], '$');
	assert_int_equal(password_hash_like(p3, d, sizeof(d)), 0);
	assert_true(password_params(d, pd, sizeof(pd)) > 3);
	assert_string_equal(pd, p3);
	assert_string_not_equal(d, h3);
	assert_int_equal(password_at_cost(h3, 3), 1);
	assert_int_equal(password_at_cost(h3, 5), 0);
	assert_int_equal(password_at_cost(h5, 5), 1);
	/* not yescrypt, or no room */
	assert_int_equal(password_params("$6$abc$def", p3, sizeof(p3)), 0);
	assert_int_equal(password_params("$y$j9T", p3, sizeof(p3)), 0);
	assert_int_equal(password_params(h3, p3, 4), 0);
	assert_int_equal(password_at_cost("x", 5), 0);
}

static void names(void **state)
{
	char a[USERNAME_MAX + 1], b[USERNAME_MAX + 1];
	const char *why;

	(void)state;
	assert_int_equal(username_check("admin", &why), 0);
	assert_int_equal(username_check("op.night-2", &why), 0);
	assert_int_equal(username_check("", &why), -1);
	assert_int_equal(username_check("2admin", &why), -1);
	assert_int_equal(username_check("ad min", &why), -1);
	assert_int_equal(username_check("\xd0\xb0" "dmin", &why), -1);	/* Cyrillic a */
	assert_int_equal(username_check("a23456789012345678901234567890123", &why), -1);
	username_skeleton("Admin", a);
	username_skeleton("admin", b);
	assert_string_equal(a, b);
	username_skeleton("adm1n", a);
	assert_string_equal(a, b);
	username_skeleton("ADMlN", a);
	assert_string_equal(a, b);
	username_skeleton("arnber", a);
	username_skeleton("amber", b);
	assert_string_equal(a, b);
	username_skeleton("op_night", a);
	username_skeleton("op.night", b);
	assert_string_equal(a, b);
	username_skeleton("operator", a);
	username_skeleton("viewer", b);
	assert_string_not_equal(a, b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rules),
		cmocka_unit_test(hashing),
		cmocka_unit_test(costs),
		cmocka_unit_test(names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
