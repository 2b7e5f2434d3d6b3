// SPDX-License-Identifier: GPL-2.0-only
/*
 * nonetadmin PROG ARGS...: run PROG as root without CAP_NET_ADMIN (it is
 * dropped from the bounding set, so the exec does not grant it).
 */
#include <linux/capability.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	if (prctl(PR_CAPBSET_DROP, CAP_NET_ADMIN, 0, 0, 0)) {
		perror("nonetadmin: PR_CAPBSET_DROP");
		return 2;
	}
	execvp(argv[1], argv + 1);
	perror(argv[1]);
	return 127;
}
