// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec_aeadraw - the benchmark's baseline: the bare speed of an AEAD
 * transform in this kernel, sealing frames laid out as camsec_vcrypt lays
 * them out (a 56-byte header as associated data, the frame in vmalloc
 * pages, the output in other vmalloc pages), with nothing around it.
 *
 *   echo "gcm 16 3110400 20" > /sys/module/camsec_aeadraw/parameters/run
 *   cat /sys/module/camsec_aeadraw/parameters/run    # ns for the 20 frames,
 *                                                    # and the driver used
 *
 * A test fixture for the VM only (built with CAMSEC_TESTMOD=m).
 */

#include <crypto/aead.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#define HDR	56	/* sizeof(struct camsec_vcrypt_record) */
#define TAG	16

static u64 last_ns;
static char last_driver[CRYPTO_MAX_ALG_NAME];

static struct scatterlist *sg_of(void *buf, size_t hdr_len, void *hdr,
				 size_t len)
{
	unsigned int i, n = DIV_ROUND_UP(len, PAGE_SIZE) + 1;
	struct scatterlist *sg = kvmalloc_array(n, sizeof(*sg), GFP_KERNEL);
	size_t chunk;

	if (!sg)
		return NULL;
	sg_init_table(sg, n);
	sg_set_buf(sg, hdr, hdr_len);
	for (i = 1; len; i++, len -= chunk, buf += chunk) {
		chunk = min_t(size_t, len, PAGE_SIZE);
		sg_set_page(&sg[i], vmalloc_to_page(buf), chunk, 0);
	}
	sg_mark_end(&sg[i - 1]);
	return sg;
}

static int seal_frames(const char *alg, unsigned int keylen, size_t size,
		       unsigned int frames)
{
	struct scatterlist *src = NULL, *dst = NULL;
	struct aead_request *req = NULL;
	void *in, *out, *hdr;
	struct crypto_aead *tfm;
	DECLARE_CRYPTO_WAIT(wait);
	u8 key[32], iv[12] = { 0 };
	unsigned int i;
	u64 start;
	int err;

	tfm = crypto_alloc_aead(alg, 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	get_random_bytes(key, sizeof(key));
	in = vmalloc(size);
	out = vmalloc(size + TAG);
	hdr = kzalloc(HDR, GFP_KERNEL);
	err = -ENOMEM;
	if (!in || !out || !hdr)
		goto out;
	memset(in, 0x5a, size);
	src = sg_of(in, HDR, hdr, size);
	dst = sg_of(out, HDR, hdr, size + TAG);
	req = aead_request_alloc(tfm, GFP_KERNEL);
	if (!src || !dst || !req)
		goto out;
	err = crypto_aead_setauthsize(tfm, TAG) ?:
	      crypto_aead_setkey(tfm, key, keylen);
	if (err)
		goto out;
	aead_request_set_callback(req, CRYPTO_TFM_REQ_MAY_BACKLOG |
				  CRYPTO_TFM_REQ_MAY_SLEEP, crypto_req_done, &wait);
	aead_request_set_ad(req, HDR);
	start = ktime_get_ns();
	for (i = 0; i < frames && !err; i++) {
		iv[11] = i;
		aead_request_set_crypt(req, src, dst, size, iv);
		err = crypto_wait_req(crypto_aead_encrypt(req), &wait);
	}
	last_ns = ktime_get_ns() - start;
	strscpy(last_driver, crypto_tfm_alg_driver_name(crypto_aead_tfm(tfm)),
		sizeof(last_driver));
out:
	aead_request_free(req);
	kvfree(src);
	kvfree(dst);
	kfree(hdr);
	vfree(in);
	vfree(out);
	crypto_free_aead(tfm);
	return err;
}

static int run_set(const char *val, const struct kernel_param *kp)
{
	char alg[8];
	unsigned int keylen, frames;
	size_t size;

	if (sscanf(val, "%7s %u %zu %u", alg, &keylen, &size, &frames) != 4 ||
	    !size || size > (64 << 20) || !frames || keylen > 32)
		return -EINVAL;
	if (!strcmp(alg, "gcm"))
		return seal_frames("gcm(aes)", keylen, size, frames);
	if (!strcmp(alg, "chacha"))
		return seal_frames("rfc7539(chacha20,poly1305)", keylen, size,
				   frames);
	return -EINVAL;
}

static int run_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%llu %s\n", last_ns, last_driver);
}

static const struct kernel_param_ops run_ops = {
	.set = run_set,
	.get = run_get,
};
module_param_cb(run, &run_ops, NULL, 0600);
MODULE_PARM_DESC(run, "write \"ALG KEYLEN SIZE FRAMES\", read the ns it took");

MODULE_DESCRIPTION("camsec test fixture: bare AEAD speed");
MODULE_LICENSE("GPL");
