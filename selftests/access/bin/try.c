// SPDX-License-Identifier: GPL-2.0-only
/*
 * try: one access to a file by a process of any role (see try.h).
 *
 *   try r|w|x|m|c|s PATH
 *   try listen stream|dgram PATH   bind a socket at PATH, print "ok", wait
 *   try                 (no arguments) print "ok": what "try x" runs
 */
#include "try.h"

/* A socket bound at @path, served until the process is killed. */
static int try_listen(const char *kind, const char *path)
{
	int stream = !strcmp(kind, "stream");
	struct sockaddr_un sun;
	int fd, peer, err = try_unix_addr(path, &sun);

	if (err)
		return try_report(err);
	fd = socket(AF_UNIX, stream ? SOCK_STREAM : SOCK_DGRAM, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sun, sizeof(sun)) ||
	    (stream && listen(fd, 8)))
		return try_report(errno);
	try_report(0);
	fflush(stdout);
	for (;;) {
		peer = stream ? accept(fd, NULL, NULL) : -1;
		if (peer >= 0)
			close(peer);
		else if (!stream)
			pause();
	}
}

int main(int argc, char **argv)
{
	if (argc == 1)
		return try_report(0);
	if (argc == 4 && !strcmp(argv[1], "listen"))
		return try_listen(argv[2], argv[3]);
	if (argc != 3) {
		fprintf(stderr, "usage: try r|w|x|m|c|s PATH\n");
		return 2;
	}
	return try_access(argv[1], argv[2]);
}
