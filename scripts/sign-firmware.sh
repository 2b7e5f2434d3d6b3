#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Makes a signed firmware package for the camera (draft 6.6c): a ustar
# archive of `manifest`, `manifest.sig` and the payloads, in that order.
# The manifest names the compatible device, the version (the device's
# version floor compares it), the build, the end of support and each
# payload's size and SHA-256; manifest.sig is a detached DER CMS SignedData
# over the manifest's exact bytes, by a certificate with extendedKeyUsage
# codeSigning that chains to the device's firmware CA.
#
# The signing key never enters the repository: it is an argument. In
# production it lives in an HSM and KEY is what openssl takes for it, e.g.
# a PKCS#11 URI ('pkcs11:token=...;object=...') with the pkcs11 provider
# loaded through OPENSSL_CONF; here, for tests, a PEM file.
#
# With SOURCE_DATE_EPOCH set, the archive's times and the default build-id
# come from it; the signature still carries its own signing time.
#
# Usage: scripts/sign-firmware.sh -k KEY -c CERT.pem [-C CHAIN.pem] -v VERSION
#          -m COMPATIBLE -e YYYY-MM-DD [-b BUILD_ID] -o OUT.cpkg PAYLOAD...
set -eu

me=$(basename "$0")
die() { echo "$me: $*" >&2; exit 1; }
usage="usage: $me -k KEY -c CERT.pem [-C CHAIN.pem] -v VERSION -m COMPATIBLE -e YYYY-MM-DD [-b BUILD_ID] -o OUT.cpkg PAYLOAD..."

key='' cert='' chain='' version='' compatible='' eos='' build_id='' out=''
while getopts k:c:C:v:m:e:b:o:h opt; do
	case $opt in
	k) key=$OPTARG ;;
	c) cert=$OPTARG ;;
	C) chain=$OPTARG ;;
	v) version=$OPTARG ;;
	m) compatible=$OPTARG ;;
	e) eos=$OPTARG ;;
	b) build_id=$OPTARG ;;
	o) out=$OPTARG ;;
	h) echo "$usage"; exit 0 ;;
	*) die "$usage" ;;
	esac
done
shift $((OPTIND - 1))

for o in k:key c:cert v:version m:compatible e:eos o:out; do
	eval "[ -n \"\$${o#*:}\" ]" || die "-${o%%:*} is missing; $usage"
done
[ $# -ge 1 ] || die "no payload; $usage"
[ $# -le 8 ] || die "$# payloads, a package holds at most 8"

# A URI (an HSM's key) is openssl's business; a path must be a file, and
# one git does not track.
case $key in
*:*) [ -f "$key" ] || key_is_uri=1 ;;
esac
if [ -z "${key_is_uri:-}" ]; then
	[ -f "$key" ] && [ -r "$key" ] || die "key $key: not a readable file"
	if git -C "$(dirname "$key")" ls-files --error-unmatch \
		"$(basename "$key")" >/dev/null 2>&1; then
		die "key $key is tracked by git; signing keys stay out of the repository"
	fi
fi
[ -f "$cert" ] && [ -r "$cert" ] || die "certificate $cert: not a readable file"
if [ -n "$chain" ]; then
	[ -f "$chain" ] && [ -r "$chain" ] || die "chain $chain: not a readable file"
fi

# Plain numbers, no leading zeros: the device compares them as integers,
# and "1.04" must not be a second spelling of "1.4".
num='(0|[1-9][0-9]{0,8})'
echo "$version" | grep -Eqx "$num\.$num\.$num" ||
	die "version '$version': expected MAJOR.MINOR.PATCH, e.g. 1.4.2"
# One token on a manifest line: no blanks, nothing a parser could trip on.
echo "$compatible" | grep -Eqx '[A-Za-z0-9][A-Za-z0-9,._+-]{0,127}' ||
	die "compatible '$compatible': expected a devicetree-style string, e.g. camsec,virtual-camera"
# The shape, then the calendar (date normalises 2031-02-30 to March).
echo "$eos" | grep -Eqx '[0-9]{4}-[0-9]{2}-[0-9]{2}' &&
	[ "$(date -u -d "$eos" +%F 2>/dev/null)" = "$eos" ] ||
	die "end-of-support '$eos': expected a real date YYYY-MM-DD"

if [ -z "$build_id" ]; then
	build_id=$(date -u ${SOURCE_DATE_EPOCH:+-d "@$SOURCE_DATE_EPOCH"} +%Y%m%d)
	if hash=$(git rev-parse --short HEAD 2>/dev/null); then
		build_id=$build_id.$hash
	fi
fi
echo "$build_id" | grep -Eqx '[A-Za-z0-9._+-]{1,64}' ||
	die "build-id '$build_id': expected 1-64 of [A-Za-z0-9._+-]"

names=
for p in "$@"; do
	[ -f "$p" ] && [ -r "$p" ] || die "payload $p: not a readable file"
	n=$(basename "$p")
	echo "$n" | grep -Eqx '[A-Za-z0-9._-]{1,64}' ||
		die "payload name '$n': expected 1-64 of [A-Za-z0-9._-]"
	case $n in
	.|..|manifest|manifest.sig) die "payload name '$n' is reserved" ;;
	esac
	case " $names " in
	*" $n "*) die "payload name '$n' given twice" ;;
	esac
	names="$names $n"
done

out_dir=$(dirname "$out")
[ -d "$out_dir" ] || die "output directory $out_dir does not exist"

tmp=$(mktemp -d)
part=$out.part.$$
trap 'rm -rf "$tmp" "$part"' EXIT
trap 'exit 1' INT TERM HUP

# Copies, so that what is hashed is what is archived even if a payload
# changes meanwhile, and with the same mode whatever the umask.
{
	echo "camsec-firmware 1"
	echo "compatible $compatible"
	echo "version $version"
	echo "build-id $build_id"
	echo "end-of-support $eos"
	for p in "$@"; do
		n=$(basename "$p")
		cp "$p" "$tmp/$n"
		size=$(wc -c < "$tmp/$n" | tr -d ' ')
		sum=$(sha256sum < "$tmp/$n" | cut -d' ' -f1)
		echo "payload $n $size $sum"
	done
} > "$tmp/manifest"

openssl cms -sign -binary -md sha256 -outform DER -in "$tmp/manifest" \
	-signer "$cert" -inkey "$key" ${chain:+-certfile "$chain"} \
	-out "$tmp/manifest.sig" || die "signing failed"
[ -s "$tmp/manifest.sig" ] || die "signing gave an empty signature"

chmod 0644 "$tmp"/*
# Written aside in OUT's directory and renamed, so that OUT is never a
# half-made package.
# shellcheck disable=SC2086 # $names: checked names, no blanks
tar --format=ustar --owner=0 --group=0 --numeric-owner \
	--mtime="@${SOURCE_DATE_EPOCH:-0}" -cf "$part" -C "$tmp" \
	manifest manifest.sig $names
mv -f "$part" "$out"
