/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The SDP (RFC 8866) of a camsec video stream: what camsec-vsend writes,
 * without keys, and the SDES crypto attributes (RFC 4568) that the holder
 * of the logon key adds (camsec-sdes) and a receiver reads.
 *
 * camsec-vsend names the master keys by what the kernel derived them
 * from, in attributes of its own, which receivers ignore:
 *
 *   a=x-camsec-srtp:<crypto-suite> <MKI length>
 *   a=x-camsec-key:<key epoch> <key_rand, 32 hex digits>
 */
#ifndef CAMSEC_SDP_H
#define CAMSEC_SDP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "srtpkey.h"

#define SDP_MAX_KEYS 16

struct sdp_key {
	uint32_t epoch;		/* the MKI */
	uint8_t rand[CAMSEC_VCRYPT_KEY_RAND_LEN];
	uint8_t master[SRTP_MAX_MASTER];	/* from a=crypto */
};

struct sdp_session {
	char dest[64];		/* the receiver's address */
	unsigned int port;
	unsigned int payload;	/* enum camsec_vcrypt_payload */
	unsigned int pt, clock_rate;
	unsigned int width, height;	/* raw video */
	uint32_t ssrc;
	const struct srtp_profile *profile;
	unsigned int mki_len;
	unsigned int nkeys;
	struct sdp_key keys[SDP_MAX_KEYS];
};

/* The session's SDP, its keys named by key_rand only. 0, or -1. */
int sdp_write(FILE *f, const struct sdp_session *s);

/*
 * Read the x-camsec attributes of an SDP (@text, NUL-terminated) into
 * @s: the profile, the MKI length and each key's epoch and key_rand.
 * 0, or -1 with "line N: ..." in @err.
 */
int sdp_parse_camsec(const char *text, struct sdp_session *s, char *err,
		     size_t errlen);

/*
 * Read the first a=crypto attribute of an SDP (@text) into @s: the
 * profile, then each key-params' master key and MKI. 0, or -1 with
 * "line N: ..." in @err.
 */
int sdp_parse_crypto(const char *text, struct sdp_session *s, char *err,
		     size_t errlen);

#endif
