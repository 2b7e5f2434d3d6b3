// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec_vcrypt - the key schedule
 *
 * The logon key never seals a frame. Each setup and each rekey derives a
 * fresh traffic key and IV from it with the kernel's SP 800-108 KDF over a
 * random value that every record carries (uapi camsec.h), as TLS 1.3 and
 * QUIC do: no (key, nonce) pair repeats whatever restarts the stream, and
 * the budget of draft-irtf-cfrg-aead-limits is one traffic key's. The
 * stream holds the logon key, so that a revocation, invalidation, timeout
 * or update stops the next frame.
 */

#include <crypto/aead.h>
#include <crypto/algapi.h>
#include <crypto/hash.h>
#include <crypto/kdf_sp800108.h>
#include <keys/user-type.h>
#include <linux/key.h>
#include <linux/random.h>
#include <linux/uio.h>

#include "key.h"

/* @len bytes of traffic key and IV from @kdk for @aead and @rand. */
static int kdf(const u8 *kdk, u8 aead, const u8 *rand, u8 *out,
	       unsigned int len)
{
	static const char label[] = CAMSEC_VCRYPT_KDF_LABEL;
	__be32 bits = cpu_to_be32(len * 8);
	u8 separator = 0;
	struct kvec info[] = {
		{ (void *)label, sizeof(label) - 1 },
		{ &separator, 1 },
		{ &aead, 1 },
		{ (void *)rand, CAMSEC_VCRYPT_KEY_RAND_LEN },
		{ &bits, sizeof(bits) },
	};
	struct crypto_shash *kmd;
	int err;

	kmd = crypto_alloc_shash("hmac(sha256)", 0, 0);
	if (IS_ERR(kmd))
		return PTR_ERR(kmd);
	err = crypto_kdf108_setkey(kmd, kdk, CAMSEC_VCRYPT_KDK_LEN, NULL, 0) ?:
	      crypto_kdf108_ctr_generate(kmd, info, ARRAY_SIZE(info), out, len);
	crypto_free_shash(kmd);
	return err;
}

/* Derive into @next from @logon, which the caller holds read-locked. */
static int derive(struct vcrypt_key *next, struct key *logon, u8 aead,
		  unsigned int keylen, u8 *traffic)
{
	const struct user_key_payload *ukp = user_key_payload_locked(logon);
	int err;

	if (!ukp)
		return -EKEYREVOKED;
	if (ukp->datalen != CAMSEC_VCRYPT_KDK_LEN)
		return -EKEYREJECTED;
	get_random_bytes(next->rand, sizeof(next->rand));
	err = kdf(ukp->data, aead, next->rand, traffic,
		  keylen + CAMSEC_VCRYPT_NONCE_LEN);
	if (err)
		return err;
	memcpy(next->iv, traffic + keylen, CAMSEC_VCRYPT_NONCE_LEN);
	next->payload = ukp;
	return 0;
}

/*
 * Key @tfm with a new traffic key from the logon key @desc, and make @k
 * its schedule. On an error before the transform took a key, nothing
 * changes; if the transform fails to take it, @k holds no key at all.
 */
int vcrypt_key_derive(struct vcrypt_key *k, struct crypto_aead *tfm, u8 aead,
		      unsigned int keylen, const char *desc)
{
	u8 traffic[32 + CAMSEC_VCRYPT_NONCE_LEN];
	struct vcrypt_key next = {};
	struct key *logon;
	int err;

	/* No upcall: the key is there, or the stream is refused. */
	logon = request_key(&key_type_logon, desc, NULL);
	if (IS_ERR(logon))
		return PTR_ERR(logon);
	down_read(&logon->sem);
	err = derive(&next, logon, aead, keylen, traffic);
	up_read(&logon->sem);
	if (!err) {
		err = crypto_aead_setkey(tfm, traffic, keylen);
		vcrypt_key_put(k);
		if (!err) {
			next.logon = logon;
			*k = next;
			logon = NULL;
		}
	}
	memzero_explicit(traffic, sizeof(traffic));
	memzero_explicit(&next, sizeof(next));
	key_put(logon);
	return err;
}

void vcrypt_key_put(struct vcrypt_key *k)
{
	key_put(k->logon);
	memzero_explicit(k, sizeof(*k));
}

/*
 * 0 while the logon key stands as it was when the traffic key came from
 * it; else the errno that refuses the frame. An update shows as a new
 * payload (the pointer only is compared, never followed).
 */
int vcrypt_key_standing(const struct vcrypt_key *k)
{
	int err;

	if (!k->logon)
		return -ENOKEY;
	err = key_validate(k->logon);
	if (err)
		return err;
	if (rcu_access_pointer(k->logon->payload.rcu_data0) != k->payload)
		return -EKEYREJECTED;
	return 0;
}

/* The nonce of record @seq in @domain: IV XOR (domain || seq). */
void vcrypt_key_nonce(const struct vcrypt_key *k, u32 domain, u64 seq,
		      u8 *nonce)
{
	__be32 d = cpu_to_be32(domain);
	__be64 q = cpu_to_be64(seq);

	memcpy(nonce, &d, sizeof(d));
	memcpy(nonce + sizeof(d), &q, sizeof(q));
	crypto_xor(nonce, k->iv, CAMSEC_VCRYPT_NONCE_LEN);
}
