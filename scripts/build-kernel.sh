#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Build a camsec test kernel from Debian's linux-source-<version> package.
#
# The source is extracted once into the cache and the LSM grafted in; each
# variant builds out of tree (O=) in a directory keyed by the kernel version
# and the hash of its config fragments, so a change to lsm/ rebuilds only
# the objects it touches while a config change starts a fresh tree. Other
# architectures than x86_64 are cross-built from the same source.
#
# Usage: scripts/build-kernel.sh <6.1|6.12> <plain|debug> [x86_64|arm|arm64]
set -eu
. "$(dirname "$0")/lib.sh"

usage="usage: $0 <version> <plain|debug> [arch]"
ver=${1:?$usage}
variant=${2:?$usage}
arch=${3:-x86_64}
case $variant in plain|debug) ;; *) die "variant must be plain or debug" ;; esac
arch_valid "$arch"

tarball=/usr/src/linux-source-$ver.tar.xz
src=$(ksrc_dir "$ver")
[ -f "$tarball" ] || die "$tarball missing: run 'make deps'"

mkdir -p "$CAMSEC_CACHE/src" "$CAMSEC_CACHE/build"
exec 9>"$CAMSEC_CACHE/build/.lock-$ver"
flock 9

# Extracted afresh when the upstream changes grafted into it change
# (graft-lsm.sh applies kernel-patches/<version>/).
patches=
if ls "$CAMSEC_TOP/scripts/kernel-patches/$ver"/*.patch > /dev/null 2>&1; then
	patches=$(cat "$CAMSEC_TOP/scripts/kernel-patches/$ver"/*.patch | sha256sum | cut -c1-12)
fi
if [ ! -f "$src/.camsec-extracted" ] || [ "$(cat "$src/.camsec-extracted")" != "$patches" ]; then
	echo "build-kernel: extracting $tarball"
	rm -rf "$src"
	tar -C "$CAMSEC_CACHE/src" -xf "$tarball"
	echo "$patches" > "$src/.camsec-extracted"
fi
"$CAMSEC_TOP/scripts/graft-lsm.sh" "$src" >/dev/null

frags=$(kconfig_fragments "$variant" "$ver" "$arch")
key=$( (echo "$arch $ver $variant"; cat $frags) | sha256sum | cut -c1-12)
out=$CAMSEC_CACHE/build/linux-$arch-$ver-$variant-$key
mkdir -p "$out"

"$CAMSEC_TOP/scripts/make-test-pki.sh" "$(pki_dir)"
if [ ! -f "$out/.config" ]; then
	cat $frags > "$out/camsec.config"
	# The integrator's CA; for the test kernels, the test PKI's.
	echo "CONFIG_SYSTEM_TRUSTED_KEYS=\"$(pki_dir)/ca.pem\"" >> "$out/camsec.config"
	make_kernel "$arch" -s -C "$src" O="$out" KCONFIG_ALLCONFIG="$out/camsec.config" allnoconfig
	# A fragment line that did not survive means a typo or a missing
	# dependency; catch it here, not as a puzzling test failure.
	# A later fragment overrides an earlier one: the last line of each
	# option counts.
	missing=$(grep -E '^CONFIG_[A-Z0-9_]+=' "$out/camsec.config" | tac |
		awk -F= '!seen[$1]++' | grep -vxFf "$out/.config" | grep -v '=n$' || true)
	if [ -n "$missing" ]; then
		mv "$out/.config" "$out/.config.rejected"
		die "config lines not accepted by $ver:
$missing"
	fi
fi

echo "build-kernel: building $arch-$ver-$variant in $out"
make_kernel "$arch" -s -C "$src" O="$out" -j"$(nproc)" all
ln -sfn "$out" "$(kbuild_link "$arch" "$ver" "$variant")"
# Trees of superseded configs only fill the disk.
for old in "$CAMSEC_CACHE/build/linux-$arch-$ver-$variant"-*; do
	[ "$old" = "$out" ] || rm -rf "$old"
done
