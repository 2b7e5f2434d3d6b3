#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Kernel-code lint, as TAP: checkpatch --strict on every kernel source, and
# a W=1 build under sparse (C=2) of the LSM and of kmod/ against each cached
# kernel tree given. Any warning fails.
#
# Usage: scripts/lint-kernel.sh <arch-version-variant>...   (e.g. x86_64-6.1-debug)
set -u
. "$(dirname "$0")/lib.sh"

checkpatch=$(ksrc_dir 6.12)/scripts/checkpatch.pl
[ -x "$checkpatch" ] || checkpatch=$(ksrc_dir 6.1)/scripts/checkpatch.pl
n=0 failed=0

result() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n $2"; else echo "not ok $n $2"; failed=1; fi
}

# Keep only compiler and sparse diagnostics (file:line: warning|error). C=2
# also checks what the build prepares on the way, such as arm64's vDSO on
# 6.12, which is not ours.
diagnostics() { grep -E '(warning|error):' "$1" | grep -v '/kernel/vdso/' || true; }

# warning_free NAME CMD...: one result; the build must succeed and say nothing.
warning_free() {
	name=$1; shift
	"$@" > "$log" 2>&1
	rc=$?
	diagnostics "$log" | sed 's/^/# /'
	[ $rc = 0 ] && [ -z "$(diagnostics "$log")" ] && rc=0 || rc=1
	result $rc "$name"
}

echo "TAP version 13"
echo "1..$((1 + 2 * $#))"

files=$(cd "$CAMSEC_TOP" && find lsm kmod include selftests/appsig/testmod selftests/bench/srtpraw -name '*.[ch]' | sort)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
(cd "$CAMSEC_TOP" && "$checkpatch" --strict --no-tree --quiet --terse \
	--ignore SPDX_LICENSE_TAG,FILE_PATH_CHANGES -f $files) > "$log" 2>&1
sed 's/^/# /' "$log"
grep -qE ': (ERROR|WARNING|CHECK):' "$log" && rc=1 || rc=0
result $rc "checkpatch --strict ($(echo $files | wc -w) files)"

for tree in "$@"; do
	arch=$(kernel_arch "$tree") ver=$(kernel_version "$tree")
	kdir=$(kbuild_link "$arch" "$ver" "$(kernel_variant "$tree")")
	"$CAMSEC_TOP/scripts/graft-lsm.sh" "$(ksrc_dir "$ver")" >/dev/null
	warning_free "lsm: W=1 sparse clean on $tree" \
		make_kernel "$arch" -s -C "$kdir" C=2 W=1 security/camsec/
	warning_free "kmod: W=1 sparse clean on $tree" \
		env CAMSEC_KBUILD_FLAGS="C=2 W=1" "$CAMSEC_TOP/scripts/build-modules.sh" \
		"$kdir" "$CAMSEC_CACHE/lint/$tree" "$arch"
done
exit $failed
