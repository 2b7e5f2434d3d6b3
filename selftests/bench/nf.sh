#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# camsec_nf benchmark, in one boot, over the net suite's veth pair: UDP
# packets per second and new TCP connections per second into the camera
# namespace with no module, with camsec_nf (10,000 deny-list CIDR blocks,
# 1,000 tracked sources, per-source and global limits), and with the same
# policy in nftables (an interval set, "ct count" in a dynamic set).
# Goals: per-packet cost no higher than nftables', and lookups that do not
# grow with the number of entries (10,000 against 100 blocks).
. ../lib.sh
bin=$(cd ../net/bin && pwd)
. ../net/common.sh

PACKETS=100000
CONNS=400
ktap_plan 4

# 1,000 sources: the peer answers for 10.10.0.0/16, the camera routes it.
$ip -n peer route add local 10.10.0.0/16 dev lo
$ip -n cam route add 10.10.0.0/16 via 10.9.0.2
$ip netns exec cam "$bin/conn" sink 5000 > "$work/sink" &
sinker=$!
while ! grep -q sinking "$work/sink" 2>/dev/null; do sleep 0.1; done
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "20.%d.%d.0/24\n", i / 256, i % 256 }' > "$work/blocks"
head -n 100 "$work/blocks" > "$work/blocks100"

# best CMD...: the shortest of three runs, in seconds.
best() {
	for r in 1 2 3; do $ip netns exec peer "$bin/conn" "$@"; done | sort -n | head -n 1
}
pps() { awk -v t="$(best blast 10.9.0.1 5000 $PACKETS)" -v n=$PACKETS 'BEGIN { printf "%.0f", n / t }'; }
cps() { awk -v t="$(best connects 10.9.0.1 443 $CONNS)" -v n=$CONNS 'BEGIN { printf "%.0f", n / t }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
# max A B: the larger; an empty B (a failed run) is reported and ignored.
max() {
	if [ -z "$2" ]; then echo "# bench: a run failed" >&2; echo "$1"
	elif [ -z "$1" ] || [ "$2" -gt "$1" ]; then echo "$2"
	else echo "$1"; fi
}
hold_sources() {
	rm -f "$work/held"
	$ip netns exec peer "$bin/conn" hold-range 10.10.0.1 1000 10.9.0.1 443 900 > "$work/held" &
	holder=$!
	while [ ! -s "$work/held" ]; do sleep 0.2; done
	held=$(cat "$work/held")
	echo "# bench: $held sources hold a connection"
}
release_sources() { kill $holder; wait $holder 2>/dev/null; sleep 1; }
# The limits are far above what the benchmark opens: it measures their
# cost (every new connection is counted), not their effect.
camsec_set() {
	$ctl net set --port tcp/443 --port udp/5000 --filter deny --cidr-file "$1" \
		--per-src 100000 --conn-max 100000
}

{
	echo 'table inet bench {'
	echo '  set deny { type ipv4_addr; flags interval; elements = {'
	sed 's/$/,/' "$work/blocks"
	echo '  } }'
	echo '  set persrc { type ipv4_addr; size 65535; flags dynamic; }'
	echo '  chain input {'
	echo '    type filter hook input priority -10; policy drop;'
	echo '    iif lo accept'
	echo '    ct direction reply accept'
	echo '    ip saddr @deny counter drop'
	echo '    tcp dport 443 tcp flags syn add @persrc { ip saddr ct count over 100000 } drop'
	echo '    tcp dport 443 tcp flags syn ct count over 100000 drop'
	echo '    tcp dport 443 counter accept'
	echo '    udp dport 5000 counter accept'
	echo '    icmpv6 type { nd-router-solicit, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert, mld-listener-query, mld-listener-report, mld2-listener-report } accept'
	echo '  }'
	echo '}'
} > "$work/bench.nft"

rmmod camsec_nf && loaded=
pps > /dev/null; cps > /dev/null	# warm QEMU's translation cache
for round in 1 2; do
	# No module: the namespace without hooks (and without conntrack).
	pps_none=$(max "$pps_none" "$(pps)") cps_none=$(max "$cps_none" "$(cps)")

	insmod /lib/modules/camsec/camsec_nf.ko && loaded=1
	camsec_set "$work/blocks100" || exit 1
	hold_sources
	pps_small=$(max "$pps_small" "$(pps)")
	camsec_set "$work/blocks" || exit 1
	pps_camsec=$(max "$pps_camsec" "$(pps)") cps_camsec=$(max "$cps_camsec" "$(cps)")
	held_camsec=$held
	release_sources
	rmmod camsec_nf && loaded=

	$ip netns exec cam nft -f "$work/bench.nft" || { echo "# nft -f failed"; exit 1; }
	hold_sources
	pps_nft=$(max "$pps_nft" "$(pps)") cps_nft=$(max "$cps_nft" "$(cps)")
	held_nft=$held
	release_sources
	$ip netns exec cam nft flush ruleset
done
kill $sinker

echo "# bench: UDP packets/s (best of 2 rounds x 3): none $pps_none, camsec_nf $pps_camsec, nftables $pps_nft"
echo "# bench: packets/s camsec_nf / none: $(ratio "$pps_camsec" "$pps_none"); nftables / none: $(ratio "$pps_nft" "$pps_none")"
echo "# bench: packets/s camsec_nf / nftables: $(ratio "$pps_camsec" "$pps_nft") (goal >= 1: per-packet cost no higher)"
echo "ok 1 packets_per_second"
echo "# bench: new TCP connections/s: none $cps_none, camsec_nf $cps_camsec, nftables $cps_nft"
echo "# bench: connections/s camsec_nf / none: $(ratio "$cps_camsec" "$cps_none"); camsec_nf / nftables: $(ratio "$cps_camsec" "$cps_nft")"
echo "ok 2 connections_per_second"
echo "# bench: packets/s with 10,000 blocks / with 100 blocks: $(ratio "$pps_camsec" "$pps_small") (goal ~1: O(log n))"
echo "ok 3 lookup_scaling"
if [ "$held_camsec" -ge 990 ] && [ "$held_nft" -ge 990 ]; then
	echo "ok 4 thousand_sources_tracked"
else
	echo "not ok 4 thousand_sources_tracked"
fi
