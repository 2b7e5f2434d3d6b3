/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec LSM - the keyring of application-signing keys
 */

#ifndef _SECURITY_CAMSEC_KEYRING_H
#define _SECURITY_CAMSEC_KEYRING_H

#include <linux/key.h>

#define CAMSEC_KEYRING_NAME ".camsec"

extern struct key *camsec_keyring;

#endif /* _SECURITY_CAMSEC_KEYRING_H */
