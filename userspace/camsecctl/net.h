/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef CAMSECCTL_NET_H
#define CAMSECCTL_NET_H

/* camsecctl net ...: the netfilter module's ruleset, ports and bans. */
int net_main(int argc, char **argv);

/*
 * The options of "net set" (argv[0] is "set") as a ruleset's text, for
 * camsecd: 0, 1 after printing the fault, 2 after the usage.
 */
int net_rules_text(int argc, char **argv, char *out, size_t len);

#endif
