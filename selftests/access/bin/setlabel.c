// SPDX-License-Identifier: GPL-2.0-only
/*
 * setlabel FILE [LABEL [NAME]]: set, or remove, security.camsec (or the
 * xattr NAME) as any program.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/xattr.h>

int main(int argc, char **argv)
{
	const char *name = argc > 3 ? argv[3] : "security.camsec";
	int err;

	if (argc < 2)
		return 2;
	err = argc > 2 ? setxattr(argv[1], name, argv[2], strlen(argv[2]), 0) :
			 removexattr(argv[1], "security.camsec");
	if (err) {
		fprintf(stderr, "setlabel: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
