#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The A/B camera on the Allwinner H3 (QEMU's -M orangepi-pc): an SD card
# that U-Boot boots, made in the firmware directory of the 32-bit ARM
# image (printed):
#   sdcard.img      the card, 256 MiB, MBR:
#                   8 KiB   U-Boot SPL and U-Boot (Debian's u-boot-sunxi,
#                           its Orange Pi Plus build: the same H3)
#                   p1      FAT, bootable: boot.scr; U-Boot's uboot.env
#                   p2, p3  kernel slots A and B, raw: slot.itb
#                   p5, p6  root slots A and B, raw: root-verity.img
#                   p7      the OTP stand-in
#                   p8      the data partition (ext4)
#   slot.itb, root-verity.*  slot A's kernel and root (scripts/build-slot.sh)
# A card already there keeps its data and OTP partitions, as a device's
# flash does; the boot partition and slot A are written again, as at the
# factory, and U-Boot's environment starts over.
#
# Usage: scripts/build-sdcard.sh <6.1|6.12> <plain|debug>
set -eu
. "$(dirname "$0")/lib.sh"

ver=${1:?usage: $0 <version> <plain|debug>}
variant=${2:?usage: $0 <version> <plain|debug>}
spl=/usr/lib/u-boot/orangepi_plus/u-boot-sunxi-with-spl.bin
[ -f "$spl" ] || die "no $spl: run 'make deps'"
fw=$("$CAMSEC_TOP/scripts/build-firmware.sh" "$ver" "$variant" arm)
work=$(mktemp -d "${TMPDIR:-/tmp}/camsec-sd.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Slot A, as the factory writes it.
"$CAMSEC_TOP/scripts/build-slot.sh" "$ver" "$variant" "$fw" "$fw/rootfs.erofs" "$fw" >&2

# The boot partition: the boot script, and no environment, which U-Boot
# writes at the first boot from its defaults and the script's counters.
mkimage -A arm -T script -C none -n "camsec A/B" -d "$CAMSEC_TOP/image/uboot/boot.cmd" \
	"$work/boot.scr" > /dev/null
truncate -s 8M "$work/boot.vfat"
mkfs.vfat -n CAMSEC-BOOT "$work/boot.vfat" > /dev/null
mcopy -i "$work/boot.vfat" "$work/boot.scr" ::boot.scr

card=$fw/sdcard.img
if [ ! -s "$card" ]; then
	truncate -s 256M "$card.tmp"
	sfdisk -q "$card.tmp" <<-END
		label: dos
		1M,8M,e,*
		,16M,da
		,16M,da
		,,5
		,64M,da
		,64M,da
		,1M,da
		,64M,83
	END
	# A device's own key: made once, kept with the card.
	head -c 32 /dev/urandom > "$work/otp"
	truncate -s 512 "$work/otp"
	truncate -s 64M "$work/empty.ext4"
	mkfs.ext4 -q -L camsec-data "$work/empty.ext4"
	write_part "$card.tmp" 7 "$work/otp"
	write_part "$card.tmp" 8 "$work/empty.ext4"
	mv "$card.tmp" "$card"
fi
dd if="$spl" of="$card" bs=1024 seek=8 conv=notrunc status=none
write_part "$card" 1 "$work/boot.vfat"
write_part "$card" 2 "$fw/slot.itb"
write_part "$card" 5 "$fw/root-verity.img"
echo "$fw"
