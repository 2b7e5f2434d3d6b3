// SPDX-License-Identifier: GPL-2.0-only
/*
 * The text forms of camsec_nf rules (see netrules.h).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/camsec.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netrules.h"

#define ITEM_MAX 64	/* longest item: an IPv6 CIDR with a scope */

static int fail(struct nr_error *err, unsigned int col, const char *fmt, ...)
{
	va_list ap;

	err->col = col;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/* A decimal number in [lo, hi] spanning all of s[0..n). */
static int number(const char *s, size_t n, unsigned long lo, unsigned long hi,
		  unsigned long *v)
{
	size_t i;

	if (!n || n > 10)
		return -1;
	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (unsigned long)(s[i] - '0');
	}
	return *v < lo || *v > hi ? -1 : 0;
}

/* Split off "@scope" from the end of s[0..*n); col is s's column. */
static int scope_of(const char *s, size_t *n, uint8_t *scope,
		    struct nr_error *err, unsigned int col)
{
	const char *at = memchr(s, '@', *n);
	unsigned long v;

	*scope = 0;
	if (!at)
		return 0;
	if (number(at + 1, *n - (size_t)(at + 1 - s), 0, NR_SCOPES - 1, &v))
		return fail(err, col + (unsigned int)(at + 1 - s),
			    "scope must be 0 to %d", NR_SCOPES - 1);
	*scope = (uint8_t)v;
	*n = (size_t)(at - s);
	return 0;
}

int nr_parse_port(const char *s, struct nr_port *p, struct nr_error *err)
{
	size_t n = strlen(s), plen;
	const char *slash = strchr(s, '/'), *colon;
	unsigned long v;

	memset(p, 0, sizeof(*p));
	err->line = 0;
	colon = strchr(s, ':');
	if (colon) {
		if (strcmp(colon, ":risk"))
			return fail(err, (unsigned int)(colon - s) + 2,
				    "unknown flag (only ':risk')");
		p->risk = true;
		n = (size_t)(colon - s);
	}
	if (!slash || (size_t)(slash - s) > n)
		return fail(err, 1, "expected proto/port, as tcp/443");
	plen = (size_t)(slash - s);
	if (plen == 3 && !strncmp(s, "tcp", 3))
		p->proto = IPPROTO_TCP;
	else if (plen == 3 && !strncmp(s, "udp", 3))
		p->proto = IPPROTO_UDP;
	else
		return fail(err, 1, "protocol must be tcp or udp");
	n -= plen + 1;
	if (scope_of(slash + 1, &n, &p->scope, err, (unsigned int)plen + 2))
		return -1;
	if (number(slash + 1, n, 1, 65535, &v))
		return fail(err, (unsigned int)plen + 2,
			    "port must be 1 to 65535");
	p->num = (uint16_t)v;
	return 0;
}

/* Does the address have a bit set past @prefix? */
static int host_bits(const uint8_t *a, unsigned int len, unsigned int prefix)
{
	unsigned int i;

	for (i = prefix; i < len * 8; i++)
		if (a[i / 8] & (0x80 >> (i % 8)))
			return 1;
	return 0;
}

/* One CIDR in s[0..n); columns counted from col. */
static int cidr(const char *s, size_t n, struct nr_cidr *c,
		struct nr_error *err, unsigned int col)
{
	char addr[ITEM_MAX];
	const char *slash;
	size_t alen;
	unsigned long v;

	memset(c, 0, sizeof(*c));
	if (n >= ITEM_MAX)
		return fail(err, col, "entry too long");
	if (scope_of(s, &n, &c->scope, err, col))
		return -1;
	slash = memchr(s, '/', n);
	alen = slash ? (size_t)(slash - s) : n;
	memcpy(addr, s, alen);
	addr[alen] = '\0';
	if (inet_pton(AF_INET, addr, c->addr) == 1)
		c->len = 4;
	else if (inet_pton(AF_INET6, addr, c->addr) == 1)
		c->len = 16;
	else
		return fail(err, col, "not an IPv4 or IPv6 address");
	c->prefix = (uint8_t)(c->len * 8);
	if (slash) {
		if (number(slash + 1, n - alen - 1, 0, c->len * 8u, &v))
			return fail(err, col + (unsigned int)alen + 1,
				    "prefix length must be 0 to %u",
				    c->len * 8u);
		c->prefix = (uint8_t)v;
	}
	if (host_bits(c->addr, c->len, c->prefix))
		return fail(err, col, "address has bits set past /%u",
			    c->prefix);
	return 0;
}

int nr_parse_cidr(const char *s, struct nr_cidr *c, struct nr_error *err)
{
	err->line = 0;
	return cidr(s, strlen(s), c, err, 1);
}

static int is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r';
}

/*
 * The line at *@p (before @end): its item, without comment and outer
 * blanks, in [*@tok, *@tend); *@p moves to the next line. The line's
 * start, for columns.
 */
static const char *next_item(const char **p, const char *end,
			     const char **tok, const char **tend)
{
	const char *line = *p, *eol = memchr(line, '\n', (size_t)(end - line));

	if (!eol)
		eol = end;
	*p = eol < end ? eol + 1 : end;
	*tend = memchr(line, '#', (size_t)(eol - line));
	if (!*tend)
		*tend = eol;
	for (*tok = line; *tok < *tend && is_space(**tok); (*tok)++)
		;
	while (*tend > *tok && is_space((*tend)[-1]))
		(*tend)--;
	return line;
}

int nr_parse_cidr_list(const char *text, size_t len,
		       int (*add)(const struct nr_cidr *c, void *arg),
		       void *arg, struct nr_error *err)
{
	const char *p = text, *end = text + len, *line, *tok, *tend;
	struct nr_cidr c;

	for (err->line = 1; p < end; err->line++) {
		line = next_item(&p, end, &tok, &tend);
		if (tok == tend)
			continue;
		if (memchr(tok, '\0', (size_t)(tend - tok)))
			return fail(err, (unsigned int)(tok - line) + 1,
				    "NUL byte");
		for (const char *q = tok; q < tend; q++)
			if (is_space(*q))
				return fail(err, (unsigned int)(q - line) + 1,
					    "one entry per line");
		if (cidr(tok, (size_t)(tend - tok), &c, err,
			 (unsigned int)(tok - line) + 1))
			return -1;
		if (add(&c, arg))
			return fail(err, (unsigned int)(tok - line) + 1,
				    "too many entries");
	}
	err->line = 0;
	return 0;
}

static const struct {
	const char *name;
	enum nr_kind kind;
	unsigned long max;		/* a number's; 0: not a number */
} options[] = {
	{ "port", NR_PORT, 0 },		{ "cidr", NR_CIDR, 0 },
	{ "filter", NR_FILTER, 0 },	{ "conn-max", NR_CONN_MAX, UINT32_MAX },
	{ "per-src", NR_PER_SRC, UINT32_MAX },
	{ "udp-per-src", NR_UDP_PER_SRC, UINT32_MAX },
	{ "v6-prefix", NR_V6_PREFIX, 128 },	{ "ping", NR_PING, 0 },
};

static int filter_mode(const char *arg, uint32_t *mode, struct nr_error *err)
{
	if (!strcmp(arg, "off"))
		*mode = CAMSEC_NF_FILTER_OFF;
	else if (!strcmp(arg, "allow"))
		*mode = CAMSEC_NF_FILTER_ALLOW;
	else if (!strcmp(arg, "deny"))
		*mode = CAMSEC_NF_FILTER_DENY;
	else
		return fail(err, 1, "filter is off, allow or deny");
	return 0;
}

int nr_parse_option(const char *name, const char *arg, struct nr_option *o,
		    struct nr_error *err)
{
	unsigned long v;
	size_t i;

	memset(o, 0, sizeof(*o));
	err->line = 0;
	for (i = 0; i < sizeof(options) / sizeof(options[0]); i++)
		if (!strcmp(options[i].name, name))
			break;
	if (i == sizeof(options) / sizeof(options[0]))
		return fail(err, 0, "unknown option --%s", name);
	o->kind = options[i].kind;
	if (o->kind == NR_PING)
		return arg ? fail(err, 1, "--ping takes no value") : 0;
	if (!arg)
		return fail(err, 0, "--%s needs a value", name);
	switch (o->kind) {
	case NR_PORT:
		return nr_parse_port(arg, &o->port, err);
	case NR_CIDR:
		return nr_parse_cidr(arg, &o->cidr, err);
	case NR_FILTER:
		return filter_mode(arg, &o->value, err);
	default:
		if (number(arg, strlen(arg), 0, options[i].max, &v))
			return fail(err, 1, "--%s must be 0 to %lu", name,
				    options[i].max);
		o->value = (uint32_t)v;
		return 0;
	}
}

/* One line's option, "--NAME" or "--NAME VALUE", in tok[0..n). */
static int ruleset_line(const char *tok, size_t n, unsigned int col,
			struct nr_option *o, struct nr_error *err)
{
	char name[16], arg[ITEM_MAX + 8];
	const char *sp = tok;
	size_t nlen;

	if (n < 3 || tok[0] != '-' || tok[1] != '-')
		return fail(err, col, "expected an option, as --port tcp/443");
	while (sp < tok + n && !is_space(*sp))
		sp++;
	nlen = (size_t)(sp - tok) - 2;
	if (nlen >= sizeof(name))
		return fail(err, col, "unknown option");
	memcpy(name, tok + 2, nlen);
	name[nlen] = '\0';
	while (sp < tok + n && is_space(*sp))
		sp++;
	if (sp < tok + n) {
		size_t alen = (size_t)(tok + n - sp);

		if (alen >= sizeof(arg))
			return fail(err, col + (unsigned int)(sp - tok),
				    "value too long");
		memcpy(arg, sp, alen);
		arg[alen] = '\0';
		if (strchr(arg, ' ') || strchr(arg, '\t'))
			return fail(err, col + (unsigned int)(sp - tok),
				    "one option per line");
	}
	if (!nr_parse_option(name, sp < tok + n ? arg : NULL, o, err))
		return 0;
	err->col = err->col ? col + (unsigned int)(sp - tok) + err->col - 1 : col;
	return -1;
}

int nr_parse_ruleset(const char *text, size_t len,
		     int (*add)(const struct nr_option *o, void *arg),
		     void *arg, struct nr_error *err)
{
	const char *p = text, *end = text + len, *line, *tok, *tend;
	unsigned int n;
	struct nr_option o;

	for (n = 1; p < end; n++) {
		line = next_item(&p, end, &tok, &tend);
		if (tok == tend)
			continue;
		if (memchr(tok, '\0', (size_t)(tend - tok))) {
			fail(err, (unsigned int)(tok - line) + 1, "NUL byte");
		} else if (!ruleset_line(tok, (size_t)(tend - tok),
					 (unsigned int)(tok - line) + 1, &o, err)) {
			if (!add(&o, arg))
				continue;
			fail(err, (unsigned int)(tok - line) + 1, "too many rules");
		}
		err->line = n;
		return -1;
	}
	err->line = 0;
	return 0;
}

static const struct {
	uint8_t proto;
	uint16_t num;
	const char *name;
} services[] = {
	{ IPPROTO_TCP, 21, "ftp" },	{ IPPROTO_TCP, 22, "ssh" },
	{ IPPROTO_TCP, 23, "telnet" },	{ IPPROTO_UDP, 53, "dns" },
	{ IPPROTO_UDP, 67, "dhcp-server" }, { IPPROTO_UDP, 68, "dhcp-client" },
	{ IPPROTO_UDP, 69, "tftp" },	{ IPPROTO_TCP, 80, "http" },
	{ IPPROTO_UDP, 123, "ntp" },	{ IPPROTO_UDP, 161, "snmp" },
	{ IPPROTO_TCP, 443, "https" },	{ IPPROTO_TCP, 554, "rtsp" },
	{ IPPROTO_UDP, 554, "rtsp" },	{ IPPROTO_TCP, 1935, "rtmp" },
	{ IPPROTO_TCP, 322, "rtsps" },	{ IPPROTO_UDP, 1900, "ssdp" },
	{ IPPROTO_UDP, 3702, "ws-discovery (onvif)" },
	{ IPPROTO_UDP, 5353, "mdns" },	{ IPPROTO_TCP, 8080, "http-alt" },
	{ IPPROTO_TCP, 8443, "https-alt" }, { IPPROTO_TCP, 8554, "rtsp-alt" },
};

const char *nr_service_name(uint8_t proto, uint16_t num)
{
	size_t i;

	for (i = 0; i < sizeof(services) / sizeof(services[0]); i++)
		if (services[i].proto == proto && services[i].num == num)
			return services[i].name;
	return NULL;
}

void nr_format_cidr(const struct nr_cidr *c, char *buf, size_t size)
{
	char a[INET6_ADDRSTRLEN];

	inet_ntop(c->len == 4 ? AF_INET : AF_INET6, c->addr, a, sizeof(a));
	if (c->scope)
		snprintf(buf, size, "%s/%u@%u", a, c->prefix, c->scope);
	else
		snprintf(buf, size, "%s/%u", a, c->prefix);
}
