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

# The test PKI (scripts/test-pki.sh); its CA is built into the test kernels.
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
