/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsecd - the clock that sessions, locks and reply queues count in.
 */
#ifndef CAMSECD_CLOCK_H
#define CAMSECD_CLOCK_H

#include <stdint.h>

/* Monotonic seconds, counting the time suspended too. */
int64_t now_s(void);

#endif
