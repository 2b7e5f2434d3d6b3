#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The firmware update tests' packages (draft 6.6c), made with sign-firmware.sh
# from the test PKI's firmware part (scripts/make-test-pki.sh): good ones, and
# one for each way the device must refuse a package. All are for
# "camsec,virtual-camera" unless said, with the payloads rootfs.img (64 KiB)
# and kernel.img (4 KiB) of fixed pseudo-random bytes.
#
#   valid.cpkg            2.0.0, end of support 2031-12-31, fw-signer
#   valid-next.cpkg       2.1.0, the same otherwise
#   unsigned.cpkg         valid's members, manifest.sig empty
#   unknown-key.cpkg      2.0.0 by fw-rogue-signer (a CA the device lacks)
#   payload-flip.cpkg     valid's, one byte of rootfs.img changed
#   manifest-flip.cpkg    valid's, the build-id's last character changed
#   wrong-purpose.cpkg    2.0.0 by fw-wrongpurpose (no codeSigning)
#   older.cpkg            1.0.0, validly signed: under the version floor
#   wrong-compatible.cpkg 2.0.0 for "camsec,other-camera", validly signed
#   eos-past.cpkg         3.0.0, end of support 2020-01-01, validly signed
#
# The altered packages are rebuilt from valid's members with sign-firmware.sh's
# tar command, so their headers and checksums are sound and only the data
# differs. Payloads, manifests and archive times are the same on every run
# (SOURCE_DATE_EPOCH defaults to a fixed date); the signatures are not, as
# CMS records its signing time.
#
# Usage: scripts/make-fw-corpus.sh PKI_DIR OUTDIR
set -eu
. "$(dirname "$0")/lib.sh"

pki=${1:?usage: $0 PKI_DIR OUTDIR}
out=${2:?usage: $0 PKI_DIR OUTDIR}
sign=$CAMSEC_TOP/scripts/sign-firmware.sh
for f in fw-signer fw-wrongpurpose fw-rogue-signer; do
	[ -f "$pki/$f.pem" ] && [ -f "$pki/$f.key" ] ||
		die "$pki/$f.{pem,key} missing; run scripts/make-test-pki.sh $pki"
done

SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1764115200} # 2025-11-26
export SOURCE_DATE_EPOCH
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP

# AES-CTR over zeros with a fixed key: bytes that look like an image,
# compress like one (not at all), and are the same everywhere.
stream() { # bytes key
	head -c "$1" /dev/zero | openssl enc -aes-128-ctr -K "$2" \
		-iv 00000000000000000000000000000000
}
mkdir "$tmp/payload"
stream 65536 726f6f7466732e696d67000000000000 > "$tmp/payload/rootfs.img"
stream 4096 6b65726e656c2e696d67000000000000 > "$tmp/payload/kernel.img"

build_id=20261126.1
pkg() { # name signer version compatible eos
	"$sign" -k "$pki/$2.key" -c "$pki/$2.pem" -v "$3" -m "$4" -e "$5" \
		-b "$build_id" -o "$out/$1" \
		"$tmp/payload/rootfs.img" "$tmp/payload/kernel.img"
}
# sign-firmware.sh's archive, from the members in $tmp/$1, signature untouched.
retar() { # name
	chmod 0644 "$tmp/$1"/*
	tar --format=ustar --owner=0 --group=0 --numeric-owner \
		--mtime="@$SOURCE_DATE_EPOCH" -cf "$out/$1" -C "$tmp/$1" \
		manifest manifest.sig rootfs.img kernel.img
}
unpack() { # name: valid.cpkg's members, into $tmp/$1
	mkdir "$tmp/$1"
	tar -xf "$out/valid.cpkg" -C "$tmp/$1"
}
flip() { # file offset: the byte there, its low bit inverted
	b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
	[ -n "$b" ] || die "$1: no byte at offset $2"
	# shellcheck disable=SC2059 # the format is the octal escape
	printf "$(printf '\\%03o' $((b ^ 1)))" |
		dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}
say() { printf '%-22s %s\n' "$1" "$2"; }

vc=camsec,virtual-camera
pkg valid.cpkg fw-signer 2.0.0 $vc 2031-12-31
say valid.cpkg "2.0.0, fw-signer: accept"
pkg valid-next.cpkg fw-signer 2.1.0 $vc 2031-12-31
say valid-next.cpkg "2.1.0, fw-signer: accept (upgrade from valid)"

unpack unsigned.cpkg
: > "$tmp/unsigned.cpkg/manifest.sig"
retar unsigned.cpkg
say unsigned.cpkg "valid's, manifest.sig empty: refuse"

pkg unknown-key.cpkg fw-rogue-signer 2.0.0 $vc 2031-12-31
say unknown-key.cpkg "2.0.0, fw-rogue-signer (untrusted CA): refuse"

unpack payload-flip.cpkg
flip "$tmp/payload-flip.cpkg/rootfs.img" 32768
retar payload-flip.cpkg
say payload-flip.cpkg "valid's, rootfs.img byte 32768 flipped: refuse (hash)"

unpack manifest-flip.cpkg
# The build-id's last character, "1" -> "0": same size, bad signature.
off=$(grep -b "^build-id $build_id\$" "$tmp/manifest-flip.cpkg/manifest" |
	cut -d: -f1)
[ -n "$off" ] || die "no build-id line in valid.cpkg's manifest"
flip "$tmp/manifest-flip.cpkg/manifest" $((off + ${#build_id} + 8))
retar manifest-flip.cpkg
say manifest-flip.cpkg "valid's, build-id's last byte flipped: refuse (signature)"

pkg wrong-purpose.cpkg fw-wrongpurpose 2.0.0 $vc 2031-12-31
say wrong-purpose.cpkg "2.0.0, fw-wrongpurpose (no codeSigning): refuse"
pkg older.cpkg fw-signer 1.0.0 $vc 2031-12-31
say older.cpkg "1.0.0, fw-signer: refuse (version floor)"
pkg wrong-compatible.cpkg fw-signer 2.0.0 camsec,other-camera 2031-12-31
say wrong-compatible.cpkg "2.0.0 for camsec,other-camera: refuse"
pkg eos-past.cpkg fw-signer 3.0.0 $vc 2020-01-01
say eos-past.cpkg "3.0.0, end of support 2020-01-01: accept, warn"
