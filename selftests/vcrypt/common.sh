# SPDX-License-Identifier: GPL-2.0-only
# Shared by the vcrypt tests (sourced; not a test itself): camsec_vcrypt
# loaded, a camera namespace "cam" (10.9.2.1) and a viewer namespace
# "viewer" (10.9.2.2) joined by a veth pair, and logon keys k1, k2 and k3
# (32-byte derivation keys) whose bytes the viewer holds in $work/k1..k3.
# The keys are in the user keyring, which every search of this uid
# reaches (a session keyring made by keyctl would die with it).

ip=/usr/sbin/ip
work=/tmp/vcrypt.$$
recv=/selftests/vcrypt/bin/srtprecv
mkdir -p "$work"

cleanup() {
	for id in $key_ids; do keyctl unlink "$id" @u > /dev/null; done
	$ip netns del cam 2>/dev/null
	$ip netns del viewer 2>/dev/null
	[ -n "$loaded" ] && rmmod camsec_vcrypt
	rm -rf "$work"
}
trap cleanup EXIT

if ! grep -q "^camsec_vcrypt " /proc/modules; then
	insmod /lib/modules/camsec/camsec_vcrypt.ko && loaded=1
fi

$ip netns add cam && $ip netns add viewer
$ip link add veth0 netns cam type veth peer name veth1 netns viewer
$ip -n cam link set lo up && $ip -n viewer link set lo up
$ip -n cam addr add 10.9.2.1/24 dev veth0
$ip -n viewer addr add 10.9.2.2/24 dev veth1
$ip -n cam link set veth0 up && $ip -n viewer link set veth1 up

for k in k1 k2 k3; do head -c 32 /dev/urandom > "$work/$k"; done
for k in k1 k2 k3; do
	key_ids="$key_ids $(keyctl padd logon camsec:$k @u < "$work/$k")"
done

# keys NAME KEY: NAME.sdp (camsec-vsend's, without keys) with the SDES
# keys derived from the bytes of logon key KEY, as NAME.keyed.sdp.
keys() {
	camsec-sdes --kdk "$work/$2" < "$work/$1.sdp" > "$work/$1.keyed.sdp"
}

# stream NAME KEY FORMAT [vsend options]: the camera sends over UDP to a
# libsrtp2 viewer in the other namespace, which unprotects with the keys
# of logon key KEY (the camera's key is in the options) and depacketizes
# FORMAT (srtprecv's). NAME.src is what the camera captured, NAME.recv
# what the viewer played, NAME.rtpdump the packets as they came,
# NAME.log both programs' reports.
stream() {
	name=$1 key=$2 format=$3
	shift 3
	rm -f "$work/$name.keyed.sdp"
	$ip netns exec viewer $recv --udp 10.9.2.2:5004 --idle 1500 \
		--sdp "$work/$name.keyed.sdp" --format "$format" \
		--out "$work/$name.recv" --save "$work/$name.rtpdump" \
		> "$work/$name.rlog" 2>&1 &
	rpid=$!
	while ! grep -q listening "$work/$name.rlog" 2>/dev/null; do
		kill -0 $rpid 2>/dev/null || break; sleep 0.1
	done
	$ip netns exec cam camsec-vsend "$@" --udp 10.9.2.2:5004 \
		--sdp "$work/$name.sdp" --dump-source "$work/$name.src" \
		> "$work/$name.log" 2>&1
	rc=$?
	keys "$name" "$key" || rc=1
	wait $rpid
	cat "$work/$name.rlog" >> "$work/$name.log"
	cat "$work/$name.log"
	return $rc
}

# same NAME FRAMES: the viewer played every one of FRAMES frames, as the
# camera captured them, byte for byte, and libsrtp took every packet.
same() {
	src="$work/$1.src"
	if grep -q 'H26[45]/' "$work/$1.sdp"; then
		$recv --normalize < "$work/$1.src" > "$work/$1.norm"
		src="$work/$1.norm"
	fi
	cmp "$src" "$work/$1.recv" &&
		grep -q "auth_fail 0 replay 0 bad_mki 0 other 0 frames $2 lost 0 bad_payload 0 " \
			"$work/$1.log"
}

# replay NAME KEY [srtprecv options]: NAME's packets again, to a viewer
# with the keys of KEY; its report.
replay() {
	name=$1 key=$2
	shift 2
	keys "$name" "$key" &&
		$recv --rtpdump "$work/$name.rtpdump" --sdp "$work/$name.keyed.sdp" "$@"
}

# keep NAME...: the streams' packets, keyed SDP and source for the host's
# players (selftests/viewers/players.sh), through vm-init.sh.
keep() {
	mkdir -p /tmp/camsec-artifacts
	for n in "$@"; do
		for f in rtpdump keyed.sdp src; do
			cp "$work/$n.$f" "/tmp/camsec-artifacts/$n.$f" || return 1
		done
	done
}

# sysfs_stream FIELD: the field of the one stream in /sys/class/misc.
sysfs_stream() {
	awk -v f="$1" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		{ print $col[f] }' /sys/class/misc/camsec_vcrypt/streams
}
