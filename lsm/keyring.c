// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec LSM - the keyring of application-signing keys
 *
 * Keys reach it from userspace (keyctl padd asymmetric "" %:.camsec), but a
 * key is linked only if a key in the kernel's built-in trusted keyring
 * (CONFIG_SYSTEM_TRUSTED_KEYS, the integrator's CA) signed its certificate
 * and the certificate is for code signing, so root can bring neither a key
 * of its own nor one the CA certified for TLS. Nothing can be unlinked or
 * cleared.
 */

#define pr_fmt(fmt) "camsec: " fmt

#include <linux/assoc_array.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/key-type.h>
#include <linux/sched/task_stack.h>
#include <linux/slab.h>
#include <keys/system_keyring.h>

#include "certificate.h"
#include "keyring.h"

struct key *camsec_keyring __ro_after_init;

/*
 * The certificate is read from the payload of a key being added, which
 * the keys core preparses on its stack (key_create_or_update(),
 * key_instantiate_and_link()). A key linked from elsewhere (keyctl link,
 * keyctl move) keeps no certificate, so it cannot show its purpose and is
 * refused.
 */
static int restrict_code_signing(struct key *keyring,
				 const struct key_type *type,
				 const union key_payload *payload,
				 struct key *unused)
{
	const struct key_preparsed_payload *prep;
	int err;

	err = restrict_link_by_builtin_trusted(keyring, type, payload, NULL);
	if (err)
		return err;
	if (!object_is_on_stack(payload))
		return -EKEYREJECTED;
	prep = container_of(payload, struct key_preparsed_payload, payload);
	if (!camsec_cert_for_code_signing(prep->data, prep->datalen))
		return -EKEYREJECTED;
	return 0;
}

int __init camsec_keyring_init(void)
{
	struct key_restriction *restriction;

	restriction = kzalloc(sizeof(*restriction), GFP_KERNEL);
	if (!restriction)
		return -ENOMEM;
	restriction->check = restrict_code_signing;
	camsec_keyring = keyring_alloc(CAMSEC_KEYRING_NAME, KUIDT_INIT(0),
				       KGIDT_INIT(0), current_cred(),
				       (KEY_POS_ALL & ~KEY_POS_SETATTR) |
				       KEY_USR_VIEW | KEY_USR_READ |
				       KEY_USR_WRITE | KEY_USR_SEARCH,
				       KEY_ALLOC_NOT_IN_QUOTA |
				       KEY_ALLOC_SET_KEEP,
				       restriction, NULL);
	if (IS_ERR(camsec_keyring)) {
		pr_err("cannot allocate the %s keyring: %ld\n",
		       CAMSEC_KEYRING_NAME, PTR_ERR(camsec_keyring));
		kfree(restriction);
		return PTR_ERR(camsec_keyring);
	}
	return 0;
}

/* Keyring leaves are struct key pointers; bit 1 tags nested keyrings. */
static int show_key(const void *object, void *data)
{
	const struct key *key = (void *)((unsigned long)object & ~3UL);

	seq_printf(data, "%08x %s\n", key->serial, key->description);
	return 0;
}

void camsec_keyring_show(struct seq_file *m)
{
	if (!camsec_keyring)
		return;
	down_read(&camsec_keyring->sem);
	assoc_array_iterate(&camsec_keyring->keys, show_key, m);
	up_read(&camsec_keyring->sem);
}
