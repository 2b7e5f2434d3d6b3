/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec_vcrypt - SRTP packet protection (RFC 3711, RFC 7714)
 */

#ifndef _CAMSEC_VCRYPT_SRTP_H
#define _CAMSEC_VCRYPT_SRTP_H

#include <linux/kernel.h>
#include <linux/types.h>

#define VCRYPT_SRTP_MAX_KEY	32
#define VCRYPT_SRTP_SALT	14	/* AES-CM's; AEAD's is 12 */
#define VCRYPT_SRTP_MAX_MASTER	(VCRYPT_SRTP_MAX_KEY + VCRYPT_SRTP_SALT)

struct crypto_aead;
struct crypto_shash;
struct crypto_skcipher;
struct aead_request;
struct scatterlist;
struct shash_desc;
struct skcipher_request;

/* A stream's transforms, keyed with its session keys. */
struct vcrypt_srtp {
	u16 profile;
	u8 key_len, salt_len;	/* master and session */
	u8 tag_len, mki_len;
	u32 mki;		/* the key epoch */
	u64 max_packets, max_blocks;	/* per master key */
	struct crypto_skcipher *ctr;	/* AES-CM: ctr(aes) */
	struct crypto_shash *hmac;	/* and hmac(sha1) */
	struct crypto_aead *gcm;	/* AEAD: gcm(aes) */
	u8 salt[VCRYPT_SRTP_SALT];	/* the session salt */
};

/* A request's, for one packet at a time. */
struct vcrypt_srtp_req {
	struct skcipher_request *ctr;
	struct shash_desc *hmac;
	struct aead_request *gcm;
	u8 iv[16];
};

int vcrypt_srtp_init(struct vcrypt_srtp *x, u16 profile, u8 mki_len);
void vcrypt_srtp_free(struct vcrypt_srtp *x);
int vcrypt_srtp_setkey(struct vcrypt_srtp *x, const u8 *master);
int vcrypt_srtp_req_alloc(const struct vcrypt_srtp *x, struct vcrypt_srtp_req *r);
void vcrypt_srtp_req_free(struct vcrypt_srtp_req *r);
int vcrypt_srtp_protect(const struct vcrypt_srtp *x, struct vcrypt_srtp_req *r,
			u8 *pkt, struct scatterlist *src,
			struct scatterlist *dst, unsigned int len, u64 index);

/* Master key and salt bytes, as the KDF makes them. */
static inline unsigned int vcrypt_srtp_master_len(const struct vcrypt_srtp *x)
{
	return x->key_len + x->salt_len;
}

/* Bytes SRTP adds to a packet: the MKI and the tag. */
static inline unsigned int vcrypt_srtp_overhead(const struct vcrypt_srtp *x)
{
	return x->mki_len + x->tag_len;
}

/* Whether src and dst of vcrypt_srtp_protect start at the RTP header. */
static inline bool vcrypt_srtp_with_header(const struct vcrypt_srtp *x)
{
	return x->gcm;
}

/* AES blocks @npackets packets of @len payload bytes in all may take. */
static inline u64 vcrypt_srtp_blocks(u64 len, u32 npackets)
{
	return DIV_ROUND_UP(len, 16) + 3ULL * npackets;
}

#endif /* _CAMSEC_VCRYPT_SRTP_H */
