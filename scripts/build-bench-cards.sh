#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The cards of the boot benchmark (selftests/bench/boot.py): the A/B
# camera's SD card (scripts/build-sdcard.sh) three times, fresh, in
# $CAMSEC_CACHE/bench/boot/NAME/sdcard.img (the directory printed):
#   verity  as shipped: slot A's root a dm-verity volume, trusted alone
#           (camsec.appsig_trust=verity)
#   xattr   the same EROFS root in slot A, mapped by device-mapper as
#           it is (linear), no dm-verity; its files' own signatures
#           checked (camsec.appsig_trust=xattr)
#   none    that plain root with appsig off (camsec.appsig=off): the
#           boot with no code check at all
# Each is slot A first with its tries, slot B empty, and a fresh data
# partition (the device not activated yet).
#
# Usage: scripts/build-bench-cards.sh <6.1|6.12> <plain|debug>
set -eu
. "$(dirname "$0")/lib.sh"

ver=${1:?usage: $0 <version> <plain|debug>}
variant=${2:?usage: $0 <version> <plain|debug>}
fw=$("$CAMSEC_TOP/scripts/build-sdcard.sh" "$ver" "$variant")
out=$CAMSEC_CACHE/bench/boot
work=$(mktemp -d "${TMPDIR:-/tmp}/camsec-cards.XXXXXX")
trap 'rm -rf "$work"' EXIT

truncate -s 64M "$work/data.ext4"
mkfs.ext4 -q -L camsec-data "$work/data.ext4"
"$CAMSEC_TOP/scripts/build-slot.sh" --no-verity "$ver" "$variant" "$fw" \
	"$fw/rootfs.erofs" "$work/plain" >&2

# card NAME ARGS: a fresh copy of the shipped card whose boot script's
# command line has ARGS in place of appsig's lock and trust.
card() {
	mkdir -p "$out/$1"
	cp "$fw/sdcard.img" "$out/$1/sdcard.img.tmp"
	sed "s/camsec\.appsig_lock=1 camsec\.appsig_trust=verity/$2/" \
		"$CAMSEC_TOP/image/uboot/boot.cmd" > "$work/boot.cmd"
	grep -q "$2" "$work/boot.cmd" || die "boot.cmd: no appsig arguments to replace"
	mkimage -A arm -T script -C none -n "camsec bench" -d "$work/boot.cmd" \
		"$work/boot.scr" > /dev/null
	start=$(sfdisk -d "$out/$1/sdcard.img.tmp" |
		sed -n "s|^.*img.tmp1 : start= *\([0-9]*\),.*|\1|p")
	mcopy -o -i "$out/$1/sdcard.img.tmp@@$((start * 512))" "$work/boot.scr" ::boot.scr
	mdel -i "$out/$1/sdcard.img.tmp@@$((start * 512))" ::uboot.env 2>/dev/null || true
	write_part "$out/$1/sdcard.img.tmp" 8 "$work/data.ext4"
	if [ "$1" != verity ]; then
		write_part "$out/$1/sdcard.img.tmp" 2 "$work/plain/slot.itb"
		write_part "$out/$1/sdcard.img.tmp" 5 "$fw/rootfs.erofs"
	fi
	mv "$out/$1/sdcard.img.tmp" "$out/$1/sdcard.img"
}
card verity "camsec.appsig_lock=1 camsec.appsig_trust=verity"
card xattr "camsec.appsig_lock=1 camsec.appsig_trust=xattr"
card none "camsec.appsig=off"
echo "$out"
