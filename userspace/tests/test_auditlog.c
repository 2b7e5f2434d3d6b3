// SPDX-License-Identifier: GPL-2.0-only
/*
 * The audit trail on disk: reopened it verifies and goes on; a torn last
 * line is cut and recorded; a changed byte refuses the file; overwrite
 * keeps the newest half with a wrapped record and a valid chain; warn
 * warns once and then refuses.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "auditlog.h"

static const uint8_t key[32] = "audit log key, 32 bytes long...";
#define MAX (16 * AUDIT_LINE_MAX)

static char path[64];

static int setup(void **state)
{
	(void)state;
	snprintf(path, sizeof(path), "/tmp/test_auditlog.%d", getpid());
	unlink(path);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

static int add(struct auditlog *l, int i)
{
	struct audit_rec r = { .time_ns = 1000 + i };

	strcpy(r.timesrc, "ntp");
	strcpy(r.op, "login");
	strcpy(r.result, "ok");
	strcpy(r.account, "admin");
	strcpy(r.source, "192.0.2.1");
	snprintf(r.detail, sizeof(r.detail), "session %d %0200d", i, 0);
	return auditlog_append(l, &r);
}

static char *slurp(size_t *len)
{
	FILE *f = fopen(path, "r");
	char *buf = malloc(1 << 20);

	*len = fread(buf, 1, 1 << 20, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

static void reopen_goes_on(void **state)
{
	struct auditlog l;
	const char *why = NULL;

	(void)state;
	assert_int_equal(auditlog_open(&l, path, key, sizeof(key), MAX,
				       AUDIT_FULL_OVERWRITE, 80, 1, &why), 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(add(&l, i), 0);
	assert_int_equal(l.next_seq, 4);
	auditlog_close(&l);
	assert_int_equal(auditlog_open(&l, path, key, sizeof(key), MAX,
				       AUDIT_FULL_OVERWRITE, 80, 2, &why), 0);
	assert_int_equal(l.next_seq, 4);
	assert_int_equal(add(&l, 3), 0);
	auditlog_close(&l);
	/* and under another key it does not verify */
	assert_int_equal(auditlog_open(&l, path, (const uint8_t *)"other", 5, MAX,
				       AUDIT_FULL_OVERWRITE, 80, 2, &why), -1);
}

static void torn_line_recovered(void **state)
{
	struct auditlog l;
	const char *why = NULL;
	size_t len;
	char *buf;
	int fd;

	(void)state;
	assert_int_equal(auditlog_open(&l, path, key, sizeof(key), MAX,
				       AUDIT_FULL_OVERWRITE, 80, 1, &why), 0);
	assert_int_equal(add(&l, 0), 0);
	auditlog_close(&l);
	fd = open(path, O_WRONLY | O_APPEND);
	assert_int_equal(write(fd, "2 1001 ntp log", 14), 14);
	close(fd);
	assert_int_equal(auditlog_open(&l, path, key, sizeof(key), MAX,
				       AUDIT_FULL_OVERWRITE, 80, 5, &why), 0);
	assert_int_equal(l.next_seq, 3);
	auditlog_close(&l);
	buf = slurp(&len);
	assert_non_null(strstr(buf, " audit-recovered "));
	assert_null(strstr(buf, "ntp log\n"));
	free(buf);
	assert_int_equal(auditlog_open(&l, path, key, sizeof(key), MAX,
				       AUDIT_FULL_OVERWRITE, 80, 6, &why), 0);
	auditlog_close(&l);
}

static void changed_byte_refused(void **state)
{
	struct auditlog l;
	const char *why = NULL;
	char *buf, *p;
	size_t len;
	FILE *f;

	(void)state;
	assert_int_equal(auditlog_open(&l, path, key, sizeof(key), MAX,
				       AUDIT_FULL_OVERWRITE, 80, 1, &why), 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(add(&l, i), 0);
	auditlog_close(&l);
	buf = slurp(&len);
	p = strstr(buf, "session%201%20");	/* spaces are escaped */
	p[10] = '7';
	f = fopen(path, "w");
	fwrite(buf, 1, len, f);
	fclose(f);
	free(buf);
	assert_int_equal(auditlog_open(&l, path, key, sizeof(key), MAX,
				       AUDIT_FULL_OVERWRITE, 80, 2, &why), -1);
	assert_string_equal(why, "MAC does not follow from the line before");
}

static void overwrite_keeps_newest(void **state)
{
	struct auditlog l;
	const char *why = NULL;
	struct stat st;
	size_t len;
	char *buf;

	(void)state;
	assert_int_equal(auditlog_open(&l, path, key, sizeof(key), MAX,
				       AUDIT_FULL_OVERWRITE, 80, 1, &why), 0);
	for (int i = 0; i < 400; i++)
		assert_int_equal(add(&l, i), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_true((uint64_t)st.st_size <= MAX);
	auditlog_close(&l);
	buf = slurp(&len);
	assert_non_null(strstr(buf, " audit-wrapped "));
	assert_non_null(strstr(buf, "session%20399%20"));
	assert_null(strstr(buf, "session%200%20"));
	free(buf);
	/* the wrapped file verifies and goes on */
	assert_int_equal(auditlog_open(&l, path, key, sizeof(key), MAX,
				       AUDIT_FULL_OVERWRITE, 80, 2, &why), 0);
	assert_int_equal(add(&l, 400), 0);
	auditlog_close(&l);
}

static void warn_then_refuse(void **state)
{
	struct auditlog l;
	const char *why = NULL;
	int i, err = 0;
	size_t len;
	char *buf;

	(void)state;
	assert_int_equal(auditlog_open(&l, path, key, sizeof(key), MAX,
				       AUDIT_FULL_WARN, 50, 1, &why), 0);
	assert_false(auditlog_full(&l));
	for (i = 0; i < 400 && !err; i++) {
		if (!auditlog_full(&l))
			assert_int_equal(add(&l, i), 0);	/* room promised */
		else
			err = add(&l, i);
	}
	assert_true(auditlog_full(&l));
	assert_int_equal(err, -ENOSPC);
	auditlog_close(&l);
	buf = slurp(&len);
	assert_non_null(strstr(buf, " audit-full-warning "));
	assert_null(strstr(strstr(buf, " audit-full-warning ") + 1, " audit-full-warning "));
	assert_non_null(strstr(buf, "session%200%20"));
	free(buf);
	assert_int_equal(auditlog_open(&l, path, key, sizeof(key), MAX,
				       AUDIT_FULL_WARN, 50, 2, &why), 0);
	auditlog_close(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(reopen_goes_on, setup, teardown),
		cmocka_unit_test_setup_teardown(torn_line_recovered, setup, teardown),
		cmocka_unit_test_setup_teardown(changed_byte_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(overwrite_keeps_newest, setup, teardown),
		cmocka_unit_test_setup_teardown(warn_then_refuse, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
