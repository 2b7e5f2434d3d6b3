#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Install every Debian package camsec needs, from the Debian archive only.
# Idempotent: does nothing when all are present.
set -eu

PACKAGES="
	linux-source-6.1 linux-source-6.12
	build-essential bc bison flex libelf-dev libssl-dev dwarves kmod cpio
	xz-utils rsync python3 python3-yaml python3-jsonschema perl file sparse
	qemu-system-x86 busybox-static
	libnl-3-dev libnl-genl-3-dev libkeyutils-dev keyutils ima-evm-utils
	libcrypt-dev openssl pkg-config libcmocka-dev clang libcap-dev
	iproute2 nftables iputils-ping procps bash
	device-tree-compiler erofs-utils e2fsprogs python3-pexpect xxd
"

missing=
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
if [ -z "$missing" ]; then
	echo "install-deps: all $(echo $PACKAGES | wc -w) packages present"
	exit 0
fi
[ "$(id -u)" = 0 ] && sudo= || sudo=sudo
echo "install-deps: installing$missing"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
