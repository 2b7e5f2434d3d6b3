// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecd - firmware: the running image's version and lifetime, the
 * rollback floor, and the upload of a bundle (draft 6.6c, 6.6e).
 *
 * A RAUC bundle comes in chunks over the protocol, locally or over TLS,
 * into one upload file, which updater.c has RAUC check and install into
 * the other slot of the A/B card. The floor, kept sealed, rises once a
 * new version has booted and its slot was marked good: nothing older
 * installs after it. A camera booted without A/B slots (rauc.slot=) has
 * nothing to install into, and says so before any upload.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>

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
#define FLOOR_STATE "firmware"

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

/*
 * The floor, sealed: "floor=2.0.0". Earlier releases kept the directory
 * slots' state before it ("active=a next=b floor=2.0.0"): their floor
 * holds.
 */
static int load_floor(struct camsecd *d)
{
	char floor[64], *at;
	size_t len;
	char *buf;
	int err;

	d->nfloor = 0;
	err = seal_read(d, FLOOR_STATE, 256, &buf, &len);
	if (err == -ENOENT)
		return 0;
	if (err)
		return err;
	at = memmem(buf, len, "floor=", 6);
	if (!at || sscanf(at, "floor=%63s", floor) != 1 ||
	    fw_version_parse(floor, d->floor, &d->nfloor))
		err = -EINVAL;
	free(buf);
	if (err)
		syslog(LOG_ERR, "%s/%s: not a floor", d->statedir, FLOOR_STATE);
	return err;
}

static int save_floor(struct camsecd *d)
{
	char buf[96], floor[64] = "0";

	if (d->nfloor)
		fw_version_format(d->floor, d->nfloor, floor, sizeof(floor));
	snprintf(buf, sizeof(buf), "floor=%s\n", floor);
	return seal_write(d, FLOOR_STATE, "firmware", buf, strlen(buf));
}

/* The floor, and the running image's manifest (-V, in its root). */
int firmware_init(struct camsecd *d)
{
	int err;

	err = load_floor(d);
	if (err)
		return err;
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
 * raised floor is kept; elsewhere it holds while the image runs.
 */
void firmware_running_is_good(struct camsecd *d)
{
	char version[64];

	if (fw_version_cmp(d->running.version, d->running.nversion,
			   d->floor, d->nfloor) <= 0)
		return;
	memcpy(d->floor, d->running.version, sizeof(d->floor));
	d->nfloor = d->running.nversion;
	if (!d->boot_slot)
		return;
	fw_version_format(d->floor, d->nfloor, version, sizeof(version));
	trail_log(d, "firmware-floor", save_floor(d) ? "fail" : "ok", "",
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

/* One slot's record: its version if it runs (RAUC keeps no record of
 * the other across boots), and whether U-Boot boots it next. */
static void slot_rec(struct request *r, char slot, char next)
{
	char name[2] = { slot, '\0' };
	struct proto_buf b;

	proto_start(&b, REPLY_REC);
	proto_add(&b, "slot", name);
	if (slot == r->d->boot_slot)
		add_version(&b, "version", r->d->running.version,
			    r->d->running.nversion);
	else
		proto_add(&b, "version", "");
	proto_add(&b, "active", slot == r->d->boot_slot ? "yes" : "no");
	proto_add(&b, "next_boot", slot == next ? "yes" : "no");
	reply_rec(r, &b);
}

/* The A/B card's slots, then the floor and the updater. */
void op_firmware_status(struct request *r)
{
	const struct camsecd *d = r->d;
	struct proto_buf b;
	char next;

	if (d->boot_slot) {
		next = bootslot_next(d);
		slot_rec(r, 'A', next);
		slot_rec(r, 'B', next);
	}
	proto_start(&b, REPLY_OK);
	add_version(&b, "floor", d->floor, d->nfloor);
	proto_add(&b, "updater", d->boot_slot ? "rauc" : "none (no A/B slots)");
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

	if (!d->boot_slot) {
		trail_log(d, "firmware-upgrade", "fail", r->s->account, r->c->source,
			  "%s", "no A/B slots to install into");
		reply_err(r, EOPNOTSUPP, "this camera has no A/B slots to install into");
		return;
	}
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

/* "firmware-install": the whole upload, a RAUC bundle, to the updater. */
void op_firmware_install(struct request *r)
{
	struct camsecd *d = r->d;
	char path[4096];

	if (d->upload_owner != r->c || d->upload_got != d->upload_size) {
		reply_err(r, ENOENT, "no whole upload: firmware-begin, then every chunk");
		return;
	}
	state_path(d, "firmware.upload", path, sizeof(path));
	updater_install(r, path);
	firmware_abort(d, r->c);
}
