/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsecd - the operations: each request's verb, the role it needs, and
 * its function.
 */
#ifndef CAMSECD_OPS_H
#define CAMSECD_OPS_H

struct request;

/* Serve @r, or refuse it: either way, replied. */
void ops_dispatch(struct request *r);

#endif
