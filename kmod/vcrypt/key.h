/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec_vcrypt - the key schedule
 */

#ifndef _CAMSEC_VCRYPT_KEY_H
#define _CAMSEC_VCRYPT_KEY_H

#include <linux/kernel.h>
#include <linux/types.h>
#include <uapi/linux/camsec.h>

struct crypto_aead;
struct key;

/* The traffic key's schedule; the key itself is in the stream's tfm. */
struct vcrypt_key {
	struct key *logon;		/* held, to see it revoked or updated */
	const void *payload;		/* the logon key's, when derived */
	u8 rand[CAMSEC_VCRYPT_KEY_RAND_LEN];	/* in every record */
	u8 iv[CAMSEC_VCRYPT_NONCE_LEN];
};

/*
 * AES blocks a frame of @len bytes may take under its traffic key: its
 * own, its tag's, and a void record's tag's if the AEAD fails it.
 */
static inline u64 vcrypt_blocks(u64 len)
{
	return DIV_ROUND_UP(len, 16) + 2;
}

int vcrypt_key_derive(struct vcrypt_key *k, struct crypto_aead *tfm, u8 aead,
		      unsigned int keylen, const char *desc);
void vcrypt_key_put(struct vcrypt_key *k);
int vcrypt_key_standing(const struct vcrypt_key *k);
void vcrypt_key_nonce(const struct vcrypt_key *k, u32 domain, u64 seq,
		      u8 *nonce);

#endif /* _CAMSEC_VCRYPT_KEY_H */
