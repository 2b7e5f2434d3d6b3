/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsecd - the device's identity: its key, made on the device and kept
 * sealed, and the certificate that remote management presents.
 */
#ifndef CAMSECD_IDENTITY_H
#define CAMSECD_IDENTITY_H

#include <stddef.h>

struct camsecd;
struct request;

/* At start, after the trail: the identity read, or made at the first. */
int identity_init(struct camsecd *d);
void identity_free(struct camsecd *d);
/* "sha256:" and the certificate's SHA-256 in hex, into @out. */
void identity_fingerprint(const struct camsecd *d, char *out, size_t len);
void op_identity(struct request *r);

#endif
