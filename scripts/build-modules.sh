#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Build kmod/ out of tree against a kernel build tree or an integrator's
# kernel headers, and collect the modules.
#
# Each kernel gets its own copy of the sources, because Kbuild writes its
# objects next to them; rsync -c keeps unchanged timestamps, so rebuilds
# are incremental.
#
# Usage: scripts/build-modules.sh <KDIR> <output dir for the .ko files> [arch]
set -eu
. "$(dirname "$0")/lib.sh"

kdir=${1:?usage: $0 <KDIR> <outdir> [arch]}
out=${2:?usage: $0 <KDIR> <outdir> [arch]}
arch=${3:-x86_64}
arch_valid "$arch"
[ -f "$kdir/Makefile" ] || die "$kdir: not a kernel build tree (no Makefile)"

stage=$CAMSEC_CACHE/kmod/$(echo "$(cd "$kdir" && pwd -P)" | sha256sum | cut -c1-12)
mkdir -p "$stage" "$out"
rsync -rc --delete --exclude='*.o' --exclude='*.ko' --exclude='*.mod*' \
	--exclude='.*.cmd' --exclude=Module.symvers --exclude=modules.order \
	--include='Kbuild' --include='kmod/***' --include='include/***' \
	--include='selftests/' --include='selftests/appsig/' --include='selftests/appsig/testmod/***' \
	--include='selftests/bench/' --include='selftests/bench/srtpraw/***' --exclude='*' \
	"$CAMSEC_TOP/" "$stage/"
make_kernel "$arch" -C "$kdir" M="$stage" ${CAMSEC_KBUILD_FLAGS:-} -j"$(nproc)" modules
rm -f "$out"/*.ko
find "$stage" -name '*.ko' -exec cp {} "$out/" \;
echo "build-modules: $(ls "$out" | grep -c '\.ko$' || true) module(s) in $out"
