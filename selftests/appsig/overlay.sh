#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Through overlayfs, the verdict and the "in use as code" mark belong to
# the inode that holds the bytes: a write to the upper layer behind the
# overlay's back is not missed, and code mapped through the overlay cannot
# be rewritten in the lower layer once the overlay's file is closed (the
# mapping holds the lower file, not the overlay's), by root or by the
# owner, through one overlay or two stacked.
. ../lib.sh
. ./common.sh

ktap_plan 7
load_key
set_mode enforce
mkdir -p "$work/lower" "$work/upper" "$work/ovwork" "$work/merged"
program "$work/lower/busybox-a" && sign "$work/lower/busybox-a"
program "$work/lower/busybox-b" && sign "$work/lower/busybox-b"
program "$work/lower/busybox-c" && sign "$work/lower/busybox-c"
program "$work/lower/busybox-d" && sign "$work/lower/busybox-d"
program "$work/lower/busybox-e" && sign "$work/lower/busybox-e" &&
	chown 1000:1000 "$work/lower/busybox-e"
program "$work/lower/busybox-f" && sign "$work/lower/busybox-f"
chmod 755 "$work" "$work/lower"
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

ktap_check mapped_lower_not_writable_after_close blocked mapped_exec \
	"$bin/attack" hold "$work/merged/busybox-d" "$work/lower/busybox-d"
ktap_check mapped_lower_not_writable_by_owner blocked mapped_exec \
	"$bin/runas" 1000 "$bin/attack" hold "$work/merged/busybox-e" "$work/lower/busybox-e"
stacked() {
	mkdir -p "$work/upper2" "$work/ovwork2" "$work/merged2"
	mount -t overlay overlay -o "lowerdir=$work/merged,upperdir=$work/upper2,workdir=$work/ovwork2" \
		"$work/merged2" || { echo "no stacked overlay"; return 1; }
	blocked mapped_exec "$bin/attack" hold "$work/merged2/busybox-f" "$work/lower/busybox-f"
	rc=$?
	umount "$work/merged2"
	return $rc
}
ktap_check stacked_overlay_lower_not_writable stacked
umount "$work/merged"
ktap_finish
