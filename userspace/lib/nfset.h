/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A camsec_nf ruleset (netrules.h) as the attributes of a
 * CAMSEC_CMD_NF_SET request: camsecctl's and camsecd's.
 */
#ifndef CAMSEC_NFSET_H
#define CAMSEC_NFSET_H

#include <netlink/msg.h>

#include "netrules.h"

/* Add @o to @msg: 0, or -1 when it does not fit. */
int nfset_put(struct nl_msg *msg, const struct nr_option *o);

/* nfset_put() as nr_parse_ruleset()'s callback; @arg is the nl_msg. */
int nfset_add(const struct nr_option *o, void *arg);

#endif
