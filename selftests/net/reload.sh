#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# camsec_nf unloads and loads again while connections come and go: every
# cycle unloads cleanly, the ruleset set after each load applies, and the
# namespaces' teardown afterwards leaves nothing (the debug kernel's
# kmemleak and KASAN report in dmesg, which the harness scans).
. ../lib.sh
. ./common.sh

ktap_plan 3
traffic() {
	while :; do
		$ip netns exec peer "$bin/conn" try 10.9.0.1 443 > /dev/null
		$ip netns exec peer "$bin/conn" try -u fd00::1 443 > /dev/null
	done
}
traffic &
load=$!
cycles() {
	i=0
	while [ $i -lt 10 ]; do
		$ctl net set --port tcp/443 --port udp/443 --per-src 4 || return 1
		$ctl net ban 10.9.0.9 60 || return 1
		sleep 0.3
		rmmod camsec_nf || { echo "rmmod failed on cycle $i"; return 1; }
		insmod /lib/modules/camsec/camsec_nf.ko || return 1
		i=$((i + 1))
	done
}
ktap_check unload_load_under_traffic_10x cycles
kill $load; wait $load 2>/dev/null
ktap_check fresh_module_has_no_ruleset sh -c "$ctl net show | grep -qx 'no ruleset is set: every packet is accepted'"
applies() {
	$ctl net set --port tcp/443 && reaches 10.9.0.1 443 && blocked 10.9.0.1 8000
}
ktap_check ruleset_applies_after_reload applies
ktap_finish
