/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef CAMSEC_HOSTPORT_H
#define CAMSEC_HOSTPORT_H

#include <stddef.h>

/*
 * "10.9.4.1:8443" or "[fd00::1]:8443": the address text into @host (of
 * @hlen bytes) and the port (1-65535): 0, or -1 if @spec is neither.
 */
int hostport_split(const char *spec, char *host, size_t hlen, int *port);

#endif
