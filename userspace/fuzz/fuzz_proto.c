// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the daemon's protocol lines (lib/proto.c). A line
 * that parses is built again and parses back to the same message.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct proto_msg m, back;
	static struct proto_buf b;
	static char json[8 * PROTO_LINE_MAX];
	const char *why;
	unsigned int i;

	if (proto_parse((const char *)data, size, &m, &why))
		return 0;
	proto_json(&m, json, sizeof(json));
	proto_start(&b, m.verb);
	for (i = 0; i < m.nargs; i++)
		proto_add(&b, m.args[i].key, m.args[i].val);
	if (proto_finish(&b))
		return 0;	/* escaping may lengthen a line past the limit */
	if (proto_parse(b.line, b.len - 1, &back, &why) ||
	    strcmp(back.verb, m.verb) || back.nargs != m.nargs)
		abort();
	for (i = 0; i < m.nargs; i++) {
		if (strcmp(back.args[i].key, m.args[i].key) ||
		    strcmp(back.args[i].val, m.args[i].val))
			abort();
	}
	return 0;
}
