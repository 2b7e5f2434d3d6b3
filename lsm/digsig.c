// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec LSM - IMA-format signatures (security.ima, v2) on files
 *
 * evmctl ima_sign stores a signature over the file's digest; the key is
 * named by the last four bytes of its subject key identifier. The key must
 * be in the .camsec keyring, which holds only keys the built-in CA signed.
 */

#define pr_fmt(fmt) "camsec: " fmt

#include <linux/err.h>
#include <linux/key.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>
#include <linux/xattr.h>
#include <crypto/hash.h>
#include <crypto/hash_info.h>
#include <crypto/public_key.h>
#include <keys/asymmetric-type.h>

#include "digsig.h"
#include "keyring.h"

#define IMA_XATTR_DIGSIG	3	/* EVM_IMA_XATTR_DIGSIG */
#define IMA_SIG_V2		2
#define SIG_MAX			1024	/* an RSA-4096 signature is 512 bytes */

struct sig_v2_hdr {
	u8 type;
	u8 version;
	u8 hash_algo;			/* enum hash_algo */
	__be32 keyid;
	__be16 sig_size;
	u8 sig[];
} __packed;

/* Strong hashes only; a tfm can be shared, the state lives in the desc. */
static const enum hash_algo hash_algos[] = {
	HASH_ALGO_SHA256, HASH_ALGO_SHA384, HASH_ALGO_SHA512,
};

static struct crypto_shash *hash_tfms[ARRAY_SIZE(hash_algos)];

static struct crypto_shash *hash_tfm(u8 algo)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(hash_algos); i++)
		if (hash_algos[i] == algo)
			return hash_tfms[i];
	return NULL;
}

static struct page *cache_page(struct address_space *mapping, pgoff_t index)
{
	if (shmem_mapping(mapping))
		return shmem_read_mapping_page(mapping, index);
	return read_mapping_page(mapping, index, NULL);
}

/*
 * Hash @inode's first i_size bytes straight from its page cache, which is
 * what an executable mapping shows (through overlayfs too: @inode is the
 * real one). A mapping also shows the rest of the last page, so that must
 * be zero: -EBADE if not.
 */
static int hash_page_cache(struct inode *inode, struct shash_desc *desc)
{
	struct address_space *mapping = inode->i_mapping;
	loff_t size = i_size_read(inode), pos;
	struct page *page;
	size_t len;
	void *addr;
	int err;

	for (pos = 0; pos < size; pos += len) {
		page = cache_page(mapping, pos >> PAGE_SHIFT);
		if (IS_ERR(page))
			return PTR_ERR(page);
		len = min_t(loff_t, PAGE_SIZE, size - pos);
		addr = kmap_local_page(page);
		err = crypto_shash_update(desc, addr, len);
		if (!err && len < PAGE_SIZE &&
		    memchr_inv(addr + len, 0, PAGE_SIZE - len))
			err = -EBADE;
		kunmap_local(addr);
		put_page(page);
		if (err)
			return err;
		cond_resched();
	}
	return 0;
}

static int hash_file(struct inode *inode, struct crypto_shash *tfm, u8 *digest)
{
	SHASH_DESC_ON_STACK(desc, tfm);
	int err;

	desc->tfm = tfm;
	err = crypto_shash_init(desc) ?:
	      hash_page_cache(inode, desc) ?:
	      crypto_shash_final(desc, digest);
	shash_desc_zero(desc);
	return err;
}

static struct key *find_key(u32 keyid)
{
	char name[12];
	key_ref_t kref;

	if (!camsec_keyring)
		return NULL;
	snprintf(name, sizeof(name), "id:%08x", keyid);
	kref = keyring_search(make_key_ref(camsec_keyring, 1),
			      &key_type_asymmetric, name, false);
	return IS_ERR(kref) ? NULL : key_ref_to_ptr(kref);
}

static enum camsec_reason verify_with_key(struct key *key,
					  const struct sig_v2_hdr *hdr,
					  u8 *digest, u32 digest_size)
{
	const struct public_key *pk = asymmetric_key_public_key(key);
	struct public_key_signature pks = {
		.s = (u8 *)hdr->sig,
		.s_size = be16_to_cpu(hdr->sig_size),
		.digest = digest,
		.digest_size = digest_size,
		.hash_algo = hash_algo_name[hdr->hash_algo],
	};
	int err;

	if (!pk)
		return CAMSEC_REASON_BAD_SIGNATURE;
	pks.pkey_algo = pk->pkey_algo;
	if (!strcmp(pk->pkey_algo, "rsa"))
		pks.encoding = "pkcs1";
	else if (!strncmp(pk->pkey_algo, "ecdsa-", 6))
		pks.encoding = "x962";
	else
		return CAMSEC_REASON_BAD_SIGNATURE;

	err = verify_signature(key, &pks);
	/* RSA tells a well-formed signature of another digest apart. */
	if (err == -EKEYREJECTED)
		return CAMSEC_REASON_HASH_MISMATCH;
	return err ? CAMSEC_REASON_BAD_SIGNATURE : CAMSEC_REASON_NONE;
}

static enum camsec_reason read_signature(struct file *file, u8 *buf,
					 struct sig_v2_hdr **hdr)
{
	struct dentry *dentry = file->f_path.dentry;
	ssize_t len;

	len = __vfs_getxattr(dentry, d_inode(dentry), XATTR_NAME_IMA, buf,
			     SIG_MAX);
	if (len == -ENODATA || len == -EOPNOTSUPP)
		return CAMSEC_REASON_NO_SIGNATURE;
	if (len < 0)
		return len == -ERANGE ? CAMSEC_REASON_BAD_FORMAT :
					CAMSEC_REASON_READ_ERROR;
	*hdr = (struct sig_v2_hdr *)buf;
	if (len <= sizeof(**hdr) || (*hdr)->type != IMA_XATTR_DIGSIG ||
	    (*hdr)->version != IMA_SIG_V2 ||
	    be16_to_cpu((*hdr)->sig_size) != len - sizeof(**hdr))
		return CAMSEC_REASON_BAD_FORMAT;
	return CAMSEC_REASON_NONE;
}

/*
 * Check the content of @inode, the inode that holds @file's bytes, against
 * @file's signature. May sleep.
 */
enum camsec_reason camsec_digsig_verify(struct file *file,
					struct inode *inode)
{
	u8 digest[HASH_MAX_DIGESTSIZE];
	enum camsec_reason r;
	struct crypto_shash *tfm;
	struct sig_v2_hdr *hdr;
	struct key *key;
	u8 *buf;
	int err;

	buf = kmalloc(SIG_MAX, GFP_KERNEL);
	if (!buf)
		return CAMSEC_REASON_READ_ERROR;
	r = read_signature(file, buf, &hdr);
	if (r)
		goto out;
	tfm = hash_tfm(hdr->hash_algo);
	if (!tfm) {
		r = CAMSEC_REASON_UNSUPPORTED_HASH;
		goto out;
	}
	/* Before the hash: an unknown key costs no read of the file. */
	key = find_key(be32_to_cpu(hdr->keyid));
	if (!key) {
		r = CAMSEC_REASON_UNKNOWN_KEY;
		goto out;
	}
	err = hash_file(inode, tfm, digest);
	if (err)
		r = err == -EBADE ? CAMSEC_REASON_PAGE_TAIL :
				    CAMSEC_REASON_READ_ERROR;
	else
		r = verify_with_key(key, hdr, digest,
				    crypto_shash_digestsize(tfm));
	key_put(key);
out:
	kfree(buf);
	return r;
}

/* The SHA-256 of @inode's content, read as camsec_digsig_verify() reads it. */
int camsec_digsig_sha256(struct inode *inode, u8 *digest)
{
	if (!hash_tfms[0])
		return -ENOPKG;
	return hash_file(inode, hash_tfms[0], digest);
}

int __init camsec_digsig_init(void)
{
	struct crypto_shash *tfm;
	int i;

	for (i = 0; i < ARRAY_SIZE(hash_algos); i++) {
		tfm = crypto_alloc_shash(hash_algo_name[hash_algos[i]], 0, 0);
		if (IS_ERR(tfm)) {
			pr_warn("no %s: its signatures will be refused\n",
				hash_algo_name[hash_algos[i]]);
			continue;
		}
		hash_tfms[i] = tfm;
	}
	return hash_tfms[0] ? 0 : -ENOPKG;
}
