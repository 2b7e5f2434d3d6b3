/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsecd - the operations: each request's verb, the role it needs, and
 * its function.
 */
#ifndef CAMSECD_OPS_H
#define CAMSECD_OPS_H

#include <stdbool.h>

struct request;

/* Does a request of @verb count among those before a login? */
bool ops_counted_before_login(const char *verb);

/* Serve @r, or refuse it: either way, replied. */
void ops_dispatch(struct request *r);

#endif
