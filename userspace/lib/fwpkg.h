/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Firmware packages (draft 6.6c, firmware upgrade): their structure and
 * their hashes. The CMS signature is not checked here; the daemon does
 * that with OpenSSL before it trusts anything this file returns.
 *
 * A package is a POSIX ustar archive, as `tar --format=ustar -cf` writes
 * it (GNU tar's "ustar  " magic is accepted too). Its members are, in this
 * order, "manifest", "manifest.sig" (a CMS signature of the manifest),
 * then 1 to FW_PAYLOADS_MAX payloads. Every member is a regular file
 * (typeflag '0' or NUL) whose name is [A-Za-z0-9._-]{1,64}, not "." or
 * "..", zero-filled to the end of the name field, with an empty prefix
 * field; no name twice. Sizes are octal (base-256 sizes are refused), the
 * header checksum is the unsigned sum with the chksum field as spaces,
 * data is zero-padded to 512 bytes, and the archive ends with two zero
 * blocks followed by nothing but zeros.
 *
 * The manifest is printable ASCII, one field per line, each line ending
 * in "\n", fields separated by one space:
 *
 *   camsec-firmware 1				(the first line, exactly)
 *   compatible camsec,virtual-camera		[a-z0-9,._-]{1,64}
 *   version 1.4.2				1-4 numbers 0-65535, no
 *						leading zeros
 *   build-id 20261126.1			[A-Za-z0-9._+-]{1,64}
 *   end-of-support 2031-12-31			a real calendar date
 *   payload rootfs.img 1048576 SHA256		name, size in bytes (decimal,
 *						at most 2^40), SHA-256 as 64
 *						lowercase hex digits
 *
 * compatible, version, build-id and end-of-support appear once each, in
 * any order; payload lines, at least one, list the payloads in archive
 * order, with unique names other than "manifest" and "manifest.sig".
 * Anything else (unknown keys, extra fields, empty lines, stray spaces,
 * CR, NUL) is an error.
 */
#ifndef CAMSEC_FWPKG_H
#define CAMSEC_FWPKG_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define FW_PAYLOADS_MAX 8
#define FW_MEMBERS_MAX (FW_PAYLOADS_MAX + 2)
#define FW_NAME_MAX 64
#define FW_SIZE_MAX (UINT64_C(1) << 40)

struct fw_member {
	char name[FW_NAME_MAX + 1];
	const uint8_t *data;		/* into the archive */
	size_t size;
};

struct fw_payload {
	char name[FW_NAME_MAX + 1];
	uint64_t size;
	uint8_t sha256[32];
};

struct fw_manifest {
	char compatible[FW_NAME_MAX + 1];
	unsigned int version[4];
	unsigned int nversion;		/* 1-4 */
	char build_id[FW_NAME_MAX + 1];
	int eos_year, eos_month, eos_day;
	struct fw_payload payload[FW_PAYLOADS_MAX];
	unsigned int npayloads;
};

/*
 * Split the package @buf into at most @max members @m: 0 with *n, or -1
 * with *n the index (from 0) of the member at fault and *why naming it.
 * *why may point to a per-thread buffer that the next call reuses.
 */
int fw_tar_parse(const uint8_t *buf, size_t len, struct fw_member *m,
		 size_t max, size_t *n, const char **why);

/*
 * Parse a manifest: 0, or -1 with *line and *col (1-based, the column of
 * the offending token) and *why. A missing line is reported on the line
 * after the last one, column 1. @m is zeroed first, and on failure.
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

/*
 * 0 if @mem is "manifest", "manifest.sig", then exactly @m's payloads in
 * order with their sizes and SHA-256; else -1 with *why (as above).
 */
int fw_check_payloads(const struct fw_manifest *m, const struct fw_member *mem,
		      size_t n, const char **why);

/* True once @now is past the end-of-support day (UTC, the day included). */
int fw_eos_passed(const struct fw_manifest *m, time_t now);

#endif
