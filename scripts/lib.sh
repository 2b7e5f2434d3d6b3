# SPDX-License-Identifier: GPL-2.0-only
# Shared paths of the build scripts. Sourced, not run.

CAMSEC_TOP=$(cd "$(dirname "$0")/.." && pwd)
CAMSEC_CACHE=${CAMSEC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/camsec}
KVERSIONS="6.1 6.12"

die() { echo "$(basename "$0"): $*" >&2; exit 1; }

# The extracted Debian kernel source of version $1 (e.g. 6.1).
ksrc_dir() { echo "$CAMSEC_CACHE/src/linux-source-$1"; }

# The architectures camsec builds for, by the kernel's ARCH names: x86_64
# (the debug kernel's), arm (32-bit ARMv7, most camera SoCs) and arm64.
ARCHES="x86_64 arm arm64"
arch_valid() {
	case $1 in x86_64|arm|arm64) ;; *) die "architecture must be one of: $ARCHES" ;; esac
}

# Per architecture: the cross compiler's prefix, Debian's and the GNU
# multiarch names, the kernel image.
cross_prefix() {
	case $1 in arm) echo arm-linux-gnueabihf- ;; arm64) echo aarch64-linux-gnu- ;; esac
}
deb_arch() {
	case $1 in x86_64) echo amd64 ;; arm) echo armhf ;; arm64) echo arm64 ;; esac
}
gnu_triplet() {
	case $1 in
	x86_64) echo x86_64-linux-gnu ;;
	arm) echo arm-linux-gnueabihf ;;
	arm64) echo aarch64-linux-gnu ;;
	esac
}
kernel_image() {
	case $1 in
	x86_64) echo arch/x86/boot/bzImage ;;
	arm) echo arch/arm/boot/zImage ;;
	arm64) echo arch/arm64/boot/Image ;;
	esac
}

# make for the kernel of architecture $1: make_kernel ARCH ARGS...
make_kernel() {
	_arch=$1; shift
	make ARCH="$_arch" CROSS_COMPILE="$(cross_prefix "$_arch")" "$@"
}

# The stable name of the build tree of architecture $1, version $2 (e.g.
# 6.1), variant $3 (plain|debug): a symlink to the tree keyed by the config
# fragments that made it.
kbuild_link() { echo "$CAMSEC_CACHE/kernel-$1-$2-$3"; }

# The test PKI (scripts/make-test-pki.sh); its CA is built into the test kernels.
pki_dir() { echo "$CAMSEC_CACHE/pki"; }

kconfig_fragments() { # variant version [arch]
	echo "$CAMSEC_TOP/scripts/kconfig/base.config"
	echo "$CAMSEC_TOP/scripts/kconfig/${3:-x86_64}.config"
	case $1 in
	debug) echo "$CAMSEC_TOP/scripts/kconfig/debug.config" ;;
	plain) echo "$CAMSEC_TOP/scripts/kconfig/bench.config" ;;
	esac
	# Options one kernel version has and another has not.
	if [ -f "$CAMSEC_TOP/scripts/kconfig/$2.config" ]; then
		echo "$CAMSEC_TOP/scripts/kconfig/$2.config"
	fi
}

# A kernel of the test matrix by its name, ARCH-VERSION-VARIANT[+USERARCH]
# (e.g. arm-6.1-plain; arm64-6.12-plain+arm: 32-bit ARM userspace on it):
# kernel_arch, kernel_version, kernel_variant, kernel_userarch.
kernel_arch() { echo "${1%%-*}"; }
kernel_version() { _r=${1#*-}; echo "${_r%-*}"; }
kernel_variant() { _r=${1##*-}; echo "${_r%+*}"; }
kernel_userarch() { case $1 in *+*) echo "${1#*+}" ;; *) kernel_arch "$1" ;; esac; }

# The root that a guest of architecture $1 takes its programs and libraries
# from: the host for x86_64, a sysroot of Debian's packages otherwise
# (scripts/build-sysroot.sh). Sets SYSROOT ("" for the host) and TRIPLET.
use_arch() {
	TRIPLET=$(gnu_triplet "$1")
	SYSROOT=
	[ "$1" = x86_64 ] || SYSROOT=$("$CAMSEC_TOP/scripts/build-sysroot.sh" "$1") ||
		die "no sysroot for $1"
}

# The environment that cross-builds userspace for architecture $1: the
# compiler, and the headers, libraries and pkg-config files of its sysroot.
# Nothing for x86_64.
cross_env() {
	use_arch "$1"
	[ -n "$SYSROOT" ] || return 0
	CC=$(cross_prefix "$1")gcc
	PKG_CONFIG_SYSROOT_DIR=$SYSROOT
	PKG_CONFIG_LIBDIR=$SYSROOT/usr/lib/$TRIPLET/pkgconfig:$SYSROOT/usr/share/pkgconfig
	CPPFLAGS="-I$SYSROOT/usr/include/$TRIPLET -I$SYSROOT/usr/include"
	LDFLAGS="-L$SYSROOT/lib/$TRIPLET -L$SYSROOT/usr/lib/$TRIPLET"
	LDFLAGS="$LDFLAGS -Wl,-rpath-link,$SYSROOT/lib/$TRIPLET:$SYSROOT/usr/lib/$TRIPLET"
	export CC PKG_CONFIG_SYSROOT_DIR PKG_CONFIG_LIBDIR CPPFLAGS LDFLAGS
}

# The path of program $1 in SYSROOT.
sysroot_tool() {
	for _d in /usr/sbin /usr/bin /sbin /bin; do
		[ -x "$SYSROOT$_d/$1" ] && { echo "$SYSROOT$_d/$1"; return 0; }
	done
	die "no $1 in ${SYSROOT:-the host}: run 'make deps'"
}

# The path, inside SYSROOT, of shared library $1.
find_lib() {
	for _d in /lib/$TRIPLET /usr/lib/$TRIPLET /lib /usr/lib; do
		[ -e "$SYSROOT$_d/$1" ] && { echo "$_d/$1"; return 0; }
	done
	return 1
}

# add_libs TREE FILE: FILE's program interpreter and the shared libraries
# it needs, recursively, from SYSROOT into TREE at the same paths. Read
# off the ELF headers: ldd cannot run a foreign architecture's code.
add_libs() {
	_tree=$1 _todo=$2
	while [ -n "$_todo" ]; do
		set -- $_todo
		_f=$1
		shift
		_todo="$*"
		_interp=$(readelf -lW "$_f" | sed -n 's/.*interpreter: \(.*\)\]$/\1/p')
		_needed=$(readelf -dW "$_f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p')
		for _so in $_interp $_needed; do
			case $_so in /*) _lib=$_so ;; *) _lib=$(find_lib "$_so") ||
				die "$_f needs $_so, which is not in ${SYSROOT:-the host}" ;; esac
			[ -e "$_tree$_lib" ] && continue
			mkdir -p "$_tree$(dirname "$_lib")"
			cp -L "$SYSROOT$_lib" "$_tree$_lib"
			_todo="$_todo $SYSROOT$_lib"
		done
	done
}

# add_nss TREE: the modules NSS loads at run time, not named in any ELF
# header: its software token and freebl, next to libnss3, with their
# checksum files. Debian's libsrtp2 does its crypto through NSS.
add_nss() {
	_nss=$(find_lib libnss3.so) || die "no libnss3 in ${SYSROOT:-the host}"
	for _m in libsoftokn3 libfreeblpriv3 libfreebl3; do
		for _x in so chk; do
			_lib=$(dirname "$_nss")/$_m.$_x
			[ -e "$SYSROOT$_lib" ] || continue
			cp -L "$SYSROOT$_lib" "$1$_lib"
		done
		add_libs "$1" "$SYSROOT$(dirname "$_nss")/$_m.so"
	done
}

# add_elf TREE FILE DEST: FILE as TREE/DEST, with its shared libraries.
add_elf() {
	mkdir -p "$1/$(dirname "$3")"
	cp "$2" "$1/$3"
	add_libs "$1" "$2"
}

# add_busybox TREE: SYSROOT's busybox-static and a link for each applet in
# TREE/bin, and TREE/sbin a link to bin. The host's busybox lists the
# applets: Debian builds every architecture's alike.
add_busybox() {
	mkdir -p "$1/bin"
	cp "$SYSROOT/bin/busybox" "$1/bin/busybox"
	for applet in $(/bin/busybox --list); do
		[ -e "$1/bin/$applet" ] || ln -s busybox "$1/bin/$applet"
	done
	ln -s bin "$1/sbin"
}

# write_part IMAGE N FILE: FILE into partition N of the disk image IMAGE,
# which must hold it.
write_part() {
	_part=$(sfdisk -d "$1" | sed -n "s|^$1$2 : start= *\([0-9]*\), size= *\([0-9]*\),.*|\1 \2|p")
	[ -n "$_part" ] || die "$1 has no partition $2"
	set -- "$1" "$2" "$3" $_part
	[ "$(stat -c %s "$3")" -le $(($5 * 512)) ] ||
		die "$3 is larger than partition $2 of $1 ($(($5 / 2048)) MiB)"
	dd if="$3" of="$1" bs=512 seek="$4" conv=notrunc status=none
}
