#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# A board's device tree as the kernel builds it (with symbols, -@), with a
# camsec overlay of dts/ applied at build time, as a product's image build
# would apply it; overlay "-" for the board's tree as it is.
#
# Usage: scripts/build-board-dtb.sh <arm kernel build dir> <version> <board> <overlay|-> <out.dtb>
#        (e.g. ... 6.1 sun8i-h3-orangepi-pc sun8i-h3-camsec-harden out.dtb)
set -eu
. "$(dirname "$0")/lib.sh"

kdir=${1:?usage}; ver=${2:?usage}; board=${3:?usage}; overlay=${4:?usage}; out=${5:?usage}
src=$(ksrc_dir "$ver")
# 6.1 keeps the boards in arch/arm/boot/dts, 6.12 in a folder per vendor.
dts=$(cd "$src/arch/arm/boot/dts" && find . -name "$board.dts" | head -n 1)
[ -n "$dts" ] || die "no board $board in linux $ver"
dtb=${dts#./}
dtb=${dtb%.dts}.dtb
make_kernel arm -s -C "$src" O="$kdir" "DTC_FLAGS_$board=-@" "$dtb"
if [ "$overlay" = - ]; then
	cp "$kdir/arch/arm/boot/dts/$dtb" "$out"
	exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/camsec-dtb.XXXXXX")
trap 'rm -rf "$work"' EXIT
dtc -@ -q -I dts -O dtb -i "$CAMSEC_TOP/dts" -o "$work/overlay.dtbo" \
	"$CAMSEC_TOP/dts/$overlay.dtso"
fdtoverlay -i "$kdir/arch/arm/boot/dts/$dtb" -o "$out" "$work/overlay.dtbo"
