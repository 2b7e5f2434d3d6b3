/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Whole-file replacement that a power cut cannot tear: the new content is
 * written to PATH.tmp, fsync'd, renamed over PATH, and the directory
 * fsync'd. A reader sees the old file or the new one, never a mix.
 */
#ifndef CAMSEC_ATOMICFILE_H
#define CAMSEC_ATOMICFILE_H

#include <stddef.h>
#include <sys/types.h>

/*
 * Replace @path with @len bytes of @buf, mode @mode: 0 or -errno. With a
 * @label, the new file carries it (security.camsec, the LSM's object
 * class) before it takes @path's place.
 */
int atomic_write(const char *path, const void *buf, size_t len, mode_t mode,
		 const char *label);

/* Write all of @buf to @fd: 0 or -errno. */
int write_all(int fd, const void *buf, size_t len);

/* fsync the directory that holds @path: 0 or -errno. */
int sync_dir_of(const char *path);

/* Put @label in @fd's security.camsec: 0 or -errno. */
int set_label(int fd, const char *label);

/*
 * Read all of @path (at most @max bytes) into a malloc'd, NUL-terminated
 * buffer: 0 with *buf and *len, or -errno (-EFBIG past @max).
 */
int read_whole(const char *path, size_t max, char **buf, size_t *len);

#endif
