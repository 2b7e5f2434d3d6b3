#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Bans by block (kmod/nf/ban.c): an IPv6 ban covers the source's /64, an
# IPv4 ban the address, unless a prefix is given; the third ban within
# the window inside the next block up bans that block (an event says so);
# a full table still takes a new ban, and the ban that ends soonest gives
# way, with an event.
. ../lib.sh
. ./common.sh

evlisten=$(cd ../appsig/bin && pwd)/evlisten
param=/sys/module/camsec_nf/parameters/escalate_after
ktap_plan 7
$ctl net set --port tcp/443 > /dev/null

listen() {
	rm -f "$work/ready"
	$ip netns exec cam "$evlisten" -r "$work/ready" "$@" > "$work/ev" &
	listener=$!
	while [ ! -e "$work/ready" ]; do sleep 0.1; done
}
lift_all() { for a in "$@"; do $ctl net unban "$a" > /dev/null 2>&1; done; }
# A ban drops the source's neighbour discovery too: after a lift the
# camera may need a retransmitted SYN to resolve it again.
reaches_soon() { reaches "$@" || reaches "$@" || reaches "$@"; }

# Escalation first: this namespace's ban history starts empty.
v4_repeat() {
	echo 3 > $param
	$ctl net ban 10.9.0.5 60 && $ctl net ban 10.9.0.6 60 || return 1
	reaches -s 10.9.0.8 10.9.0.1 443 || { echo "widened too soon"; return 1; }
	listen -n 1 -t 5
	$ctl net ban 10.9.0.7 60 || return 1
	wait $listener; cat "$work/ev"; $ctl net bans
	grep -qx "nf reason=ban_escalated addr=10.9.0.0/24" "$work/ev" &&
		[ "$($ctl net bans | cut -d' ' -f1)" = 10.9.0.0/24 ] &&
		blocked -s 10.9.0.8 10.9.0.1 443 &&
		lift_all 10.9.0.8 && reaches_soon -s 10.9.0.8 10.9.0.1 443
}
ktap_check third_v4_ban_in_a_24_bans_the_24 v4_repeat

v6_repeat() {
	$ctl net ban fd00:0:0:1::1 60 && $ctl net ban fd00:0:0:2::1 60 || return 1
	listen -n 1 -t 5
	$ctl net ban fd00:0:0:3::1 60 || return 1
	wait $listener; cat "$work/ev"; $ctl net bans
	grep -qx "nf reason=ban_escalated addr=fd00::/56" "$work/ev" &&
		[ "$($ctl net bans | cut -d' ' -f1)" = fd00::/56 ] &&
		blocked -s fd00::2 fd00::1 443 && lift_all fd00::2 &&
		reaches_soon -s fd00::2 fd00::1 443
}
ktap_check third_v6_ban_in_a_56_bans_the_56 v6_repeat

echo 0 > $param
v6_block() {
	$ctl net ban fd00::2 60 || return 1
	$ctl net bans
	[ "$($ctl net bans | cut -d' ' -f1)" = fd00::/64 ] &&
		blocked -s fd00::3 fd00::1 443 && lift_all fd00::3 &&
		reaches_soon -s fd00::2 fd00::1 443
}
ktap_check v6_ban_covers_the_sources_64 v6_block

v4_address() {
	$ctl net ban 10.9.0.7 60 && blocked -s 10.9.0.7 10.9.0.1 443 &&
		reaches -s 10.9.0.8 10.9.0.1 443 && lift_all 10.9.0.7
}
ktap_check v4_ban_is_the_address v4_address

explicit() {
	$ctl net ban fd00::2/128 60 && blocked -s fd00::2 fd00::1 443 &&
		reaches_soon -s fd00::3 fd00::1 443 && $ctl net unban fd00::2/128 &&
		! $ctl net ban 10.9.0.7/4 60 2> "$work/err" &&
		grep -q "ban prefix must be 8-32 (IPv4) or 16-128 (IPv6)" "$work/err"
}
ktap_check explicit_prefix_and_bad_prefix explicit

# 4,095 bans for an hour and one for 100 s fill the table; a new ban of
# 10.9.0.13 takes the 100 s ban's place, and an event says so.
slab_kb() { awk '/^Slab:/ { print $2 }' /proc/meminfo; }
full() {
	before=$(slab_kb)
	$ip netns exec cam "$bin/nfraw" bans 4095 3600 || return 1
	echo "slab grew by $(($(slab_kb) - before)) KiB for 4,095 bans"
	$ctl net ban 2001:db8:ffff::1 100 || return 1
	[ "$($ctl net bans | wc -l)" = 4096 ] || { echo "not full"; return 1; }
	listen -n 1 -t 5
	$ctl net ban 10.9.0.13 600 || { echo "a full table refused the ban"; return 1; }
	wait $listener; cat "$work/ev"
	grep -qx "nf reason=ban_evicted addr=2001:db8:ffff::/64" "$work/ev" &&
		blocked -s 10.9.0.13 10.9.0.1 443 &&
		[ "$($ctl net bans | wc -l)" = 4096 ] &&
		! $ctl net bans | grep -q "^2001:db8:ffff::/64 " &&
		$ctl net bans | grep -q "^10.9.0.13/32 "
}
ktap_check full_table_takes_the_ban_and_evicts_the_soonest full

unban_covering() {
	$ctl net ban 10.9.0.14 60 && $ctl net unban 10.9.0.14 &&
		reaches_soon -s 10.9.0.14 10.9.0.1 443 &&
		! $ctl net unban 10.9.0.14 2> "$work/err" &&
		grep -q "no ban covers this address" "$work/err"
}
ktap_check unban_lifts_the_covering_ban unban_covering

echo 3 > $param
ktap_finish
