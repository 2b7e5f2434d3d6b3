// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecd - the clock (clock.h)
 */
#define _GNU_SOURCE
#include <time.h>

#include "clock.h"

int64_t now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return ts.tv_sec;
}
