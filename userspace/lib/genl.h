/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A libnl-genl socket on one of the camsec families (the LSM's "camsec",
 * camsec_nf's "camsec_nf"), resolved by name, with the kernel's extended
 * ACK messages reported.
 */
#ifndef CAMSEC_GENL_H
#define CAMSEC_GENL_H

#include <netlink/genl/genl.h>
#include <netlink/msg.h>

struct camsec_genl {
	struct nl_sock *sk;
	int family;
	int version;
	char error[256];	/* the kernel's message for the last failure */
};

/*
 * 0, or -errno (ENOENT: the family @name is not there: no camsec kernel,
 * or the module not loaded).
 */
int camsec_genl_open(struct camsec_genl *g, const char *name, int version);
void camsec_genl_close(struct camsec_genl *g);

/* A request for @cmd; @flags NLM_F_DUMP for a dump. NULL on ENOMEM. */
struct nl_msg *camsec_genl_msg(struct camsec_genl *g, int cmd, int flags);

/*
 * Send @msg (consumed) and read the answer: each message to @parse (may be
 * NULL). 0, or -errno with g->error set to the kernel's message if any.
 */
int camsec_genl_call(struct camsec_genl *g, struct nl_msg *msg,
		     int (*parse)(struct nl_msg *msg, void *arg), void *arg);

#endif
