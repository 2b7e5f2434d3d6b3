// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec_nf - a network namespace's state, and its counters
 */

#include <linux/percpu.h>
#include <net/netns/generic.h>

#include "net.h"

unsigned int camsec_nf_net_id __read_mostly;

struct camsec_nf_net *camsec_nf_pernet(const struct net *net)
{
	return net_generic(net, camsec_nf_net_id);
}

u64 camsec_nf_counter(const struct camsec_nf_net *nn, int c)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += READ_ONCE(per_cpu_ptr(nn->counters, cpu)[c]);
	return sum;
}
