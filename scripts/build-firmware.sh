#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The camera's firmware image for one kernel, built with it, in
# $CAMSEC_CACHE/firmware/<arch>-<version>-<variant> (printed):
#   rootfs.d/      the root as a tree, signed, which rootfs.erofs holds
#   rootfs.erofs   the read-only root: busybox, camsec's programs, the
#                  libraries they load and its modules, each signed with
#                  evmctl (security.ima); EROFS, lz4hc-compressed; on
#                  32-bit ARM, the A/B card's updater (image/updater/)
#   boot.cpio.gz   the boot initramfs: image/boot-init and what it runs
#   otp.bin        the stand-in for the SoC's hardware-unique key (made
#                  once: a device keeps its key across firmware builds)
#   data.ext4      the data partition, empty until the first boot (made
#                  once, kept across builds as a device's flash is)
#   kernel         the kernel image
#   host/          camsec-sdes, the viewer's SDP keys, and camsecctl, for remote
#                  management, built for this host
# The signing key and its certificate: CAMSEC_SIGN_KEY and
# CAMSEC_SIGN_CERT, the test PKI's signer by default; the firmware CA:
# CAMSEC_FW_CA, the test PKI's.
#
# Usage: scripts/build-firmware.sh <6.1|6.12> <plain|debug> [x86_64|arm|arm64]
set -eu
. "$(dirname "$0")/lib.sh"

ver=${1:?usage: $0 <version> <plain|debug> [arch]}
variant=${2:?usage: $0 <version> <plain|debug> [arch]}
arch=${3:-x86_64}
arch_valid "$arch"
out=$CAMSEC_CACHE/firmware/$arch-$ver-$variant
mods=$out/modules usr=$out/userspace
# One build of a directory at a time: make check builds the ARM image for
# two cameras at once, and build-bundle.sh reads its root.
mkdir -p "$(dirname "$out")"
exec 9>"$out.lock"
flock 9
"$CAMSEC_TOP/scripts/build-kernel.sh" "$ver" "$variant" "$arch" >&2
kdir=$(kbuild_link "$arch" "$ver" "$variant")
"$CAMSEC_TOP/scripts/build-modules.sh" "$kdir" "$mods" "$arch" >&2
# The viewer and the remote CLI run on the viewer's computer: this host.
make -s -C "$CAMSEC_TOP/userspace" O="$out/host" "$out/host/camsec-sdes" \
	"$out/host/camsecctl" >&2
cross_env "$arch"
make -s -C "$CAMSEC_TOP/userspace" O="$usr" >&2
key=${CAMSEC_SIGN_KEY:-$(pki_dir)/signer.key}
cert=${CAMSEC_SIGN_CERT:-$(pki_dir)/signer.der}
work=$(mktemp -d "${TMPDIR:-/tmp}/camsec-image.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$out/rootfs.d boot=$work/boot
mkdir -p "$out"

# The root filesystem, kept as a tree too: scripts/build-bundle.sh makes
# other versions of it.
rm -rf "$root"
mkdir -p "$root"
for d in proc sys dev tmp run data boot root etc/camsec/keys lib/modules/camsec usr/sbin usr/bin; do
	mkdir -p "$root/$d"
done
chmod 0700 "$root/root" "$root/data"
add_busybox "$root"
cp -r "$CAMSEC_TOP/image/rootfs/." "$root/"
for prog in camsecd camsecctl camsec-login camsec-vsend camsec-sdes; do
	add_elf "$root" "$usr/$prog" "usr/sbin/$prog"
done
for ko in "$mods"/*.ko; do
	# Test fixtures a shared Kbuild stage may still hold are no product.
	case $ko in */camsec_testmod.ko|*/camsec_srtpraw.ko) continue ;; esac
	cp "$ko" "$root/lib/modules/camsec/"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' \
	> "$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
cp "$CAMSEC_TOP/userspace/etc/camsec/access.policy" "$root/etc/camsec/"
sed -i "s/@CAMSECD_SHA256@/$(sha256sum "$root/usr/sbin/camsecd" | cut -d' ' -f1)/" \
	"$root/etc/camsec/access.policy"
cp "$cert" "$root/etc/camsec/keys/$(basename "$cert" .der).der"
# The firmware CA that bundles must chain to (draft 6.2.1g).
cp "${CAMSEC_FW_CA:-$(pki_dir)/fw-ca.pem}" "$root/etc/camsec/firmware-ca.pem"
# The A/B card's updater (scripts/build-sdcard.sh), in the 32-bit ARM
# root: RAUC, its private bus, U-Boot's environment tools.
if [ "$arch" = arm ]; then
	for prog in rauc dbus-daemon fw_printenv fw_setenv; do
		add_elf "$root" "$(sysroot_tool $prog)" "usr/bin/$prog"
	done
	u=$CAMSEC_TOP/image/updater
	mkdir -p "$root/etc/rauc" "$root/usr/share/camsec/dbus-services" \
		"$root/usr/libexec/camsec"
	cp "$u/system.conf" "$root/etc/rauc/"
	cp "$u/updater-bus.conf" "$root/etc/camsec/"
	cp "$u/de.pengutronix.rauc.service" "$root/usr/share/camsec/dbus-services/"
	cp "$u/rauc-pre-install" "$root/usr/libexec/camsec/"
fi
# What "camsecctl version" reports: this image (draft 6.2.1d; the format
# is userspace/lib/fwmanifest.h's).
build_id=$(git -C "$CAMSEC_TOP" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
printf 'camsec-firmware 1\ncompatible camsec,virtual-camera\nversion %s\nbuild-id %s\nend-of-support %s\n' \
	"${CAMSEC_VERSION:-1.0.0}" "$build_id" "${CAMSEC_END_OF_SUPPORT:-2031-12-31}" \
	> "$root/etc/camsec/firmware.manifest"

# Every file that can run or be mapped to run: ELF files (programs,
# libraries, modules) and scripts.
find "$root" -type f | while read -r f; do
	case $(head -c 4 "$f" | od -An -c | tr -d ' ') in
	177ELF*|\#!*) ;;
	*) continue ;;
	esac
	out=$(evmctl ima_sign --hashalgo sha256 --key "$key" "$f" 2>&1) ||
		die "evmctl could not sign $f (does this filesystem take security.* xattrs?): $out"
done
rm -f "$out/rootfs.erofs"
mkfs.erofs --quiet -zlz4hc -T0 --all-root "$out/rootfs.erofs.tmp" "$root"
mv "$out/rootfs.erofs.tmp" "$out/rootfs.erofs"

# The boot initramfs.
mkdir -p "$boot/dev" "$boot/proc" "$boot/sys"
add_busybox "$boot"
add_elf "$boot" "$(sysroot_tool keyctl)" bin/keyctl
cp "$CAMSEC_TOP/image/boot-init" "$boot/init"
{
	(cd "$boot" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet)
	echo "nod /dev/console 600 0 0 c 5 1" | "$kdir/usr/gen_init_cpio" -
} | gzip -9 > "$out/boot.cpio.gz.tmp"
mv "$out/boot.cpio.gz.tmp" "$out/boot.cpio.gz"

# The device's own: its key and its flash, made once.
if [ ! -s "$out/otp.bin" ]; then
	head -c 32 /dev/urandom > "$out/otp.bin.tmp"
	truncate -s 512 "$out/otp.bin.tmp"
	mv "$out/otp.bin.tmp" "$out/otp.bin"
fi
if [ ! -s "$out/data.ext4" ]; then
	truncate -s 64M "$out/data.ext4.tmp"
	mkfs.ext4 -q -L camsec-data "$out/data.ext4.tmp"
	mv "$out/data.ext4.tmp" "$out/data.ext4"
fi
ln -sfn "$kdir/$(kernel_image "$arch")" "$out/kernel"
echo "$out"
