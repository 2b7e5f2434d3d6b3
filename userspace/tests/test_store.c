// SPDX-License-Identifier: GPL-2.0-only
/*
 * The stored files: the account database (unique names by skeleton, roles,
 * hashes only, line numbers for errors), the settings (ranges, the rule
 * between session limits, refusal changes nothing), and atomic writes.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <linux/camsec.h>

#include "accounts.h"
#include "atomicfile.h"
#include "settings.h"

#define HASH "$y$j9T$abcdefghijklmnop$0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcde"

static struct accounts db, back;

static void accounts_unique_and_roles(void **state)
{
	const char *why;

	(void)state;
	memset(&db, 0, sizeof(db));
	assert_int_equal(accounts_add(&db, "admin", CAMSEC_ROLE_ADMIN, HASH, &why), 0);
	assert_int_equal(accounts_add(&db, "Admin", CAMSEC_ROLE_USER, HASH, &why), -EEXIST);
	assert_int_equal(accounts_add(&db, "adrnin", CAMSEC_ROLE_USER, HASH, &why), -EEXIST);
	assert_int_equal(accounts_add(&db, "ad.min", CAMSEC_ROLE_USER, HASH, &why), 0);
	assert_int_equal(accounts_add(&db, "viewer", CAMSEC_ROLE_AUTHORITY, HASH, &why), -EINVAL);
	assert_int_equal(accounts_add(&db, "viewer", CAMSEC_ROLE_USER, "plain", &why), -EINVAL);
	assert_int_equal(accounts_add(&db, "vi ewer", CAMSEC_ROLE_USER, HASH, &why), -EINVAL);
	assert_int_equal(accounts_add(&db, "viewer", CAMSEC_ROLE_USER, HASH, &why), 0);
	assert_int_equal(accounts_count_role(&db, CAMSEC_ROLE_ADMIN), 1);
	assert_non_null(accounts_find(&db, "viewer"));
	assert_null(accounts_find(&db, "Viewer"));
	assert_int_equal(accounts_del(&db, "viewer"), 0);
	assert_int_equal(accounts_del(&db, "viewer"), -ENOENT);
	assert_int_equal(db.n, 2);
	assert_int_equal(role_parse("admin"), CAMSEC_ROLE_ADMIN);
	assert_int_equal(role_parse("authority"), -1);
}

static void accounts_round_trip_and_errors(void **state)
{
	static const char *const bad[] = {
		"account name=a role=user hash=" HASH,		/* no newline */
		"account name=a role=user\n",
		"account name=a role=root hash=" HASH "\n",
		"account name=a role=user hash=" HASH " x=1\n",
		"user name=a role=user hash=" HASH "\n",
		"account name=a role=user hash=" HASH "\naccount name=A role=user hash=" HASH "\n",
	};
	char file[8192];
	unsigned int line, i;
	const char *why;
	int n;

	(void)state;
	memset(&db, 0, sizeof(db));
	assert_int_equal(accounts_add(&db, "admin", CAMSEC_ROLE_ADMIN, HASH, &why), 0);
	assert_int_equal(accounts_add(&db, "op", CAMSEC_ROLE_USER, HASH, &why), 0);
	n = accounts_format(&db, file, sizeof(file));
	assert_true(n > 0);
	assert_int_equal(accounts_parse(&back, file, (size_t)n, &line, &why), 0);
	assert_int_equal(back.n, 2);
	assert_string_equal(back.a[1].name, "op");
	assert_string_equal(back.a[0].hash, HASH);
	assert_int_equal(accounts_format(&db, file, 10), -1);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(accounts_parse(&back, bad[i], strlen(bad[i]), &line, &why), -1);
		assert_int_equal(back.n, 0);
	}
	assert_int_equal(line, 2);	/* the look-alike is on line 2 */
}

static void settings_ranges(void **state)
{
	struct settings s, t;
	char file[2048], value[16];
	const char *why, *key;
	unsigned int line;
	int n;

	(void)state;
	settings_defaults(&s);
	assert_int_equal(s.login_max_failures, 5);
	assert_int_equal(settings_set(&s, "login_max_failures", "3", &why), 0);
	assert_int_equal(s.login_max_failures, 3);
	t = s;
	assert_int_equal(settings_set(&s, "login_max_failures", "0", &why), -1);
	assert_int_equal(settings_set(&s, "login_max_failures", "3x", &why), -1);
	assert_int_equal(settings_set(&s, "login_max_failures", "-1", &why), -1);
	assert_int_equal(settings_set(&s, "login_max_failures", "99999999999", &why), -1);
	assert_int_equal(settings_set(&s, "nosuch", "1", &why), -1);
	assert_int_equal(settings_set(&s, "session_per_user", "17", &why), -1);
	assert_int_equal(settings_set(&s, "audit_full", "drop", &why), -1);
	assert_memory_equal(&s, &t, sizeof(s));
	assert_int_equal(settings_set(&s, "audit_full", "warn", &why), 0);
	assert_int_equal(settings_get(&s, 8, &key, value, sizeof(value)), 0);
	assert_string_equal(key, "audit_full");
	assert_string_equal(value, "warn");
	n = settings_format(&s, file, sizeof(file));
	assert_true(n > 0);
	assert_int_equal(settings_parse(&t, file, (size_t)n, &line, &why), 0);
	assert_memory_equal(&s, &t, sizeof(s));
	assert_int_equal(settings_parse(&t, "set key=a value=1\n", 18, &line, &why), -1);
	assert_int_equal(settings_parse(&t, "set key=hash_cost value=4\nset key=hash_cost\n",
					44, &line, &why), -1);
	assert_int_equal(line, 2);
}

static void atomic_replace(void **state)
{
	char path[] = "/tmp/camsec-store-XXXXXX";
	char file[64];
	size_t len;
	char *buf;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(atomic_write(path, "one\n", 4, 0600, NULL), 0);
	assert_int_equal(atomic_write(path, "two\n", 4, 0600, NULL), 0);
	assert_int_equal(read_whole(path, 64, &buf, &len), 0);
	assert_int_equal(len, 4);
	assert_string_equal(buf, "two\n");
	free(buf);
	assert_int_equal(read_whole(path, 3, &buf, &len), -EFBIG);
	snprintf(file, sizeof(file), "%s.tmp", path);
	assert_int_equal(access(file, F_OK), -1);
	unlink(path);
	assert_int_equal(read_whole(path, 64, &buf, &len), -ENOENT);
	assert_int_equal(atomic_write("/nonexistent/dir/f", "x", 1, 0600, NULL), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accounts_unique_and_roles),
		cmocka_unit_test(accounts_round_trip_and_errors),
		cmocka_unit_test(settings_ranges),
		cmocka_unit_test(atomic_replace),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
