// SPDX-License-Identifier: GPL-2.0-only
/*
 * Records of the encrypted video path: see vrecord.h. The header layout
 * is the uapi's; fields are read by memcpy, the buffer may be unaligned.
 */
#define _DEFAULT_SOURCE
#include <endian.h>
#include <stddef.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>

#include "vrecord.h"

#define FIELD(buf, f, var) \
	memcpy(&(var), (const uint8_t *)(buf) + \
	       offsetof(struct camsec_vcrypt_record, f), sizeof(var))

int vrecord_parse(const void *buf, size_t len, struct vrecord *rec,
		  const char **why)
{
	uint32_t magic, reserved;
	uint16_t flags;
	uint8_t version;

	if (len < VRECORD_OVERHEAD) {
		*why = "record shorter than its header and tag";
		return -1;
	}
	FIELD(buf, magic, magic);
	FIELD(buf, version, version);
	if (le32toh(magic) != CAMSEC_VCRYPT_MAGIC) {
		*why = "not a camsec video record (bad magic)";
		return -1;
	}
	if (version != CAMSEC_VCRYPT_VERSION) {
		*why = "unknown record version";
		return -1;
	}
	FIELD(buf, aead, rec->aead);
	FIELD(buf, flags, flags);
	FIELD(buf, stream_id, rec->stream_id);
	FIELD(buf, key_epoch, rec->key_epoch);
	FIELD(buf, seq, rec->seq);
	FIELD(buf, timestamp_ns, rec->timestamp_ns);
	FIELD(buf, length, rec->length);
	FIELD(buf, reserved, reserved);
	rec->flags = le16toh(flags);
	rec->stream_id = le32toh(rec->stream_id);
	rec->key_epoch = le32toh(rec->key_epoch);
	rec->seq = le64toh(rec->seq);
	rec->timestamp_ns = le64toh(rec->timestamp_ns);
	rec->length = le32toh(rec->length);
	if (rec->aead < CAMSEC_VCRYPT_AES_128_GCM ||
	    rec->aead > CAMSEC_VCRYPT_AES_256_GCM) {
		*why = "unknown AEAD";
		return -1;
	}
	if (reserved) {
		*why = "reserved header field not zero";
		return -1;
	}
	if (rec->flags & ~CAMSEC_VCRYPT_REC_VOID) {
		*why = "unknown record flags";
		return -1;
	}
	if ((rec->flags & CAMSEC_VCRYPT_REC_VOID) && rec->length) {
		*why = "void record with a payload";
		return -1;
	}
	if (rec->length > CAMSEC_VCRYPT_MAX_FRAME ||
	    len != VRECORD_OVERHEAD + rec->length) {
		*why = "record length does not match its header";
		return -1;
	}
	rec->header = buf;
	rec->key_rand = rec->header +
			offsetof(struct camsec_vcrypt_record, key_rand);
	rec->ciphertext = rec->header + VRECORD_HDR_LEN;
	rec->tag = rec->ciphertext + rec->length;
	return 0;
}

static const EVP_CIPHER *cipher_of(uint8_t aead)
{
	switch (aead) {
	case CAMSEC_VCRYPT_AES_128_GCM: return EVP_aes_128_gcm();
	case CAMSEC_VCRYPT_AES_256_GCM: return EVP_aes_256_gcm();
	case CAMSEC_VCRYPT_CHACHA20_POLY1305: return EVP_chacha20_poly1305();
	}
	return NULL;
}

/* SP 800-108r1 counter mode, HMAC-SHA256: OpenSSL's KBKDF. */
static int kbkdf(const uint8_t *kdk, const uint8_t *context, size_t clen,
		 uint8_t *out, size_t len)
{
	static const char label[] = CAMSEC_VCRYPT_KDF_LABEL;
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, OSSL_KDF_NAME_KBKDF, NULL);
	EVP_KDF_CTX *ctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_MODE,
						 "counter", 0),
		OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_MAC, "HMAC", 0),
		OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
						 "SHA256", 0),
		OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
						  (void *)kdk,
						  CAMSEC_VCRYPT_KDK_LEN),
		/* SP 800-108's Label and Context */
		OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
						  (void *)label,
						  sizeof(label) - 1),
		OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
						  (void *)context, clen),
		OSSL_PARAM_construct_end(),
	};
	int ok = ctx && EVP_KDF_derive(ctx, out, len, params) > 0;

	EVP_KDF_CTX_free(ctx);
	EVP_KDF_free(kdf);
	return ok ? 0 : -1;
}

int vtraffic_derive(struct vtraffic *t, const struct vrecord *rec,
		    const uint8_t *kdk, const char **why)
{
	uint8_t context[1 + CAMSEC_VCRYPT_KEY_RAND_LEN];
	uint8_t out[sizeof(t->key) + CAMSEC_VCRYPT_NONCE_LEN];

	t->aead = rec->aead;
	t->keylen = rec->aead == CAMSEC_VCRYPT_AES_128_GCM ? 16 : 32;
	memcpy(t->rand, rec->key_rand, sizeof(t->rand));
	context[0] = rec->aead;
	memcpy(context + 1, rec->key_rand, CAMSEC_VCRYPT_KEY_RAND_LEN);
	if (kbkdf(kdk, context, sizeof(context), out,
		  t->keylen + CAMSEC_VCRYPT_NONCE_LEN)) {
		*why = "key derivation failed";
		return -1;
	}
	memcpy(t->key, out, t->keylen);
	memcpy(t->iv, out + t->keylen, sizeof(t->iv));
	OPENSSL_cleanse(out, sizeof(out));
	return 0;
}

void vtraffic_nonce(const struct vtraffic *t, uint32_t domain, uint64_t seq,
		    uint8_t *nonce)
{
	uint32_t d = htobe32(domain);
	uint64_t q = htobe64(seq);
	size_t i;

	memcpy(nonce, &d, sizeof(d));
	memcpy(nonce + sizeof(d), &q, sizeof(q));
	for (i = 0; i < CAMSEC_VCRYPT_NONCE_LEN; i++)
		nonce[i] ^= t->iv[i];
}

int vrecord_open(const struct vrecord *rec, const struct vtraffic *t,
		 uint8_t *plain, const char **why)
{
	uint32_t domain = rec->flags & CAMSEC_VCRYPT_REC_VOID ?
		CAMSEC_VCRYPT_DOMAIN_VOID : CAMSEC_VCRYPT_DOMAIN_FRAME;
	uint8_t nonce[CAMSEC_VCRYPT_NONCE_LEN];
	EVP_CIPHER_CTX *ctx;
	int n, ok;

	if (rec->aead != t->aead ||
	    memcmp(rec->key_rand, t->rand, sizeof(t->rand))) {
		*why = "another record's traffic key";
		return -1;
	}
	vtraffic_nonce(t, domain, rec->seq, nonce);
	ctx = EVP_CIPHER_CTX_new();
	if (!ctx) {
		*why = "out of memory";
		return -1;
	}
	ok = EVP_DecryptInit_ex(ctx, cipher_of(rec->aead), NULL, NULL, NULL) &&
	     EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN,
				 CAMSEC_VCRYPT_NONCE_LEN, NULL) &&
	     EVP_DecryptInit_ex(ctx, NULL, NULL, t->key, nonce) &&
	     EVP_DecryptUpdate(ctx, NULL, &n, rec->header, VRECORD_HDR_LEN) &&
	     (!rec->length ||
	      EVP_DecryptUpdate(ctx, plain, &n, rec->ciphertext,
				(int)rec->length)) &&
	     EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG,
				 CAMSEC_VCRYPT_TAG_LEN, (void *)rec->tag) &&
	     EVP_DecryptFinal_ex(ctx, plain + rec->length, &n) > 0;
	EVP_CIPHER_CTX_free(ctx);
	if (!ok) {
		*why = "authentication failed";
		return -1;
	}
	return 0;
}

enum vrx_verdict vrx_window_check(struct vrx_window *w, uint64_t seq)
{
	uint64_t back;

	if (!w->started || seq > w->top) {
		back = w->started ? seq - w->top : VRX_WINDOW;
		w->seen = back >= VRX_WINDOW ? 0 : w->seen << back;
		w->seen |= 1;
		w->top = seq;
		w->started = true;
		return VRX_NEXT;
	}
	back = w->top - seq;
	if (back >= VRX_WINDOW)
		return VRX_STALE;
	if (w->seen & (1ULL << back))
		return VRX_REPLAY;
	w->seen |= 1ULL << back;
	return VRX_LATE;
}

int vasm_add(struct vasm *a, const void *dgram, size_t len, const char **why)
{
	struct vchunk_hdr h;
	size_t n;

	if (len < sizeof(h)) {
		*why = "datagram shorter than a chunk header";
		return -1;
	}
	memcpy(&h, dgram, sizeof(h));
	n = len - sizeof(h);
	h.record_len = le32toh(h.record_len);
	h.offset = le32toh(h.offset);
	h.seq = le64toh(h.seq);
	if (le32toh(h.magic) != VCHUNK_MAGIC) {
		*why = "not a chunk (bad magic)";
		return -1;
	}
	if (h.record_len > VCHUNK_MAX_RECORD || h.offset > h.record_len ||
	    n > h.record_len - h.offset || !n) {
		*why = "chunk outside its record";
		return -1;
	}
	if (h.offset == 0) {
		if (a->active)
			a->abandoned++;
		a->active = true;
		a->seq = h.seq;
		a->len = h.record_len;
		a->got = 0;
	} else if (!a->active || h.seq != a->seq || h.offset != a->got ||
		   h.record_len != a->len) {
		/* A chunk lost or out of order: the record is gone. */
		if (a->active)
			a->abandoned++;
		a->active = false;
		return 0;
	}
	memcpy(a->buf + h.offset, (const uint8_t *)dgram + sizeof(h), n);
	a->got += n;
	if (a->got < a->len)
		return 0;
	a->active = false;
	return 1;
}
