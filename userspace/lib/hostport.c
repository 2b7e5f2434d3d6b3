// SPDX-License-Identifier: GPL-2.0-only
/* ADDRESS:PORT: see hostport.h. */
#include <stdlib.h>
#include <string.h>

#include "hostport.h"

int hostport_split(const char *spec, char *host, size_t hlen, int *port)
{
	const char *colon = strrchr(spec, ':');
	unsigned long p;
	size_t len;
	char *end;

	if (!colon)
		return -1;
	len = (size_t)(colon - spec);
	if (spec[0] == '[' && len >= 2 && spec[len - 1] == ']') {
		spec++;
		len -= 2;
	}
	if (!len || len >= hlen)
		return -1;
	memcpy(host, spec, len);
	host[len] = '\0';
	p = strtoul(colon + 1, &end, 10);
	if (colon[1] < '0' || colon[1] > '9' || *end || !p || p > 65535)
		return -1;
	*port = (int)p;
	return 0;
}
