// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "pidfile.h"

static char dir[] = "/tmp/camsec-pidfile-XXXXXX";
static char path[300];

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(strcpy(dir, "/tmp/camsec-pidfile-XXXXXX")))
		return -1;
	snprintf(path, sizeof(path), "%s/d.pid", dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	return rmdir(dir);
}

static long file_pid(void)
{
	char buf[32] = "";
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	return strtol(buf, NULL, 10);
}

static void acquire_writes_pid_release_removes(void **state)
{
	struct pidfile pf;

	(void)state;
	assert_int_equal(pidfile_acquire(&pf, path, NULL), 0);
	assert_int_equal(file_pid(), getpid());
	pidfile_release(&pf);
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(errno, ENOENT);
}

static void second_holder_refused_with_pid(void **state)
{
	struct pidfile a, b;
	pid_t holder = -1;

	(void)state;
	assert_int_equal(pidfile_acquire(&a, path, NULL), 0);
	assert_int_equal(pidfile_acquire(&b, path, &holder), -EWOULDBLOCK);
	assert_int_equal(holder, getpid());
	assert_int_equal(b.fd, -1);
	/* The refused attempt must not have damaged the holder's file. */
	assert_int_equal(file_pid(), getpid());
	pidfile_release(&a);
}

static void stale_file_is_taken_over(void **state)
{
	struct pidfile pf;
	int fd;

	(void)state;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "99999999 garbage", 16), 16);
	close(fd);
	assert_int_equal(pidfile_acquire(&pf, path, NULL), 0);
	assert_int_equal(file_pid(), getpid());
	pidfile_release(&pf);
}

static void symlink_refused(void **state)
{
	struct pidfile pf;

	(void)state;
	assert_int_equal(symlink("/etc/passwd", path), 0);
	assert_int_equal(pidfile_acquire(&pf, path, NULL), -ELOOP);
	assert_int_equal(pf.fd, -1);
}

static void overlong_path_refused(void **state)
{
	struct pidfile pf;
	char longpath[400];

	(void)state;
	memset(longpath, 'a', sizeof(longpath) - 1);
	longpath[sizeof(longpath) - 1] = '\0';
	assert_int_equal(pidfile_acquire(&pf, longpath, NULL), -ENAMETOOLONG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(acquire_writes_pid_release_removes, setup, teardown),
		cmocka_unit_test_setup_teardown(second_holder_refused_with_pid, setup, teardown),
		cmocka_unit_test_setup_teardown(stale_file_is_taken_over, setup, teardown),
		cmocka_unit_test_setup_teardown(symlink_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(overlong_path_refused, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
