// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec_vcrypt - SRTP packet protection (RFC 3711, RFC 7714)
 *
 * The session keys come from the master key and salt by the SRTP key
 * derivation (RFC 3711 4.3.1, key derivation rate 0), an AES-CM
 * keystream of the master key: once per master key, so the AES library
 * does it. RFC 7714's master salt is 12 bytes and the KDF's is 14: the
 * salt is padded with two zero bytes at its end, as libsrtp does (the
 * subject of RFC 7714 erratum 4938), and a 12-byte session salt taken.
 *
 * Packets are protected with the crypto API, which a SoC's engine may
 * implement: AES-CM is ctr(aes) over the payload, then HMAC-SHA1-80 over
 * the header, the ciphertext and the ROC, with the MKI between payload
 * and tag; AEAD is gcm(aes) with the RTP header as associated data and
 * the MKI after the tag. Only RTP: camsec sends no RTCP, so the SRTCP
 * IV change of libsrtp 2.1 does not arise.
 */

#include <crypto/aead.h>
#include <crypto/aes.h>
#include <crypto/hash.h>
#include <crypto/skcipher.h>
#include <linux/slab.h>
#include <uapi/linux/camsec.h>

#include "srtp.h"

#define HMAC_SHA1_KEY	20
#define HMAC_SHA1_LEN	20
#define SRTP_AEAD_SALT	12

enum srtp_label {
	LABEL_RTP_ENCRYPTION = 0x00,
	LABEL_RTP_AUTH = 0x01,
	LABEL_RTP_SALT = 0x02,
};

struct srtp_profile {
	u16 id;
	u8 key_len, salt_len, tag_len;
	bool aead;
	u64 max_packets, max_blocks;
};

static const struct srtp_profile profiles[] = {
	{ CAMSEC_SRTP_AES128_CM_HMAC_SHA1_80, 16, 14, 10, false,
	  1ULL << 48, U64_MAX },
	{ CAMSEC_SRTP_AEAD_AES_128_GCM, 16, 12, 16, true,
	  1ULL << 32, 1ULL << 36 },
	{ CAMSEC_SRTP_AEAD_AES_256_GCM, 32, 12, 16, true,
	  1ULL << 32, 1ULL << 36 },
};

static const struct srtp_profile *find_profile(u16 id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(profiles); i++)
		if (profiles[i].id == id)
			return &profiles[i];
	return NULL;
}

int vcrypt_srtp_init(struct vcrypt_srtp *x, u16 profile, u8 mki_len)
{
	const struct srtp_profile *p = find_profile(profile);
	int err;

	if (!p || (mki_len && mki_len != CAMSEC_VCRYPT_MKI_LEN))
		return -EINVAL;
	x->profile = p->id;
	x->key_len = p->key_len;
	x->salt_len = p->salt_len;
	x->tag_len = p->tag_len;
	x->mki_len = mki_len;
	x->max_packets = p->max_packets;
	x->max_blocks = p->max_blocks;
	if (p->aead) {
		x->gcm = crypto_alloc_aead("gcm(aes)", 0, 0);
		if (IS_ERR(x->gcm)) {
			err = PTR_ERR(x->gcm);
			x->gcm = NULL;
			return err;
		}
		return crypto_aead_setauthsize(x->gcm, p->tag_len);
	}
	x->ctr = crypto_alloc_skcipher("ctr(aes)", 0, 0);
	if (IS_ERR(x->ctr)) {
		err = PTR_ERR(x->ctr);
		x->ctr = NULL;
		return err;
	}
	x->hmac = crypto_alloc_shash("hmac(sha1)", 0, 0);
	if (IS_ERR(x->hmac)) {
		err = PTR_ERR(x->hmac);
		x->hmac = NULL;
		return err;
	}
	return 0;
}

void vcrypt_srtp_free(struct vcrypt_srtp *x)
{
	crypto_free_aead(x->gcm);
	crypto_free_skcipher(x->ctr);
	crypto_free_shash(x->hmac);
	memzero_explicit(x, sizeof(*x));
}

/* RFC 3711 4.3.1: @len bytes for @label, the AES-CM keystream at x. */
static void srtp_kdf(const struct crypto_aes_ctx *aes, const u8 *salt,
		     u8 label, u8 *out, unsigned int len)
{
	u8 x[AES_BLOCK_SIZE], block[AES_BLOCK_SIZE];
	unsigned int i, n;

	for (i = 0; len; i++, len -= n, out += n) {
		memcpy(x, salt, VCRYPT_SRTP_SALT);
		x[7] ^= label;
		x[14] = i >> 8;
		x[15] = i;
		aes_encrypt(aes, block, x);
		n = min_t(unsigned int, len, AES_BLOCK_SIZE);
		memcpy(out, block, n);
	}
	memzero_explicit(block, sizeof(block));
}

/* Session keys from @master (master key || master salt), into the tfms. */
int vcrypt_srtp_setkey(struct vcrypt_srtp *x, const u8 *master)
{
	u8 salt[VCRYPT_SRTP_SALT] = {}, key[VCRYPT_SRTP_MAX_KEY];
	u8 auth[HMAC_SHA1_KEY];
	struct crypto_aes_ctx *aes;
	int err;

	aes = kmalloc(sizeof(*aes), GFP_KERNEL);
	if (!aes)
		return -ENOMEM;
	err = aes_expandkey(aes, master, x->key_len);
	if (err)
		goto out;
	/* A 12-byte AEAD master salt, padded with zeros to the KDF's 14. */
	memcpy(salt, master + x->key_len, x->salt_len);
	srtp_kdf(aes, salt, LABEL_RTP_ENCRYPTION, key, x->key_len);
	srtp_kdf(aes, salt, LABEL_RTP_SALT, x->salt, x->salt_len);
	if (x->gcm) {
		err = crypto_aead_setkey(x->gcm, key, x->key_len);
	} else {
		srtp_kdf(aes, salt, LABEL_RTP_AUTH, auth, sizeof(auth));
		err = crypto_skcipher_setkey(x->ctr, key, x->key_len) ?:
		      crypto_shash_setkey(x->hmac, auth, sizeof(auth));
	}
out:
	memzero_explicit(salt, sizeof(salt));
	memzero_explicit(key, sizeof(key));
	memzero_explicit(auth, sizeof(auth));
	kfree_sensitive(aes);
	return err;
}

int vcrypt_srtp_req_alloc(const struct vcrypt_srtp *x, struct vcrypt_srtp_req *r)
{
	if (x->gcm) {
		r->gcm = aead_request_alloc(x->gcm, GFP_KERNEL);
		return r->gcm ? 0 : -ENOMEM;
	}
	r->ctr = skcipher_request_alloc(x->ctr, GFP_KERNEL);
	r->hmac = kmalloc(sizeof(*r->hmac) + crypto_shash_descsize(x->hmac),
			  GFP_KERNEL);
	if (!r->ctr || !r->hmac)
		return -ENOMEM;
	r->hmac->tfm = x->hmac;
	return 0;
}

void vcrypt_srtp_req_free(struct vcrypt_srtp_req *r)
{
	aead_request_free(r->gcm);
	skcipher_request_free(r->ctr);
	kfree_sensitive(r->hmac);
	r->gcm = NULL;
	r->ctr = NULL;
	r->hmac = NULL;
}

/* The SSRC as the RTP header at @pkt has it, 32-bit big endian. */
static void xor_ssrc(u8 *iv, const u8 *pkt)
{
	unsigned int i;

	for (i = 0; i < 4; i++)
		iv[i] ^= pkt[8 + i];
}

/* 48-bit big-endian @index XORed into the 6 bytes at @p. */
static void xor_index(u8 *p, u64 index)
{
	int i;

	for (i = 5; i >= 0; i--, index >>= 8)
		p[i] ^= index & 0xff;
}

static void put_mki(const struct vcrypt_srtp *x, u8 *p)
{
	if (x->mki_len) {
		p[0] = x->mki >> 24;
		p[1] = x->mki >> 16;
		p[2] = x->mki >> 8;
		p[3] = x->mki;
	}
}

/*
 * RFC 3711 4.1.1 and 4.2: IV = (salt || 0^16) XOR (SSRC at bit 64) XOR
 * (index at bit 16); tag = HMAC-SHA1(header || ciphertext || ROC), 80 bits.
 */
static int protect_cm(const struct vcrypt_srtp *x, struct vcrypt_srtp_req *r,
		      u8 *pkt, struct scatterlist *src, struct scatterlist *dst,
		      unsigned int len, u64 index)
{
	unsigned int auth_len = 12 + len;
	__be32 roc = cpu_to_be32(index >> 16);
	u8 mac[HMAC_SHA1_LEN];
	DECLARE_CRYPTO_WAIT(wait);
	int err;

	memcpy(r->iv, x->salt, VCRYPT_SRTP_SALT);
	r->iv[14] = 0;
	r->iv[15] = 0;
	xor_ssrc(r->iv + 4, pkt);
	xor_index(r->iv + 8, index);
	skcipher_request_set_callback(r->ctr, CRYPTO_TFM_REQ_MAY_BACKLOG |
				      CRYPTO_TFM_REQ_MAY_SLEEP,
				      crypto_req_done, &wait);
	skcipher_request_set_crypt(r->ctr, src, dst, len, r->iv);
	err = crypto_wait_req(crypto_skcipher_encrypt(r->ctr), &wait);
	if (err)
		return err;
	put_mki(x, pkt + auth_len);
	err = crypto_shash_init(r->hmac) ?:
	      crypto_shash_update(r->hmac, pkt, auth_len) ?:
	      crypto_shash_update(r->hmac, (u8 *)&roc, sizeof(roc)) ?:
	      crypto_shash_final(r->hmac, mac);
	if (!err)
		memcpy(pkt + auth_len + x->mki_len, mac, x->tag_len);
	memzero_explicit(mac, sizeof(mac));
	return err;
}

/* RFC 7714 8.1: IV = (0^16 || SSRC || ROC || SEQ) XOR salt; AAD = header. */
static int protect_gcm(const struct vcrypt_srtp *x, struct vcrypt_srtp_req *r,
		       u8 *pkt, struct scatterlist *src,
		       struct scatterlist *dst, unsigned int len, u64 index)
{
	DECLARE_CRYPTO_WAIT(wait);
	int err;

	memcpy(r->iv, x->salt, SRTP_AEAD_SALT);
	xor_ssrc(r->iv + 2, pkt);
	xor_index(r->iv + 6, index);
	aead_request_set_callback(r->gcm, CRYPTO_TFM_REQ_MAY_BACKLOG |
				  CRYPTO_TFM_REQ_MAY_SLEEP,
				  crypto_req_done, &wait);
	aead_request_set_ad(r->gcm, 12);
	aead_request_set_crypt(r->gcm, src, dst, len, r->iv);
	err = crypto_wait_req(crypto_aead_encrypt(r->gcm), &wait);
	if (!err)
		put_mki(x, pkt + 12 + len + x->tag_len);
	return err;
}

/*
 * Protect the packet whose 12-byte RTP header is at @pkt (in the ring),
 * with @len bytes of payload: from @src into @dst, which start at the
 * payload or, for an AEAD (vcrypt_srtp_with_header), at the header. The
 * packet's length, tag and MKI included, or an errno.
 */
int vcrypt_srtp_protect(const struct vcrypt_srtp *x, struct vcrypt_srtp_req *r,
			u8 *pkt, struct scatterlist *src,
			struct scatterlist *dst, unsigned int len, u64 index)
{
	int err = x->gcm ? protect_gcm(x, r, pkt, src, dst, len, index) :
			   protect_cm(x, r, pkt, src, dst, len, index);

	return err ?: 12 + len + vcrypt_srtp_overhead(x);
}
