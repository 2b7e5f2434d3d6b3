#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The dm-verity tests' images (selftests/appsig/verity.sh): an EROFS
# image with PROGRAM (busybox) as /bin/busybox-v and no security.ima, made a
# verity volume by sign-verity.sh with the test PKI's signer. Writes:
#
#   signed.{img,roothash,p7s,verity}  the volume and its signed root hash
#   rogue.p7s       the same root hash signed by rogue-signer, whose CA
#                   the kernel does not trust
#   tampered.img    signed.img with one byte of /bin/busybox-v changed
#
# Usage: scripts/make-verity-corpus.sh PKI_DIR PROGRAM OUTDIR
set -eu
. "$(dirname "$0")/lib.sh"

usage="usage: $0 PKI_DIR PROGRAM OUTDIR"
pki=${1:?$usage} prog=${2:?$usage} out=${3:?$usage}
for f in signer rogue-signer; do
	[ -f "$pki/$f.pem" ] && [ -f "$pki/$f.key" ] ||
		die "$pki/$f.{pem,key} missing; run scripts/make-test-pki.sh $pki"
done
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP

mkdir -p "$tmp/root/bin"
cp "$prog" "$tmp/root/bin/busybox-v"
echo "camsec verity test image" > "$tmp/root/marker"
# Uncompressed, so that a byte of the image is a byte of the file.
mkfs.erofs --quiet --all-root -T 0 -x -1 "$tmp/fs.img" "$tmp/root" ||
	die "mkfs.erofs failed"
"$CAMSEC_TOP/scripts/sign-verity.sh" -k "$pki/signer.key" -c "$pki/signer.pem" \
	"$tmp/fs.img" "$out/signed"
openssl cms -sign -binary -noattr -md sha256 -outform DER -nosmimecap \
	-signer "$pki/rogue-signer.pem" -inkey "$pki/rogue-signer.key" \
	-in "$out/signed.roothash" -out "$out/rogue.p7s"

# The program's ELF header, a block the kernel reads first when it runs it.
at=$(grep -obUaP '\x7fELF' "$out/signed.img" | head -n 1 | cut -d: -f1)
[ -n "$at" ] || die "no ELF file in $out/signed.img"
cp "$out/signed.img" "$out/tampered.img"
printf 'X' | dd of="$out/tampered.img" bs=1 seek=$((at + 40)) conv=notrunc status=none
