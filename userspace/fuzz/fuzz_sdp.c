// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the SDP attributes camsec reads (lib/sdp.c): its own
 * key names and SDES a=crypto. What parses is within bounds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sdp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sdp_session s;
	char *text = malloc(size + 1), err[128];

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = 0;
	if (!sdp_parse_camsec(text, &s, err, sizeof(err)) &&
	    (!s.profile || !s.nkeys || s.nkeys > SDP_MAX_KEYS ||
	     (s.mki_len && s.mki_len != CAMSEC_VCRYPT_MKI_LEN)))
		abort();
	if (!sdp_parse_crypto(text, &s, err, sizeof(err)) &&
	    (!s.profile || !s.nkeys || s.nkeys > SDP_MAX_KEYS || s.mki_len > 4 ||
	     (s.nkeys > 1 && !s.mki_len)))
		abort();
	free(text);
	return 0;
}
