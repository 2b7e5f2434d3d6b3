/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The firmware manifest: what the running image is (draft 6.6e). Each
 * image carries one, /etc/camsec/firmware.manifest, written at its build;
 * camsecd reports it (version) and keeps its version as the rollback
 * floor once it came up well. RAUC bundles carry their own manifest
 * (manifest.raucm), which RAUC checks.
 *
 * Printable ASCII, one field per line, each line ending in "\n", the key
 * and its value separated by one space:
 *
 *   camsec-firmware 1				(the first line, exactly)
 *   compatible camsec,virtual-camera		[a-z0-9,._-]{1,64}
 *   version 1.4.2				1-4 numbers 0-65535, no
 *						leading zeros
 *   build-id 20261126.1			[A-Za-z0-9._+-]{1,64}
 *   end-of-support 2031-12-31			a real calendar date
 *
 * Each of the four keys appears once, in any order. Anything else
 * (unknown keys, extra fields, empty lines, stray spaces, CR, NUL) is an
 * error.
 */
#ifndef CAMSEC_FWMANIFEST_H
#define CAMSEC_FWMANIFEST_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define FW_NAME_MAX 64

struct fw_manifest {
	char compatible[FW_NAME_MAX + 1];
	unsigned int version[4];
	unsigned int nversion;		/* 1-4 */
	char build_id[FW_NAME_MAX + 1];
	int eos_year, eos_month, eos_day;
};

/*
 * Parse a manifest: 0, or -1 with *line and *col (1-based, the column of
 * the offending token) and *why. A missing line is reported on the line
 * after the last one, column 1. @m is zeroed first, and on failure.
 * *why may point to a per-thread buffer that the next call reuses.
 */
int fw_manifest_parse(const char *buf, size_t len, struct fw_manifest *m,
		      unsigned int *line, unsigned int *col, const char **why);

/* "1.4.2" into @v and *n: 0, or -1 if it is not a version as above. */
int fw_version_parse(const char *s, unsigned int v[4], unsigned int *n);

/* <0, 0 or >0 as @a is older, the same or newer; 1.2 == 1.2.0. */
int fw_version_cmp(const unsigned int *a, unsigned int na,
		   const unsigned int *b, unsigned int nb);

/* @v as text: the length, or -1 if @n is not 1-4 or @out is too small. */
int fw_version_format(const unsigned int *v, unsigned int n, char *out,
		      size_t len);

/* True once @now is past the end-of-support day (UTC, the day included). */
int fw_eos_passed(const struct fw_manifest *m, time_t now);

#endif
