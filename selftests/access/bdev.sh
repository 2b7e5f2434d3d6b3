#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Block devices by class: a camera's flash (its boot partition, kernel and
# root slots, the OTP) is reachable only by the roles the policy allows,
# through the device node, through a mount of it, through the files of a
# filesystem on it, and through a device stacked on it (loop,
# device-mapper). A loop device stands in for a flash partition.
. ../lib.sh
. ./common.sh

auth=$(pwd)/bin/authority
ktap_plan 16
mnt=$work/mnt
mkdir -p "$mnt"
chmod 755 "$work"
# The "flash": an ext4 filesystem with a file (flash.img, made by the
# initramfs build), on a loop device; another, unbound, to show that only
# the bound one is held.
attach() { cp flash.img "$work/$1.img" && dev=$(losetup -f) && losetup "$dev" "$work/$1.img" && echo "$dev"; }
flash=$(attach flash) && other=$(attach other) ||
	{ echo "Bail out! no loop devices ($flash, $other)"; exit 1; }
minor=$(($(stat -c '0x%T' "$flash")))
cat > "$work/policy" <<POLICY
$(authority_of "$auth")
class flash     bdev 7:$minor
class devmapper dev 10:236
allow admin     flash read
allow authority flash read,write
allow authority devmapper read,write
POLICY
load "$work/policy" > /dev/null

as() { role=$1; shift; if [ "$role" = none ]; then "$@"; else "$auth" run "$role" 1 "$@"; fi; }
cannot() { out=$(as "$@" 2>&1) && { echo "allowed: $*"; return 1; }; echo "$out" | grep -q "Permission denied\|not permitted" || { echo "$out"; return 1; }; }

ktap_check none_cannot_read_the_device cannot none head -c 1 "$flash"
ktap_check none_cannot_write_the_device cannot none dd if=/dev/zero of="$flash" bs=512 count=1 conv=notrunc
reads() { as "$1" head -c 1 "$2" > /dev/null; }
ktap_check admin_reads_the_device reads admin "$flash"
ktap_check admin_cannot_write_the_device cannot admin dd if=/dev/zero of="$flash" bs=512 count=1 conv=notrunc
ktap_check authority_writes_the_device sh -c "[ \"\$($auth try w $flash)\" = ok ]"
ktap_check unbound_device_open_to_all reads none "$other"

ktap_check none_cannot_mount_it cannot none mount -t ext4 -o ro "$flash" "$mnt"
# Refused writable, busybox's mount tries again read-only (on EACCES),
# which admin may: no writable mount, whichever way it ends.
not_writable() {
	out=$(as admin mount -t ext4 "$flash" "$mnt" 2>&1)
	echo "$out"
	if grep -q " $mnt " /proc/mounts; then
		grep " $mnt " /proc/mounts
		ro=$(grep -c "^$flash $mnt ext4 ro[, ]" /proc/mounts)
		umount "$mnt"
		[ "$ro" = 1 ]
	else
		echo "$out" | grep -q "Permission denied"
	fi
}
ktap_check admin_cannot_mount_it_writable not_writable
mounted() {
	as admin mount -t ext4 -o ro "$flash" "$mnt" || return 1
	grep -q "^$flash $mnt ext4 ro" /proc/mounts
}
ktap_check admin_mounts_it_read_only mounted
# The files of the filesystem on it are of its class, whoever mounted it,
# and however they are reached.
ktap_check none_cannot_read_its_files cannot none cat "$mnt/uboot.env"
reads_env() { [ "$(as "$1" cat "$mnt/uboot.env")" = "BOOT_ORDER=A B" ]; }
ktap_check admin_reads_its_files reads_env admin
bound() {
	mkdir -p "$work/bind" && mount --bind "$mnt" "$work/bind" || return 1
	cannot none cat "$work/bind/uboot.env"
	rc=$?
	umount "$work/bind"
	return $rc
}
ktap_check none_cannot_read_them_through_a_bind_mount bound
# The same mount again by root: a second mount shares the superblock.
ktap_check none_cannot_mount_it_again cannot none mount -t ext4 -o ro "$flash" "$work/bind"
umount "$mnt"

# Stacked on it: a loop device opens its node; device-mapper, which takes
# device numbers, is reached through its control node only.
ktap_check none_cannot_loop_it cannot none losetup -f "$flash"
ktap_check none_cannot_stack_device_mapper_on_it \
	cannot none dmsetup create camsec-stack --table "0 8 linear $flash 0"
ktap_check unbound_device_mounts_for_none sh -c \
	"mount -t ext4 -o ro $other $mnt && cat $mnt/uboot.env > /dev/null && umount $mnt"

authority_of "$auth" > "$work/policy" && load "$work/policy" > /dev/null
losetup -d "$flash"
losetup -d "$other"
ktap_finish
