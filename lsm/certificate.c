// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec LSM - what a certificate is for
 *
 * The kernel's X.509 parser keeps no extended key usage, so the keyring's
 * restriction reads it here, with the kernel's ASN.1 decoder.
 */

#include <linux/types.h>
#include <linux/asn1_decoder.h>
#include <linux/string.h>

#include "certificate.asn1.h"
#include "certificate.h"
#include "ext_key_usage.asn1.h"

/* DER contents of the object identifiers. */
static const u8 oid_ext_key_usage[] = { 0x55, 0x1d, 0x25 };	/* 2.5.29.37 */
static const u8 oid_code_signing[] = {				/* 1.3.6.1.5.5.7.3.3 */
	0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x03
};

struct cert_purposes {
	bool in_eku;		/* the extension being read is extendedKeyUsage */
	unsigned int ekus;	/* extendedKeyUsage extensions seen */
	bool code_signing;
};

static bool oid_is(const void *value, size_t vlen, const u8 *oid, size_t len)
{
	return vlen == len && !memcmp(value, oid, len);
}

int camsec_cert_note_extension(void *context, size_t hdrlen,
			       unsigned char tag, const void *value,
			       size_t vlen)
{
	struct cert_purposes *p = context;

	p->in_eku = oid_is(value, vlen, oid_ext_key_usage,
			   sizeof(oid_ext_key_usage));
	return 0;
}

int camsec_cert_extension_value(void *context, size_t hdrlen,
				unsigned char tag, const void *value,
				size_t vlen)
{
	struct cert_purposes *p = context;

	if (!p->in_eku)
		return 0;
	p->ekus++;
	return asn1_ber_decoder(&ext_key_usage_decoder, p, value, vlen);
}

int camsec_cert_note_purpose(void *context, size_t hdrlen,
			     unsigned char tag, const void *value,
			     size_t vlen)
{
	struct cert_purposes *p = context;

	if (oid_is(value, vlen, oid_code_signing, sizeof(oid_code_signing)))
		p->code_signing = true;
	return 0;
}

/*
 * Is the DER certificate @data for code signing? Only an explicit
 * id-kp-codeSigning counts: a certificate without extendedKeyUsage, or
 * with anyExtendedKeyUsage only, is not for code.
 */
bool camsec_cert_for_code_signing(const void *data, size_t len)
{
	struct cert_purposes p = {};

	if (asn1_ber_decoder(&certificate_decoder, &p, data, len))
		return false;
	return p.ekus == 1 && p.code_signing;
}
