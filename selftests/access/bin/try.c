// SPDX-License-Identifier: GPL-2.0-only
/*
 * try: one access to a file by a process of any role (see try.h).
 *
 *   try r|w|x|m PATH
 *   try                 (no arguments) print "ok": what "try x" runs
 */
#include "try.h"

int main(int argc, char **argv)
{
	if (argc == 1)
		return try_report(0);
	if (argc != 3) {
		fprintf(stderr, "usage: try r|w|x|m PATH\n");
		return 2;
	}
	return try_access(argv[1], argv[2]);
}
