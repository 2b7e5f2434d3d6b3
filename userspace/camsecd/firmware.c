// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecd - firmware: version and lifetime, and the signed upgrade
 * (draft 6.6c, 6.6e).
 *
 * A package (lib/fwpkg.h) comes in chunks over the protocol, locally or
 * over TLS, into one upload file. Nothing is written to a slot before all
 * of it checks out: the CMS signature over the manifest chains to the
 * device's firmware CA and its signer may sign code; the compatible
 * string is this device's; the version is not below the floor; every
 * payload has its listed size and SHA-256. It then goes into the
 * inactive slot of the A/B pair, which the boot state names as next; the
 * boot loader switches slots at the next boot. The floor rises to each
 * installed version, so nothing older installs after it (rollback).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <openssl/cms.h>
#include <openssl/x509v3.h>

#include "atomicfile.h"
#include "bootslot.h"
#include "camsecd.h"
#include "firmware.h"
#include "reply.h"
#include "seal.h"
#include "trail.h"
#include "updater.h"
#include "verbs.h"

#define FW_PACKAGE_MAX (256ULL << 20)
#define BOOT_STATE "firmware"

static void slot_path(const struct camsecd *d, char slot, const char *name,
		      char *out, size_t len)
{
	snprintf(out, len, "%s/%c%s%s", d->fw_dir, slot, name ? "/" : "",
		 name ? name : "");
}

static int read_manifest(const char *path, struct fw_manifest *m)
{
	unsigned int line, col;
	const char *why;
	size_t len;
	char *buf;
	int err;

	err = read_whole(path, 64 << 10, &buf, &len);
	if (err)
		return err;
	err = fw_manifest_parse(buf, len, m, &line, &col, &why);
	free(buf);
	if (err)
		syslog(LOG_ERR, "%s:%u:%u: %s", path, line, col, why);
	return err ? -EINVAL : 0;
}

/* The boot state: "active=a next=b floor=2.0.0", sealed. */
static int load_boot_state(struct camsecd *d)
{
	struct fw_state *st = &d->fw;
	char floor[64];
	size_t len;
	char *buf;
	int err;

	st->active = st->next = 'a';
	st->nfloor = 0;
	err = seal_read(d, BOOT_STATE, 256, &buf, &len);
	if (err == -ENOENT)
		return 0;
	if (err)
		return err;
	if (sscanf(buf, "active=%c next=%c floor=%63s", &st->active,
		   &st->next, floor) != 3 ||
	    (st->active != 'a' && st->active != 'b') ||
	    (st->next != 'a' && st->next != 'b') ||
	    fw_version_parse(floor, st->floor, &st->nfloor))
		err = -EINVAL;
	free(buf);
	if (err)
		syslog(LOG_ERR, "%s/%s: not a boot state", d->statedir, BOOT_STATE);
	return err;
}

static int save_boot_state(struct camsecd *d)
{
	char buf[128], floor[64] = "0";

	if (d->fw.nfloor)
		fw_version_format(d->fw.floor, d->fw.nfloor, floor, sizeof(floor));
	snprintf(buf, sizeof(buf), "active=%c next=%c floor=%s\n",
		 d->fw.active, d->fw.next, floor);
	return seal_write(d, BOOT_STATE, "firmware", buf, strlen(buf));
}

/* The running image: the active slot's manifest, else the factory one. */
int firmware_init(struct camsecd *d)
{
	char path[4096];
	int err;

	err = load_boot_state(d);
	if (err)
		return err;
	slot_path(d, d->fw.active, "manifest", path, sizeof(path));
	err = read_manifest(path, &d->running);
	if (err == -ENOENT)
		err = read_manifest(d->factory_manifest, &d->running);
	if (err == -ENOENT) {
		/* No model known: every package is for another device. */
		syslog(LOG_WARNING, "%s: no manifest of the running firmware",
		       d->factory_manifest);
		memset(&d->running, 0, sizeof(d->running));
		d->running.nversion = 1;
		return 0;
	}
	return err;
}

/*
 * The running image came up well: nothing older may install after it.
 * On the A/B card that is once camsecd marked its slot good, and the
 * raised floor is kept; elsewhere it is kept at the next install.
 */
void firmware_running_is_good(struct camsecd *d)
{
	char version[64];

	if (fw_version_cmp(d->running.version, d->running.nversion,
			   d->fw.floor, d->fw.nfloor) <= 0)
		return;
	memcpy(d->fw.floor, d->running.version, sizeof(d->fw.floor));
	d->fw.nfloor = d->running.nversion;
	if (!d->boot_slot)
		return;
	fw_version_format(d->fw.floor, d->fw.nfloor, version, sizeof(version));
	trail_log(d, "firmware-floor", save_boot_state(d) ? "fail" : "ok", "",
		  "local", "floor=%s slot=%c", version, d->boot_slot);
}

bool firmware_unsupported(const struct camsecd *d)
{
	return d->running.compatible[0] && fw_eos_passed(&d->running, time(NULL));
}

static void add_version(struct proto_buf *b, const char *key,
			const unsigned int *v, unsigned int n)
{
	char text[64];

	fw_version_format(v, n, text, sizeof(text));
	proto_add(b, key, text);
}

static void add_date(struct proto_buf *b, const struct fw_manifest *m)
{
	char date[16];

	snprintf(date, sizeof(date), "%04d-%02d-%02d", m->eos_year % 10000,
		 m->eos_month % 100, m->eos_day % 100);
	proto_add(b, "end_of_support", date);
}

void op_version(struct request *r)
{
	const struct camsecd *d = r->d;
	struct proto_buf b;

	proto_start(&b, REPLY_OK);
	proto_add(&b, "model", d->running.compatible);
	add_version(&b, "version", d->running.version, d->running.nversion);
	proto_add(&b, "build_id", d->running.build_id);
	add_date(&b, &d->running);
	proto_add(&b, "supported", firmware_unsupported(d) ? "no" : "yes");
	reply_ok(r, &b);
}

/* One slot's record; @m its manifest, NULL if its version is not known. */
static void slot_rec(struct request *r, char slot, const struct fw_manifest *m,
		     bool active, bool next)
{
	char name[2] = { slot, '\0' };
	struct proto_buf b;

	proto_start(&b, REPLY_REC);
	proto_add(&b, "slot", name);
	if (m)
		add_version(&b, "version", m->version, m->nversion);
	else
		proto_add(&b, "version", "");
	proto_add(&b, "active", active ? "yes" : "no");
	proto_add(&b, "next_boot", next ? "yes" : "no");
	reply_rec(r, &b);
}

/*
 * Both slots, then the floor. The A/B card's (A, B): the version of the
 * one that runs (RAUC keeps no record of the other across boots), and the
 * one U-Boot boots next. Elsewhere the directory slots (a, b): each one's
 * manifest, and the boot state.
 */
void op_firmware_status(struct request *r)
{
	const struct camsecd *d = r->d;
	char first = d->boot_slot ? 'A' : 'a', s;
	char active = d->boot_slot ?: d->fw.active;
	char next = d->boot_slot ? bootslot_next(d) : d->fw.next;
	const struct fw_manifest *known;
	struct fw_manifest m;
	struct proto_buf b;
	char path[4096];

	for (s = first; s <= first + 1; s++) {
		known = NULL;
		if (!d->boot_slot) {
			slot_path(d, s, "manifest", path, sizeof(path));
			if (!read_manifest(path, &m))
				known = &m;
		}
		if (!known && s == active)
			known = &d->running;
		slot_rec(r, s, known, s == active, s == next);
	}
	proto_start(&b, REPLY_OK);
	add_version(&b, "floor", d->fw.floor, d->fw.nfloor);
	reply_ok(r, &b);
}

void firmware_abort(struct camsecd *d, const struct client *c)
{
	char path[4096];

	if (!d->upload_owner || (c && d->upload_owner != c))
		return;
	close(d->upload_fd);
	state_path(d, "firmware.upload", path, sizeof(path));
	unlink(path);
	d->upload_owner = NULL;
}

/* "firmware-begin size=N": a new upload of N bytes. */
void op_firmware_begin(struct request *r)
{
	const char *size = proto_get(r->m, "size");
	struct camsecd *d = r->d;
	char path[4096], *end;
	unsigned long long n;

	n = size ? strtoull(size, &end, 10) : 0;
	if (!size || *end || !n || n > FW_PACKAGE_MAX) {
		reply_err(r, EINVAL, "size=BYTES is required (256 MiB at most)");
		return;
	}
	if (d->upload_owner && d->upload_owner != r->c) {
		reply_err(r, EBUSY, "another upload is in progress");
		return;
	}
	firmware_abort(d, r->c);
	state_path(d, "firmware.upload", path, sizeof(path));
	d->upload_fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (d->upload_fd < 0 ||
	    (d->authority && set_label(d->upload_fd, "firmware"))) {
		if (d->upload_fd >= 0)
			close(d->upload_fd);
		reply_err(r, EIO, "the upload file cannot be made");
		return;
	}
	d->upload_owner = r->c;
	d->upload_size = n;
	d->upload_got = 0;
	reply_ok(r, NULL);
}

/* "firmware-chunk data=HEX": the next bytes of the upload. */
void op_firmware_chunk(struct request *r)
{
	const char *hex = proto_get(r->m, "data");
	uint8_t bytes[PROTO_LINE_MAX / 2];
	struct camsecd *d = r->d;
	size_t n;

	if (d->upload_owner != r->c) {
		reply_err(r, ENOENT, "no upload: send firmware-begin first");
		return;
	}
	if (!hex || !OPENSSL_hexstr2buf_ex(bytes, sizeof(bytes), &n, hex, '\0') ||
	    d->upload_got + n > d->upload_size) {
		firmware_abort(d, r->c);
		reply_err(r, EINVAL, "data=HEX is required, within the size announced");
		return;
	}
	if (write_all(d->upload_fd, bytes, n)) {
		firmware_abort(d, r->c);
		reply_err(r, EIO, "the upload file cannot be written");
		return;
	}
	d->upload_got += n;
	reply_ok(r, NULL);
}

static bool code_signing(X509 *x)
{
	return (X509_get_extension_flags(x) & EXFLAG_XKUSAGE) &&
	       (X509_get_extended_key_usage(x) & XKU_CODE_SIGN);
}

/*
 * The manifest's CMS signature: 0, or -1 with *why. OpenSSL 3.0 has no
 * code-signing purpose: the chain is checked for any purpose, and the
 * signer's extended key usage here.
 */
static int verify_signature(const struct camsecd *d, const struct fw_member *man,
			    const struct fw_member *sig, const char **why)
{
	const unsigned char *p = sig->data;
	X509_STORE *store = X509_STORE_new();
	BIO *content = BIO_new_mem_buf(man->data, (int)man->size);
	CMS_ContentInfo *cms = d2i_CMS_ContentInfo(NULL, &p, (long)sig->size);
	STACK_OF(X509) *signers = NULL;
	int err = -1;

	if (!store || !content || X509_STORE_load_file(store, d->fw_ca) != 1)
		*why = "the firmware CA cannot be loaded";
	else if (!cms)
		*why = "the package is not signed (no CMS signature)";
	else if (X509_STORE_set_purpose(store, X509_PURPOSE_ANY) != 1 ||
		 CMS_verify(cms, NULL, store, content, NULL, CMS_BINARY) != 1)
		*why = "the signature does not verify against the firmware CA";
	else if (!(signers = CMS_get0_signers(cms)) ||
		 sk_X509_num(signers) != 1 ||
		 !code_signing(sk_X509_value(signers, 0)))
		*why = "the signer's certificate is not for code signing";
	else
		err = 0;
	sk_X509_free(signers);
	CMS_ContentInfo_free(cms);
	BIO_free(content);
	X509_STORE_free(store);
	return err;
}

/* Everything but the signature: 0, or -1 with *why. */
static int check_manifest(const struct camsecd *d, const struct fw_member *mem,
			  size_t n, struct fw_manifest *m, const char **why)
{
	static char msg[160];
	unsigned int line, col;

	if (fw_manifest_parse((const char *)mem[0].data, mem[0].size, m, &line,
			      &col, why)) {
		snprintf(msg, sizeof(msg), "manifest %u:%u: %s", line, col, *why);
		*why = msg;
		return -1;
	}
	if (!d->running.compatible[0] ||
	    strcmp(m->compatible, d->running.compatible)) {
		*why = "the package is for another device (compatible)";
		return -1;
	}
	if (fw_version_cmp(m->version, m->nversion, d->fw.floor,
			   d->fw.nfloor) < 0) {
		*why = "the version is older than the installed one (rollback)";
		return -1;
	}
	return fw_check_payloads(m, mem, n, why);
}

/* Empty @slot of what the new image does not have. */
static void clear_slot(const struct camsecd *d, char slot)
{
	char path[4096];
	struct dirent *e;
	DIR *dir;

	slot_path(d, slot, NULL, path, sizeof(path));
	dir = opendir(path);
	if (!dir)
		return;
	while ((e = readdir(dir))) {
		if (e->d_name[0] != '.')
			unlinkat(dirfd(dir), e->d_name, 0);
	}
	closedir(dir);
}

static int write_slot(struct camsecd *d, char slot, const struct fw_member *mem,
		      size_t n)
{
	const char *label = d->authority ? "firmware" : NULL;
	char path[4096];
	size_t i;
	int err;

	slot_path(d, slot, NULL, path, sizeof(path));
	if (mkdir(d->fw_dir, 0700) && errno != EEXIST)
		return -errno;
	if (mkdir(path, 0700) && errno != EEXIST)
		return -errno;
	clear_slot(d, slot);
	for (i = 0, err = 0; i < n && !err; i++) {
		slot_path(d, slot, mem[i].name, path, sizeof(path));
		err = atomic_write(path, mem[i].data, mem[i].size, 0600, label);
	}
	return err;
}

/* Into the inactive slot; the boot state names it only once it is whole. */
static int install(struct camsecd *d, const struct fw_manifest *m,
		   const struct fw_member *mem, size_t n, char *slot)
{
	int err;

	*slot = d->fw.active == 'a' ? 'b' : 'a';
	d->fw.next = d->fw.active;
	err = save_boot_state(d) ?: write_slot(d, *slot, mem, n);
	if (err)
		return err;
	d->fw.next = *slot;
	memcpy(d->fw.floor, m->version, sizeof(d->fw.floor));
	d->fw.nfloor = m->nversion;
	return save_boot_state(d);
}

static void install_reply(struct request *r, const struct fw_manifest *m,
			  char slot)
{
	char version[64], s[2] = { slot, '\0' };
	struct proto_buf b;

	fw_version_format(m->version, m->nversion, version, sizeof(version));
	trail_log(r->d, "firmware-upgrade", "ok", r->s->account, r->c->source,
		  "version=%s build=%s slot=%s", version, m->build_id, s);
	proto_start(&b, REPLY_OK);
	proto_add(&b, "version", version);
	proto_add(&b, "slot", s);
	proto_add(&b, "next_boot", "yes");
	reply_ok(r, &b);
}

/* "firmware-install": verify the whole upload, then install it. */
void op_firmware_install(struct request *r)
{
	struct fw_member mem[FW_PAYLOADS_MAX + 2];
	struct camsecd *d = r->d;
	const char *why = NULL;
	struct fw_manifest m;
	char slot = 0;
	size_t n = 0;
	void *map;
	int err;

	if (d->upload_owner != r->c || d->upload_got != d->upload_size) {
		reply_err(r, ENOENT, "no whole upload: firmware-begin, then every chunk");
		return;
	}
	if (d->boot_slot) {
		/* The A/B card: the upload is a RAUC bundle. */
		char path[4096];

		state_path(d, "firmware.upload", path, sizeof(path));
		updater_install(r, path);
		firmware_abort(d, r->c);
		return;
	}
	map = mmap(NULL, d->upload_size, PROT_READ, MAP_PRIVATE, d->upload_fd, 0);
	if (map == MAP_FAILED) {
		why = "the upload cannot be read";
	} else if (fw_tar_parse(map, d->upload_size, mem, FW_PAYLOADS_MAX + 2,
				&n, &why) ||
		   verify_signature(d, &mem[0], &mem[1], &why) ||
		   check_manifest(d, mem, n, &m, &why)) {
		/* why is set */
	} else {
		reply_stage(r, "verified");
		err = install(d, &m, mem, n, &slot);
		if (err)
			why = "the inactive slot could not be written";
		else
			reply_stage(r, "written");
	}
	if (map != MAP_FAILED)
		munmap(map, d->upload_size);
	firmware_abort(d, r->c);
	if (why) {
		trail_log(d, "firmware-upgrade", "fail", r->s->account,
			  r->c->source, "%s", why);
		reply_err(r, slot ? EIO : EBADMSG, why);
		return;
	}
	install_reply(r, &m, slot);
}
