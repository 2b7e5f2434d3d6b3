/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The text forms of camsec_nf rules, as camsecctl and camsecd take them:
 *
 *   port   tcp/443  udp/5353@2  tcp/554:risk     proto/num[@scope][:risk]
 *   cidr   10.0.0.0/8  2001:db8::/32@1  192.0.2.7  address[/prefix][@scope]
 *
 * A CIDR list is one entry per line; '#' starts a comment. Errors name the
 * line and column of the first fault.
 */
#ifndef CAMSEC_NETRULES_H
#define CAMSEC_NETRULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NR_SCOPES 16

struct nr_port {
	uint8_t proto;		/* IPPROTO_TCP or IPPROTO_UDP */
	uint16_t num;
	uint8_t scope;
	bool risk;
};

struct nr_cidr {
	uint8_t addr[16];
	uint8_t len;		/* 4 or 16 */
	uint8_t prefix;
	uint8_t scope;
};

struct nr_error {
	unsigned int line, col;	/* 1-based; line 0 for a single item */
	char msg[96];
};

int nr_parse_port(const char *s, struct nr_port *p, struct nr_error *err);
int nr_parse_cidr(const char *s, struct nr_cidr *c, struct nr_error *err);

/*
 * Parse a CIDR list of @len bytes; @add is called for each entry and may
 * fail (returning nonzero stops the parse). 0, or -1 with @err set.
 */
int nr_parse_cidr_list(const char *text, size_t len,
		       int (*add)(const struct nr_cidr *c, void *arg),
		       void *arg, struct nr_error *err);

/* "telnet", "https", ... or NULL. */
const char *nr_service_name(uint8_t proto, uint16_t num);

/* Format @c as text ("10.0.0.0/8@1") into @buf of @size bytes. */
void nr_format_cidr(const struct nr_cidr *c, char *buf, size_t size);

#endif
