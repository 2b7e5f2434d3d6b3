// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec-sdes: add the SRTP keys to the SDP of a camsec video stream.
 *
 * camsec-vsend writes the SDP without keys: it cannot read the logon key
 * the kernel derives them from. Whoever holds that key (the viewer, given
 * it by camsecctl stream key, or camsecd) runs this to add the SDES
 * crypto attribute (RFC 4568) that FFmpeg, GStreamer and libsrtp
 * receivers take: one key per key epoch, each with its MKI.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "sdp.h"
#include "srtpkey.h"

#define SDP_MAX 65536

static void usage(void)
{
	fprintf(stderr,
"usage: camsec-sdes --kdk FILE | --kdk-hex HEX  < camera.sdp > viewer.sdp\n"
"  FILE: the stream's logon key, %d bytes; HEX: as camsecctl stream key\n"
"  prints it\n", CAMSEC_VCRYPT_KDK_LEN);
	exit(2);
}

static int read_kdk_file(const char *path, uint8_t *kdk)
{
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(kdk, 1, CAMSEC_VCRYPT_KDK_LEN, f) : 0;
	int extra = f ? fgetc(f) : EOF;

	if (f)
		fclose(f);
	return n == CAMSEC_VCRYPT_KDK_LEN && extra == EOF ? 0 : -1;
}

static int read_kdk_hex(const char *hex, uint8_t *kdk)
{
	unsigned int v;

	if (strlen(hex) != 2 * CAMSEC_VCRYPT_KDK_LEN)
		return -1;
	for (int i = 0; i < CAMSEC_VCRYPT_KDK_LEN; i++) {
		if (!isxdigit((unsigned char)hex[2 * i]) ||
		    !isxdigit((unsigned char)hex[2 * i + 1]) ||
		    sscanf(hex + 2 * i, "%2x", &v) != 1)
			return -1;
		kdk[i] = (uint8_t)v;
	}
	return 0;
}

/* The a=crypto attribute: every key, or the newest if there is no MKI. */
static int print_crypto(struct sdp_session *s, const uint8_t *kdk)
{
	unsigned int i = s->mki_len ? 0 : s->nkeys - 1;
	uint8_t master[SRTP_MAX_MASTER];
	char params[128];
	int err = 0;

	if (!s->mki_len && s->nkeys > 1)
		fprintf(stderr, "camsec-sdes: no MKI: only the newest of %u keys\n",
			s->nkeys);
	printf("a=crypto:1 %s ", s->profile->name);
	for (; i < s->nkeys && !err; i++) {
		err = srtp_master_derive(s->profile, kdk, s->keys[i].rand, master) ?:
		      sdes_key_params(s->profile, master, s->keys[i].epoch,
				      s->mki_len, params, sizeof(params));
		if (!err)
			printf("%s%s", params, i + 1 < s->nkeys ? ";" : "\r\n");
	}
	OPENSSL_cleanse(master, sizeof(master));
	OPENSSL_cleanse(params, sizeof(params));
	return err;
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "kdk", 1, NULL, 'k' }, { "kdk-hex", 1, NULL, 'x' }, { 0 },
	};
	static char text[SDP_MAX + 1];
	uint8_t kdk[CAMSEC_VCRYPT_KDK_LEN];
	struct sdp_session s;
	char err[128];
	int c, got = 0;
	size_t n;

	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		if (c == 'k' && read_kdk_file(optarg, kdk) == 0)
			got = 1;
		else if (c == 'x' && read_kdk_hex(optarg, kdk) == 0)
			got = 1;
		else if (c == 'k' || c == 'x')
			fprintf(stderr, "camsec-sdes: %s: not a %d-byte key\n",
				optarg, CAMSEC_VCRYPT_KDK_LEN);
		else
			usage();
	}
	if (!got || optind != argc)
		usage();
	n = fread(text, 1, sizeof(text), stdin);
	if (n > SDP_MAX) {
		fprintf(stderr, "camsec-sdes: SDP larger than %d bytes\n", SDP_MAX);
		return 1;
	}
	text[n] = 0;
	if (strlen(text) != n || sdp_parse_camsec(text, &s, err, sizeof(err))) {
		fprintf(stderr, "camsec-sdes: %s\n",
			strlen(text) != n ? "a NUL byte in the SDP" : err);
		return 1;
	}
	fputs(text, stdout);
	if (n && text[n - 1] != '\n')
		fputs("\r\n", stdout);
	if (print_crypto(&s, kdk)) {
		fprintf(stderr, "camsec-sdes: key derivation failed\n");
		return 1;
	}
	OPENSSL_cleanse(kdk, sizeof(kdk));
	return fflush(stdout) ? 1 : 0;
}
