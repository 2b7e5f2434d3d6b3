// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec LSM - sealing the authority's state under the device key
 *
 * The daemon keeps accounts, settings and its audit key on flash. It
 * cannot hold their key itself: an "encrypted" key shows userspace only
 * its blob. So the authority asks here: CAMSEC_CMD_SEAL encrypts with
 * AES-256-GCM under the key CAMSEC_SEAL_KEY found in the caller's
 * keyrings, CAMSEC_CMD_OPEN decrypts and authenticates. The format is in
 * include/uapi/linux/camsec.h. Only the authority may call: anyone else
 * could open the account database, or seal one of their own. The device
 * key's master, where it is a user key (CAMSEC_SEAL_MASTER), is read by
 * the kernel alone: with it and the key's blob, root would have the key.
 */

#define pr_fmt(fmt) "camsec: " fmt

#include <crypto/aead.h>
#include <crypto/algapi.h>
#include <crypto/sha2.h>
#include <keys/encrypted-type.h>
#include <keys/user-type.h>
#include <linux/key.h>
#include <linux/random.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>

#include "access.h"
#include "genl.h"
#include "role.h"
#include "seal.h"

#define AAD_LEN		(4 + CAMSEC_SEAL_CONTEXT_MAX + 1)
#define HEAD_LEN	(4 + CAMSEC_SEAL_NONCE)

const struct nla_policy camsec_seal_policy[CAMSEC_A_MAX + 1] = {
	[CAMSEC_A_SEAL_CONTEXT] = { .type = NLA_NUL_STRING,
				    .len = CAMSEC_SEAL_CONTEXT_MAX },
	[CAMSEC_A_SEAL_DATA] = { .type = NLA_BINARY,
				 .len = CAMSEC_SEAL_MAX + CAMSEC_SEAL_OVERHEAD },
};

/*
 * Under a locked policy, the first device key the authority uses is the
 * boot's: a later authority with another key (a fresh state, conjured by
 * moving the real one aside) is refused. Its digest is what stays.
 */
static DEFINE_MUTEX(boot_key_mutex);
static u8 boot_key[SHA256_DIGEST_SIZE];	/* under boot_key_mutex */
static bool boot_key_bound;

static int bind_device_key(struct genl_info *info, const u8 *key)
{
	u8 digest[SHA256_DIGEST_SIZE];
	int err = 0;

	if (!camsec_access_locked())
		return 0;
	sha256(key, CAMSEC_SEAL_KEY_LEN, digest);
	mutex_lock(&boot_key_mutex);
	if (!boot_key_bound) {
		memcpy(boot_key, digest, sizeof(digest));
		boot_key_bound = true;
	} else if (crypto_memneq(boot_key, digest, sizeof(digest))) {
		GENL_SET_ERR_MSG(info, "not this boot's device key: not the device's state");
		err = -EKEYREJECTED;
	}
	mutex_unlock(&boot_key_mutex);
	memzero_explicit(digest, sizeof(digest));
	return err;
}

/* An AEAD keyed with the device key; nothing of the key stays elsewhere. */
static struct crypto_aead *device_aead(struct genl_info *info)
{
	const struct encrypted_key_payload *ekp;
	struct crypto_aead *tfm;
	struct key *key;
	int err;

	key = request_key(&key_type_encrypted, CAMSEC_SEAL_KEY, NULL);
	if (IS_ERR(key)) {
		GENL_SET_ERR_MSG(info, "no encrypted key camsec:store for the caller");
		return ERR_CAST(key);
	}
	tfm = crypto_alloc_aead("gcm(aes)", 0, 0);
	if (IS_ERR(tfm))
		goto out;
	down_read(&key->sem);
	ekp = dereference_key_locked(key);
	err = key_validate(key);
	if (!err && (!ekp || ekp->decrypted_datalen != CAMSEC_SEAL_KEY_LEN)) {
		GENL_SET_ERR_MSG(info, "the device key must be 32 bytes");
		err = -EKEYREJECTED;
	}
	if (!err)
		err = bind_device_key(info, ekp->decrypted_data);
	if (!err)
		err = crypto_aead_setkey(tfm, ekp->decrypted_data,
					 CAMSEC_SEAL_KEY_LEN) ?:
		      crypto_aead_setauthsize(tfm, CAMSEC_SEAL_TAG);
	up_read(&key->sem);
	if (err) {
		crypto_free_aead(tfm);
		tfm = ERR_PTR(err);
	}
out:
	key_put(key);
	return tfm;
}

/* Encrypt or decrypt @len bytes after the additional data, in place. */
static int crypt(struct crypto_aead *tfm, u8 *buf, unsigned int len,
		 u8 *nonce, bool encrypt)
{
	DECLARE_CRYPTO_WAIT(wait);
	struct aead_request *req;
	struct scatterlist sg;
	int err;

	req = aead_request_alloc(tfm, GFP_KERNEL);
	if (!req)
		return -ENOMEM;
	sg_init_one(&sg, buf, AAD_LEN + len + (encrypt ? CAMSEC_SEAL_TAG : 0));
	aead_request_set_callback(req, CRYPTO_TFM_REQ_MAY_SLEEP,
				  crypto_req_done, &wait);
	aead_request_set_ad(req, AAD_LEN);
	aead_request_set_crypt(req, &sg, &sg, len, nonce);
	err = crypto_wait_req(encrypt ? crypto_aead_encrypt(req) :
				crypto_aead_decrypt(req), &wait);
	aead_request_free(req);
	return err;
}

/*
 * @buf: the additional data, then room for the text and its tag. The
 * reply carries the header, then the text sealed or opened.
 */
static int reply(struct genl_info *info, u8 cmd, const u8 *head,
		 const u8 *text, unsigned int len)
{
	unsigned int hlen = head ? HEAD_LEN : 0;
	struct sk_buff *msg;
	struct nlattr *nla;
	void *hdr;

	msg = genlmsg_new(nla_total_size(hlen + len), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = camsec_genl_put_reply(msg, info, cmd);
	nla = hdr ? nla_reserve(msg, CAMSEC_A_SEAL_DATA, hlen + len) : NULL;
	if (!nla) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	memcpy(nla_data(nla), head, hlen);
	memcpy(nla_data(nla) + hlen, text, len);
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int seal(struct genl_info *info, struct crypto_aead *tfm, u8 *buf,
		const struct nlattr *data)
{
	unsigned int len = nla_len(data);
	u8 head[HEAD_LEN];
	int err;

	if (len > CAMSEC_SEAL_MAX) {
		GENL_SET_ERR_MSG(info, "data too long (32 KiB at most)");
		return -EMSGSIZE;
	}
	memcpy(head, CAMSEC_SEAL_MAGIC, 4);
	get_random_bytes(head + 4, CAMSEC_SEAL_NONCE);
	memcpy(buf + AAD_LEN, nla_data(data), len);
	err = crypt(tfm, buf, len, head + 4, true);
	return err ?: reply(info, CAMSEC_CMD_SEAL, head, buf + AAD_LEN,
			    len + CAMSEC_SEAL_TAG);
}

static int open_sealed(struct genl_info *info, struct crypto_aead *tfm,
		       u8 *buf, const struct nlattr *data)
{
	unsigned int len = nla_len(data);
	const u8 *in = nla_data(data);
	u8 nonce[CAMSEC_SEAL_NONCE];
	int err;

	if (len < CAMSEC_SEAL_OVERHEAD || memcmp(in, CAMSEC_SEAL_MAGIC, 4)) {
		GENL_SET_ERR_MSG(info, "not sealed data");
		return -EINVAL;
	}
	memcpy(nonce, in + 4, CAMSEC_SEAL_NONCE);
	len -= HEAD_LEN;
	memcpy(buf + AAD_LEN, in + HEAD_LEN, len);
	err = crypt(tfm, buf, len, nonce, false);
	if (err == -EBADMSG) {
		GENL_SET_ERR_MSG(info, "does not open: altered, or another key or use");
		return err;
	}
	return err ?: reply(info, CAMSEC_CMD_OPEN, NULL, buf + AAD_LEN,
			    len - CAMSEC_SEAL_TAG);
}

int camsec_seal_doit(struct sk_buff *skb, struct genl_info *info)
{
	const struct nlattr *ctx = info->attrs[CAMSEC_A_SEAL_CONTEXT];
	const struct nlattr *data = info->attrs[CAMSEC_A_SEAL_DATA];
	struct crypto_aead *tfm;
	u8 *buf;
	int err;

	if (!camsec_current_is_authority()) {
		GENL_SET_ERR_MSG(info, "only the authority seals and opens");
		return -EPERM;
	}
	if (GENL_REQ_ATTR_CHECK(info, CAMSEC_A_SEAL_CONTEXT) ||
	    GENL_REQ_ATTR_CHECK(info, CAMSEC_A_SEAL_DATA))
		return -EINVAL;
	buf = kzalloc(AAD_LEN + nla_len(data) + CAMSEC_SEAL_TAG, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	tfm = device_aead(info);
	if (IS_ERR(tfm)) {
		err = PTR_ERR(tfm);
		goto out;
	}
	memcpy(buf, CAMSEC_SEAL_MAGIC, 4);
	nla_strscpy(buf + 4, ctx, CAMSEC_SEAL_CONTEXT_MAX + 1);
	if (info->genlhdr->cmd == CAMSEC_CMD_SEAL)
		err = seal(info, tfm, buf, data);
	else
		err = open_sealed(info, tfm, buf, data);
	crypto_free_aead(tfm);
out:
	kfree_sensitive(buf);
	return err;
}

/*
 * No process reads the master back, root included. -EPERM, as keyctl_read
 * reads a possessed key after -EACCES anyway.
 */
int camsec_seal_key_permission(const struct key *key,
			       enum key_need_perm need_perm)
{
	if (need_perm == KEY_NEED_READ && key->type == &key_type_user &&
	    !strcmp(key->description, CAMSEC_SEAL_MASTER))
		return -EPERM;
	return 0;
}
