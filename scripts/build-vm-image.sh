#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Everything one VM boot needs, for one kernel: the kernel (with the LSM),
# the modules built against it, the userspace programs, the selftests and
# the initramfs holding them, cross-built for other architectures than
# x86_64. Prints the image directory, where "kernel" is the kernel image.
#
# With a user architecture, the userspace is that one's: 32-bit ARM
# programs on the arm64 kernel (CONFIG_COMPAT), as a camera vendor may ship.
#
# Usage: scripts/build-vm-image.sh <6.1|6.12> <plain|debug> [x86_64|arm|arm64 [user arch]]
set -eu
. "$(dirname "$0")/lib.sh"

usage="usage: $0 <version> <plain|debug> [arch [user arch]]"
ver=${1:?$usage}
variant=${2:?$usage}
arch=${3:-x86_64}
uarch=${4:-$arch}
arch_valid "$arch"
arch_valid "$uarch"
img=$CAMSEC_CACHE/images/$arch-$ver-$variant
[ "$uarch" = "$arch" ] || img=$img+$uarch

"$CAMSEC_TOP/scripts/build-kernel.sh" "$ver" "$variant" "$arch" >&2
kdir=$(kbuild_link "$arch" "$ver" "$variant")
CAMSEC_KBUILD_FLAGS="${CAMSEC_KBUILD_FLAGS:-} CAMSEC_TESTMOD=m" \
	"$CAMSEC_TOP/scripts/build-modules.sh" "$kdir" "$img/modules" "$arch" >&2
cross_env "$uarch"
make -s -C "$CAMSEC_TOP/userspace" O="$img/userspace" >&2
make -s -C "$CAMSEC_TOP/selftests" O="$img/selftests" \
	KSFT_DIR="$(ksrc_dir "$ver")/tools/testing/selftests" >&2
"$CAMSEC_TOP/scripts/build-vm-initramfs.sh" "$uarch" "$kdir" "$img/modules" \
	"$img/userspace" "$img/selftests" "$img/initramfs.cpio.gz"
ln -sfn "$kdir/$(kernel_image "$arch")" "$img/kernel"
# 32-bit ARM also boots on QEMU's Allwinner H3 (run-vm.sh --board
# orangepi-pc): its board tree with each camsec overlay for the H3.
if [ "$arch" = arm ] && [ "$uarch" = arm ]; then
	for v in harden console; do
		"$CAMSEC_TOP/scripts/build-board-dtb.sh" "$kdir" "$ver" sun8i-h3-orangepi-pc \
			"sun8i-h3-camsec-$v" "$img/orangepi-pc-$v.dtb" >&2
	done
fi
echo "$img"
