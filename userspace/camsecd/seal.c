// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecd - the state at rest, sealed by the kernel (draft 6.3.2a, 6.3.3d).
 *
 * Accounts, settings and the audit key are stored encrypted and
 * authenticated under the device key, an "encrypted" key the kernel
 * holds: the LSM seals and opens for the authority (CAMSEC_CMD_SEAL,
 * _OPEN), so the key's plaintext never reaches userspace. The key's blob,
 * encrypted under its master key (a trusted key on a TPM or TEE, else a
 * user key the boot loads), is kept in the state directory as store.key
 * and loaded into the daemon's process keyring at start; at the first
 * start the kernel makes a new key.
 *
 * Without the authority role (no camsec policy) nothing can be sealed:
 * the files are plain then, and neither kind is taken for the other.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <keyutils.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include <linux/camsec.h>

#include "atomicfile.h"
#include "camsecd.h"
#include "seal.h"

#define KEY_BLOB "store.key"
#define KEY_BLOB_MAX 4096

void state_path(const struct camsecd *d, const char *name, char *out,
		size_t len)
{
	snprintf(out, len, "%s/%s", d->statedir, name);
}

/* Load the key from its blob, or make one and keep its blob. */
static int key_load_or_make(struct camsecd *d)
{
	char path[4096], payload[KEY_BLOB_MAX + 8];
	key_serial_t id;
	size_t len;
	void *blob;
	char *buf;
	long n;
	int err;

	state_path(d, KEY_BLOB, path, sizeof(path));
	err = read_whole(path, KEY_BLOB_MAX, &buf, &len);
	if (!err) {
		snprintf(payload, sizeof(payload), "load %s", buf);
		free(buf);
		id = add_key("encrypted", CAMSEC_SEAL_KEY, payload,
			     strlen(payload), KEY_SPEC_PROCESS_KEYRING);
		if (id < 0)
			syslog(LOG_ERR, "%s: the kernel refused the key blob (master key %s missing, or not this device's): %s",
			       path, d->master_key, strerror(errno));
		return id < 0 ? -errno : 0;
	}
	if (err != -ENOENT) {
		syslog(LOG_ERR, "%s: %s", path, strerror(-err));
		return err;
	}
	snprintf(payload, sizeof(payload), "new default %s %d", d->master_key,
		 CAMSEC_SEAL_KEY_LEN);
	id = add_key("encrypted", CAMSEC_SEAL_KEY, payload, strlen(payload),
		     KEY_SPEC_PROCESS_KEYRING);
	if (id < 0) {
		syslog(LOG_ERR, "no device key made (master key %s): %s",
		       d->master_key, strerror(errno));
		return -errno;
	}
	n = keyctl_read_alloc(id, &blob);
	if (n < 0)
		return -errno;
	err = atomic_write(path, blob, (size_t)n, 0600, "userdb");
	free(blob);
	if (err)
		syslog(LOG_ERR, "%s: %s", path, strerror(-err));
	return err;
}

/*
 * Under a locked policy the kernel takes only the device key of the boot:
 * a state that is not the device's stops the daemon here.
 */
static int seal_probe(struct camsecd *d)
{
	size_t len;
	uint8_t *out;
	int err;

	err = seal_call(d, true, "probe", "", 0, &out, &len);
	if (err) {
		syslog(LOG_ERR, "the kernel refused the device key: %s",
		       d->genl.error[0] ? d->genl.error : strerror(-err));
		return err;
	}
	free(out);
	return 0;
}

int seal_init(struct camsecd *d)
{
	int err;

	d->sealed = d->authority;
	if (!d->sealed) {
		syslog(LOG_WARNING, "not the authority: the state is stored unsealed");
		return 0;
	}
	if (!d->have_genl) {
		syslog(LOG_ERR, "the authority without the camsec netlink family");
		return -ENOENT;
	}
	/* A key the integrator put in our keyrings comes first. */
	if (request_key("encrypted", CAMSEC_SEAL_KEY, NULL, 0) < 0) {
		err = key_load_or_make(d);
		if (err)
			return err;
	}
	return seal_probe(d);
}

struct sealed {
	uint8_t *buf;
	size_t len;
};

static int on_sealed(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[CAMSEC_A_MAX + 1];
	struct sealed *out = arg;
	struct nlattr *data;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, CAMSEC_A_MAX, NULL) ||
	    !(data = tb[CAMSEC_A_SEAL_DATA]) || out->buf)
		return -EPROTO;
	out->len = (size_t)nla_len(data);
	out->buf = malloc(out->len + 1);
	if (!out->buf)
		return -ENOMEM;
	memcpy(out->buf, nla_data(data), out->len);
	out->buf[out->len] = '\0';
	return 0;
}

int seal_call(struct camsecd *d, bool seal, const char *use, const void *in,
	      size_t len, uint8_t **out, size_t *outlen)
{
	struct sealed res = { 0 };
	struct nl_msg *msg;
	int err;

	d->genl.error[0] = '\0';	/* no stale reason for a refusal here */
	if (len > CAMSEC_SEAL_MAX + CAMSEC_SEAL_OVERHEAD)
		return -EMSGSIZE;
	msg = camsec_genl_msg(&d->genl, seal ? CAMSEC_CMD_SEAL : CAMSEC_CMD_OPEN,
			      0);
	if (!msg)
		return -ENOMEM;
	if (nla_put_string(msg, CAMSEC_A_SEAL_CONTEXT, use) ||
	    nla_put(msg, CAMSEC_A_SEAL_DATA, (int)len, in)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	err = camsec_genl_call(&d->genl, msg, on_sealed, &res);
	if (!err && !res.buf)
		err = -EPROTO;
	if (err) {
		if (res.buf)
			explicit_bzero(res.buf, res.len);
		free(res.buf);
		return err;
	}
	*out = res.buf;
	*outlen = res.len;
	return 0;
}

static bool looks_sealed(const char *buf, size_t len)
{
	return len >= 4 && !memcmp(buf, CAMSEC_SEAL_MAGIC, 4);
}

int seal_read(struct camsecd *d, const char *name, size_t max, char **buf,
	      size_t *len)
{
	char path[4096];
	uint8_t *plain;
	size_t n;
	int err;

	state_path(d, name, path, sizeof(path));
	err = read_whole(path, max + CAMSEC_SEAL_OVERHEAD, buf, len);
	if (err)
		return err;
	if (looks_sealed(*buf, *len) != d->sealed) {
		syslog(LOG_ERR, "%s: %s", path, d->sealed ?
		       "not sealed by this device: refused" :
		       "sealed: only the authority opens it");
		err = -EPERM;
	} else if (!d->sealed) {
		return 0;
	} else {
		err = seal_call(d, false, name, *buf, *len, &plain, &n);
		if (err)
			syslog(LOG_ERR, "%s: %s", path, d->genl.error);
	}
	free(*buf);
	if (err)
		return err;
	*buf = (char *)plain;
	*len = n;
	return 0;
}

int seal_write(struct camsecd *d, const char *name, const char *label,
	       const void *buf, size_t len)
{
	char path[4096];
	uint8_t *sealed;
	size_t n;
	int err;

	state_path(d, name, path, sizeof(path));
	if (!d->sealed)
		return atomic_write(path, buf, len, 0600, NULL);
	err = seal_call(d, true, name, buf, len, &sealed, &n);
	if (err) {
		syslog(LOG_ERR, "%s: not sealed: %s", path, d->genl.error);
		return err;
	}
	err = atomic_write(path, sealed, n, 0600, label);
	free(sealed);
	return err;
}
