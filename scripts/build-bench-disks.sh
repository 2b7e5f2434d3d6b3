#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The disks of the updater benchmark (selftests/bench/updater.sh), made
# once in $CAMSEC_CACHE/bench (printed, one per line, in the order the VM
# takes them):
#   updater.ext4  image.img (64 MiB of random bytes, as a compressed root
#                 is), image-verity.* (the same as a dm-verity volume,
#                 scripts/sign-verity.sh) and bundle.raucb (a RAUC verity
#                 bundle of image.img, signed by the test PKI's firmware
#                 signer, for compatible "camsec,bench")
#   slot.img      64 MiB: the slot both write
#
# Usage: scripts/build-bench-disks.sh
set -eu
. "$(dirname "$0")/lib.sh"

out=$CAMSEC_CACHE/bench
pki=$(pki_dir)
if [ ! -s "$out/updater.ext4" ]; then
	work=$(mktemp -d "${TMPDIR:-/tmp}/camsec-bench.XXXXXX")
	trap 'rm -rf "$work"' EXIT
	mkdir -p "$work/disk" "$work/content" "$out"
	head -c 64M /dev/urandom > "$work/disk/image.img"
	"$CAMSEC_TOP/scripts/sign-verity.sh" -k "$pki/signer.key" -c "$pki/signer.der" \
		"$work/disk/image.img" "$work/disk/image-verity" >&2
	cp "$work/disk/image.img" "$work/content/"
	cat > "$work/content/manifest.raucm" <<-END
		[update]
		compatible=camsec,bench
		version=1.0.0

		[bundle]
		format=verity

		[image.rootfs]
		filename=image.img
	END
	rauc bundle --cert="$pki/fw-signer.pem" --key="$pki/fw-signer.key" \
		"$work/content" "$work/disk/bundle.raucb" >&2 || die "rauc could not make the bundle"
	mkfs.ext4 -q -L camsec-bench -d "$work/disk" "$out/updater.ext4.tmp" 240M
	mv "$out/updater.ext4.tmp" "$out/updater.ext4"
fi
[ -s "$out/slot.img" ] || truncate -s 64M "$out/slot.img"
echo "$out/updater.ext4"
echo "$out/slot.img"
