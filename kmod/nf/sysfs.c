// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec_nf - a read-only view for integrators, /sys/kernel/camsec_nf/:
 * the initial network namespace's mode, limits, open ports and counters.
 * Other namespaces are read over netlink (CAMSEC_NF_CMD_GET).
 */

#include <linux/kobject.h>
#include <linux/sysfs.h>

#include "net.h"
#include "sysfs.h"

static struct kobject *camsec_nf_kobj;

static const char *const mode_names[] = CAMSEC_NF_FILTER_MODE_NAMES;

static const char *const counter_names[] = CAMSEC_NF_COUNTER_NAMES;

/* "none" without a ruleset: every port is open then. */
static ssize_t settings_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf)
{
	struct camsec_nf_net *nn = camsec_nf_pernet(&init_net);
	const struct camsec_nf_ruleset *rs;
	ssize_t len;

	rcu_read_lock();
	rs = rcu_dereference(nn->ruleset);
	if (!rs) {
		len = sysfs_emit(buf, "none\n");
	} else {
		len = sysfs_emit(buf, "filter %s\nfilter_entries %u\n",
				 mode_names[rs->filter_mode], rs->nfilters);
		len += sysfs_emit_at(buf, len,
				     "conn_max %u\nconn_max_per_src %u\nudp_max_per_src %u\nv6_prefix %u\nping %u\n",
				     rs->conn_max, rs->conn_max_per_src,
				     rs->udp_max_per_src, rs->v6_prefix,
				     rs->accept_ping);
	}
	rcu_read_unlock();
	return len;
}

/* One line per open port: proto, port, scope, risk, packets accepted. */
static ssize_t ports_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	struct camsec_nf_net *nn = camsec_nf_pernet(&init_net);
	const struct camsec_nf_ruleset *rs;
	const struct camsec_nf_port *p;
	ssize_t len = 0;
	u32 i;

	rcu_read_lock();
	rs = rcu_dereference(nn->ruleset);
	for (i = 0; rs && i < rs->nports; i++) {
		p = &rs->ports[i];
		len += sysfs_emit_at(buf, len, "%s %u scope %u%s packets %llu\n",
				     p->proto == IPPROTO_TCP ? "tcp" : "udp",
				     p->num, p->scope, p->risk ? " risk" : "",
				     camsec_nf_hits(rs, i));
	}
	rcu_read_unlock();
	return len;
}

static ssize_t counters_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf)
{
	struct camsec_nf_net *nn = camsec_nf_pernet(&init_net);
	ssize_t len = 0;
	int c;

	for (c = CAMSEC_NF_C_ACCEPTED; c <= CAMSEC_NF_C_MAX; c++)
		len += sysfs_emit_at(buf, len, "%s %llu\n", counter_names[c],
				     camsec_nf_counter(nn, c));
	return len;
}

static struct kobj_attribute settings_attr = __ATTR_RO(settings);
static struct kobj_attribute ports_attr = __ATTR_RO(ports);
static struct kobj_attribute counters_attr = __ATTR_RO(counters);

static struct attribute *camsec_nf_attrs[] = {
	&settings_attr.attr,
	&ports_attr.attr,
	&counters_attr.attr,
	NULL,
};

static const struct attribute_group camsec_nf_group = {
	.attrs = camsec_nf_attrs,
};

int camsec_nf_sysfs_init(void)
{
	int err;

	camsec_nf_kobj = kobject_create_and_add("camsec_nf", kernel_kobj);
	if (!camsec_nf_kobj)
		return -ENOMEM;
	err = sysfs_create_group(camsec_nf_kobj, &camsec_nf_group);
	if (err)
		kobject_put(camsec_nf_kobj);
	return err;
}

void camsec_nf_sysfs_exit(void)
{
	kobject_put(camsec_nf_kobj);
}
