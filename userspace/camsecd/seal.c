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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include <linux/camsec.h>

#include "atomicfile.h"
#include "camsecd.h"
#include "kernel.h"
#include "seal.h"

#define KEY_BLOB "store.key"

void state_path(const struct camsecd *d, const char *name, char *out,
		size_t len)
{
	snprintf(out, len, "%s/%s", d->statedir, name);
}

/* Load the key from its blob, or make one and keep its blob. */
static int key_load_or_make(struct camsecd *d)
{
	char path[4096];
	size_t len;
	void *blob;
	char *buf;
	int err;

	state_path(d, KEY_BLOB, path, sizeof(path));
	err = read_whole(path, DEVICE_KEY_BLOB_MAX, &buf, &len);
	if (!err) {
		err = kernel_load_device_key(buf);
		free(buf);
		if (err)
			syslog(LOG_ERR, "%s: the kernel refused the key blob (master key %s missing, or not this device's): %s",
			       path, d->master_key, strerror(-err));
		return err;
	}
	if (err != -ENOENT) {
		syslog(LOG_ERR, "%s: %s", path, strerror(-err));
		return err;
	}
	err = kernel_new_device_key(d->master_key, &blob, &len);
	if (err) {
		syslog(LOG_ERR, "no device key made (master key %s): %s",
		       d->master_key, strerror(-err));
		return err;
	}
	err = atomic_write(path, blob, len, 0600, "userdb");
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

	err = kernel_seal(&d->genl, "probe", "", 0, &out, &len);
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
	if (!kernel_has_device_key()) {
		err = key_load_or_make(d);
		if (err)
			return err;
	}
	return seal_probe(d);
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
		err = kernel_unseal(&d->genl, name, *buf, *len, &plain, &n);
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
	err = kernel_seal(&d->genl, name, buf, len, &sealed, &n);
	if (err) {
		syslog(LOG_ERR, "%s: not sealed: %s", path, d->genl.error);
		return err;
	}
	err = atomic_write(path, sealed, n, 0600, label);
	free(sealed);
	return err;
}
