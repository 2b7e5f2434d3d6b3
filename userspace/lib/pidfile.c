// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "pidfile.h"

static pid_t read_holder(int fd)
{
	char buf[24];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	long pid;
	char *end;

	if (n <= 0)
		return 0;
	buf[n] = '\0';
	errno = 0;
	pid = strtol(buf, &end, 10);
	if (errno || end == buf || pid <= 0 || (*end && *end != '\n'))
		return 0;
	return (pid_t)pid;
}

int pidfile_acquire(struct pidfile *pf, const char *path, pid_t *holder)
{
	char buf[24];
	int len, err;

	pf->fd = -1;
	if (strlen(path) >= sizeof(pf->path))
		return -ENAMETOOLONG;
	pf->fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (pf->fd < 0)
		return -errno;
	if (flock(pf->fd, LOCK_EX | LOCK_NB) < 0) {
		err = -errno;
		if (holder)
			*holder = read_holder(pf->fd);
		goto fail;
	}
	len = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
	if (ftruncate(pf->fd, 0) < 0 || pwrite(pf->fd, buf, len, 0) != len) {
		err = errno ? -errno : -EIO;
		goto fail;
	}
	strcpy(pf->path, path);
	return 0;
fail:
	close(pf->fd);
	pf->fd = -1;
	return err;
}

void pidfile_release(struct pidfile *pf)
{
	if (pf->fd < 0)
		return;
	/* Unlink while still holding the lock so no newcomer loses its file. */
	unlink(pf->path);
	close(pf->fd);
	pf->fd = -1;
}
