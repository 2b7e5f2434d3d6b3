// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecd - the network ruleset of camsec_nf (netrules.h), as the
 * administrator sets it: stored sealed as "network" and applied again at
 * each start. Until an administrator sets one, and after a factory
 * reset, the factory's (-N) holds, which the boot applied before camsecd
 * started. A ruleset is parsed whole before anything changes, applied,
 * then stored; if it cannot be stored, the earlier one is applied again:
 * a refusal changes nothing.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "camsecd.h"
#include "kernel.h"
#include "netrules.h"
#include "network.h"
#include "reply.h"
#include "seal.h"
#include "trail.h"
#include "verbs.h"

#define STATE_FILE "network"

static int accept_option(const struct nr_option *o, void *arg)
{
	(void)o;
	(void)arg;
	return 0;
}

/* 0 if @text parses whole; -EINVAL with @why on the first fault. */
static int check(const char *text, size_t len, char *why, size_t whylen)
{
	struct nr_error err;

	if (!nr_parse_ruleset(text, len, accept_option, NULL, &err))
		return 0;
	snprintf(why, whylen, "line %u:%u: %s", err.line, err.col, err.msg);
	return -EINVAL;
}

/* The factory's ruleset (-N), malloc'd; NULL if there is none. */
static char *factory_text(const struct camsecd *d, size_t *len)
{
	FILE *f = d->factory_network ? fopen(d->factory_network, "r") : NULL;
	char *text = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!f)
		return NULL;
	n = getdelim(&text, &cap, '\0', f);
	fclose(f);
	if (n < 0) {
		free(text);
		return NULL;
	}
	*len = (size_t)n;
	return text;
}

/* Apply @text (the factory's when NULL) to the kernel: 0 or -errno. */
static int apply_text(struct camsecd *d, const char *text, size_t len,
		      char *why, size_t whylen)
{
	char *factory = NULL;
	int err;

	if (!text) {
		factory = factory_text(d, &len);
		if (!factory) {
			snprintf(why, whylen, "no factory ruleset");
			return -ENOENT;
		}
		text = factory;
	}
	err = check(text, len, why, whylen) ?:
	      kernel_nf_set(text, len, why, whylen);
	free(factory);
	return err;
}

int network_init(struct camsecd *d)
{
	char why[320];
	size_t len;
	char *buf;
	int err;

	err = seal_read(d, STATE_FILE, NETWORK_TEXT_MAX, &buf, &len);
	if (err == -ENOENT)
		return 0;
	if (err) {
		syslog(LOG_ERR, "%s/%s: %s", d->statedir, STATE_FILE,
		       strerror(-err));
		return err;
	}
	d->network = buf;
	d->network_len = len;
	if (!d->have_genl)
		return 0;
	err = apply_text(d, buf, len, why, sizeof(why));
	if (err) {
		syslog(LOG_ERR, "the stored network ruleset: %s", why);
		trail_log(d, "net-set", "fail", "", "local",
			  "the stored ruleset was not applied at start: %s",
			  why);
	}
	return 0;
}

/* The ruleset on one line, for the audit record. */
static void one_line(const char *text, char *out, size_t len)
{
	size_t i, n = 0;

	for (i = 0; text[i] && n + 2 < len; i++) {
		if (text[i] == '\n') {
			if (n && out[n - 1] != ' ')
				out[n++] = ' ';
			continue;
		}
		out[n++] = text[i];
	}
	while (n && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
}

void op_net_set(struct request *r)
{
	const char *text = proto_get(r->m, "rules");
	struct camsecd *d = r->d;
	char why[320], summary[256];
	size_t len;
	char *copy;
	int err;

	if (!text) {
		reply_err(r, EINVAL, "rules= is required: the ruleset, one option per line");
		return;
	}
	if (!d->have_genl) {
		reply_err(r, EOPNOTSUPP, "no camsec kernel: there is no camsec_nf to set");
		return;
	}
	len = strlen(text);
	if (check(text, len, why, sizeof(why))) {
		reply_err(r, EINVAL, why);
		return;
	}
	copy = strdup(text);
	if (!copy) {
		reply_err(r, ENOMEM, "out of memory");
		return;
	}
	one_line(text, summary, sizeof(summary));
	err = kernel_nf_set(text, len, why, sizeof(why));
	if (!err && seal_write(d, STATE_FILE, "config", text, len)) {
		char undo[320];

		err = -EIO;
		if (apply_text(d, d->network, d->network_len, undo, sizeof(undo)))
			snprintf(why, sizeof(why),
				 "the ruleset could not be stored, nor the earlier one applied again (%.200s): camsec_nf keeps it until the next start",
				 undo);
		else
			snprintf(why, sizeof(why),
				 "the ruleset could not be stored: nothing changed");
	}
	if (err) {
		free(copy);
		trail_log(d, "net-set", "fail", r->s->account, r->c->source,
			  "%s: %s", summary, why);
		reply_err(r, -err, why);
		return;
	}
	free(d->network);
	d->network = copy;
	d->network_len = len;
	trail_log(d, "net-set", "ok", r->s->account, r->c->source, "%s",
		  summary);
	reply_ok(r, NULL);
}

/* One "rec rule=LINE" per option of @text. */
static void show_lines(struct request *r, const char *text)
{
	const char *p = text, *eol;
	struct proto_buf b;
	char line[256];

	for (; *p; p = *eol ? eol + 1 : eol) {
		eol = strchrnul(p, '\n');
		snprintf(line, sizeof(line), "%.*s", (int)(eol - p), p);
		if (!line[strspn(line, " \t")] || line[strspn(line, " \t")] == '#')
			continue;
		proto_start(&b, REPLY_REC);
		proto_add(&b, "rule", line);
		reply_rec(r, &b);
	}
}

void op_net_show(struct request *r)
{
	char open[512];
	struct proto_buf b;
	char *factory = NULL;
	size_t len;

	if (r->d->have_genl)
		kernel_nf_ports(open, sizeof(open));
	else
		snprintf(open, sizeof(open), "unknown");
	proto_start(&b, REPLY_OK);
	proto_add(&b, "open", open);
	if (r->d->network) {
		show_lines(r, r->d->network);
		proto_add(&b, "from", "administrator");
	} else if ((factory = factory_text(r->d, &len))) {
		show_lines(r, factory);
		proto_add(&b, "from", "factory");
	} else {
		proto_add(&b, "from", "none");
	}
	free(factory);
	reply_ok(r, &b);
}

/*
 * Ban @source's block for @secs, or lift every ban that covers it (0),
 * recorded: 0, or -errno (-EINVAL: @source is no address, as "local").
 */
static int set_ban(struct camsecd *d, const char *source, unsigned int secs)
{
	char text[INET6_ADDRSTRLEN], why[320];
	unsigned char addr[16];
	int len = 4, err;
	uint8_t prefix = 32;

	snprintf(text, sizeof(text), "%s", source);
	text[strcspn(text, "/")] = '\0';
	if (inet_pton(AF_INET, text, addr) != 1) {
		len = 16;
		prefix = (uint8_t)d->settings.login_v6_prefix;
		if (inet_pton(AF_INET6, text, addr) != 1)
			return -EINVAL;
	}
	if (!d->have_genl)
		return -ENOENT;
	err = kernel_nf_ban(addr, len, prefix, secs, why, sizeof(why));
	if (secs)
		trail_log(d, "nf-ban", err ? "fail" : "ok", "", source,
			  "prefix=%u for %u%s%s", prefix, d->settings.login_lock_s,
			  err ? " " : "", err ? why : "");
	else
		trail_log(d, "nf-unban", err ? "fail" : "ok", "", source, "%s",
			  err ? why : "");
	return err;
}

/*
 * Ban @source's block in camsec_nf for the lock period: the address for
 * IPv4, its login_v6_prefix block for IPv6, as the lock.
 */
int network_ban(struct camsecd *d, const char *source)
{
	return set_ban(d, source, d->settings.login_lock_s);
}

/* Lift every ban that covers @source (a lock's ADDR/N, perhaps). */
int network_unban(struct camsecd *d, const char *source)
{
	return set_ban(d, source, 0);
}

/* After a factory reset: the factory's ruleset, applied again. */
void network_reset(struct camsecd *d)
{
	char why[320];

	free(d->network);
	d->network = NULL;
	d->network_len = 0;
	if (d->have_genl && apply_text(d, NULL, 0, why, sizeof(why)) &&
	    d->factory_network)
		syslog(LOG_ERR, "the factory network ruleset: %s", why);
}
