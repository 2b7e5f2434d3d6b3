#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Host test, as TAP: each netlink spec in docs/netlink/ loads with the
# kernel's own spec library and validates against its schema, and every
# name and value it gives is the uapi header's (netlink_spec.py). Needs
# the 6.12 source that scripts/build-kernel.sh extracts (it holds
# tools/net/ynl), python3-yaml and python3-jsonschema.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/scripts/lib.sh"
. "$top/selftests/lib.sh"
ksrc=$(ksrc_dir 6.12)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# check SPEC NAME: the spec as a C program, built and run.
check() {
	/usr/bin/python3 "$top/selftests/host/netlink_spec.py" "$ksrc" "$1" \
		> "$work/$2.c" &&
	${CC:-cc} -Wall -Werror -I"$top/include/uapi" -o "$work/$2" "$work/$2.c" &&
	"$work/$2"
}

set -- "$top"/docs/netlink/*.yaml
ktap_plan $#
for spec; do
	name=$(basename "$spec" .yaml)
	if [ -f "$ksrc/tools/net/ynl/lib/nlspec.py" ]; then
		ktap_check "$name" check "$spec" "$name"
	else
		ktap_skip "$name" "no $ksrc/tools/net/ynl"
	fi
done
ktap_finish
