// SPDX-License-Identifier: GPL-2.0-only
/* Login lock: the window, the lock, forgetting, lifting, a full table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "lockout.h"

static const struct lockout_policy pol = { .max_failures = 3, .window_s = 60,
					   .lock_s = 600 };

static void locks_after_n_in_window(void **state)
{
	struct lockout l;

	(void)state;
	assert_int_equal(lockout_init(&l, &pol), 0);
	assert_false(lockout_fail(&l, "user:admin", 100));
	assert_false(lockout_fail(&l, "user:admin", 110));
	assert_int_equal(lockout_remaining(&l, "user:admin", 111), 0);
	assert_true(lockout_fail(&l, "user:admin", 120));
	assert_int_equal(lockout_remaining(&l, "user:admin", 120), 600);
	assert_int_equal(lockout_remaining(&l, "user:admin", 719), 1);
	/* failures while locked do not extend or count */
	assert_false(lockout_fail(&l, "user:admin", 500));
	assert_int_equal(lockout_remaining(&l, "user:admin", 720), 0);
	/* after the lock, counting starts again */
	assert_false(lockout_fail(&l, "user:admin", 721));
	assert_false(lockout_fail(&l, "user:admin", 722));
	assert_true(lockout_fail(&l, "user:admin", 723));
	/* another key is untouched */
	assert_int_equal(lockout_remaining(&l, "addr:10.0.0.1", 723), 0);
	lockout_free(&l);
}

static void window_forgets(void **state)
{
	struct lockout l;

	(void)state;
	assert_int_equal(lockout_init(&l, &pol), 0);
	assert_false(lockout_fail(&l, "addr:10.0.0.1", 0));
	assert_false(lockout_fail(&l, "addr:10.0.0.1", 59));
	/* the first failure has left the window: a new one starts */
	assert_false(lockout_fail(&l, "addr:10.0.0.1", 60));
	assert_false(lockout_fail(&l, "addr:10.0.0.1", 61));
	assert_true(lockout_fail(&l, "addr:10.0.0.1", 62));
	/* a success forgets failures, not a lock */
	lockout_forget(&l, "addr:10.0.0.1", 63);
	assert_int_equal(lockout_remaining(&l, "addr:10.0.0.1", 63), 599);
	assert_false(lockout_fail(&l, "addr:10.0.0.2", 0));
	assert_false(lockout_fail(&l, "addr:10.0.0.2", 1));
	lockout_forget(&l, "addr:10.0.0.2", 2);
	assert_false(lockout_fail(&l, "addr:10.0.0.2", 3));
	assert_false(lockout_fail(&l, "addr:10.0.0.2", 4));
	lockout_free(&l);
}

static void count(const struct lockout_entry *e, void *arg)
{
	(void)e;
	++*(int *)arg;
}

static void unlock_and_list(void **state)
{
	struct lockout l;
	int n = 0;

	(void)state;
	assert_int_equal(lockout_init(&l, &pol), 0);
	for (int i = 0; i < 3; i++) {
		lockout_fail(&l, "user:a", i);
		lockout_fail(&l, "user:b", i);
	}
	lockout_each_lock(&l, 10, count, &n);
	assert_int_equal(n, 2);
	assert_int_equal(lockout_unlock(&l, "user:a", 10), 0);
	assert_int_equal(lockout_unlock(&l, "user:a", 10), -1);
	assert_int_equal(lockout_unlock(&l, "user:nobody", 10), -1);
	assert_int_equal(lockout_remaining(&l, "user:a", 10), 0);
	assert_int_not_equal(lockout_remaining(&l, "user:b", 10), 0);
	n = 0;
	lockout_each_lock(&l, 10, count, &n);
	assert_int_equal(n, 1);
	lockout_free(&l);
}

/* A flood from more sources than slots keeps the locks it has made. */
static void full_table_keeps_locks(void **state)
{
	struct lockout l;
	char key[LOCKOUT_KEY_MAX];
	int i;

	(void)state;
	assert_int_equal(lockout_init(&l, &pol), 0);
	for (i = 0; i < 3; i++)
		lockout_fail(&l, "addr:192.0.2.66", i);
	for (i = 0; i < 2 * LOCKOUT_SLOTS; i++) {
		snprintf(key, sizeof(key), "addr:10.%d.%d.%d", i >> 16,
			 (i >> 8) & 255, i & 255);
		lockout_fail(&l, key, 10 + i / 1000);
	}
	assert_int_equal(l.used, LOCKOUT_SLOTS);
	assert_int_not_equal(lockout_remaining(&l, "addr:192.0.2.66", 20), 0);
	assert_int_equal(lockout_policy_check(&(struct lockout_policy){ 0, 1, 1 },
					      &(const char *){ NULL }), -1);
	lockout_free(&l);
}

/* A lock saved at 200 (until 720) and a failure in the window. */
static int saved(char *out, size_t len)
{
	struct lockout l;
	int n;

	assert_int_equal(lockout_init(&l, &pol), 0);
	lockout_fail(&l, "user:admin", 100);
	lockout_fail(&l, "user:admin", 110);
	assert_true(lockout_fail(&l, "user:admin", 120));
	lockout_fail(&l, "addr:2001:db8::7", 190);
	n = lockout_format(&l, "boot-a", 200, out, len);
	lockout_free(&l);
	return n;
}

/* @l: the table saved() made, loaded in boot @boot_id at @now. */
static void reload(struct lockout *l, const char *boot_id, int64_t now)
{
	unsigned int line;
	const char *why;
	char buf[512];
	int n;

	n = saved(buf, sizeof(buf));
	assert_true(n > 0);
	assert_int_equal(lockout_init(l, &pol), 0);
	assert_int_equal(lockout_parse(l, buf, (size_t)n, boot_id, now, &line,
				       &why), 0);
}

static void saved_in_the_same_boot(void **state)
{
	struct lockout l;

	(void)state;
	reload(&l, "boot-a", 300);
	/* The time the daemon was down counts: the boot's clock ran on. */
	assert_int_equal(lockout_remaining(&l, "user:admin", 300), 420);
	/* The failure in the window still counts toward the address's lock. */
	assert_false(lockout_fail(&l, "addr:2001:db8::7", 201));
	assert_true(lockout_fail(&l, "addr:2001:db8::7", 202));
	lockout_free(&l);
}

static void saved_in_another_boot(void **state)
{
	struct lockout l;

	(void)state;
	reload(&l, "boot-b", 5);
	/* Whatever the power was off, the lock keeps what it had left. */
	assert_int_equal(lockout_remaining(&l, "user:admin", 5), 520);
	assert_int_equal(lockout_remaining(&l, "user:admin", 524), 1);
	assert_int_equal(lockout_remaining(&l, "user:admin", 525), 0);
	lockout_free(&l);
}

static void bad_files_change_nothing(void **state)
{
	static const struct {
		const char *text;
		unsigned int line;
	} bad[] = {
		{ "", 1 },
		{ "boot id=boot-a at=10", 1 },
		{ "boot id=boot-a at=301\n", 1 },
		{ "entry key=user:a failures=1 first=1 until=0\n", 1 },
		{ "boot id=boot-a at=10\nentry key=bogus failures=1 first=1 until=0\n", 2 },
		{ "boot id=boot-a at=10\nentry key=user:a failures=1 first=11 until=0\n", 2 },
		{ "boot id=boot-a at=10\nentry key=user:a failures=0 first=1 until=700000\n", 2 },
		{ "boot id=boot-a at=10\nentry key=user:a failures=-1 first=1 until=0\n", 2 },
		{ "boot id=boot-a at=10\nentry key=user:a failures=1 first=1 until=9\n"
		  "entry key=user:a failures=1 first=1 until=9\n", 3 },
		{ "boot id=boot-a at=10\nentry key=user:a failures=1 first=1\n", 2 },
	};
	struct lockout l;
	unsigned int line, i;
	const char *why;

	(void)state;
	assert_int_equal(lockout_init(&l, &pol), 0);
	for (i = 0; i < 3; i++)
		lockout_fail(&l, "user:kept", 1);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why = NULL;
		assert_int_equal(lockout_parse(&l, bad[i].text, strlen(bad[i].text),
					       "boot-a", 300, &line, &why), -1);
		assert_non_null(why);
		assert_int_equal(line, bad[i].line);
		assert_int_equal(lockout_remaining(&l, "user:kept", 300), 301);
	}
	lockout_free(&l);
}

/* Too many to fit: the accounts' locks are kept first. */
static void accounts_first_when_full(void **state)
{
	struct lockout l, back;
	unsigned int line, i;
	const char *why;
	char key[32], buf[1024];
	int n;

	(void)state;
	assert_int_equal(lockout_init(&l, &pol), 0);
	for (i = 0; i < 100; i++) {
		snprintf(key, sizeof(key), "addr:192.0.2.%u", i);
		lockout_fail(&l, key, 1);
		lockout_fail(&l, key, 1);
		lockout_fail(&l, key, 1);
	}
	for (i = 0; i < 3; i++)
		lockout_fail(&l, "user:admin", 2);
	n = lockout_format(&l, "boot-a", 3, buf, sizeof(buf));
	assert_true(n > 0 && (size_t)n < sizeof(buf));
	assert_int_equal(lockout_init(&back, &pol), 0);
	assert_int_equal(lockout_parse(&back, buf, (size_t)n, "boot-a", 3, &line,
				       &why), 0);
	assert_int_equal(lockout_remaining(&back, "user:admin", 3), 599);
	assert_int_equal(lockout_remaining(&back, "addr:192.0.2.0", 3), 598);
	assert_int_equal(lockout_remaining(&back, "addr:192.0.2.99", 3), 0);
	lockout_free(&back);
	lockout_free(&l);
}

static void address_keys(void **state)
{
	char k[LOCKOUT_KEY_MAX];

	(void)state;
	lockout_addr_key("10.9.4.2", 64, k, sizeof(k));
	assert_string_equal(k, "addr:10.9.4.2");
	lockout_addr_key("2001:db8:4::17", 64, k, sizeof(k));
	assert_string_equal(k, "addr:2001:db8:4::/64");
	lockout_addr_key("2001:db8:4:0:ffff:ffff:ffff:ffff", 64, k, sizeof(k));
	assert_string_equal(k, "addr:2001:db8:4::/64");
	lockout_addr_key("2001:db8:4:ff12::1", 56, k, sizeof(k));
	assert_string_equal(k, "addr:2001:db8:4:ff00::/56");
	lockout_addr_key("2001:db8::1", 128, k, sizeof(k));
	assert_string_equal(k, "addr:2001:db8::1");
	lockout_addr_key("local", 64, k, sizeof(k));
	assert_string_equal(k, "addr:local");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(locks_after_n_in_window),
		cmocka_unit_test(window_forgets),
		cmocka_unit_test(unlock_and_list),
		cmocka_unit_test(full_table_keeps_locks),
		cmocka_unit_test(saved_in_the_same_boot),
		cmocka_unit_test(saved_in_another_boot),
		cmocka_unit_test(bad_files_change_nothing),
		cmocka_unit_test(accounts_first_when_full),
		cmocka_unit_test(address_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
