/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsecd - the network ruleset of camsec_nf, stored and applied, and
 * the bans of sources locked out.
 */
#ifndef CAMSECD_NETWORK_H
#define CAMSECD_NETWORK_H

#include "proto.h"

#define NETWORK_TEXT_MAX PROTO_LINE_MAX	/* a ruleset fits one request */

struct camsecd;
struct request;

/* The stored ruleset, applied again: 0, or -errno if it cannot be read. */
int network_init(struct camsecd *d);
/* After a factory reset: the factory's ruleset, applied again. */
void network_reset(struct camsecd *d);
/* Ban @source's block for the lock period; or lift the bans over it. */
int network_ban(struct camsecd *d, const char *source);
int network_unban(struct camsecd *d, const char *source);
void op_net_set(struct request *r);
void op_net_show(struct request *r);

#endif
