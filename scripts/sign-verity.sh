#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Make a filesystem image a dm-verity volume with a signed root hash, as
# the kernel checks it (CONFIG_DM_VERITY_VERIFY_ROOTHASH_SIG): the hash
# tree is appended to the image (veritysetup format), and the root hash,
# as the hex text veritysetup passes to the kernel, is signed in a
# detached PKCS#7 (DER) by a key whose certificate chains to one of the
# kernel's trusted keys. Writes:
#
#   OUT.img       the image, then its hash tree from HASH_OFFSET
#   OUT.roothash  the root hash, hex
#   OUT.p7s       its signature
#   OUT.verity    DATA_BLOCKS=, HASH_OFFSET=, ROOT_HASH=, SALT= and
#                 HASH_START= (shell): HASH_START is the hash tree's first
#                 4 KiB block, past veritysetup's superblock, as a
#                 kernel table (dmsetup) names it
#
# Open it with: veritysetup open OUT.img NAME OUT.img ROOT_HASH
#   --data-blocks=DATA_BLOCKS --hash-offset=HASH_OFFSET
#   --root-hash-signature=OUT.p7s
#
# Usage: scripts/sign-verity.sh -k KEY -c CERT IMAGE OUT
set -eu
. "$(dirname "$0")/lib.sh"

usage="usage: $0 -k KEY -c CERT IMAGE OUT"
key='' cert=''
while getopts k:c: opt; do
	case $opt in
	k) key=$OPTARG ;;
	c) cert=$OPTARG ;;
	*) die "$usage" ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 2 ] && [ -n "$key" ] && [ -n "$cert" ] || die "$usage"
image=$1 out=$2

size=$(stat -c %s "$image")
[ $((size % 4096)) -eq 0 ] || die "$image: $size bytes, not whole 4 KiB blocks"
cp "$image" "$out.img"
veritysetup format --data-blocks=$((size / 4096)) --hash-offset="$size" \
	--root-hash-file="$out.roothash" "$out.img" "$out.img" > /dev/null ||
	die "veritysetup could not format $out.img"
# The kernel verifies the signature over the root hash's hex text, as
# veritysetup hands it over: without a newline.
printf '%s' "$(cat "$out.roothash")" > "$out.roothash"
openssl cms -sign -binary -noattr -md sha256 -outform DER -nosmimecap \
	-signer "$cert" -inkey "$key" -in "$out.roothash" -out "$out.p7s" ||
	die "could not sign the root hash of $out.img"
cat > "$out.verity" <<END
DATA_BLOCKS=$((size / 4096))
HASH_OFFSET=$size
ROOT_HASH=$(cat "$out.roothash")
SALT=$(veritysetup dump --hash-offset="$size" "$out.img" | sed -n 's/^Salt:[[:space:]]*//p')
HASH_START=$((size / 4096 + 1))
END
