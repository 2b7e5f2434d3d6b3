/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Sockets that listen, from /proc/net/{tcp,tcp6,udp,udp6}: what the
 * device offers whether or not the firewall opens it.
 */
#ifndef CAMSEC_PROCNET_H
#define CAMSEC_PROCNET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct listener {
	uint8_t proto;		/* IPPROTO_TCP, IPPROTO_UDP */
	uint16_t port;
	bool v6;
	bool loopback;		/* bound to 127.0.0.0/8 or ::1 only */
};

/*
 * Parse one /proc/net table of @len bytes (@proto, @v6 say which): each
 * TCP socket in LISTEN, each UDP socket bound with no peer, to @add.
 * Returns the number found, or -1 if the text is not such a table.
 */
int procnet_parse(const char *text, size_t len, uint8_t proto, bool v6,
		  void (*add)(const struct listener *l, void *arg), void *arg);

#endif
