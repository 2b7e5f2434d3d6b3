// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target: the camsec_nf rule texts and rulesets (lib/netrules.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "netrules.h"

static int count(const struct nr_cidr *c, void *arg)
{
	size_t *n = arg;

	if (c->len != 4 && c->len != 16)
		abort();
	if (c->prefix > c->len * 8 || c->scope >= NR_SCOPES)
		abort();
	return ++*n > 100000;
}

static int check_option(const struct nr_option *o, void *arg)
{
	size_t *n = arg;

	if (o->kind > NR_PING || (o->kind == NR_V6_PREFIX && o->value > 128))
		abort();
	if (o->kind == NR_PORT && (!o->port.num || o->port.scope >= NR_SCOPES))
		abort();
	return ++*n > 100000;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char item[128], text[96];
	struct nr_error err;
	struct nr_port p;
	struct nr_cidr c;
	size_t n = 0;

	nr_parse_cidr_list((const char *)data, size, count, &n, &err);
	n = 0;
	if (nr_parse_ruleset((const char *)data, size, check_option, &n, &err) &&
	    (!err.line || !err.msg[0]))
		abort();			/* a fault names its line */
	if (size < sizeof(item)) {
		memcpy(item, data, size);
		item[size] = '\0';
		if (!nr_parse_port(item, &p, &err) && (!p.num || p.scope >= NR_SCOPES))
			abort();
		if (!nr_parse_cidr(item, &c, &err))
			nr_format_cidr(&c, text, sizeof(text));
	}
	return 0;
}
