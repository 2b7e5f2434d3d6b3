/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef CAMSECCTL_NET_H
#define CAMSECCTL_NET_H

/* camsecctl net ...: the netfilter module's ruleset, ports and bans. */
int net_main(int argc, char **argv);

#endif
