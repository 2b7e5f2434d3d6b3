#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Everything one VM boot needs, for one kernel: the kernel (with the LSM),
# the modules built against it, the userspace programs, the selftests and
# the initramfs holding them. Prints the image directory.
#
# Usage: scripts/build-vm-image.sh <6.1|6.12> <plain|debug>
set -eu
. "$(dirname "$0")/lib.sh"

ver=${1:?usage: $0 <version> <plain|debug>}
variant=${2:?usage: $0 <version> <plain|debug>}
img=$CAMSEC_CACHE/images/$ver-$variant

"$CAMSEC_TOP/scripts/build-kernel.sh" "$ver" "$variant" >&2
kdir=$(kbuild_link "$ver" "$variant")
CAMSEC_KBUILD_FLAGS="${CAMSEC_KBUILD_FLAGS:-} CAMSEC_TESTMOD=m" \
	"$CAMSEC_TOP/scripts/build-modules.sh" "$kdir" "$img/modules" >&2
make -s -C "$CAMSEC_TOP/userspace" O="$img/userspace" >&2
make -s -C "$CAMSEC_TOP/selftests" O="$img/selftests" \
	KSFT_DIR="$(ksrc_dir "$ver")/tools/testing/selftests" >&2
"$CAMSEC_TOP/scripts/build-vm-initramfs.sh" "$kdir" "$img/modules" "$img/userspace" \
	"$img/selftests" "$img/initramfs.cpio.gz"
ln -sfn "$kdir/arch/x86/boot/bzImage" "$img/bzImage"
echo "$img"
