# SPDX-License-Identifier: GPL-2.0-only
# Shared paths of the build scripts. Sourced, not run.

CAMSEC_TOP=$(cd "$(dirname "$0")/.." && pwd)
CAMSEC_CACHE=${CAMSEC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/camsec}
KVERSIONS="6.1 6.12"

die() { echo "$(basename "$0"): $*" >&2; exit 1; }

# The extracted Debian kernel source of version $1 (e.g. 6.1).
ksrc_dir() { echo "$CAMSEC_CACHE/src/linux-source-$1"; }

# The stable name of the build tree of version $1, variant $2 (plain|debug):
# a symlink to the tree keyed by the config fragments that made it.
kbuild_link() { echo "$CAMSEC_CACHE/kernel-$1-$2"; }

# The test PKI (scripts/make-test-pki.sh); its CA is built into the test kernels.
pki_dir() { echo "$CAMSEC_CACHE/pki"; }

kconfig_fragments() { # variant version
	echo "$CAMSEC_TOP/scripts/kconfig/base.config"
	case $1 in
	debug) echo "$CAMSEC_TOP/scripts/kconfig/debug.config" ;;
	plain) echo "$CAMSEC_TOP/scripts/kconfig/bench.config" ;;
	esac
	# Options one kernel version has and another has not.
	if [ -f "$CAMSEC_TOP/scripts/kconfig/$2.config" ]; then
		echo "$CAMSEC_TOP/scripts/kconfig/$2.config"
	fi
}

# add_libs TREE FILE: every shared library ldd names for FILE, into TREE
# at the same paths.
add_libs() {
	ldd "$2" 2>/dev/null | grep -o '/[^ ]*' | while read -r lib; do
		[ -e "$1$lib" ] && continue
		mkdir -p "$1$(dirname "$lib")"
		cp -L "$lib" "$1$lib"
	done
}

# add_elf TREE FILE DEST: FILE as TREE/DEST, with its shared libraries.
add_elf() {
	mkdir -p "$1/$(dirname "$3")"
	cp "$2" "$1/$3"
	add_libs "$1" "$2"
}

# add_busybox TREE: busybox-static and a link for each applet in TREE/bin,
# and TREE/sbin a link to bin.
add_busybox() {
	mkdir -p "$1/bin"
	cp /bin/busybox "$1/bin/busybox"
	for applet in $(/bin/busybox --list); do
		[ -e "$1/bin/$applet" ] || ln -s busybox "$1/bin/$applet"
	done
	ln -s bin "$1/sbin"
}
