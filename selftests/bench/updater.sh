#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The updater benchmark (issue 23), in one boot, on the disks of
# scripts/build-bench-disks.sh (virtio, by serial number):
#   install  RAUC installs a signed verity bundle of a 64 MiB image into
#            a 64 MiB slot (a disk of its own): it checks the signature,
#            mounts the bundle through loop and dm-verity, and writes;
#   dd       the same image copied to the same slot: the baseline;
#   verity   the image read whole through dm-verity, as a verity root is
#            read at boot;
#   plain    the same image read whole without it: the baseline.
# Each runs in turn, ROUNDS times, the page cache dropped before each; a
# round gives its own ratios, reported as the median and [min, max] over
# the rounds. Reported, not judged: the issue asks for the figures.
. ../lib.sh
ROUNDS=5

ktap_plan 2
# disk N: the node of the virtio disk with serial camsec-diskN.
disk() {
	for d in /sys/block/vd*; do
		[ "$(cat "$d/serial" 2>/dev/null)" = "camsec-disk$1" ] && { echo "/dev/${d##*/}"; return; }
	done
}
data=$(disk 0) slot=$(disk 1)
why=
command -v rauc > /dev/null || why="no rauc in this image"
grep -qw squashfs /proc/filesystems || why="no squashfs in this kernel"
[ -n "$data" ] && [ -n "$slot" ] || why="no bench disks (make bench makes them)"
if [ -n "$why" ]; then
	ktap_skip rauc_install_against_dd "$why"
	ktap_skip verity_read_against_plain "$why"
	ktap_finish
	exit 0
fi

w=/tmp/updater-bench
mkdir -p $w/d $w/mnt
mount -o ro "$data" $w/d
. $w/d/image-verity.verity
loop=$(losetup -f) && losetup -r "$loop" $w/d/image-verity.img
pki=/etc/camsec/test-pki
dd if=/dev/zero of=$w/running bs=1024 count=1024 2> /dev/null
cat > $w/system.conf <<END
[system]
compatible=camsec,bench
bootloader=noop
bundle-formats=-plain
mountprefix=$w/mnt
statusfile=$w/status
[keyring]
path=$pki/fw-ca.pem
check-purpose=codesign
[slot.rootfs.0]
device=$w/running
type=raw
bootname=A
[slot.rootfs.1]
device=$slot
type=raw
bootname=B
END
cat > $w/bus.conf <<END
<busconfig>
  <type>session</type>
  <listen>unix:path=$w/bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="root"/>
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
END
export DBUS_SESSION_BUS_ADDRESS=unix:path=$w/bus DBUS_STARTER_BUS_TYPE=session
dbus-daemon --config-file=$w/bus.conf --nofork --nopidfile > $w/bus.log 2>&1 &
bus=$!
while [ ! -S $w/bus ]; do sleep 0.1; done
rauc service --conf=$w/system.conf --override-boot-slot=A > $w/service.log 2>&1 &
service=$!
for _ in $(seq 100); do
	rauc status > /dev/null 2>&1 && break
	sleep 0.2
done

# ms CMD...: CMD's wall time in ms (the uptime's centiseconds), the page
# cache dropped before; empty if it failed.
uptime_ms() { awk '{ printf "%d", $1 * 1000 }' /proc/uptime; }
ms() {
	sync
	echo 3 > /proc/sys/vm/drop_caches
	t0=$(uptime_ms)
	"$@" > $w/last.log 2>&1 || { sed 's/^/# /' $w/last.log >&2; return 0; }
	echo $(($(uptime_ms) - t0))
}
# Each round's $rows line: "dd install verity plain" (ms).
. ./spread.sh

rows=
for round in $(seq $ROUNDS); do
	d=$(ms dd if=$w/d/image.img of="$slot" bs=1M conv=fsync)
	i=$(ms rauc install $w/d/bundle.raucb)
	dmsetup remove bench-verity 2> /dev/null
	v=$(ms sh -c "veritysetup open --data-blocks=$DATA_BLOCKS --hash-offset=$HASH_OFFSET \
		$loop bench-verity $loop $ROOT_HASH &&
		dd if=/dev/mapper/bench-verity of=/dev/null bs=1M")
	p=$(ms dd if="$loop" of=/dev/null bs=1M count=64)
	[ -n "$d" ] && [ -n "$i" ] && [ -n "$v" ] && [ -n "$p" ] || { rows=; break; }
	rows="$rows$d $i $v $p
"
done
kill $service $bus 2> /dev/null
if [ -z "$rows" ]; then
	echo "# bench: a run failed"
	ktap_check rauc_install_against_dd false
	ktap_check verity_read_against_plain false
else
	echo "bench: 64 MiB, $ROUNDS rounds, ms, median [min, max]:"
	echo "bench:   dd to the slot $(per '$1' 2)"
	echo "bench:   rauc install $(per '$2' 2)"
	echo "bench:   read through dm-verity (with its open) $(per '$3' 2)"
	echo "bench:   plain read $(per '$4' 2)"
	echo "bench: rauc install / dd: $(per '$2 / $1' 2)"
	echo "bench: dm-verity read / plain read: $(per '$3 / $4' 2)"
	ktap_check rauc_install_against_dd true
	ktap_check verity_read_against_plain true
fi
dmsetup remove bench-verity 2> /dev/null
losetup -d "$loop"
umount $w/d
ktap_finish
