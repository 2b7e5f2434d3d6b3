/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The text forms of camsec_nf rules, as camsecctl and camsecd take them:
 *
 *   port   tcp/443  udp/5353@2  tcp/554:risk     proto/num[@scope][:risk]
 *   cidr   10.0.0.0/8  2001:db8::/32@1  192.0.2.7  address[/prefix][@scope]
 *
 * A CIDR list is one entry per line; '#' starts a comment. Errors name the
 * line and column of the first fault.
 *
 * A ruleset is camsecctl's "net set" options, one per line, as
 * /etc/camsec/network.rules and camsecd's stored ruleset hold them:
 *
 *   --port tcp/8443
 *   --filter allow        --cidr 10.0.0.0/8      --ping
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

enum nr_kind {
	NR_PORT, NR_CIDR, NR_FILTER, NR_CONN_MAX, NR_PER_SRC, NR_UDP_PER_SRC,
	NR_V6_PREFIX, NR_PING,
};

/* One option of a ruleset. */
struct nr_option {
	enum nr_kind kind;
	union {
		struct nr_port port;
		struct nr_cidr cidr;
		uint32_t value;		/* a number; the filter's CAMSEC_NF_FILTER_ */
	};
};

/*
 * The option @name ("port", "cidr", "filter", "conn-max", "per-src",
 * "udp-per-src", "v6-prefix", "ping") with @arg (NULL for "ping").
 * 0, or -1 with @err set (err->col in @arg; 0 for the name).
 */
int nr_parse_option(const char *name, const char *arg, struct nr_option *o,
		    struct nr_error *err);

/*
 * Parse a ruleset of @len bytes; @add is called for each option and may
 * fail (nonzero stops the parse). 0, or -1 with @err's line and column.
 */
int nr_parse_ruleset(const char *text, size_t len,
		     int (*add)(const struct nr_option *o, void *arg),
		     void *arg, struct nr_error *err);

/* "telnet", "https", ... or NULL. */
const char *nr_service_name(uint8_t proto, uint16_t num);

/* Format @c as text ("10.0.0.0/8@1") into @buf of @size bytes. */
void nr_format_cidr(const struct nr_cidr *c, char *buf, size_t size);

#endif
