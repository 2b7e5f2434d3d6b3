// SPDX-License-Identifier: GPL-2.0-only
/*
 * Password input: echo off (and no echo of the newline either), canonical
 * mode kept so the terminal's line editing works, the old mode back
 * after. Nothing of the password is written anywhere but @buf.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "askpass.h"

int askpass(int fd, const char *prompt, char *buf, size_t len)
{
	struct termios old, quiet;
	size_t n = 0;
	int err = 0;
	char c;

	if (tcgetattr(fd, &old))
		return -1;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK | ECHONL);
	quiet.c_lflag |= ICANON;
	if (tcsetattr(fd, TCSAFLUSH, &quiet))
		return -1;
	if (write(fd, prompt, strlen(prompt)) < 0)
		err = errno;
	for (;;) {
		ssize_t r = read(fd, &c, 1);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			err = r < 0 ? errno : ENODATA;
			break;
		}
		if (c == '\n' || c == '\r')
			break;
		if (n + 1 < len)
			buf[n] = c;
		else
			err = EMSGSIZE;
		n++;
	}
	tcsetattr(fd, TCSAFLUSH, &old);
	(void)!write(fd, "\n", 1);
	buf[n < len ? n : len - 1] = '\0';
	if (err) {
		explicit_bzero(buf, len);
		errno = err;
		return -1;
	}
	return (int)n;
}
