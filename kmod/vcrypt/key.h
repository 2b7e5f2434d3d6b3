/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec_vcrypt - the key schedule: SRTP master keys from a logon key
 */

#ifndef _CAMSEC_VCRYPT_KEY_H
#define _CAMSEC_VCRYPT_KEY_H

#include <linux/kernel.h>
#include <linux/types.h>
#include <uapi/linux/camsec.h>

struct key;
struct vcrypt_srtp;

/* The master key's schedule; the session keys are in the stream's tfms. */
struct vcrypt_key {
	struct key *logon;		/* held, to see it revoked or updated */
	const void *payload;		/* the logon key's, when derived */
	u8 rand[CAMSEC_VCRYPT_KEY_RAND_LEN];	/* in every record */
};

int vcrypt_key_derive(struct vcrypt_key *k, struct vcrypt_srtp *srtp,
		      const char *desc);
void vcrypt_key_put(struct vcrypt_key *k);
int vcrypt_key_standing(const struct vcrypt_key *k);

#endif /* _CAMSEC_VCRYPT_KEY_H */
