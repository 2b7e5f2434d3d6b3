#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# A sysroot of Debian's packages for a foreign architecture: the libraries
# camsec links against (with their headers) and the tools the VM's
# initramfs carries (busybox, keyctl, evmctl, ip, nft, sysctl, bash, ping,
# veritysetup, dmsetup), and the updater.
#
# The packages are downloaded and unpacked, not installed: an installed
# libssl-dev:armhf would pin the host's libssl3 to its version, and
# busybox-static:armhf would replace the host's. Each package's
# dependencies come along, resolved by apt. Prints the sysroot.
#
# Usage: scripts/build-sysroot.sh <arm|arm64>
set -eu
. "$(dirname "$0")/lib.sh"

arch=${1:?usage: $0 <arm|arm64>}
arch_valid "$arch"
[ "$arch" != x86_64 ] || die "x86_64 builds against the host"
da=$(deb_arch "$arch")

TOOLS="busybox-static keyutils ima-evm-utils iproute2 nftables procps bash iputils-ping
	cryptsetup-bin dmsetup"
DEV="libc6 libssl-dev libnl-3-dev libnl-genl-3-dev libkeyutils-dev libcrypt-dev libcap-dev
	libubootenv-dev libsrtp2-dev"
# The updater of the A/B card: RAUC, the bus its client and service talk
# over, and fw_printenv/fw_setenv, which its U-Boot backend runs. Their
# libraries come along, not the rest of what they depend on (systemd,
# the system bus's configuration).
UPDATER="rauc dbus-daemon libubootenv-tool"
updater=$(for p in $UPDATER; do echo "$p:$da"; done)
updater_libs=$(apt-cache depends --no-recommends --no-suggests --no-conflicts \
	--no-breaks --no-replaces --no-enhances $updater 2>/dev/null |
	sed -n "s/^ *Depends: \(lib[^ <]*:$da\)\$/\1/p")
wanted=$(for p in $TOOLS $DEV; do echo "$p:$da"; done; echo "$updater_libs")

# Every package the wanted ones pull in (apt prints virtual packages too,
# in <>: only real packages of this architecture).
deps=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
	--no-breaks --no-replaces --no-enhances $wanted 2>/dev/null |
	grep -E "^[^ <]*:$da\$" || true)
# The cross compiler brings its own C library's development files
# (libc6-dev-<arch>-cross): the sysroot's linker scripts would name paths
# of the target's root.
pkgs=$(printf '%s\n' $wanted $deps $updater | grep -vx "libc6-dev:$da" | sort -u)
versions=$(apt-cache show --no-all-versions $pkgs 2>/dev/null |
	sed -n 's/^\(Package\|Version\): //p' | paste -d' ' - -)
[ "$(echo "$versions" | wc -l)" -ge "$(echo "$pkgs" | wc -l)" ] ||
	die "apt knows not all $da packages ($(echo $pkgs)): run 'make deps'"

root=$CAMSEC_CACHE/sysroot/$da
mkdir -p "$CAMSEC_CACHE/sysroot"
exec 9>"$CAMSEC_CACHE/sysroot/.lock-$da"
flock 9
if [ "$(cat "$root/.camsec-packages" 2>/dev/null)" = "$versions" ]; then
	echo "$root"
	exit 0
fi

debs=$CAMSEC_CACHE/sysroot/debs-$da
rm -rf "$root" "$debs"
mkdir -p "$root" "$debs"
# As root, apt downloads as its _apt user, who cannot write into $HOME.
sandbox=
[ "$(id -u)" != 0 ] || sandbox="-o APT::Sandbox::User=root"
# shellcheck disable=SC2086 # one package per word
(cd "$debs" && apt-get download -qq $sandbox $pkgs) >&2 ||
	die "could not download the $da packages"
for deb in "$debs"/*.deb; do
	dpkg-deb -x "$deb" "$root"
done
rm -rf "$debs"

# Absolute links (libcrypt.so -> /lib/...) point into the host: make them
# relative, so that they resolve inside the sysroot.
find "$root" -type l | while read -r link; do
	target=$(readlink "$link")
	case $target in /*) ;; *) continue ;; esac
	ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$root$target")" "$link"
done
echo "$versions" > "$root/.camsec-packages"
echo "$root"
