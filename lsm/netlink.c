// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec LSM - the camsec generic netlink family
 *
 * The family lives in the built-in LSM so that it exists before any camsec
 * module loads; the modules serve their commands through it (providers,
 * include/linux/camsec_genl.h). The LSM's own events go to the initial
 * network namespace only, to listeners with CAP_SYS_ADMIN; a module's go
 * to the namespace they concern.
 */

#define pr_fmt(fmt) "camsec: " fmt

#include <linux/camsec_genl.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>

#include "appsig.h"
#include "event.h"
#include "netlink.h"
#include "seal.h"

enum camsec_mcgrp { CAMSEC_MCGRP_EVENTS_ID };

static const struct genl_multicast_group camsec_mcgrps[] = {
	[CAMSEC_MCGRP_EVENTS_ID] = {
		.name = CAMSEC_MCGRP_EVENTS,
#ifdef GENL_MCAST_CAP_SYS_ADMIN
		.flags = GENL_MCAST_CAP_SYS_ADMIN,
#endif
	},
};

static struct genl_family camsec_family;
static bool registered __ro_after_init;

#define PROVIDERS_MAX	4
static const struct camsec_genl_provider __rcu *providers[PROVIDERS_MAX];
static DEFINE_MUTEX(providers_mutex);

static const struct nla_policy camsec_policy[CAMSEC_A_MAX + 1] = {};

static int appsig_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct camsec_appsig_stats st;
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &camsec_family, 0,
				CAMSEC_CMD_APPSIG_GET);
	if (!hdr)
		goto nospace;
	camsec_appsig_stats(&st);
	if (nla_put_u8(msg, CAMSEC_A_APPSIG_MODE, camsec_appsig_mode()) ||
	    nla_put_u8(msg, CAMSEC_A_APPSIG_LOCKED, camsec_appsig_locked()) ||
	    nla_put_u64_64bit(msg, CAMSEC_A_APPSIG_VERIFIED, st.verified,
			      CAMSEC_A_PAD) ||
	    nla_put_u64_64bit(msg, CAMSEC_A_APPSIG_CACHE_HITS, st.cache_hits,
			      CAMSEC_A_PAD) ||
	    nla_put_u64_64bit(msg, CAMSEC_A_APPSIG_DENIED, st.denied,
			      CAMSEC_A_PAD) ||
	    nla_put_u64_64bit(msg, CAMSEC_A_APPSIG_LOGGED, st.logged,
			      CAMSEC_A_PAD) ||
	    nla_put_u64_64bit(msg, CAMSEC_A_APPSIG_SUPPRESSED,
			      camsec_events_suppressed(), CAMSEC_A_PAD))
		goto nospace;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nospace:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

/* The provider of @cmd, with a reference on its module; NULL if none. */
static const struct camsec_genl_provider *provider_get(u8 cmd)
{
	const struct camsec_genl_provider *p;
	int i;

	rcu_read_lock();
	for (i = 0; i < PROVIDERS_MAX; i++) {
		p = rcu_dereference(providers[i]);
		if (p && cmd >= p->first_cmd && cmd <= p->last_cmd &&
		    try_module_get(p->owner))
			break;
	}
	rcu_read_unlock();
	return i < PROVIDERS_MAX ? p : NULL;
}

static int provider_doit(struct sk_buff *skb, struct genl_info *info)
{
	const struct camsec_genl_provider *p;
	int err = -EOPNOTSUPP;

	p = provider_get(info->genlhdr->cmd);
	if (!p) {
		GENL_SET_ERR_MSG(info, "no camsec module serves this command (not loaded)");
		return -EOPNOTSUPP;
	}
	if (p->doit)
		err = p->doit(skb, info);
	module_put(p->owner);
	return err;
}

/* A dump holds its provider's module from start to done. */
static int provider_start(struct netlink_callback *cb)
{
	const struct genlmsghdr *ghdr = nlmsg_data(cb->nlh);
	const struct camsec_genl_provider *p;
	int err;

	p = provider_get(ghdr->cmd);
	if (!p) {
		NL_SET_ERR_MSG(cb->extack, "no camsec module serves this command (not loaded)");
		return -EOPNOTSUPP;
	}
	err = p->dumpit ? 0 : -EOPNOTSUPP;
	if (!err && p->start)
		err = p->start(cb);
	if (err) {
		module_put(p->owner);
		return err;
	}
	cb->args[5] = (unsigned long)p;
	return 0;
}

static int provider_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct camsec_genl_provider *p = (void *)cb->args[5];

	return p->dumpit(skb, cb);
}

static int provider_done(struct netlink_callback *cb)
{
	const struct camsec_genl_provider *p = (void *)cb->args[5];
	int err = 0;

	if (!p)
		return 0;
	if (p->done)
		err = p->done(cb);
	module_put(p->owner);
	return err;
}

static const struct camsec_genl_provider *provider_at(int i)
{
	return rcu_dereference_protected(providers[i],
					 lockdep_is_held(&providers_mutex));
}

int camsec_genl_register(const struct camsec_genl_provider *provider)
{
	const struct camsec_genl_provider *p;
	int i, free = -1, err = 0;

	if (!registered)
		return -ENODEV;
	mutex_lock(&providers_mutex);
	for (i = 0; i < PROVIDERS_MAX; i++) {
		p = provider_at(i);
		if (!p && free < 0)
			free = i;
		if (p && provider->first_cmd <= p->last_cmd &&
		    p->first_cmd <= provider->last_cmd)
			err = -EBUSY;
	}
	if (!err && free < 0)
		err = -ENOSPC;
	if (!err)
		rcu_assign_pointer(providers[free], provider);
	mutex_unlock(&providers_mutex);
	return err;
}
EXPORT_SYMBOL_GPL(camsec_genl_register);

/* After this, no call reaches @provider (its module holds no reference). */
void camsec_genl_unregister(const struct camsec_genl_provider *provider)
{
	int i;

	mutex_lock(&providers_mutex);
	for (i = 0; i < PROVIDERS_MAX; i++)
		if (rcu_access_pointer(providers[i]) == provider)
			RCU_INIT_POINTER(providers[i], NULL);
	mutex_unlock(&providers_mutex);
	synchronize_rcu();
}
EXPORT_SYMBOL_GPL(camsec_genl_unregister);

#define PROVIDED_DO(c, p, max) \
	{ .cmd = (c), .doit = provider_doit, .flags = GENL_ADMIN_PERM, \
	  .policy = (p), .maxattr = (max) }
#define PROVIDED_DUMP(c) \
	{ .cmd = (c), .start = provider_start, .dumpit = provider_dumpit, \
	  .done = provider_done, .flags = GENL_ADMIN_PERM }

static const struct genl_ops camsec_ops[] = {
	{
		.cmd = CAMSEC_CMD_APPSIG_GET,
		.doit = appsig_get_doit,
		.policy = camsec_policy,
		.maxattr = CAMSEC_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = CAMSEC_CMD_SEAL,
		.doit = camsec_seal_doit,
		.policy = camsec_seal_policy,
		.maxattr = CAMSEC_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = CAMSEC_CMD_OPEN,
		.doit = camsec_seal_doit,
		.policy = camsec_seal_policy,
		.maxattr = CAMSEC_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	PROVIDED_DO(CAMSEC_CMD_NF_SET, camsec_nf_set_policy, CAMSEC_NF_A_MAX),
	PROVIDED_DUMP(CAMSEC_CMD_NF_GET),
	PROVIDED_DO(CAMSEC_CMD_NF_BAN_ADD, camsec_nf_ban_policy,
		    CAMSEC_NF_A_MAX),
	PROVIDED_DO(CAMSEC_CMD_NF_BAN_DEL, camsec_nf_ban_policy,
		    CAMSEC_NF_A_MAX),
	PROVIDED_DUMP(CAMSEC_CMD_NF_BAN_GET),
};

/* Each command has its own policy; a dump takes no attributes. */
static struct genl_family camsec_family __ro_after_init = {
	.name = CAMSEC_GENL_NAME,
	.version = CAMSEC_GENL_VERSION,
	.netnsok = true,
	.module = THIS_MODULE,
	.ops = camsec_ops,
	.n_ops = ARRAY_SIZE(camsec_ops),
	.resv_start_op = CAMSEC_CMD_APPSIG_EVENT + 1,
	.mcgrps = camsec_mcgrps,
	.n_mcgrps = ARRAY_SIZE(camsec_mcgrps),
};

void *camsec_genl_put(struct sk_buff *skb, u32 portid, u32 seq, int flags,
		      u8 cmd)
{
	return genlmsg_put(skb, portid, seq, &camsec_family, flags, cmd);
}
EXPORT_SYMBOL_GPL(camsec_genl_put);

void *camsec_genl_put_reply(struct sk_buff *skb, struct genl_info *info,
			    u8 cmd)
{
	return genlmsg_put_reply(skb, info, &camsec_family, 0, cmd);
}
EXPORT_SYMBOL_GPL(camsec_genl_put_reply);

/* A message for the events group in @net, or NULL if nobody listens. */
struct sk_buff *camsec_genl_event_new(struct net *net, u8 cmd, void **hdr,
				      gfp_t gfp)
{
	struct sk_buff *skb;

	if (!registered || !genl_has_listeners(&camsec_family, net,
					       CAMSEC_MCGRP_EVENTS_ID))
		return NULL;
	skb = genlmsg_new(NLMSG_GOODSIZE, gfp);
	if (!skb)
		return NULL;
	*hdr = genlmsg_put(skb, 0, 0, &camsec_family, 0, cmd);
	if (!*hdr) {
		nlmsg_free(skb);
		return NULL;
	}
	return skb;
}
EXPORT_SYMBOL_GPL(camsec_genl_event_new);

void camsec_genl_event_send(struct net *net, struct sk_buff *skb, void *hdr,
			    gfp_t gfp)
{
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&camsec_family, net, skb, 0,
				CAMSEC_MCGRP_EVENTS_ID, gfp);
}
EXPORT_SYMBOL_GPL(camsec_genl_event_send);

int __init camsec_netlink_init(void)
{
	int err = genl_register_family(&camsec_family);

	if (err)
		pr_err("cannot register the %s netlink family: %d\n",
		       CAMSEC_GENL_NAME, err);
	else
		registered = true;
	return err;
}
