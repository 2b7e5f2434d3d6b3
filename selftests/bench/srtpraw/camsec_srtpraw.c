// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec_srtpraw - the benchmark's baseline: the bare speed of this
 * kernel's SRTP transforms, as camsec_vcrypt calls them, on a frame cut
 * into packets of its payload size (the frame in vmalloc pages, the
 * packets written into other vmalloc pages), with no packetizer, ring,
 * dma-buf or work item around them: AES-CM is ctr(aes) over the payload
 * then hmac(sha1) over header, ciphertext and ROC; AEAD is gcm(aes) with
 * the 12-byte header as associated data.
 *
 *   echo "cm 3110400 20" > /sys/module/camsec_srtpraw/parameters/run
 *   cat /sys/module/camsec_srtpraw/parameters/run   # ns for the 20 frames,
 *                                                   # packets, the drivers
 *
 * A test fixture for the VM only (built with CAMSEC_TESTMOD=m).
 */

#include <crypto/aead.h>
#include <crypto/hash.h>
#include <crypto/skcipher.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#define HDR	12
#define PAYLOAD	1366	/* camsec_vcrypt's raw video room at MTU 1400 */

static u64 last_ns, last_packets;
static char last_driver[2 * CRYPTO_MAX_ALG_NAME + 2];

struct srtp_tfms {
	struct crypto_skcipher *ctr;
	struct crypto_shash *hmac;
	struct crypto_aead *gcm;
	struct skcipher_request *ctr_req;
	struct shash_desc *desc;
	struct aead_request *gcm_req;
};

/* @len bytes of vmalloc memory at @p into @sg after @n entries. */
static unsigned int sg_vmalloc(struct scatterlist *sg, unsigned int n,
			       u8 *p, size_t len)
{
	size_t chunk;

	for (; len; len -= chunk, p += chunk) {
		chunk = min_t(size_t, len, PAGE_SIZE - offset_in_page(p));
		sg_set_page(&sg[n++], vmalloc_to_page(p), chunk, offset_in_page(p));
	}
	return n;
}

static void free_tfms(struct srtp_tfms *t)
{
	skcipher_request_free(t->ctr_req);
	aead_request_free(t->gcm_req);
	kfree(t->desc);
	crypto_free_skcipher(t->ctr);
	crypto_free_shash(t->hmac);
	crypto_free_aead(t->gcm);
}

static int alloc_tfms(struct srtp_tfms *t, unsigned int keylen)
{
	u8 key[32];
	int err;

	get_random_bytes(key, sizeof(key));
	if (!keylen) {		/* AES-CM with HMAC-SHA1 */
		t->ctr = crypto_alloc_skcipher("ctr(aes)", 0, 0);
		t->hmac = crypto_alloc_shash("hmac(sha1)", 0, 0);
		if (IS_ERR(t->ctr) || IS_ERR(t->hmac)) {
			err = IS_ERR(t->ctr) ? PTR_ERR(t->ctr) : PTR_ERR(t->hmac);
			t->ctr = IS_ERR(t->ctr) ? NULL : t->ctr;
			t->hmac = IS_ERR(t->hmac) ? NULL : t->hmac;
			return err;
		}
		t->ctr_req = skcipher_request_alloc(t->ctr, GFP_KERNEL);
		t->desc = kzalloc(sizeof(*t->desc) + crypto_shash_descsize(t->hmac),
				  GFP_KERNEL);
		if (!t->ctr_req || !t->desc)
			return -ENOMEM;
		t->desc->tfm = t->hmac;
		return crypto_skcipher_setkey(t->ctr, key, 16) ?:
		       crypto_shash_setkey(t->hmac, key, 20);
	}
	t->gcm = crypto_alloc_aead("gcm(aes)", 0, 0);
	if (IS_ERR(t->gcm)) {
		err = PTR_ERR(t->gcm);
		t->gcm = NULL;
		return err;
	}
	t->gcm_req = aead_request_alloc(t->gcm, GFP_KERNEL);
	if (!t->gcm_req)
		return -ENOMEM;
	return crypto_aead_setauthsize(t->gcm, 16) ?:
	       crypto_aead_setkey(t->gcm, key, keylen);
}

/* One packet: @len payload bytes from @in to @pkt + HDR, and its tag. */
static int protect(struct srtp_tfms *t, struct scatterlist *src,
		   struct scatterlist *dst, u8 *in, u8 *pkt, size_t len, u8 *iv)
{
	DECLARE_CRYPTO_WAIT(wait);
	__be32 roc = 0;
	u8 mac[20];
	unsigned int n;
	int err;

	if (t->ctr) {
		sg_init_table(src, 4);
		sg_mark_end(&src[sg_vmalloc(src, 0, in, len) - 1]);
		sg_init_table(dst, 4);
		sg_mark_end(&dst[sg_vmalloc(dst, 0, pkt + HDR, len) - 1]);
		skcipher_request_set_callback(t->ctr_req, CRYPTO_TFM_REQ_MAY_SLEEP,
					      crypto_req_done, &wait);
		skcipher_request_set_crypt(t->ctr_req, src, dst, len, iv);
		err = crypto_wait_req(crypto_skcipher_encrypt(t->ctr_req), &wait) ?:
		      crypto_shash_init(t->desc) ?:
		      crypto_shash_update(t->desc, pkt, HDR + len) ?:
		      crypto_shash_update(t->desc, (u8 *)&roc, sizeof(roc)) ?:
		      crypto_shash_final(t->desc, mac);
		memcpy(pkt + HDR + len, mac, 10);
		return err;
	}
	sg_init_table(src, 6);
	n = sg_vmalloc(src, 0, pkt, HDR);
	sg_mark_end(&src[sg_vmalloc(src, n, in, len) - 1]);
	sg_init_table(dst, 4);
	sg_mark_end(&dst[sg_vmalloc(dst, 0, pkt, HDR + len + 16) - 1]);
	aead_request_set_callback(t->gcm_req, CRYPTO_TFM_REQ_MAY_SLEEP,
				  crypto_req_done, &wait);
	aead_request_set_ad(t->gcm_req, HDR);
	aead_request_set_crypt(t->gcm_req, src, dst, len, iv);
	return crypto_wait_req(crypto_aead_encrypt(t->gcm_req), &wait);
}

static int seal_frames(unsigned int keylen, size_t size, unsigned int frames)
{
	size_t stride = ALIGN(HDR + PAYLOAD + 16, 4), npkts, off;
	struct scatterlist src[6], dst[4];
	struct srtp_tfms t = {};
	u8 *in, *out, iv[16] = {};
	unsigned int i;
	u64 start;
	int err;

	npkts = DIV_ROUND_UP(size, PAYLOAD);
	in = vmalloc(size);
	out = vzalloc(npkts * stride);
	err = -ENOMEM;
	if (!in || !out)
		goto out;
	memset(in, 0x5a, size);
	err = alloc_tfms(&t, keylen);
	if (err)
		goto out;
	start = ktime_get_ns();
	for (i = 0; i < frames && !err; i++) {
		for (off = 0; off < size && !err; off += PAYLOAD) {
			u8 *pkt = out + off / PAYLOAD * stride;

			pkt[0] = 0x80;
			iv[13] = i;
			err = protect(&t, src, dst, in + off, pkt,
				      min_t(size_t, PAYLOAD, size - off), iv);
		}
	}
	last_ns = ktime_get_ns() - start;
	last_packets = (u64)npkts * frames;
	snprintf(last_driver, sizeof(last_driver), "%s",
		 t.gcm ? crypto_tfm_alg_driver_name(crypto_aead_tfm(t.gcm)) :
		 crypto_tfm_alg_driver_name(crypto_skcipher_tfm(t.ctr)));
	if (t.hmac)
		snprintf(last_driver + strlen(last_driver),
			 sizeof(last_driver) - strlen(last_driver), "+%s",
			 crypto_tfm_alg_driver_name(crypto_shash_tfm(t.hmac)));
out:
	free_tfms(&t);
	vfree(in);
	vfree(out);
	return err;
}

static int run_set(const char *val, const struct kernel_param *kp)
{
	char profile[8];
	unsigned int frames;
	size_t size;

	if (sscanf(val, "%7s %zu %u", profile, &size, &frames) != 3 ||
	    !size || size > (64 << 20) || !frames)
		return -EINVAL;
	if (!strcmp(profile, "cm"))
		return seal_frames(0, size, frames);
	if (!strcmp(profile, "gcm128"))
		return seal_frames(16, size, frames);
	if (!strcmp(profile, "gcm256"))
		return seal_frames(32, size, frames);
	return -EINVAL;
}

static int run_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%llu %llu %s\n", last_ns, last_packets,
			  last_driver);
}

static const struct kernel_param_ops run_ops = {
	.set = run_set,
	.get = run_get,
};
module_param_cb(run, &run_ops, NULL, 0600);
MODULE_PARM_DESC(run, "write \"PROFILE SIZE FRAMES\", read the ns it took");

MODULE_DESCRIPTION("camsec test fixture: bare SRTP transform speed");
MODULE_LICENSE("GPL");
