// SPDX-License-Identifier: GPL-2.0-only
/*
 * Password input on a pseudo-terminal: the typed password is read, never
 * echoed, and the terminal's echo is back on afterwards.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include <cmocka.h>

#include "askpass.h"

/* What the terminal has shown: whatever the master can read now. */
static size_t shown(int master, char *buf, size_t len)
{
	struct pollfd p = { .fd = master, .events = POLLIN };
	size_t n = 0;
	ssize_t r;

	while (n + 1 < len && poll(&p, 1, 100) > 0) {
		r = read(master, buf + n, len - 1 - n);
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	buf[n] = '\0';
	return n;
}

/*
 * askpass() on @slave in a child (it flushes typeahead, so the typing
 * comes after the prompt); @typed goes in once the prompt shows. The
 * child's result comes back through a pipe: "LEN ERRNO PASSWORD".
 */
static void ask(int master, int slave, size_t len, const char *typed,
		char *shown_buf, size_t shown_len, char *result, size_t rlen)
{
	int p[2], st, i;
	ssize_t n;
	pid_t pid;

	assert_int_equal(pipe(p), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		char pw[256], msg[300];
		int r = askpass(slave, "Password: ", pw, len);

		n = snprintf(msg, sizeof(msg), "%d %d %s", r, r < 0 ? errno : 0, pw);
		_exit(write(p[1], msg, (size_t)n) == n ? 0 : 1);
	}
	close(p[1]);
	for (i = 0; i < 50 && !strstr(shown_buf, "Password: "); i++)
		shown(master, shown_buf, shown_len);
	assert_non_null(strstr(shown_buf, "Password: "));
	assert_int_equal(write(master, typed, strlen(typed)), (ssize_t)strlen(typed));
	n = read(p[0], result, rlen - 1);
	result[n > 0 ? n : 0] = '\0';
	assert_int_equal(waitpid(pid, &st, 0), pid);
	close(p[0]);
	/* what the terminal showed after the prompt */
	shown(master, shown_buf, shown_len);
}

static void no_echo(void **state)
{
	char out[256] = "", res[300];
	struct termios t;
	int master, slave;

	(void)state;
	assert_int_equal(openpty(&master, &slave, NULL, NULL, NULL), 0);
	ask(master, slave, 64, "Camera2026!\n", out, sizeof(out), res, sizeof(res));
	assert_string_equal(res, "11 0 Camera2026!");
	assert_null(strstr(out, "Camera"));
	assert_int_equal(tcgetattr(slave, &t), 0);
	assert_true(t.c_lflag & ECHO);
	close(master);
	close(slave);
}

static void too_long_and_not_a_tty(void **state)
{
	char pw[8], out[256] = "", res[300], want[64];
	int master, slave, p[2];

	(void)state;
	assert_int_equal(openpty(&master, &slave, NULL, NULL, NULL), 0);
	ask(master, slave, sizeof(pw), "0123456789\n", out, sizeof(out), res, sizeof(res));
	snprintf(want, sizeof(want), "-1 %d ", EMSGSIZE);
	assert_string_equal(res, want);
	close(master);
	close(slave);
	assert_int_equal(pipe(p), 0);
	assert_int_equal(askpass(p[0], "", pw, sizeof(pw)), -1);
	assert_int_equal(errno, ENOTTY);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_echo),
		cmocka_unit_test(too_long_and_not_a_tty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
