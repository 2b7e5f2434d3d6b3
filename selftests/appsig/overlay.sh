#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Through overlayfs, the verdict belongs to the inode that holds the bytes:
# a write to the upper layer behind the overlay's back is not missed.
. ../lib.sh
. ./common.sh

ktap_plan 4
load_key
set_mode enforce
mkdir -p "$work/lower" "$work/upper" "$work/ovwork" "$work/merged"
program "$work/lower/busybox-a" && sign "$work/lower/busybox-a"
program "$work/lower/busybox-b" && sign "$work/lower/busybox-b"
program "$work/lower/busybox-c" && sign "$work/lower/busybox-c"
mount -t overlay overlay -o "lowerdir=$work/lower,upperdir=$work/upper,workdir=$work/ovwork" \
	"$work/merged" || { ktap_skip all "no overlayfs"; ktap_finish; }

ktap_check signed_lower_file_runs "$work/merged/busybox-a" true

printf 'X' | dd of="$work/merged/busybox-a" bs=1 seek=4096 conv=notrunc 2>/dev/null
ktap_check changed_through_overlay_refused refused hash_mismatch "$work/merged/busybox-a" true

# Copied up intact (chmod), run and cached, then written in the upper layer.
behind_the_back() {
	chmod 700 "$work/merged/busybox-b" && [ -f "$work/upper/busybox-b" ] || return 1
	"$work/merged/busybox-b" true || return 1
	printf 'X' | dd of="$work/upper/busybox-b" bs=1 seek=4096 conv=notrunc 2>/dev/null
	refused hash_mismatch "$work/merged/busybox-b" true
}
ktap_check upper_written_behind_overlay_refused behind_the_back

running_upper() {
	chmod 700 "$work/merged/busybox-c" || return 1
	"$work/merged/busybox-c" sleep 3 &
	sleep 1
	if echo X >> "$work/upper/busybox-c"; then echo "upper written while running"; return 1; fi
	wait
}
ktap_check running_code_upper_not_writable running_upper
umount "$work/merged"
ktap_finish
