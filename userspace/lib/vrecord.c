// SPDX-License-Identifier: GPL-2.0-only
/*
 * Records of the encrypted video path: see vrecord.h. The header layout
 * is the uapi's; fields are read by memcpy, the buffer may be unaligned.
 */
#define _DEFAULT_SOURCE
#include <endian.h>
#include <stddef.h>
#include <string.h>

#include <openssl/evp.h>

#include "vrecord.h"

#define FIELD(buf, f, var) \
	memcpy(&(var), (const uint8_t *)(buf) + \
	       offsetof(struct camsec_vcrypt_record, f), sizeof(var))

int vrecord_parse(const void *buf, size_t len, struct vrecord *rec,
		  const char **why)
{
	uint32_t magic;
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
	rec->flags = le16toh(flags);
	rec->stream_id = le32toh(rec->stream_id);
	rec->key_epoch = le32toh(rec->key_epoch);
	rec->seq = le64toh(rec->seq);
	rec->timestamp_ns = le64toh(rec->timestamp_ns);
	rec->length = le32toh(rec->length);
	if (rec->aead != CAMSEC_VCRYPT_AES_GCM &&
	    rec->aead != CAMSEC_VCRYPT_CHACHA20_POLY1305) {
		*why = "unknown AEAD";
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
	rec->nonce = rec->header + offsetof(struct camsec_vcrypt_record, nonce);
	rec->ciphertext = rec->header + VRECORD_HDR_LEN;
	rec->tag = rec->ciphertext + rec->length;
	return 0;
}

static const EVP_CIPHER *cipher_of(uint8_t aead, size_t keylen)
{
	if (aead == CAMSEC_VCRYPT_AES_GCM)
		return keylen == 16 ? EVP_aes_128_gcm() :
		       keylen == 32 ? EVP_aes_256_gcm() : NULL;
	if (aead == CAMSEC_VCRYPT_CHACHA20_POLY1305 && keylen == 32)
		return EVP_chacha20_poly1305();
	return NULL;
}

/* The nonce is the salt, then the sequence number: anything else is forged. */
static int nonce_fits(const struct vrecord *rec)
{
	uint64_t seq;

	memcpy(&seq, rec->nonce + CAMSEC_VCRYPT_SALT_LEN, sizeof(seq));
	return be64toh(seq) == rec->seq;
}

int vrecord_open(const struct vrecord *rec, const uint8_t *key, size_t keylen,
		 uint8_t *plain, const char **why)
{
	const EVP_CIPHER *cipher = cipher_of(rec->aead, keylen);
	EVP_CIPHER_CTX *ctx;
	int n, ok;

	if (!cipher) {
		*why = "key length does not fit the record's AEAD";
		return -1;
	}
	if (!nonce_fits(rec)) {
		*why = "nonce does not carry the sequence number";
		return -1;
	}
	ctx = EVP_CIPHER_CTX_new();
	if (!ctx) {
		*why = "out of memory";
		return -1;
	}
	ok = EVP_DecryptInit_ex(ctx, cipher, NULL, NULL, NULL) &&
	     EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN,
				 CAMSEC_VCRYPT_NONCE_LEN, NULL) &&
	     EVP_DecryptInit_ex(ctx, NULL, NULL, key, rec->nonce) &&
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
