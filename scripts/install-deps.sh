#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Install every Debian package camsec needs, from the Debian archive only,
# and let apt know the ARM architectures (armhf, arm64), whose libraries
# and tools scripts/build-sysroot.sh downloads. Idempotent: does nothing
# when all are present.
set -eu

PACKAGES="
	linux-source-6.1 linux-source-6.12
	build-essential bc bison flex libelf-dev libssl-dev dwarves kmod cpio
	xz-utils rsync python3 python3-yaml python3-jsonschema perl file sparse
	qemu-system-x86 qemu-system-arm busybox-static
	gcc-arm-linux-gnueabihf libc6-dev-armhf-cross
	gcc-aarch64-linux-gnu libc6-dev-arm64-cross
	libnl-3-dev libnl-genl-3-dev libkeyutils-dev keyutils ima-evm-utils
	libcrypt-dev openssl pkg-config libcmocka-dev clang libcap-dev
	iproute2 nftables iputils-ping procps bash
	device-tree-compiler erofs-utils e2fsprogs python3-pexpect xxd
	cryptsetup-bin dmsetup
	libubootenv-dev u-boot-sunxi u-boot-tools dosfstools mtools fdisk
	rauc squashfs-tools
	libsrtp2-dev ffmpeg gstreamer1.0-tools gstreamer1.0-plugins-base
	gstreamer1.0-plugins-good gstreamer1.0-plugins-bad
"

FOREIGN="armhf arm64"

[ "$(id -u)" = 0 ] && sudo= || sudo=sudo
missing= new_arch=
for a in $FOREIGN; do
	dpkg --print-foreign-architectures | grep -qx "$a" || new_arch="$new_arch $a"
done
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
if [ -z "$missing$new_arch" ]; then
	echo "install-deps: all $(echo $PACKAGES | wc -w) packages present"
	exit 0
fi
for a in $new_arch; do
	echo "install-deps: adding architecture $a"
	$sudo dpkg --add-architecture "$a"
done
# A mirror in the middle of a sync fails an index now and then: retry, and
# go on with what arrived (a missing index fails later, by name).
for try in 1 2; do
	$sudo apt-get update -qq && break
	echo "install-deps: apt-get update failed (try $try of 2)"
	sleep 5
done
if [ -n "$missing" ]; then
	echo "install-deps: installing$missing"
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi
