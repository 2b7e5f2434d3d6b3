#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The per-source limit on UDP flows (--udp-per-src): a flow is a source
# port to an open port as conntrack sees it; flow N+1 from a source is
# dropped, other sources are not, and an IPv6 source is its /64.
. ../lib.sh
. ./common.sh

ktap_plan 4

# flows SRC N: N UDP flows (one source port each) from SRC, outcomes.
flows() {
	i=0
	while [ $i -lt "$2" ]; do from -u -s "$1" "$3" 443; i=$((i + 1)); done | tr '\n' ' '
}

set_limit() {
	$ctl net set --port udp/443 --udp-per-src 3 &&
		$ctl net show | grep -q "udp-per-source: 3 "
}
ktap_check udp_limit_set_and_shown set_limit

fourth_dropped() {
	out=$(flows 10.9.0.5 4 10.9.0.1); echo "$out"
	[ "$out" = "ok ok ok timeout " ]
}
ktap_check fourth_udp_flow_of_a_source_dropped fourth_dropped

other_source() { reaches -u -s 10.9.0.6 10.9.0.1 443; }
ktap_check other_source_unaffected other_source

v6_block() {
	out="$(flows fd00::2 2 fd00::1)$(flows fd00::3 2 fd00::1)"; echo "$out"
	[ "$out" = "ok ok ok timeout " ]
}
ktap_check v6_source_counted_by_its_64 v6_block

ktap_finish
