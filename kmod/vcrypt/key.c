// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec_vcrypt - the key schedule: SRTP master keys from a logon key
 *
 * The logon key never protects a packet. Each setup and each rekey
 * derives a fresh SRTP master key and salt from it with the kernel's
 * SP 800-108 KDF over a random value that every record and the ring page
 * carry (uapi camsec.h), so that whoever holds the logon key can give a
 * receiver the master key by SDES or MIKEY. No master key repeats
 * whatever restarts the stream, so no (key, IV) pair does. The stream
 * holds the logon key, so that a revocation, invalidation, timeout or
 * update stops the next frame.
 */

#include <crypto/hash.h>
#include <crypto/kdf_sp800108.h>
#include <keys/user-type.h>
#include <linux/key.h>
#include <linux/random.h>
#include <linux/uio.h>

#include "key.h"
#include "srtp.h"

/* @len bytes of master key and salt from @kdk for @profile and @rand. */
static int kdf(const u8 *kdk, u16 profile, const u8 *rand, u8 *out,
	       unsigned int len)
{
	static const char label[] = CAMSEC_VCRYPT_KDF_LABEL;
	__be32 bits = cpu_to_be32(len * 8);
	__be16 context = cpu_to_be16(profile);
	u8 separator = 0;
	struct kvec info[] = {
		{ (void *)label, sizeof(label) - 1 },
		{ &separator, 1 },
		{ &context, sizeof(context) },
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
static int derive(struct vcrypt_key *next, struct key *logon, u16 profile,
		  u8 *master, unsigned int len)
{
	const struct user_key_payload *ukp = user_key_payload_locked(logon);
	int err;

	if (!ukp)
		return -EKEYREVOKED;
	if (ukp->datalen != CAMSEC_VCRYPT_KDK_LEN)
		return -EKEYREJECTED;
	get_random_bytes(next->rand, sizeof(next->rand));
	err = kdf(ukp->data, profile, next->rand, master, len);
	if (err)
		return err;
	next->payload = ukp;
	return 0;
}

/*
 * Key @srtp with a new master key from the logon key @desc, and make @k
 * its schedule. On an error before the transforms took a key, nothing
 * changes; if they fail to take it, @k holds no key at all.
 */
int vcrypt_key_derive(struct vcrypt_key *k, struct vcrypt_srtp *srtp,
		      const char *desc)
{
	u8 master[VCRYPT_SRTP_MAX_MASTER];
	struct vcrypt_key next = {};
	struct key *logon;
	int err;

	/* No upcall: the key is there, or the stream is refused. */
	logon = request_key(&key_type_logon, desc, NULL);
	if (IS_ERR(logon))
		return PTR_ERR(logon);
	down_read(&logon->sem);
	err = derive(&next, logon, srtp->profile, master,
		     vcrypt_srtp_master_len(srtp));
	up_read(&logon->sem);
	if (!err) {
		err = vcrypt_srtp_setkey(srtp, master);
		vcrypt_key_put(k);
		if (!err) {
			next.logon = logon;
			*k = next;
			logon = NULL;
		}
	}
	memzero_explicit(master, sizeof(master));
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
 * 0 while the logon key stands as it was when the master key came from
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
