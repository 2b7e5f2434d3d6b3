/* SPDX-License-Identifier: GPL-2.0-only */
/* A UDP socket for ADDR:PORT, to send to or to listen on. */
#ifndef CAMSEC_UDPSOCK_H
#define CAMSEC_UDPSOCK_H

#include <stdbool.h>

/* Connected to @spec, or bound to it (@listen): the fd, or -1. */
int udp_socket(const char *spec, bool listen);

#endif
