/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsecd - the state directory's files, sealed under the device key by
 * the kernel when camsecd is the authority, else plain. Each function
 * returns 0 or -errno, with d->genl.error set on the kernel's refusal.
 */
#ifndef CAMSECD_SEAL_H
#define CAMSECD_SEAL_H

#include <stddef.h>

struct camsecd;

/* @name's path in the state directory. */
void state_path(const struct camsecd *d, const char *name, char *out,
		size_t len);
/* The device key, loaded or made, and checked. */
int seal_init(struct camsecd *d);
/* The state file @name, opened: at most @max bytes, malloc'd, NUL-ended. */
int seal_read(struct camsecd *d, const char *name, size_t max, char **buf,
	      size_t *len);
/* Replace the state file @name with @buf, sealed, labelled @label. */
int seal_write(struct camsecd *d, const char *name, const char *label,
	       const void *buf, size_t len);

#endif
