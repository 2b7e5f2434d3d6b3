/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SRTP master keys of the encrypted video path (camsec_vcrypt): the
 * profiles, the derivation from the logon key (uapi camsec.h), and their
 * SDES form (RFC 4568 key-params).
 */
#ifndef CAMSEC_SRTPKEY_H
#define CAMSEC_SRTPKEY_H

#include <stddef.h>
#include <stdint.h>

#include <linux/camsec.h>

#define SRTP_MAX_MASTER 46	/* a 32-byte key and a 14-byte salt */

struct srtp_profile {
	uint16_t id;		/* enum camsec_vcrypt_profile */
	const char *name;	/* SDES crypto-suite (RFC 4568, RFC 7714) */
	size_t key_len, salt_len;
};

const struct srtp_profile *srtp_profile_by_id(uint16_t id);
const struct srtp_profile *srtp_profile_by_name(const char *name);

/*
 * The master key and salt the kernel derived for @rand from the logon
 * key's CAMSEC_VCRYPT_KDK_LEN bytes @kdk, into @master (key_len +
 * salt_len bytes). 0, or -1.
 */
int srtp_master_derive(const struct srtp_profile *p, const uint8_t *kdk,
		       const uint8_t *rand, uint8_t *master);

/*
 * "inline:" base64(key || salt) and, with an MKI of @mki_len bytes,
 * "|" MKI value ":" length: RFC 4568 key-params. 0, or -1 if @size is
 * too small.
 */
int sdes_key_params(const struct srtp_profile *p, const uint8_t *master,
		    uint32_t mki, unsigned int mki_len, char *out, size_t size);

#endif
