# SPDX-License-Identifier: GPL-2.0-only
# Shared by the vcrypt tests (sourced; not a test itself): camsec_vcrypt
# loaded, a camera namespace "cam" (10.9.2.1) and a viewer namespace
# "viewer" (10.9.2.2) joined by a veth pair, and logon keys k1, k2 and k3
# (32-byte derivation keys) whose bytes the viewer holds in $work/k1..k3. The keys are in the user keyring, which every search
# of this uid reaches (a session keyring made by keyctl would die with it).

ip=/usr/sbin/ip
work=/tmp/vcrypt.$$
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

# stream NAME "EPOCH:KEY..." [vsend options]: send over UDP to a receiver
# in the viewer namespace that holds those keys (k1..k3) for those key
# epochs; NAME.src is what the camera captured, NAME.recv what the viewer
# decrypted, NAME.log both programs' reports.
stream() {
	name=$1 keys=
	for k in $2; do
		keys="$keys --key ${k%%:*}:$work/${k#*:}"
	done
	shift 2
	$ip netns exec viewer camsec-vrecv --udp 10.9.2.2:5000 --timeout 5000 \
		$keys --out "$work/$name.recv" > "$work/$name.rlog" 2>&1 &
	rpid=$!
	while ! grep -q listening "$work/$name.rlog" 2>/dev/null; do
		kill -0 $rpid 2>/dev/null || break; sleep 0.1
	done
	$ip netns exec cam camsec-vsend "$@" --udp 10.9.2.2:5000 \
		--dump-source "$work/$name.src" > "$work/$name.log" 2>&1
	rc=$?
	wait $rpid
	cat "$work/$name.rlog" >> "$work/$name.log"
	cat "$work/$name.log"
	return $rc
}

# same NAME: the viewer got every frame the camera captured, byte for byte.
same() {
	cmp "$work/$1.src" "$work/$1.recv" &&
		grep -q "lost 0 rejected 0 replayed 0 void 0" "$work/$1.log"
}

# byte FILE OFFSET VALUE: set one byte of FILE.
byte() {
	printf "$(printf '\\%03o' "$3")" |
		dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

# sysfs_stream FIELD: the field of the one stream in /sys/class/misc.
sysfs_stream() {
	awk -v f="$1" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		{ print $col[f] }' /sys/class/misc/camsec_vcrypt/streams
}
