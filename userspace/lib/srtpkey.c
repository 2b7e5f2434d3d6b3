// SPDX-License-Identifier: GPL-2.0-only
/* SRTP master keys of the encrypted video path: see srtpkey.h. */
#include <stdio.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>

#include "srtpkey.h"

static const struct srtp_profile profiles[] = {
	{ CAMSEC_SRTP_AES128_CM_HMAC_SHA1_80, "AES_CM_128_HMAC_SHA1_80", 16, 14 },
	{ CAMSEC_SRTP_AEAD_AES_128_GCM, "AEAD_AES_128_GCM", 16, 12 },
	{ CAMSEC_SRTP_AEAD_AES_256_GCM, "AEAD_AES_256_GCM", 32, 12 },
};

const struct srtp_profile *srtp_profile_by_id(uint16_t id)
{
	for (size_t i = 0; i < sizeof(profiles) / sizeof(profiles[0]); i++)
		if (profiles[i].id == id)
			return &profiles[i];
	return NULL;
}

const struct srtp_profile *srtp_profile_by_name(const char *name)
{
	for (size_t i = 0; i < sizeof(profiles) / sizeof(profiles[0]); i++)
		if (!strcmp(profiles[i].name, name))
			return &profiles[i];
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

int srtp_master_derive(const struct srtp_profile *p, const uint8_t *kdk,
		       const uint8_t *rand, uint8_t *master)
{
	uint8_t context[2 + CAMSEC_VCRYPT_KEY_RAND_LEN];

	context[0] = p->id >> 8;
	context[1] = p->id & 0xff;
	memcpy(context + 2, rand, CAMSEC_VCRYPT_KEY_RAND_LEN);
	return kbkdf(kdk, context, sizeof(context), master,
		     p->key_len + p->salt_len);
}

int sdes_key_params(const struct srtp_profile *p, const uint8_t *master,
		    uint32_t mki, unsigned int mki_len, char *out, size_t size)
{
	unsigned char b64[4 * ((SRTP_MAX_MASTER + 2) / 3) + 1];
	int n;

	EVP_EncodeBlock(b64, master, (int)(p->key_len + p->salt_len));
	if (mki_len)
		n = snprintf(out, size, "inline:%s|%u:%u", b64, mki, mki_len);
	else
		n = snprintf(out, size, "inline:%s", b64);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}
