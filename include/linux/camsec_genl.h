/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec - the generic netlink family, as the built-in LSM offers it to
 * the camsec modules
 *
 * The family is registered once, by the LSM, so that it exists before any
 * module loads and stays one family (include/uapi/linux/camsec.h). A
 * module serves a range of its commands: while the module is loaded the
 * LSM dispatches them to it, holding a reference on the module for the
 * call or, for a dump, from start to done; otherwise they fail with
 * EOPNOTSUPP. The family validates the attributes first, strictly, with
 * the policies of lsm/netlink_nf.c (info->attrs holds the last of each
 * type; a module walks repeated ones itself). A dump's callbacks may use
 * cb->args[0] to cb->args[4]; args[5] is the LSM's.
 */

#ifndef _LINUX_CAMSEC_GENL_H
#define _LINUX_CAMSEC_GENL_H

#include <net/genetlink.h>
#include <uapi/linux/camsec.h>

#define CAMSEC_NF_SCOPES	16	/* filter scopes, 0 to 15 */

struct camsec_genl_provider {
	struct module *owner;
	const char *name;			/* in the EOPNOTSUPP message */
	u8 first_cmd, last_cmd;
	int (*doit)(struct sk_buff *skb, struct genl_info *info);
	int (*start)(struct netlink_callback *cb);
	int (*dumpit)(struct sk_buff *skb, struct netlink_callback *cb);
	int (*done)(struct netlink_callback *cb);
};

/* The netfilter module's nests, validated already by the family. */
extern const struct nla_policy camsec_nf_port_policy[CAMSEC_NF_PORT_MAX + 1];
extern const struct nla_policy camsec_nf_filter_policy[CAMSEC_NF_FILTER_MAX + 1];

int camsec_genl_register(const struct camsec_genl_provider *provider);
void camsec_genl_unregister(const struct camsec_genl_provider *provider);

/* Message headers of the family: replies, dump entries, events. */
void *camsec_genl_put(struct sk_buff *skb, u32 portid, u32 seq, int flags,
		      u8 cmd);
void *camsec_genl_put_reply(struct sk_buff *skb, struct genl_info *info,
			    u8 cmd);

/* An event for the events group in @net, or NULL if nobody listens there. */
struct sk_buff *camsec_genl_event_new(struct net *net, u8 cmd, void **hdr,
				      gfp_t gfp);
void camsec_genl_event_send(struct net *net, struct sk_buff *skb, void *hdr,
			    gfp_t gfp);

#endif /* _LINUX_CAMSEC_GENL_H */
