// SPDX-License-Identifier: GPL-2.0-only
/*
 * sigtool: read, write, corrupt or remove a file's security.ima, so that
 * the tests can tamper with signatures the way an attacker would.
 *
 *   sigtool get FILE          hex of the xattr
 *   sigtool set FILE HEX      set it
 *   sigtool corrupt FILE      flip a bit inside the signature
 *   sigtool rm FILE           remove it
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/xattr.h>

#define NAME "security.ima"

static int fail(const char *what)
{
	fprintf(stderr, "sigtool: %s: %s\n", what, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	unsigned char v[1024];
	ssize_t n;
	size_t i;

	if (argc < 3)
		return 2;
	if (!strcmp(argv[1], "rm"))
		return removexattr(argv[2], NAME) ? fail("removexattr") : 0;
	if (!strcmp(argv[1], "set")) {
		const char *hex = argc > 3 ? argv[3] : "";

		for (n = 0; hex[2 * n] && hex[2 * n + 1] && n < (ssize_t)sizeof(v); n++)
			sscanf(hex + 2 * n, "%2hhx", &v[n]);
		return setxattr(argv[2], NAME, v, n, 0) ? fail("setxattr") : 0;
	}
	n = getxattr(argv[2], NAME, v, sizeof(v));
	if (n < 0)
		return fail("getxattr");
	if (!strcmp(argv[1], "get")) {
		for (i = 0; i < (size_t)n; i++)
			printf("%02x", v[i]);
		printf("\n");
		return 0;
	}
	if (!strcmp(argv[1], "corrupt")) {
		v[n / 2] ^= 0x40;	/* in the middle of the signature */
		return setxattr(argv[2], NAME, v, n, 0) ? fail("setxattr") : 0;
	}
	return 2;
}
