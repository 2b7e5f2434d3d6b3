#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Host test, as TAP: every structure of include/uapi/linux/camsec.h has the
# same size and member offsets on each ABI camsec ships for (i386, armhf
# and arm64 against x86_64), so that 32-bit userspace talks to a 64-bit
# kernel without compat handlers. Compiled, not run: pahole reads each
# ABI's layout off the DWARF of an object that uses every structure.
# First, the check itself must tell a layout that differs (a __u64 after a
# __u32 sits at 4 on i386, at 8 on x86_64).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/selftests/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The ABIs: a name and its compiler. i386 compiles freestanding with the
# host's x86 asm headers, which serve both widths.
ABIS="i386 armhf arm64"
abi_cc() {
	case $1 in
	x86_64) echo "gcc -m64" ;;
	i386) echo "gcc -m32 -I/usr/include/x86_64-linux-gnu" ;;
	armhf) echo "arm-linux-gnueabihf-gcc" ;;
	arm64) echo "aarch64-linux-gnu-gcc" ;;
	esac
}

# layouts HEADER ABI: one line per structure of HEADER: its members' names,
# offsets and sizes, and its size, as pahole prints them.
layouts() {
	structs=$(sed -n 's/^struct \([a-z0-9_]*\) {$/\1/p' "$1")
	{
		echo "#include \"$1\""
		for s in $structs; do echo "struct $s layout_$s;"; done
	} > "$work/use.c"
	# shellcheck disable=SC2046 # the compiler and its flags
	$(abi_cc "$2") -g -c -I"$top/include/uapi" -o "$work/use-$2.o" "$work/use.c" ||
		return 1
	for s in $structs; do
		printf '%s:' "$s"
		pahole -C "$s" "$work/use-$2.o" |
			sed -n 's/^[^\/]*[ \t*]\([a-z0-9_]*\)\(\[[0-9]*\]\)\{0,1\};[ \t]*\/\*[ \t]*\([0-9]*\)[ \t]*\([0-9]*\) \*\/$/ \1@\3+\4/p; s/.*\/\* size: \([0-9]*\),.*/ size \1/p' |
			tr -d '\n'
		echo
	done
}

# same_layout HEADER ABI: each structure as on x86_64, or the difference.
same_layout() {
	layouts "$1" x86_64 > "$work/x86_64" && layouts "$1" "$2" > "$work/$2" || return 1
	[ -s "$work/x86_64" ] || { echo "no structure found in $1"; return 1; }
	diff "$work/x86_64" "$work/$2"
}

cat > "$work/differs.h" <<'EOF'
#include <linux/types.h>
struct differs {
	__u32 a;
	__u64 b;
};
EOF

ktap_plan $((1 + $(echo $ABIS | wc -w)))
if same_layout "$work/differs.h" i386 > "$work/log" 2>&1; then
	ktap_fail "the check tells a layout that differs on i386" "$(cat "$work/log")"
elif grep -q 'b@4+8' "$work/log" && grep -q 'b@8+8' "$work/log"; then
	ktap_pass "the check tells a layout that differs on i386"
else
	ktap_fail "the check tells a layout that differs on i386" "$(cat "$work/log")"
fi
n=$(grep -c '^struct camsec_[a-z0-9_]* {$' "$top/include/uapi/linux/camsec.h")
for abi in $ABIS; do
	ktap_check "$n structures of linux/camsec.h: $abi as x86_64" \
		same_layout "$top/include/uapi/linux/camsec.h" "$abi"
done
ktap_finish
