/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading a password from a terminal without echo (draft 6.2.4i). */
#ifndef CAMSEC_ASKPASS_H
#define CAMSEC_ASKPASS_H

#include <stddef.h>

/*
 * Show @prompt on the terminal @fd, read one line with echo off, and put
 * it in @buf (NUL-terminated, without the newline). The terminal's mode is
 * restored whatever happens. The length, or -1: @fd is no terminal
 * (ENOTTY), the line does not fit (EMSGSIZE: the rest is read and
 * dropped), or end of input.
 */
int askpass(int fd, const char *prompt, char *buf, size_t len);

#endif
