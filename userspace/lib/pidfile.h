/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef CAMSEC_PIDFILE_H
#define CAMSEC_PIDFILE_H

#include <sys/types.h>

struct pidfile {
	int fd;
	char path[256];
};

/*
 * Take the pidfile at @path for this process: an flock held for the life of
 * the process, so a stale file left by a crash never blocks a restart.
 * Returns 0, or -errno; -EWOULDBLOCK when another live process holds it, and
 * then *@holder (if not NULL) is that process's pid, or 0 if unknown.
 */
int pidfile_acquire(struct pidfile *pf, const char *path, pid_t *holder);
void pidfile_release(struct pidfile *pf);

#endif
