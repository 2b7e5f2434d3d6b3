// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec_nf - port restriction, IP filtering, connection limits and bans
 * for an IP camera, in every network namespace
 *
 * A namespace's hooks accept everything until a ruleset is set over the
 * camsec_nf generic netlink family (netlink.c); from then on only what the
 * ruleset opens reaches the device (hook.c).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include "hook.h"
#include "net.h"
#include "netlink.h"
#include "sysfs.h"

static int __net_init camsec_nf_net_init(struct net *net)
{
	struct camsec_nf_net *nn = camsec_nf_pernet(net);
	int err;

	nn->net = net;
	nn->counters = __alloc_percpu(sizeof(u64) * __CAMSEC_NF_C_MAX,
				      sizeof(u64));
	if (!nn->counters)
		return -ENOMEM;
	mutex_init(&nn->lock);
	camsec_nf_bans_init(&nn->bans);
	ratelimit_state_init(&nn->event_limit, 5 * HZ, 20);
	ratelimit_set_flags(&nn->event_limit, RATELIMIT_MSG_ON_RELEASE);
	err = camsec_nf_connlimit_init(net, &nn->limit);
	if (err)
		goto free;
	err = camsec_nf_hooks_register(net);
	if (!err)
		return 0;
	camsec_nf_connlimit_exit(net, &nn->limit);
free:
	free_percpu(nn->counters);
	return err;
}

static void __net_exit camsec_nf_net_exit(struct net *net)
{
	struct camsec_nf_net *nn = camsec_nf_pernet(net);

	camsec_nf_hooks_unregister(net);
	camsec_nf_ruleset_put(rcu_replace_pointer(nn->ruleset, NULL, true));
	camsec_nf_connlimit_exit(net, &nn->limit);
	camsec_nf_bans_exit(&nn->bans);
	free_percpu(nn->counters);
}

static struct pernet_operations camsec_nf_net_ops = {
	.init = camsec_nf_net_init,
	.exit = camsec_nf_net_exit,
	.id = &camsec_nf_net_id,
	.size = sizeof(struct camsec_nf_net),
};

static int __init camsec_nf_init(void)
{
	int err = register_pernet_subsys(&camsec_nf_net_ops);

	if (err)
		return err;
	err = camsec_nf_sysfs_init();
	if (err)
		goto pernet;
	err = camsec_nf_netlink_init();
	if (err)
		goto sysfs;
	pr_info("loaded: inbound traffic restricted once a ruleset is set\n");
	return 0;
sysfs:
	camsec_nf_sysfs_exit();
pernet:
	unregister_pernet_subsys(&camsec_nf_net_ops);
	return err;
}

static void __exit camsec_nf_exit(void)
{
	camsec_nf_netlink_exit();
	camsec_nf_sysfs_exit();
	unregister_pernet_subsys(&camsec_nf_net_ops);
	rcu_barrier();		/* rulesets freed by call_rcu */
}

module_init(camsec_nf_init);
module_exit(camsec_nf_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("camsec: port restriction, IP filtering, connection limits, bans");
MODULE_AUTHOR("camsec developers");
