// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sockets that listen, from /proc/net/{tcp,tcp6,udp,udp6}.
 *
 *   sl  local_address                         rem_address   st ...
 *    0: 00000000:0016 00000000:0000 0A ...
 *    0: 00000000000000000000000001000000:0016 000...:0000 0A ...
 *
 * Addresses are hex words in the kernel's byte order, which is what the
 * loopback test compares against; the port is big-endian hex.
 */
#define _GNU_SOURCE
#include <netinet/in.h>
#include <string.h>

#include "procnet.h"

#define TCP_LISTEN	0x0A
#define UDP_UNCONNECTED	0x07

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* @n hex digits at *p into bytes (two digits each); p moves past them. */
static int hex_bytes(const char **p, const char *end, uint8_t *out, size_t n)
{
	size_t i;
	int hi, lo;

	if ((size_t)(end - *p) < 2 * n)
		return -1;
	for (i = 0; i < n; i++) {
		hi = hexval((*p)[2 * i]);
		lo = hexval((*p)[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	*p += 2 * n;
	return 0;
}

/* "ADDR:PORT" at *p; the address is @alen bytes. */
static int endpoint(const char **p, const char *end, uint8_t *addr,
		    size_t alen, uint16_t *port)
{
	uint8_t pb[2];

	if (hex_bytes(p, end, addr, alen) || *p >= end || **p != ':')
		return -1;
	(*p)++;
	if (hex_bytes(p, end, pb, 2))
		return -1;
	*port = (uint16_t)(pb[0] << 8 | pb[1]);
	return 0;
}

static void skip_spaces(const char **p, const char *end)
{
	while (*p < end && **p == ' ')
		(*p)++;
}

static bool all_zero(const uint8_t *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i])
			return false;
	return true;
}

/* Loopback, from the kernel's words as printed (host order, x86/arm LE). */
static bool is_loopback(const uint8_t *a, bool v6)
{
	static const uint8_t v6_lo[16] = { [12] = 1 };

	if (!v6)
		return a[3] == 127;
	return !memcmp(a, v6_lo, 16);
}

static int parse_line(const char *p, const char *end, uint8_t proto, bool v6,
		      struct listener *l)
{
	size_t alen = v6 ? 16 : 4;
	uint8_t local[16], remote[16], st;
	uint16_t rport;

	skip_spaces(&p, end);
	while (p < end && *p != ':')	/* "sl" */
		p++;
	if (p++ >= end)
		return -1;
	skip_spaces(&p, end);
	if (endpoint(&p, end, local, alen, &l->port))
		return -1;
	skip_spaces(&p, end);
	if (endpoint(&p, end, remote, alen, &rport))
		return -1;
	skip_spaces(&p, end);
	if (hex_bytes(&p, end, &st, 1))
		return -1;
	l->proto = proto;
	l->v6 = v6;
	l->loopback = is_loopback(local, v6);
	if (proto == IPPROTO_TCP)
		return st == TCP_LISTEN;
	return st == UDP_UNCONNECTED && !rport && all_zero(remote, alen);
}

int procnet_parse(const char *text, size_t len, uint8_t proto, bool v6,
		  void (*add)(const struct listener *l, void *arg), void *arg)
{
	const char *p = text, *end = text + len, *eol;
	struct listener l;
	int found = 0, r;

	eol = memchr(p, '\n', len);
	if (!eol || !memmem(p, (size_t)(eol - p), "local_address", 13))
		return -1;	/* not a /proc/net socket table */
	for (p = eol + 1; p < end; p = eol + 1) {
		eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		r = parse_line(p, eol, proto, v6, &l);
		if (r < 0)
			return -1;
		if (r) {
			add(&l, arg);
			found++;
		}
	}
	return found;
}
