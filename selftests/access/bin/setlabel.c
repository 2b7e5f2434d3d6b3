// SPDX-License-Identifier: GPL-2.0-only
/* setlabel FILE [LABEL]: set, or remove, security.camsec as any program. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/xattr.h>

int main(int argc, char **argv)
{
	int err;

	if (argc < 2)
		return 2;
	err = argc > 2 ? setxattr(argv[1], "security.camsec", argv[2],
				  strlen(argv[2]), 0) :
			 removexattr(argv[1], "security.camsec");
	if (err) {
		fprintf(stderr, "setlabel: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
