/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * try_access: one access to a file, reported as "ok" or the errno's name,
 * for the tests' access matrix. Modes: r (open O_RDONLY), w (open
 * O_WRONLY), x (execve with no arguments: the program must exit 0), m (map
 * it executable, as ld.so does), c (connect to the stream socket bound
 * there), s (send a datagram to the datagram socket bound there).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static int try_report(int err)
{
	const char *name = err == EACCES ? "EACCES" : err == EPERM ? "EPERM" :
			   err == ENXIO ? "ENXIO" : err == ENODEV ? "ENODEV" :
			   err ? strerror(err) : "ok";

	printf("%s\n", name);
	return err ? 1 : 0;
}

static int try_map(const char *path)
{
	int fd = open(path, O_RDONLY);
	void *p;

	if (fd < 0)
		return try_report(errno);
	p = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
	close(fd);
	return try_report(p == MAP_FAILED ? errno : 0);
}

/* @sun for the socket file @path: 0, or ENAMETOOLONG. */
static int try_unix_addr(const char *path, struct sockaddr_un *sun)
{
	*sun = (struct sockaddr_un){ .sun_family = AF_UNIX };
	if (strlen(path) >= sizeof(sun->sun_path))
		return ENAMETOOLONG;
	strcpy(sun->sun_path, path);
	return 0;
}

/* A socket of @type at @path: connected (stream), or sent one datagram. */
static int try_socket(const char *path, int type)
{
	struct sockaddr_un sun;
	int fd, err = try_unix_addr(path, &sun);

	if (err)
		return try_report(err);
	fd = socket(AF_UNIX, type, 0);
	if (fd < 0)
		return try_report(errno);
	if (type == SOCK_STREAM &&
	    connect(fd, (struct sockaddr *)&sun, sizeof(sun)))
		err = errno;
	else if (type == SOCK_DGRAM &&
		 sendto(fd, "x", 1, 0, (struct sockaddr *)&sun, sizeof(sun)) < 0)
		err = errno;
	close(fd);
	return try_report(err);
}

static int try_access(const char *mode, const char *path)
{
	char *argv[] = { (char *)path, NULL };
	int fd;

	if (!strcmp(mode, "x")) {
		fflush(stdout);
		execv(path, argv);
		return try_report(errno);
	}
	if (!strcmp(mode, "m"))
		return try_map(path);
	if (!strcmp(mode, "c") || !strcmp(mode, "s"))
		return try_socket(path, *mode == 'c' ? SOCK_STREAM : SOCK_DGRAM);
	fd = open(path, !strcmp(mode, "w") ? O_WRONLY : O_RDONLY);
	if (fd >= 0)
		close(fd);
	return try_report(fd < 0 ? errno : 0);
}
