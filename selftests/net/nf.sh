#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# camsec_nf from the outside: a peer namespace connects to the camera's
# namespace over veth, and only what the ruleset opens gets through.
. ../lib.sh
. ./common.sh

ktap_plan 43

ktap_check no_ruleset_everything_open reaches 10.9.0.1 8000
ktap_check set_ruleset $ctl net set --port tcp/443 --port udp/443
# What the device discloses (draft 6.4.2b): open ports with their service,
# and the listening sockets the ruleset keeps closed.
ports_listed() {
	out=$($ctl net ports) || return 1
	echo "$out"
	open=$(echo "$out" | sed -n '/^open ports:/,/^listening/p')
	closed=$(echo "$out" | sed -n '/^listening, closed/,$p')
	echo "$open" | grep -q "tcp/443	https" && echo "$open" | grep -q "udp/443	-" &&
		echo "$closed" | grep -q "tcp/23	telnet" &&
		echo "$closed" | grep -q "tcp/8000	-" && ! echo "$closed" | grep -q "tcp/443"
}
ktap_check open_ports_disclosed ports_listed
ktap_check open_port_v4 reaches 10.9.0.1 443
ktap_check closed_port_v4 blocked 10.9.0.1 8000
ktap_check open_port_v6 reaches fd00::1 443
ktap_check closed_port_v6 blocked fd00::1 8000
ktap_check udp_open_port reaches -u 10.9.0.1 443
ktap_check udp_closed_port blocked -u 10.9.0.1 8000
ktap_check loopback_untouched $ip netns exec cam "$bin/conn" try 127.0.0.1 8000

# Insecure services stay closed unless the owner accepts the risk.
insecure_refused() {
	out=$($ctl net set --port tcp/23 2>&1) && return 1
	echo "$out"
	echo "$out" | grep -q "needs accept-risk"
}
ktap_check telnet_needs_accept_risk insecure_refused

# Address filter, on the edges of 10.9.0.8/30 (.8 to .11).
$ctl net set --port tcp/443 --filter allow --cidr 10.9.0.8/30 --cidr fd00::3/128
ktap_check allow_list_first_address reaches -s 10.9.0.8 10.9.0.1 443
ktap_check allow_list_last_address reaches -s 10.9.0.11 10.9.0.1 443
ktap_check allow_list_below_range blocked -s 10.9.0.7 10.9.0.1 443
ktap_check allow_list_above_range blocked -s 10.9.0.12 10.9.0.1 443
ktap_check allow_list_v6 sh -c "$ip netns exec peer $bin/conn try -s fd00::3 fd00::1 443 | grep -qx ok && $ip netns exec peer $bin/conn try -s fd00::2 fd00::1 443 | grep -qx timeout"
$ctl net set --port tcp/443 --filter deny --cidr 10.9.0.8/30
ktap_check deny_list_in_range blocked -s 10.9.0.8 10.9.0.1 443
ktap_check deny_list_edges sh -c "$ip netns exec peer $bin/conn try -s 10.9.0.7 10.9.0.1 443 | grep -qx ok && $ip netns exec peer $bin/conn try -s 10.9.0.12 10.9.0.1 443 | grep -qx ok"
# An IPv4-mapped IPv6 entry is its IPv4 block.
$ctl net set --port tcp/443 --filter deny --cidr ::ffff:10.9.0.8/126
ktap_check mapped_v6_entry_is_v4 blocked -s 10.9.0.9 10.9.0.1 443
# A port's scope adds its own entries to the global ones.
$ctl net set --port tcp/443@1 --filter allow --cidr 10.9.0.2/32 --cidr 10.9.0.3/32@1 --cidr 10.9.0.4/32@2
ktap_check scoped_entry_applies reaches -s 10.9.0.3 10.9.0.1 443
ktap_check global_entry_applies reaches -s 10.9.0.2 10.9.0.1 443
ktap_check other_scope_ignored blocked -s 10.9.0.4 10.9.0.1 443

# Connection limits: per source, then in all. "ip netns exec" execs, so
# that $! is the holder itself.
hold="$ip netns exec peer $bin/conn hold"
per_source() {
	$ctl net set --port tcp/443 --per-src 2 || return 1
	$hold -s 10.9.0.5 10.9.0.1 443 2 8 > "$work/held" &
	holder=$!
	while [ ! -s "$work/held" ]; do sleep 0.1; done
	echo "held: $(cat "$work/held")"
	r1=$(from -s 10.9.0.5 10.9.0.1 443) r2=$(from -s 10.9.0.6 10.9.0.1 443)
	echo "third from .5: $r1, first from .6: $r2"
	kill $holder; wait $holder
	sleep 1		# the FINs reach conntrack
	r3=$(from -s 10.9.0.5 10.9.0.1 443)
	echo "from .5 after closing: $r3"
	[ "$(cat "$work/held")" = 2 ] && [ "$r1" = timeout ] && [ "$r2" = ok ] && [ "$r3" = ok ]
}
ktap_check per_source_limit_and_slots_freed per_source
v6_prefix() {
	$ctl net set --port tcp/443 --per-src 1 --v6-prefix 64 || return 1
	$hold -s fd00::2 fd00::1 443 1 8 > "$work/held6" &
	holder=$!
	while [ ! -s "$work/held6" ]; do sleep 0.1; done
	r1=$(from -s fd00::3 fd00::1 443)
	$ctl net set --port tcp/443 --per-src 1 --v6-prefix 128 || return 1
	r2=$(from -s fd00::3 fd00::1 443)
	kill $holder; wait $holder
	echo "same /64: $r1; /128 sources: $r2"
	[ "$r1" = timeout ] && [ "$r2" = ok ]
}
ktap_check v6_sources_grouped_by_prefix v6_prefix
burst() {
	$ctl net set --port tcp/443 --conn-max 5 || return 1
	sleep 1
	i=10 pids=
	while [ $i -le 17 ]; do
		$hold -s 10.9.0.$i 10.9.0.1 443 2 6 > "$work/burst.$i" &
		pids="$pids $!"
		i=$((i + 1))
	done
	wait $pids
	total=$(cat "$work"/burst.* | awk '{ s += $1 } END { print s }')
	echo "connections from 8 sources x 2: $total established (limit 5)"
	[ "$total" = 5 ]
}
ktap_check global_limit_under_burst burst

# Bans: dropped until expiry, or until lifted; a reload keeps them.
# A ban drops the source's packets and outlives a ruleset reload. Its
# expiry is checked apart, with a short ban and nothing slow before the
# check, so that a loaded host cannot let it run out early.
ban() {
	$ctl net set --port tcp/443 || return 1
	$ctl net ban 10.9.0.7 600 || return 1
	$ctl net bans | grep -q "^10.9.0.7/32 [0-9]* s$" || return 1
	blocked -s 10.9.0.7 10.9.0.1 443 || return 1
	reaches -s 10.9.0.8 10.9.0.1 443 || return 1
	$ctl net set --port tcp/443 --ping || return 1
	blocked -s 10.9.0.7 10.9.0.1 443 || { echo "reload lifted the ban"; return 1; }
	$ctl net unban 10.9.0.7
}
ktap_check ban_drops_and_outlives_reload ban
expiry() {
	t0=$(date +%s)
	$ctl net ban 10.9.0.7 5 || return 1
	blocked -s 10.9.0.7 10.9.0.1 443 || { echo "not banned after $(($(date +%s) - t0)) s"; return 1; }
	while [ $(($(date +%s) - t0)) -lt 7 ]; do sleep 0.5; done
	reaches -s 10.9.0.7 10.9.0.1 443 || { echo "still banned after expiry"; return 1; }
	[ -z "$($ctl net bans)" ]
}
ktap_check ban_expires expiry
lift() {
	$ctl net ban fd00::2 600 && blocked -s fd00::2 fd00::1 443 &&
		$ctl net unban fd00::2 &&
		{ reaches -s fd00::2 fd00::1 443 || reaches -s fd00::2 fd00::1 443; }
}
ktap_check ban_lifted lift

# Dumps that span many messages resume where they stopped, with no entry
# lost or repeated.
long_ruleset_dump() {
	awk 'BEGIN { for (i = 0; i < 4000; i++) printf "30.%d.%d.0/24\n", i / 256, i % 256 }' > "$work/4000"
	$ctl net set --port tcp/443 --filter deny --cidr-file "$work/4000" || return 1
	$ctl net show | sed -n 's/^cidr \([^ ]*\) .*/\1/p' | sort > "$work/shown"
	sort "$work/4000" | cmp - "$work/shown"
}
ktap_check ruleset_dump_of_4000_entries long_ruleset_dump
long_ban_dump() {
	$ip netns exec cam "$bin/nfraw" bans 2000 || return 1
	n=$($ctl net bans | sort -u | grep -c "^2001:db8:[0-9a-f]*::/64 ")
	echo "bans listed: $n"
	[ "$n" = 2000 ] && [ "$($ctl net bans | wc -l)" = 2000 ]
}
ktap_check ban_dump_of_2000_bans long_ban_dump

# The initial namespace's view in sysfs, for integrators.
sysfs_view() {
	sys=/sys/kernel/camsec_nf
	[ "$(cat $sys/settings)" = none ] || { echo "a ruleset already"; return 1; }
	camsecctl net set --port tcp/443 --port udp/5353 --filter deny \
		--cidr 192.0.2.0/24 --per-src 3 || return 1
	cat $sys/settings $sys/ports $sys/counters
	grep -qx "filter deny" $sys/settings && grep -qx "filter_entries 1" $sys/settings &&
		grep -qx "conn_max_per_src 3" $sys/settings &&
		grep -qx "tcp 443 scope 0 packets 0" $sys/ports &&
		grep -qx "udp 5353 scope 0 packets 0" $sys/ports &&
		grep -q "^closed_port [0-9]*$" $sys/counters
}
ktap_check sysfs_view_of_initial_namespace sysfs_view
ktap_check sysfs_read_only sh -c "! echo x > /sys/kernel/camsec_nf/ports"

# Bad requests, sent raw: refused with a message, the ruleset unchanged.
$ctl net set --port tcp/443 --filter allow --cidr 10.9.0.0/24
before=$($ctl net show | grep -v ^counters | sed 's/ *packets.*//; s/ *hits.*//')
refused_raw() {
	out=$($ip netns exec cam "$bin/nfraw" "$1") || { echo "$out"; return 1; }
	echo "$out"
	echo "$out" | grep -q "$2" || return 1
	after=$($ctl net show | grep -v ^counters | sed 's/ *packets.*//; s/ *hits.*//')
	[ "$after" = "$before" ] || { echo "ruleset changed: $after"; return 1; }
}
ktap_check bad_prefix_length refused_raw prefix33 "prefix length longer than the address"
ktap_check unknown_attribute refused_raw unknown "Unknown attribute type"
ktap_check out_of_range_port refused_raw port0 "integer out of range"
ktap_check read_only_attribute refused_raw readonly "Unsupported attribute"
ktap_check host_bits_past_prefix refused_raw hostbits "bits set past the prefix"
ktap_check address_length refused_raw addrlen "must be 4 (IPv4) or 16 (IPv6) bytes"
ktap_check filter_entry_twice refused_raw duplicate "filter entry listed twice"
ktap_check port_twice refused_raw twice "port listed twice"
ktap_check protocol refused_raw proto "protocol must be TCP (6) or UDP (17)"
ktap_check filter_mode refused_raw mode "integer out of range"
ktap_check unprivileged_refused refused_raw unpriv "Operation not permitted"
ktap_finish
