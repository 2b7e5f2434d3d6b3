# SPDX-License-Identifier: GPL-2.0-only
# Shared by the net tests (sourced; not a test itself): a camera namespace
# "cam" (10.9.0.1, fd00::1) and a peer namespace "peer" (10.9.0.2-.19,
# fd00::2-3) joined by a veth pair; camsec_nf loaded; conn serving on the
# camera.

ip=/usr/sbin/ip
: "${bin:=$(pwd)/bin}"
ctl="$ip netns exec cam camsecctl"
work=/tmp/net.$$
mkdir -p "$work"

cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
	$ip netns del cam 2>/dev/null
	$ip netns del peer 2>/dev/null
	[ -n "$loaded" ] && rmmod camsec_nf
	rm -rf "$work"
}
trap cleanup EXIT

if ! grep -q "^camsec_nf " /proc/modules; then
	insmod /lib/modules/camsec/camsec_nf.ko && loaded=1
fi

$ip netns add cam && $ip netns add peer
$ip link add veth0 netns cam type veth peer name veth1 netns peer
$ip -n cam link set lo up && $ip -n peer link set lo up
$ip -n cam addr add 10.9.0.1/24 dev veth0
$ip -n cam addr add fd00::1/64 dev veth0 nodad
i=2
while [ $i -le 19 ]; do $ip -n peer addr add 10.9.0.$i/24 dev veth1; i=$((i + 1)); done
$ip -n peer addr add fd00::2/64 dev veth1 nodad
$ip -n peer addr add fd00::3/64 dev veth1 nodad
$ip -n cam link set veth0 up && $ip -n peer link set veth1 up

# Ports the camera serves: 443 (open in the tests' rulesets), 8000 (closed).
$ip netns exec cam "$bin/conn" serve 443 8000 23 > "$work/serve" 2>&1 &
server=$!
while ! grep -q serving "$work/serve" 2>/dev/null; do sleep 0.1; done

# from [-s SRC] [-u] ADDR PORT: a connection from the peer; prints the outcome.
from() { $ip netns exec peer "$bin/conn" try "$@"; }
reaches() { [ "$(from "$@")" = ok ]; }
blocked() { [ "$(from "$@")" = timeout ]; }
