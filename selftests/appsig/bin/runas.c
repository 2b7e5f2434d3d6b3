// SPDX-License-Identifier: GPL-2.0-only
/* runas UID CMD [ARG...]: run CMD as an unprivileged user, no groups. */
#define _GNU_SOURCE
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	uid_t id;

	if (argc < 3)
		return 2;
	id = atoi(argv[1]);
	if (setgroups(0, NULL) || setresgid(id, id, id) || setresuid(id, id, id)) {
		perror("runas");
		return 1;
	}
	execvp(argv[2], argv + 2);
	perror("runas: exec");
	return 127;
}
