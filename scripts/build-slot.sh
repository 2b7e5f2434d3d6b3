#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# One A/B slot of the camera on the Allwinner H3, from the 32-bit ARM
# firmware directory FW (scripts/build-firmware.sh) and an EROFS root:
#   OUT/root-verity.*  the root as a dm-verity volume (.img: the root,
#                      then its hash tree; .roothash, .p7s, .verity)
#   OUT/slot.itb       the kernel slot's FIT image: kernel, the board's
#                      device tree, and the boot initramfs with the root's
#                      verity parameters and signed root hash
# The root hash is signed by CAMSEC_SIGN_KEY/CAMSEC_SIGN_CERT (the test
# PKI's signer), whose certificate chains to the kernel's built-in CA.
# With --no-verity (the boot benchmark's slot, never shipped), OUT/slot.itb
# has no verity parameters, and its initramfs maps the slot's root
# partition unchecked: ROOTFS itself goes there.
#
# Usage: scripts/build-slot.sh [--no-verity] <6.1|6.12> <plain|debug> FW ROOTFS OUT
set -eu
. "$(dirname "$0")/lib.sh"

usage="usage: $0 [--no-verity] <version> <plain|debug> FW ROOTFS OUT"
verity=yes
[ "${1:-}" = --no-verity ] && { verity=no; shift; }
ver=${1:?$usage} variant=${2:?$usage} fw=${3:?$usage} rootfs=${4:?$usage}
out=${5:?$usage}
kdir=$(kbuild_link arm "$ver" "$variant")
key=${CAMSEC_SIGN_KEY:-$(pki_dir)/signer.key}
cert=${CAMSEC_SIGN_CERT:-$(pki_dir)/signer.der}
work=$(mktemp -d "${TMPDIR:-/tmp}/camsec-slot.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

# The slot's boot initramfs: the image's, and a second cpio, which the
# kernel unpacks over the first, with dmsetup and the root's parameters.
extra=$work/extra
mkdir -p "$extra/etc"
use_arch arm
add_elf "$extra" "$(sysroot_tool dmsetup)" bin/dmsetup
if [ $verity = yes ]; then
	"$CAMSEC_TOP/scripts/sign-verity.sh" -k "$key" -c "$cert" "$rootfs" \
		"$out/root-verity" >&2
	cp "$out/root-verity.verity" "$extra/etc/root.verity"
	cp "$out/root-verity.p7s" "$extra/etc/root.p7s"
fi
{
	cat "$fw/boot.cpio.gz"
	(cd "$extra" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | gzip -9
} > "$work/initramfs"

# The FIT image, with the board's own device tree.
"$CAMSEC_TOP/scripts/build-board-dtb.sh" "$kdir" "$ver" sun8i-h3-orangepi-pc - "$work/board.dtb" >&2
sed -e "s|@KERNEL@|$kdir/$(kernel_image arm)|" -e "s|@DTB@|$work/board.dtb|" \
	-e "s|@INITRAMFS@|$work/initramfs|" "$CAMSEC_TOP/image/uboot/camsec.its" > "$work/slot.its"
mkimage -f "$work/slot.its" "$out/slot.itb.tmp" > /dev/null || die "mkimage could not make slot.itb"
mv "$out/slot.itb.tmp" "$out/slot.itb"
