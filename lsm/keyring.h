/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec LSM - the keyring of application-signing keys
 */

#ifndef _SECURITY_CAMSEC_KEYRING_H
#define _SECURITY_CAMSEC_KEYRING_H

#include <linux/key.h>
#include <linux/seq_file.h>

#define CAMSEC_KEYRING_NAME ".camsec"

extern struct key *camsec_keyring;

void camsec_keyring_show(struct seq_file *m);
int __init camsec_keyring_init(void);

#endif /* _SECURITY_CAMSEC_KEYRING_H */
