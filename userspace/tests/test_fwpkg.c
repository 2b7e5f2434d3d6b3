// SPDX-License-Identifier: GPL-2.0-only
/*
 * Firmware packages (lib/fwpkg.c): the ustar container (checksums, magic,
 * types, names, sizes, padding, the end blocks), the manifest (every field,
 * with the line and column of each error), versions, dates, the payloads
 * against the manifest, and end of support at the day's boundary. The
 * archives are written here by a small ustar writer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <openssl/evp.h>

#include "fwpkg.h"

#define SHA "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define H "camsec-firmware 1\n"
#define C "compatible camsec,virtual-camera\n"
#define V "version 1.4.2\n"
#define B "build-id 20261126.1\n"
#define E "end-of-support 2031-12-31\n"
#define P "payload rootfs.img 1048576 " SHA "\n"
#define P2 "payload kernel.img 4096 " SHA "\n"
#define GOOD H C V B E P P2

static uint8_t ar[64 * 1024];
static size_t arlen;
static struct fw_member mem[FW_MEMBERS_MAX + 2];
static struct fw_manifest man;
static const char *why;

/* The ustar writer: what `tar --format=ustar` writes, bar the owner. */
static void seal(uint8_t *h)
{
	unsigned int sum = 0, i;

	memset(h + 148, ' ', 8);
	for (i = 0; i < 512; i++)
		sum += h[i];
	snprintf((char *)h + 148, 8, "%06o", sum);
}

static uint8_t *add(const char *name, const void *data, size_t size)
{
	size_t padded = (size + 511) / 512 * 512;
	uint8_t *h = ar + arlen;

	memset(h, 0, 512);
	memcpy(h, name, strlen(name));
	memcpy(h + 100, "0000644", 7);
	memcpy(h + 108, "0001750", 7);
	memcpy(h + 116, "0001750", 7);
	snprintf((char *)h + 124, 12, "%011zo", size);
	memcpy(h + 136, "15116400000", 11);
	h[156] = '0';
	memcpy(h + 257, "ustar\0" "00", 8);
	memcpy(h + 265, "camsec", 6);
	seal(h);
	memset(h + 512, 0, padded);
	memcpy(h + 512, data, size);
	arlen += 512 + padded;
	return h;
}

static void finish(void)
{
	memset(ar + arlen, 0, 1024);
	arlen += 1024;
}

/* manifest, manifest.sig, then @npay payloads named p0.img, p1.img, ... */
static void package(unsigned int npay)
{
	char name[16];
	unsigned int i;

	arlen = 0;
	add("manifest", GOOD, strlen(GOOD));
	add("manifest.sig", "sig", 3);
	for (i = 0; i < npay; i++) {
		snprintf(name, sizeof(name), "p%u.img", i);
		add(name, "payload data 0123456789", 12 + i);
	}
}

static void tar_fails(size_t len, size_t at, const char *reason)
{
	size_t n;

	assert_int_equal(fw_tar_parse(ar, len, mem, FW_MEMBERS_MAX, &n, &why), -1);
	assert_int_equal(n, at);
	if (!strstr(why, reason))
		fail_msg("\"%s\" does not say \"%s\"", why, reason);
}

static void tar_valid(void **state)
{
	size_t n;

	(void)state;
	package(2);
	finish();
	assert_int_equal(fw_tar_parse(ar, arlen, mem, FW_MEMBERS_MAX, &n, &why), 0);
	assert_int_equal(n, 4);
	assert_string_equal(mem[0].name, "manifest");
	assert_int_equal(mem[0].size, strlen(GOOD));
	assert_memory_equal(mem[0].data, GOOD, strlen(GOOD));
	assert_ptr_equal(mem[0].data, ar + 512);
	assert_string_equal(mem[1].name, "manifest.sig");
	assert_string_equal(mem[3].name, "p1.img");
	assert_int_equal(mem[3].size, 13);
	/* A record's worth of zeros after the end, as GNU tar pads. */
	memset(ar + arlen, 0, 8192);
	assert_int_equal(fw_tar_parse(ar, arlen + 8192, mem, FW_MEMBERS_MAX, &n, &why), 0);
	/* GNU tar's magic, and a NUL typeflag. */
	memcpy(ar + 1024 + 257, "ustar  \0", 8);
	ar[1024 + 156] = '\0';
	seal(ar + 1024);
	assert_int_equal(fw_tar_parse(ar, arlen, mem, FW_MEMBERS_MAX, &n, &why), 0);
	assert_int_equal(fw_manifest_parse((const char *)mem[0].data, mem[0].size,
					   &man, &(unsigned int){ 0 },
					   &(unsigned int){ 0 }, &why), 0);
}

static void tar_header_errors(void **state)
{
	static const char *const names[] = {
		"a/b", ".", "..", "a b", "a\x80", "x12345678901234567890123456789012345678901234567890123456789012345",
	};
	uint8_t *h;
	size_t i;

	(void)state;
	package(1);
	h = add("last.img", "x", 1);
	finish();
	h[136] ^= 1;			/* mtime, checksum not updated */
	tar_fails(arlen, 3, "member 3: bad header checksum");
	seal(h);
	memcpy(h + 148, "01234x\0 ", 8);
	tar_fails(arlen, 3, "checksum");
	memcpy(h + 257, "ustar\0" "01", 8);
	seal(h);
	tar_fails(arlen, 3, "magic");
	memcpy(h + 257, "ustar\0" "00", 8);
	h[156] = '5';
	seal(h);
	tar_fails(arlen, 3, "not a regular file (typeflag 0x35)");
	h[156] = 'x';
	seal(h);
	tar_fails(arlen, 3, "not a regular file");
	h[156] = '0';
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		memset(h, 0, 100);
		memcpy(h, names[i], strlen(names[i]));
		seal(h);
		tar_fails(arlen, 3, "member 3: the name");
	}
	memset(h, 0, 100);
	memcpy(h, "a.img\0b", 7);	/* bytes after the name's NUL */
	seal(h);
	tar_fails(arlen, 3, "the name");
	memcpy(h, "a.img\0\0", 7);
	memcpy(h + 345, "dir", 3);
	seal(h);
	tar_fails(arlen, 3, "member 3 (a.img): the prefix field is used");
	memset(h + 345, 0, 3);
	memcpy(h, "p0.img", 6);
	seal(h);
	tar_fails(arlen, 3, "member 3 (p0.img): a second member with this name");
	memcpy(h, "manifest", 8);
	seal(h);
	tar_fails(arlen, 3, "second member with this name");
	memset(h, 0, 100);
	memcpy(h, "a.img", 5);
	h[124] = 0x80;			/* GNU base-256 */
	memset(h + 125, 0, 10);
	h[135] = 1;
	seal(h);
	tar_fails(arlen, 3, "member 3 (a.img): base-256 size");
	memcpy(h + 124, "0000000009\0", 12);
	seal(h);
	tar_fails(arlen, 3, "not octal");
	memcpy(h + 124, "\0\0\0\0\0\0\0\0\0\0\0", 12);
	seal(h);
	tar_fails(arlen, 3, "not octal");
	memcpy(h + 124, "        1 \0", 12);	/* leading spaces: old tars */
	seal(h);
	assert_int_equal(fw_tar_parse(ar, arlen, mem, FW_MEMBERS_MAX, &i, &why), 0);
	assert_int_equal(mem[3].size, 1);
}

static void tar_order_and_count(void **state)
{
	size_t n;

	(void)state;
	arlen = 0;
	add("manifest.sig", "sig", 3);
	add("manifest", GOOD, strlen(GOOD));
	add("a.img", "a", 1);
	finish();
	tar_fails(arlen, 0, "member 0 (manifest.sig): the first member is not manifest");
	arlen = 0;
	add("manifest", GOOD, strlen(GOOD));
	add("a.img", "a", 1);
	finish();
	tar_fails(arlen, 1, "member 1 (a.img): the second member is not manifest.sig");
	package(0);
	finish();
	tar_fails(arlen, 2, "a payload at least");
	arlen = 0;
	finish();
	tar_fails(arlen, 0, "a payload at least");
	package(FW_PAYLOADS_MAX);
	finish();
	assert_int_equal(fw_tar_parse(ar, arlen, mem, FW_MEMBERS_MAX, &n, &why), 0);
	assert_int_equal(n, FW_MEMBERS_MAX);
	assert_int_equal(fw_tar_parse(ar, arlen, mem, 5, &n, &why), -1);
	assert_int_equal(n, 5);
	assert_non_null(strstr(why, "member 5 (p3.img): more than 5 members"));
	package(FW_PAYLOADS_MAX + 1);
	finish();
	assert_int_equal(fw_tar_parse(ar, arlen, mem, FW_MEMBERS_MAX + 2, &n, &why), -1);
	assert_non_null(strstr(why, "member 10 (p8.img): more than 10 members"));
}

static void tar_truncation_and_end(void **state)
{
	size_t full;
	uint8_t *h;

	(void)state;
	package(1);
	h = add("big.img", "0123456789", 10);
	full = arlen;
	finish();
	tar_fails(full + 512 + 1, 4, "inside its two zero blocks");
	tar_fails(full + 512, 4, "inside its two zero blocks");
	tar_fails(full, 4, "without its two zero blocks");
	tar_fails(full - 1, 3, "member 3 (big.img): the archive ends inside the data");
	tar_fails(full - 512 + 5, 3, "inside the data");
	tar_fails((size_t)(h - ar) + 100, 3, "member 3: the archive ends inside a header");
	ar[full + 1023] = 1;
	tar_fails(arlen, 4, "data in or after the two zero blocks");
	ar[full + 1023] = 0;
	ar[full + 1024] = 'x';
	tar_fails(arlen + 1, 4, "data in or after");
	ar[full + 1024] = 0;
	h[512 + 10] = 'x';		/* the padding of big.img */
	tar_fails(arlen, 3, "member 3 (big.img): the padding after the data is not zero");
	h[512 + 10] = 0;
	/* A size that runs past the archive. */
	memcpy(h + 124, "77777777777", 11);
	seal(h);
	tar_fails(arlen, 3, "inside the data");
}

/* The manifest: an error, its line and its column. */
struct mcase {
	const char *text;
	unsigned int line, col;
};

static void manifest_valid(void **state)
{
	static const char any_order[] = H E B "payload a 1099511627776 " SHA "\n"
					"payload b 0 " SHA "\n" V C;
	unsigned int line, col;

	(void)state;
	assert_int_equal(fw_manifest_parse(GOOD, strlen(GOOD), &man, &line, &col, &why), 0);
	assert_string_equal(man.compatible, "camsec,virtual-camera");
	assert_int_equal(man.nversion, 3);
	assert_int_equal(man.version[0], 1);
	assert_int_equal(man.version[1], 4);
	assert_int_equal(man.version[2], 2);
	assert_string_equal(man.build_id, "20261126.1");
	assert_int_equal(man.eos_year, 2031);
	assert_int_equal(man.eos_month, 12);
	assert_int_equal(man.eos_day, 31);
	assert_int_equal(man.npayloads, 2);
	assert_string_equal(man.payload[0].name, "rootfs.img");
	assert_int_equal(man.payload[0].size, 1048576);
	assert_int_equal(man.payload[1].size, 4096);
	assert_int_equal(man.payload[1].sha256[0], 0x01);
	assert_int_equal(man.payload[1].sha256[31], 0xef);
	/* Keys in any order; the largest size; a zero size. */
	assert_int_equal(fw_manifest_parse(any_order, sizeof(any_order) - 1, &man,
					   &line, &col, &why), 0);
	assert_int_equal(man.payload[0].size, UINT64_C(1) << 40);
}

static void manifest_errors(void **state)
{
	static const struct mcase cases[] = {
		{ "", 1, 1 },
		{ "camsec-firmware 2\n", 1, 17 },
		{ "camsec-firmware 1 x\n", 1, 19 },
		{ "camsec-firmware\n", 1, 16 },
		{ "firmware 1\n", 1, 1 },
		{ C H, 1, 1 },
		{ H C V B E "payload a 1 " SHA, 6, 77 },	/* no newline */
		{ H "compatible Camsec\n", 2, 12 },
		{ H "compatible camsec \n", 2, 18 },
		{ H "compatible  camsec\n", 2, 11 },
		{ H " compatible camsec\n", 2, 1 },
		{ H "compatible camsec\r\n", 2, 18 },
		{ H "compatible ca\x7fmsec\n", 2, 14 },
		{ H "compatible caf\xc3\xa9\n", 2, 15 },
		{ H "\n", 2, 1 },
		{ H "colour red\n", 2, 1 },
		{ H C V B E P H, 7, 1 },
		{ H C C, 3, 1 },
		{ H "compatible a b\n", 2, 14 },
		{ H "compatible\n", 2, 11 },
		{ H "compatible x12345678901234567890123456789012345678901234567890123456789012345\n", 2, 12 },
		{ H C "version 1.04\n", 3, 9 },
		{ H C "version 65536\n", 3, 9 },
		{ H C "version 1.2.3.4.5\n", 3, 9 },
		{ H C "version 1..2\n", 3, 9 },
		{ H C "version -1\n", 3, 9 },
		{ H C "version v1\n", 3, 9 },
		{ H C V "build-id a/b\n", 4, 10 },
		{ H C V B "end-of-support 2023-02-29\n", 5, 16 },
		{ H C V B "end-of-support 2031-13-01\n", 5, 16 },
		{ H C V B "end-of-support 2031-04-31\n", 5, 16 },
		{ H C V B "end-of-support 2031-1-01\n", 5, 16 },
		{ H C V B "end-of-support 31-12-2031\n", 5, 16 },
		{ H C V B E "payload a/b 1 " SHA "\n", 6, 9 },
		{ H C V B E "payload manifest 1 " SHA "\n", 6, 9 },
		{ H C V B E "payload manifest.sig 1 " SHA "\n", 6, 9 },
		{ H C V B E P "payload rootfs.img 1 " SHA "\n", 7, 9 },
		{ H C V B E "payload a 01 " SHA "\n", 6, 11 },
		{ H C V B E "payload a 1099511627777 " SHA "\n", 6, 11 },
		{ H C V B E "payload a -1 " SHA "\n", 6, 11 },
		{ H C V B E "payload a 1 " SHA "0\n", 6, 13 },
		{ H C V B E "payload a 1 0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef\n", 6, 13 },
		{ H C V B E "payload a 1\n", 6, 12 },
		{ H C V B E "payload a 1 " SHA " x\n", 6, 78 },
		{ H C V B E "payload a 1 " SHA " x y z\n", 6, 78 },
		{ H C V B E, 6, 1 },			/* no payload */
		{ H V B E P, 6, 1 },			/* no compatible */
		{ H C V B P, 6, 1 },			/* no end-of-support */
		{ H C V B E P P2
		  "payload a " "1 " SHA "\npayload b " "1 " SHA "\n"
		  "payload c " "1 " SHA "\npayload d " "1 " SHA "\n"
		  "payload e " "1 " SHA "\npayload f " "1 " SHA "\n"
		  "payload g " "1 " SHA "\n", 14, 1 },	/* the ninth */
	};
	unsigned int line, col, i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		line = col = 0;
		assert_int_equal(fw_manifest_parse(cases[i].text, strlen(cases[i].text),
						   &man, &line, &col, &why), -1);
		if (line != cases[i].line || col != cases[i].col)
			fail_msg("case %u: %u:%u (%s), not %u:%u", i, line, col, why,
				 cases[i].line, cases[i].col);
		assert_int_equal(man.npayloads, 0);
	}
	/* A NUL, which strlen would hide. */
	assert_int_equal(fw_manifest_parse(H "compatible a\0b\n", 33, &man, &line, &col, &why), -1);
	assert_int_equal(line, 2);
	assert_int_equal(col, 13);
}

static void versions(void **state)
{
	static const char *const bad[] = {
		"", ".", "1.", ".1", "01", "1.02", "00", "65536", "1000000",
		"99999999999999999999", "1.2.3.4.5", "-1", "+1", " 1", "1 ", "1.a", "1,2",
	};
	unsigned int a[4], b[4], na, nb, i;
	char out[32];

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (!fw_version_parse(bad[i], a, &na))
			fail_msg("\"%s\" parses", bad[i]);
	}
	assert_int_equal(fw_version_parse("0", a, &na), 0);
	assert_int_equal(fw_version_parse("65535.0.10.65535", a, &na), 0);
	assert_int_equal(na, 4);
	assert_int_equal(a[3], 65535);
	assert_int_equal(fw_version_format(a, na, out, sizeof(out)), 16);
	assert_string_equal(out, "65535.0.10.65535");
	assert_int_equal(fw_version_format(a, na, out, 17), 16);
	assert_int_equal(fw_version_format(a, na, out, 16), -1);
	assert_int_equal(fw_version_format(a, 0, out, sizeof(out)), -1);
	assert_int_equal(fw_version_format(a, 5, out, sizeof(out)), -1);

	assert_int_equal(fw_version_parse("1.2", a, &na), 0);
	assert_int_equal(fw_version_parse("1.2.0", b, &nb), 0);
	assert_int_equal(fw_version_cmp(a, na, b, nb), 0);
	assert_int_equal(fw_version_cmp(b, nb, a, na), 0);
	assert_int_equal(fw_version_parse("1.2.0.1", b, &nb), 0);
	assert_true(fw_version_cmp(a, na, b, nb) < 0);
	assert_true(fw_version_cmp(b, nb, a, na) > 0);
	assert_int_equal(fw_version_parse("1.10", a, &na), 0);
	assert_int_equal(fw_version_parse("1.9", b, &nb), 0);
	assert_true(fw_version_cmp(a, na, b, nb) > 0);
	assert_true(fw_version_cmp(b, nb, a, na) < 0);
	assert_int_equal(fw_version_parse("2", b, &nb), 0);
	assert_true(fw_version_cmp(a, na, b, nb) < 0);
}

static void dates(void **state)
{
	static const char *const good[] = { "2024-02-29", "2000-02-29", "1999-12-31", "2031-12-31" };
	static const char *const bad[] = {
		"2023-02-29", "1900-02-29", "2031-13-01", "2031-00-10", "2031-01-00",
		"2031-01-32", "2031-06-31", "2031/01/01", "2031-01-1x", "20310-1-01",
	};
	char text[256];
	unsigned int line, col, i;
	int len;

	(void)state;
	for (i = 0; i < 4 + sizeof(bad) / sizeof(bad[0]); i++) {
		len = snprintf(text, sizeof(text), H C V B "end-of-support %s\n" P,
			       i < 4 ? good[i] : bad[i - 4]);
		if (fw_manifest_parse(text, (size_t)len, &man, &line, &col, &why) != (i < 4 ? 0 : -1))
			fail_msg("%s: %s", i < 4 ? good[i] : bad[i - 4], why);
	}
	assert_int_equal(line, 5);
	assert_int_equal(col, 16);
}

/* The payloads: members built by hand, the manifest from their hashes. */
static char maketext[1024];
static const uint8_t rootfs[] = "root file system", kernel[] = "kernel";

static void hex(const uint8_t *data, size_t len, char *out)
{
	uint8_t md[32];
	unsigned int i;

	assert_int_equal(EVP_Digest(data, len, md, NULL, EVP_sha256(), NULL), 1);
	for (i = 0; i < 32; i++)
		sprintf(out + 2 * i, "%02x", md[i]);
}

static void payload_setup(void)
{
	char h1[65], h2[65];
	unsigned int line, col;
	int len;

	hex(rootfs, sizeof(rootfs), h1);
	hex(kernel, sizeof(kernel), h2);
	len = snprintf(maketext, sizeof(maketext), H C V B E
		       "payload rootfs.img %zu %s\npayload kernel.img %zu %s\n",
		       sizeof(rootfs), h1, sizeof(kernel), h2);
	assert_int_equal(fw_manifest_parse(maketext, (size_t)len, &man, &line, &col, &why), 0);
	memset(mem, 0, sizeof(mem));
	strcpy(mem[0].name, "manifest");
	mem[0].data = (const uint8_t *)maketext;
	mem[0].size = (size_t)len;
	strcpy(mem[1].name, "manifest.sig");
	mem[1].data = (const uint8_t *)"sig";
	strcpy(mem[2].name, "rootfs.img");
	mem[2].data = rootfs;
	mem[2].size = sizeof(rootfs);
	strcpy(mem[3].name, "kernel.img");
	mem[3].data = kernel;
	mem[3].size = sizeof(kernel);
}

static void payloads_fail(size_t n, const char *reason)
{
	assert_int_equal(fw_check_payloads(&man, mem, n, &why), -1);
	if (!strstr(why, reason))
		fail_msg("\"%s\" does not say \"%s\"", why, reason);
}

static void payloads(void **state)
{
	static const uint8_t other[] = "root file systen";
	struct fw_member t;
	size_t n;

	(void)state;
	payload_setup();
	assert_int_equal(fw_check_payloads(&man, mem, 4, &why), 0);
	mem[2].data = other;		/* the same size, another hash */
	payloads_fail(4, "member 2 (rootfs.img): the SHA-256 differs");
	mem[2].data = rootfs;
	mem[3].size--;
	payloads_fail(4, "member 3 (kernel.img): the size differs");
	mem[3].size++;
	t = mem[2];
	mem[2] = mem[3];
	mem[3] = t;
	payloads_fail(4, "member 2 (kernel.img): the manifest lists rootfs.img here");
	mem[3] = mem[2];
	mem[2] = t;
	payloads_fail(3, "payload kernel.img is missing");
	payloads_fail(2, "payload rootfs.img is missing");
	mem[4] = mem[3];
	strcpy(mem[4].name, "extra.img");
	payloads_fail(5, "member 4 (extra.img): not a payload of the manifest");
	strcpy(mem[1].name, "manifest.sig2");
	payloads_fail(4, "does not begin with manifest and manifest.sig");
	strcpy(mem[1].name, "manifest.sig");

	/* The whole way: an archive of these members. */
	arlen = 0;
	add("manifest", maketext, mem[0].size);
	add("manifest.sig", "sig", 3);
	add("rootfs.img", rootfs, sizeof(rootfs));
	add("kernel.img", kernel, sizeof(kernel));
	finish();
	assert_int_equal(fw_tar_parse(ar, arlen, mem, FW_MEMBERS_MAX, &n, &why), 0);
	assert_int_equal(fw_check_payloads(&man, mem, n, &why), 0);
	ar[512 * 5 + 3] ^= 1;		/* a bit of rootfs.img */
	assert_int_equal(fw_tar_parse(ar, arlen, mem, FW_MEMBERS_MAX, &n, &why), 0);
	payloads_fail(n, "member 2 (rootfs.img): the SHA-256 differs");
}

static void end_of_support(void **state)
{
	unsigned int line, col;

	(void)state;
	assert_int_equal(fw_manifest_parse(GOOD, strlen(GOOD), &man, &line, &col, &why), 0);
	assert_false(fw_eos_passed(&man, 0));
	assert_false(fw_eos_passed(&man, 1956528000 - 86400));	/* 2031-12-31 00:00 */
	assert_false(fw_eos_passed(&man, 1956528000 - 1));	/* 23:59:59 */
	assert_true(fw_eos_passed(&man, 1956528000));		/* 2032-01-01 */
	assert_true(fw_eos_passed(&man, (time_t)1 << 40));
	man.eos_year = 2024, man.eos_month = 2, man.eos_day = 29;
	assert_false(fw_eos_passed(&man, 1709251200 - 1));
	assert_true(fw_eos_passed(&man, 1709251200));		/* 2024-03-01 */
	man.eos_year = 1969, man.eos_month = 12, man.eos_day = 31;
	assert_false(fw_eos_passed(&man, -1));
	assert_true(fw_eos_passed(&man, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tar_valid),
		cmocka_unit_test(tar_header_errors),
		cmocka_unit_test(tar_order_and_count),
		cmocka_unit_test(tar_truncation_and_end),
		cmocka_unit_test(manifest_valid),
		cmocka_unit_test(manifest_errors),
		cmocka_unit_test(versions),
		cmocka_unit_test(dates),
		cmocka_unit_test(payloads),
		cmocka_unit_test(end_of_support),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
