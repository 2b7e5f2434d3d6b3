/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsecd - the console login (-L TTY): camsec-login on the tty, started
 * again whenever it ends.
 */
#ifndef CAMSECD_CONSOLE_H
#define CAMSECD_CONSOLE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct camsecd;
struct client;

/* The tick: a console without its login gets one, at most one a second. */
void console_tick(struct camsecd *d, int64_t now);
/* Was @pid the console's login? Then another one starts at the tick. */
bool console_reaped(struct camsecd *d, pid_t pid, int status);
/* At stop: the login ends. */
void console_stop(struct camsecd *d);
/* When was @c's program last in use (now_s() time)? */
int64_t console_used_at(const struct camsecd *d, const struct client *c,
			int64_t now);

#endif
