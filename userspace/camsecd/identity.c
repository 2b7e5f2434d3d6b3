// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecd - the device's identity: an EC P-256 key made on the device at
 * its first start and kept sealed as "identity" with a self-signed
 * certificate of it (IEEE 802.1AR's style: the device's serial in the
 * subject, no expiry). Remote management over TLS presents it; an
 * administrator pins it (camsecctl --device) after reading it on the
 * console. The key never leaves camsecd: "identity" replies with the
 * certificate only.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <syslog.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "camsecd.h"
#include "identity.h"
#include "reply.h"
#include "seal.h"
#include "trail.h"
#include "verbs.h"

#define STATE_FILE "identity"
#define IDENTITY_MAX 4096
#define SERIAL_BYTES 8
/* RFC 5280 4.1.2.5 and 802.1AR: a certificate without an expiry. */
#define NO_EXPIRY "99991231235959Z"

static int add_ext(X509 *cert, int nid, const char *value)
{
	X509V3_CTX ctx;
	X509_EXTENSION *ext;
	int ok;

	X509V3_set_ctx(&ctx, cert, cert, NULL, NULL, 0);
	ext = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
	ok = ext && X509_add_ext(cert, ext, -1);
	X509_EXTENSION_free(ext);
	return ok ? 0 : -1;
}

/* The self-signed certificate of @key, for the device @serial (hex). */
static X509 *make_cert(EVP_PKEY *key, const uint8_t *serial, const char *hex)
{
	X509 *cert = X509_new();
	X509_NAME *name = X509_NAME_new();
	BIGNUM *bn = BN_bin2bn(serial, SERIAL_BYTES, NULL);
	int ok;

	ok = cert && name && bn &&
	     X509_set_version(cert, X509_VERSION_3) &&
	     BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert)) &&
	     X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
					(const unsigned char *)"camsec device", -1, -1, 0) &&
	     X509_NAME_add_entry_by_txt(name, "serialNumber", MBSTRING_ASC,
					(const unsigned char *)hex, -1, -1, 0) &&
	     X509_set_subject_name(cert, name) &&
	     X509_set_issuer_name(cert, name) &&
	     X509_gmtime_adj(X509_getm_notBefore(cert), 0) &&
	     ASN1_TIME_set_string(X509_getm_notAfter(cert), NO_EXPIRY) &&
	     X509_set_pubkey(cert, key) &&
	     !add_ext(cert, NID_subject_key_identifier, "hash") &&
	     !add_ext(cert, NID_ext_key_usage, "serverAuth,clientAuth") &&
	     X509_sign(cert, key, EVP_sha256());
	BN_free(bn);
	X509_NAME_free(name);
	if (!ok) {
		X509_free(cert);
		return NULL;
	}
	return cert;
}

/* PEM of the key, then of the certificate, into a string: or NULL. */
static char *to_pem(EVP_PKEY *key, X509 *cert, size_t *len)
{
	BIO *bio = BIO_new(BIO_s_secmem());
	char *data, *out = NULL;
	long n;

	if (bio && PEM_write_bio_PrivateKey(bio, key, NULL, NULL, 0, NULL, NULL) &&
	    PEM_write_bio_X509(bio, cert)) {
		n = BIO_get_mem_data(bio, &data);
		out = malloc((size_t)n);
		if (out) {
			memcpy(out, data, (size_t)n);
			*len = (size_t)n;
		}
	}
	BIO_free(bio);
	return out;
}

static int make_identity(struct camsecd *d)
{
	uint8_t serial[SERIAL_BYTES];
	char hex[2 * SERIAL_BYTES + 1];
	EVP_PKEY *key;
	X509 *cert = NULL;
	char *pem = NULL;
	size_t len = 0;
	unsigned int i;
	int err = -EIO;

	if (getrandom(serial, sizeof(serial), 0) != (ssize_t)sizeof(serial))
		return -EIO;
	serial[0] &= 0x7f;	/* a positive serial number, as X.509 wants */
	for (i = 0; i < SERIAL_BYTES; i++)
		sprintf(hex + 2 * i, "%02x", serial[i]);
	key = EVP_EC_gen("P-256");
	if (key)
		cert = make_cert(key, serial, hex);
	if (cert)
		pem = to_pem(key, cert, &len);
	if (pem)
		err = seal_write(d, STATE_FILE, "userdb", pem, len);
	if (!err) {
		d->id_key = key;
		d->id_cert = cert;
		trail_log(d, "identity-made", "ok", "", "", "serial=%s", hex);
	} else {
		EVP_PKEY_free(key);
		X509_free(cert);
	}
	if (pem) {
		OPENSSL_cleanse(pem, len);
		free(pem);
	}
	return err;
}

static int parse_identity(struct camsecd *d, const char *buf, size_t len)
{
	BIO *bio = BIO_new_mem_buf(buf, (int)len);

	if (bio) {
		d->id_key = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL);
		d->id_cert = PEM_read_bio_X509(bio, NULL, NULL, NULL);
	}
	BIO_free(bio);
	if (d->id_key && d->id_cert && X509_check_private_key(d->id_cert, d->id_key))
		return 0;
	syslog(LOG_ERR, "%s/%s: not a key and its certificate", d->statedir, STATE_FILE);
	identity_free(d);
	return -EINVAL;
}

/* At start, after the trail: the identity read, or made at the first. */
int identity_init(struct camsecd *d)
{
	size_t len;
	char *buf;
	int err;

	err = seal_read(d, STATE_FILE, IDENTITY_MAX, &buf, &len);
	if (err == -ENOENT)
		return make_identity(d);
	if (err)
		return err;
	err = parse_identity(d, buf, len);
	OPENSSL_cleanse(buf, len);
	free(buf);
	return err;
}

void identity_free(struct camsecd *d)
{
	EVP_PKEY_free(d->id_key);
	X509_free(d->id_cert);
	d->id_key = NULL;
	d->id_cert = NULL;
}

/* "sha256:" and the certificate's SHA-256 in hex, into @out. */
void identity_fingerprint(const struct camsecd *d, char *out, size_t len)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;
	size_t at;

	snprintf(out, len, "none");
	if (!d->id_cert || !X509_digest(d->id_cert, EVP_sha256(), md, &n))
		return;
	at = (size_t)snprintf(out, len, "sha256:");
	for (i = 0; i < n && at + 3 <= len; i++, at += 2)
		sprintf(out + at, "%02x", md[i]);
}

/* "identity": the fingerprint, the serial and the certificate (PEM). */
void op_identity(struct request *r)
{
	char fp[80], serial[2 * SERIAL_BYTES + 1] = "", pem[2048];
	struct proto_buf b;
	BIO *bio;
	int n = -1;

	if (!r->d->id_cert) {
		reply_err(r, ENOENT, "the device's identity is unreadable");
		return;
	}
	X509_NAME_get_text_by_NID(X509_get_subject_name(r->d->id_cert),
				  NID_serialNumber, serial, sizeof(serial));
	bio = BIO_new(BIO_s_mem());
	identity_fingerprint(r->d, fp, sizeof(fp));
	if (bio && PEM_write_bio_X509(bio, r->d->id_cert))
		n = BIO_read(bio, pem, sizeof(pem) - 1);
	BIO_free(bio);
	if (n <= 0 || n == (int)sizeof(pem) - 1) {
		reply_err(r, EIO, "the certificate cannot be written");
		return;
	}
	pem[n] = '\0';
	proto_start(&b, REPLY_OK);
	proto_add(&b, "fingerprint", fp);
	proto_add(&b, "serial", serial);
	proto_add(&b, "certificate", pem);
	reply_ok(r, &b);
}
