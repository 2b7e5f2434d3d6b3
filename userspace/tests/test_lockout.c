// SPDX-License-Identifier: GPL-2.0-only
/* Login lock: the window, the lock, forgetting, lifting, a full table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(locks_after_n_in_window),
		cmocka_unit_test(window_forgets),
		cmocka_unit_test(unlock_and_list),
		cmocka_unit_test(full_table_keeps_locks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
