#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# IPv6 sources that embed an IPv4 address (kmod/nf/embed.c): each form of
# 10.9.0.9 is dropped by a deny list and a ban of 10.9.0.9 or its block,
# and passes an allow list only as itself. Over TCP and UDP.
. ../lib.sh
. ./common.sh

# 10.9.0.9 as: IPv4-compatible, NAT64 well-known prefix, NAT64 local-use
# prefix in its /48 and /96 layouts (RFC 6052), 6to4, Teredo (inverted).
forms="::10.9.0.9 64:ff9b::a09:9 64:ff9b:1:a09:0:900:0:1 64:ff9b:1::a09:9
2002:a09:9::1 2001:0:1:2::f5f6:fff6"
for a in $forms; do $ip -n peer addr add "$a/128" dev veth1 nodad; done
$ip -n cam route add default via fd00::2 dev veth0
$ip -n peer route add fd00::1/128 dev veth1 2>/dev/null

ktap_plan 6

# each_form OUTCOME PROTO...: every form gives OUTCOME to port 443.
each_form() {
	want=$1; shift
	for proto in "$@"; do
		flag=; [ "$proto" = udp ] && flag=-u
		for a in $forms; do
			got=$(from $flag -s "$a" fd00::1 443)
			[ "$got" = "$want" ] || { echo "$proto from $a: $got, not $want"; return 1; }
		done
	done
}
# control: fd00::3 embeds nothing and is never listed.
control() { reaches -s fd00::3 fd00::1 443 || { echo "fd00::3 blocked"; return 1; }; }

reach_unfiltered() {
	$ctl net set --port tcp/443 --port udp/443 && each_form ok tcp udp
}
ktap_check forms_reach_without_filter reach_unfiltered

deny() {
	$ctl net set --port tcp/443 --port udp/443 --filter deny --cidr "$1" &&
		each_form timeout tcp udp && control
}
ktap_check deny_v4_address_drops_every_form deny 10.9.0.9
ktap_check deny_v4_block_drops_every_form deny 10.9.0.8/30

allow() {
	$ctl net set --port tcp/443 --filter allow --cidr 10.9.0.8/30 --cidr fd00::3 &&
		each_form timeout tcp && control &&
		$ctl net set --port tcp/443 --filter allow --cidr 64:ff9b::/96 &&
		[ "$(from -s 64:ff9b::a09:9 fd00::1 443)" = ok ]
}
ktap_check allow_list_takes_forms_only_as_themselves allow

ban() {
	$ctl net set --port tcp/443 --port udp/443 && $ctl net ban 10.9.0.9 60 &&
		each_form timeout tcp udp && control && $ctl net unban 10.9.0.9 &&
		each_form ok tcp
}
ktap_check ban_of_v4_address_drops_every_form ban

mapped() {
	# IPv4-mapped on the wire: the kernel may drop it first; if not, it
	# is its IPv4 address, as in every rule.
	$ip -n peer addr add ::ffff:10.9.0.9/128 dev veth1 nodad 2>/dev/null
	$ctl net set --port tcp/443 || return 1
	[ "$(from -s ::ffff:10.9.0.9 fd00::1 443)" = ok ] ||
		{ echo "the kernel drops it before camsec_nf"; return 0; }
	$ctl net set --port tcp/443 --filter deny --cidr 10.9.0.9 &&
		[ "$(from -s ::ffff:10.9.0.9 fd00::1 443)" = timeout ]
}
ktap_check mapped_source_is_its_v4_address mapped

ktap_finish
