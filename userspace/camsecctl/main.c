// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecctl - the integrator's and administrator's command line for camsec.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "net.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: camsecctl <verb> ...\n"
		"  net   ports, IP filter, connection limits, bans (camsecctl net help),\n"
		"        straight to the kernel (CAP_NET_ADMIN); \"net set\" and\n"
		"        \"net show\" after --user, or in a session's shell, go\n"
		"        through camsecd, which stores and audits them\n");
	daemon_usage(out);
}

int main(int argc, char **argv)
{
	/* A session's program sets and shows the ruleset through camsecd. */
	if (argc >= 2 && !strcmp(argv[1], "net") &&
	    !(getenv("CAMSEC_SESSION_FD") && argc >= 3 &&
	      (!strcmp(argv[2], "set") || !strcmp(argv[2], "show"))))
		return net_main(argc - 1, argv + 1);
	if (argc >= 2 && (!strcmp(argv[1], "help") || !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return 0;
	}
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	return daemon_main(argc, argv);
}
