// SPDX-License-Identifier: GPL-2.0-only
/*
 * A UDP socket for ADDR:PORT (the last colon splits, so "[::1]" is not
 * needed for IPv6: "fd00::2:5000"). Buffers are forced large: a video
 * record is dozens of datagrams.
 */
#define _GNU_SOURCE
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "udpsock.h"

int udp_socket(const char *spec, bool listen)
{
	struct addrinfo hints = { .ai_socktype = SOCK_DGRAM,
				  .ai_flags = listen ? AI_PASSIVE : 0 }, *ai;
	const char *port = strrchr(spec, ':');
	int fd, buf = listen ? 16 << 20 : 4 << 20;
	char host[256];

	if (!port || (size_t)(port - spec) >= sizeof(host))
		return -1;
	memcpy(host, spec, (size_t)(port - spec));
	host[port - spec] = '\0';
	if (getaddrinfo(host, port + 1, &hints, &ai))
		return -1;
	fd = socket(ai->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd >= 0) {
		setsockopt(fd, SOL_SOCKET, listen ? SO_RCVBUFFORCE : SO_SNDBUFFORCE,
			   &buf, sizeof(buf));
		if ((listen ? bind(fd, ai->ai_addr, ai->ai_addrlen) :
			      connect(fd, ai->ai_addr, ai->ai_addrlen)) < 0) {
			close(fd);
			fd = -1;
		}
	}
	freeaddrinfo(ai);
	return fd;
}
