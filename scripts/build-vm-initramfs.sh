#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Assemble the virtual camera's initramfs: busybox, /init, the camsec
# modules, the userspace programs with the shared libraries they need, and
# the selftests. The architecture's busybox, tools and libraries come from
# its sysroot (the host's for x86_64).
#
# Usage: scripts/build-vm-initramfs.sh <arch> <kernel build dir> <modules dir>
#                               <userspace dir> <selftests dir> <out.cpio.gz>
set -eu
. "$(dirname "$0")/lib.sh"

arch=${1:?usage}; kdir=${2:?usage}; mods=${3:?usage}; usr=${4:?usage}
tests=${5:?usage}; out=${6:?usage}
use_arch "$arch"
root=$(mktemp -d "${TMPDIR:-/tmp}/camsec-initramfs.XXXXXX")
chmod 755 "$root"	# the guest's /
trap 'rm -rf "$root"' EXIT

mkdir -p "$root"/usr/sbin "$root"/usr/bin "$root"/lib/modules/camsec \
	"$root"/proc "$root"/sys "$root"/dev "$root"/tmp "$root"/run "$root"/etc "$root"/root
add_busybox "$root"
cp "$CAMSEC_TOP/selftests/vm-init.sh" "$root/init"
echo 'root:x:0:0:root:/root:/bin/sh' > "$root/etc/passwd"
echo 'root:x:0:' > "$root/etc/group"

for ko in "$mods"/*.ko; do
	if [ -e "$ko" ]; then cp "$ko" "$root/lib/modules/camsec/"; fi
done
for prog in "$usr"/camsec*; do
	if [ -f "$prog" ] && [ -x "$prog" ]; then add_elf "$root" "$prog" "usr/sbin/$(basename "$prog")"; fi
done
for tool in keyctl evmctl; do
	add_elf "$root" "$(sysroot_tool $tool)" "usr/bin/$tool"
done
# iproute2 for network namespaces and veth pairs (busybox ip has no netns),
# nft for the netfilter benchmark's baseline; bash, iputils ping and procps
# sysctl for the kernel's own netfilter selftests (the net suite puts
# /usr/sbin and /usr/bin first in their PATH).
for tool in ip nft sysctl; do
	add_elf "$root" "$(sysroot_tool $tool)" "usr/sbin/$tool"
done
for tool in bash ping; do
	add_elf "$root" "$(sysroot_tool $tool)" "usr/bin/$tool"
done
# cryptsetup's veritysetup and dmsetup for the dm-verity tests.
for tool in veritysetup dmsetup; do
	add_elf "$root" "$(sysroot_tool $tool)" "usr/sbin/$tool"
done
# RAUC and the bus its client and service share, for the updater
# benchmark (selftests/bench/updater.sh) on 32-bit ARM, the A/B card's.
if [ "$arch" = arm ]; then
	for tool in rauc dbus-daemon; do
		add_elf "$root" "$(sysroot_tool $tool)" "usr/bin/$tool"
	done
fi
# iproute2's names (device groups, routing tables), which nft reads too.
cp -r "$SYSROOT/etc/iproute2" "$root/etc/"

# Configuration the camera ships with (the default access policy, which
# names the authority by the digest of the camsecd installed above).
cp -r "$CAMSEC_TOP/userspace/etc/camsec" "$root/etc/"
sed -i "s/@CAMSECD_SHA256@/$(sha256sum "$root/usr/sbin/camsecd" | cut -d' ' -f1)/" \
	"$root/etc/camsec/access.policy"

# The test PKI: certificates, and the signers' keys so that the tests sign
# with evmctl as an integrator would; the TLS servers' keys for camsecd.
# The CA's key stays on the host.
mkdir -p "$root/etc/camsec/test-pki"
cp "$(pki_dir)"/*.der "$(pki_dir)"/signer*.key "$(pki_dir)/rogue-signer.key" \
	"$(pki_dir)/ca.pem" "$(pki_dir)"/tls-server.[kp]* "$(pki_dir)"/tls-server6.* "$(pki_dir)"/rogue-tls.* \
	"$(pki_dir)/fw-ca.pem" "$root/etc/camsec/test-pki/"

cp -a "$tests" "$root/selftests"
# What a camera's H.264 and H.265 encoders write (Annex B, an access unit
# delimiter per frame), made by FFmpeg's x264 and x265 on the host.
"$CAMSEC_TOP/scripts/make-test-video.sh" "$root/selftests/vcrypt/media"
# The dm-verity volumes, their root hashes signed on the host too.
"$CAMSEC_TOP/scripts/make-verity-corpus.sh" "$(pki_dir)" "$(sysroot_tool busybox)" \
	"$root/selftests/appsig/verity" > /dev/null
# A small ext4 filesystem with a file, for the block device classes
# (made here: the guest has no mkfs.ext4).
mkdir -p "$root/selftests/access/flash"
echo "BOOT_ORDER=A B" > "$root/selftests/access/flash/uboot.env"
rm -f "$root/selftests/access/flash.img"
mkfs.ext4 -q -b 1024 -d "$root/selftests/access/flash" "$root/selftests/access/flash.img" 1M > /dev/null
rm -r "$root/selftests/access/flash"
find "$root/selftests" -type f -perm -u+x | while read -r f; do
	if file -b "$f" | grep -q ELF; then add_libs "$root" "$f"; fi
done
# libsrtp2's crypto (selftests/vcrypt's viewer, the benchmark's baseline).
add_nss "$root"

mkdir -p "$(dirname "$out")"
# The kernel's gen_init_cpio makes /dev/console without root; the kernel
# unpacks concatenated archives in order.
{
	(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet)
	echo "nod /dev/console 600 0 0 c 5 1" | "$kdir/usr/gen_init_cpio" -
} | gzip -1 > "$out.tmp"
mv "$out.tmp" "$out"
