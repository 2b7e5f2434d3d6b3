// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecd - the settings (settings.h): read, changed one at a time, and
 * carried between devices as a profile, which only this device opens
 * (sealed under its key, for "profile"). A change is stored before it
 * takes effect; one that cannot be stored changes nothing.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "auth.h"
#include "camsecd.h"
#include "config.h"
#include "kernel.h"
#include "reply.h"
#include "store.h"
#include "trail.h"
#include "verbs.h"

#define PROFILE_TEXT_MAX 1024

void op_config_get(struct request *r)
{
	struct proto_buf b;
	char value[16];
	const char *key;
	unsigned int i;

	for (i = 0; !settings_get(&r->d->settings, i, &key, value, sizeof(value)); i++) {
		proto_start(&b, REPLY_REC);
		proto_add(&b, "key", key);
		proto_add(&b, "value", value);
		reply_rec(r, &b);
	}
	reply_ok(r, NULL);
}

/* Store the settings as they are now, or go back to @old: 0 or -1. */
static int settings_commit(struct request *r, const struct settings *old)
{
	if (store_save_settings(r->d)) {
		r->d->settings = *old;
		reply_err(r, EIO, "the settings could not be written");
		return -1;
	}
	store_apply_settings(r->d);
	if (old->hash_cost != r->d->settings.hash_cost)
		auth_init(r->d);	/* unknown users cost what known ones do */
	if (old->audit_enabled != r->d->settings.audit_enabled)
		trail_log(r->d, r->d->settings.audit_enabled ? "audit-on" : "audit-off",
			  "ok", r->s->account, r->c->source, "%s", "");
	return 0;
}

/* Raising audit_max_kib, or audit_full=overwrite, makes room in the trail. */
bool config_makes_audit_room(const struct request *r)
{
	const char *key = proto_get(r->m, "key");

	return key && (!strcmp(key, "audit_max_kib") || !strcmp(key, "audit_full"));
}

void op_config_set(struct request *r)
{
	const char *key = proto_get(r->m, "key");
	const char *value = proto_get(r->m, "value");
	struct settings old = r->d->settings;
	const char *why;

	if (!key || !value) {
		reply_err(r, EINVAL, "key and value are required");
		return;
	}
	if (settings_set(&r->d->settings, key, value, &why)) {
		reply_err(r, EINVAL, why);
		return;
	}
	if (settings_commit(r, &old))
		return;
	if (old.audit_enabled == r->d->settings.audit_enabled)
		trail_log(r->d, "config-set", "ok", r->s->account, r->c->source,
			  "%s=%s", key, value);
	reply_ok(r, NULL);
}

/*
 * The settings as a profile: sealed for "profile" under this device's
 * key, so that only this device imports it, and only unaltered.
 */
void op_config_export(struct request *r)
{
	char text[PROFILE_TEXT_MAX], hex[PROTO_LINE_MAX / 2];
	struct proto_buf b;
	uint8_t *sealed;
	size_t n;
	int len;

	if (!r->d->sealed) {
		reply_err(r, EOPNOTSUPP, "profiles need the sealing of a camsec kernel (the daemon is not the authority)");
		return;
	}
	len = settings_format(&r->d->settings, text, sizeof(text));
	if (len < 0 || kernel_seal(&r->d->genl, "profile", text,
				   (size_t)len, &sealed, &n)) {
		reply_err(r, EIO, "the profile could not be sealed");
		return;
	}
	if (!OPENSSL_buf2hexstr_ex(hex, sizeof(hex), NULL, sealed, n, '\0')) {
		free(sealed);
		reply_err(r, EOVERFLOW, "the profile is too large");
		return;
	}
	free(sealed);
	trail_log(r->d, "config-export", "ok", r->s->account, r->c->source,
		  "%zu bytes", n);
	proto_start(&b, REPLY_OK);
	proto_add(&b, "profile", hex);
	reply_ok(r, &b);
}

/* Open the profile @hex into @s: 0, or an errno with *why. */
static int profile_open(struct camsecd *d, const char *hex,
			struct settings *s, const char **why)
{
	static char msg[160];
	uint8_t sealed[PROTO_LINE_MAX / 2];
	unsigned int line;
	uint8_t *text;
	size_t len;
	int err;

	if (!OPENSSL_hexstr2buf_ex(sealed, sizeof(sealed), &len, hex, '\0')) {
		*why = "the profile is not hexadecimal";
		return EINVAL;
	}
	err = kernel_unseal(&d->genl, "profile", sealed, len, &text, &len);
	if (err) {
		*why = d->genl.error[0] ? d->genl.error : "the profile does not open";
		return -err;
	}
	err = settings_parse(s, (char *)text, len, &line, why);
	free(text);
	if (!err)
		return 0;
	snprintf(msg, sizeof(msg), "profile line %u: %s", line, *why);
	*why = msg;
	return EINVAL;
}

void op_config_import(struct request *r)
{
	const char *hex = proto_get(r->m, "profile");
	struct settings old = r->d->settings, s;
	const char *why;
	int err;

	if (!r->d->sealed) {
		reply_err(r, EOPNOTSUPP, "profiles need the sealing of a camsec kernel (the daemon is not the authority)");
		return;
	}
	if (!hex) {
		reply_err(r, EINVAL, "profile is required");
		return;
	}
	err = profile_open(r->d, hex, &s, &why);
	if (err) {
		trail_log(r->d, "config-import", "fail", r->s->account,
			  r->c->source, "refused: %s", why);
		reply_err(r, err, why);
		return;
	}
	r->d->settings = s;
	if (settings_commit(r, &old))
		return;
	trail_log(r->d, "config-import", "ok", r->s->account, r->c->source,
		  "%s", "");
	reply_ok(r, NULL);
}
