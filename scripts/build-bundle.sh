#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# A firmware bundle for the A/B camera on the Allwinner H3, as RAUC
# installs it (image/updater/system.conf): the 32-bit ARM firmware image
# (scripts/build-firmware.sh) as version VERSION, one slot's kernel and
# dm-verity root (scripts/build-slot.sh), signed with "rauc bundle" in
# RAUC's verity format. Writes, in DIR:
#   bundle.raucb   the signed bundle
#   content/       what it holds: manifest.raucm, root-verity.img, and
#                  kernel.img (slot.itb: RAUC writes raw slots from .img)
#                  ("rauc bundle" signs it again with another key or
#                  manifest)
# The signer: CAMSEC_FW_SIGN_KEY and CAMSEC_FW_SIGN_CERT, the test PKI's
# firmware signer by default (code signing, certified by the firmware CA
# that the image trusts). The end of support: CAMSEC_END_OF_SUPPORT.
#
# Usage: scripts/build-bundle.sh <6.1|6.12> <plain|debug> VERSION DIR
set -eu
. "$(dirname "$0")/lib.sh"

usage="usage: $0 <version> <plain|debug> VERSION DIR"
ver=${1:?$usage} variant=${2:?$usage} version=${3:?$usage} dir=${4:?$usage}
echo "$version" | grep -Eqx '[0-9]+(\.[0-9]+){0,3}' || die "$version: not a version (1.2.3)"
key=${CAMSEC_FW_SIGN_KEY:-$(pki_dir)/fw-signer.key}
cert=${CAMSEC_FW_SIGN_CERT:-$(pki_dir)/fw-signer.pem}
fw=$CAMSEC_CACHE/firmware/arm-$ver-$variant
[ -d "$fw/rootfs.d" ] || fw=$("$CAMSEC_TOP/scripts/build-firmware.sh" "$ver" "$variant" arm)
work=$(mktemp -d "${TMPDIR:-/tmp}/camsec-bundle.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The image's root as VERSION: what "camsecctl version" reports there.
(flock -s 9 && cp -a "$fw/rootfs.d" "$work/root") 9>"$fw.lock"
manifest=$work/root/etc/camsec/firmware.manifest
sed -i -e "s/^version .*/version $version/" \
	-e "s/^end-of-support .*/end-of-support ${CAMSEC_END_OF_SUPPORT:-2031-12-31}/" "$manifest"
mkfs.erofs --quiet -zlz4hc -T0 --all-root "$work/rootfs.erofs" "$work/root"
rm -rf "$dir/content"
mkdir -p "$dir/content"
"$CAMSEC_TOP/scripts/build-slot.sh" "$ver" "$variant" "$fw" "$work/rootfs.erofs" "$work/slot" >&2
mv "$work/slot/root-verity.img" "$dir/content/"
mv "$work/slot/slot.itb" "$dir/content/kernel.img"
cat > "$dir/content/manifest.raucm" <<-END
	[update]
	compatible=$(sed -n 's/^compatible=//p' "$CAMSEC_TOP/image/updater/system.conf")
	version=$version
	build=$(sed -n 's/^build-id //p' "$manifest")

	[bundle]
	format=verity

	[image.rootfs]
	filename=root-verity.img

	[image.kernel]
	filename=kernel.img
END
rm -f "$dir/bundle.raucb"
rauc bundle --cert="$cert" --key="$key" "$dir/content" "$dir/bundle.raucb" >&2 ||
	die "rauc could not make the bundle"
echo "$dir/bundle.raucb"
