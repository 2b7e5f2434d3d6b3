/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef CAMSECCTL_DAEMON_H
#define CAMSECCTL_DAEMON_H

/* camsecctl's commands served by camsecd; argv[0] is the first word. */
int daemon_main(int argc, char **argv);
void daemon_usage(FILE *out);

#endif
