#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Put FILE into the administrator's directory (/data/admin) of an A/B
# card's data partition (scripts/build-sdcard.sh's p8), as NAME, owned by
# the console shell's uid; with no FILE, remove NAME. The camera must be
# off: the card has no network yet, and this is how a bundle reaches it.
#
# Usage: scripts/card-admin-file.sh CARD NAME [FILE]
set -eu
. "$(dirname "$0")/lib.sh"

card=${1:?usage: $0 CARD NAME [FILE]} name=${2:?usage: $0 CARD NAME [FILE]}
file=${3:-}
case $name in */*|.*|'') die "$name: a plain file name" ;; esac
[ -z "$file" ] || [ -f "$file" ] || die "$file: no such file"
# p8: its start and size in 512-byte sectors.
set -- $(sfdisk -d "$card" | sed -n 's/^[^ ]*8 : start= *\([0-9]*\), size= *\([0-9]*\),.*/\1 \2/p')
[ $# = 2 ] || die "$card: no data partition (p8)"
work=$(mktemp -d "${TMPDIR:-/tmp}/camsec-card.XXXXXX")
trap 'rm -rf "$work"' EXIT
dd if="$card" of="$work/data" bs=512 skip="$1" count="$2" status=none
# A camera cut off leaves its journal to replay: e2fsck replays it first,
# or the next mount would replay it over the change.
e2fsck -fp "$work/data" > /dev/null 2>&1 || [ $? -lt 4 ] ||
	die "the data partition has errors e2fsck does not repair"
# debugfs's mkdir of a name that is there leaves a directory unlinked.
has() { debugfs -R "stat $1" "$work/data" 2>/dev/null | grep -q '^Inode:'; }
{
	if ! has admin; then
		echo "mkdir admin"
		echo "set_inode_field admin uid 65534"
		echo "set_inode_field admin gid 65534"
		echo "set_inode_field admin mode 040700"
	fi
	echo "cd admin"
	has "admin/$name" && echo "rm $name"
	if [ -n "$file" ]; then
		echo "write $file $name"
		echo "set_inode_field $name uid 65534"
		echo "set_inode_field $name gid 65534"
	fi
} | debugfs -w -f - "$work/data" > /dev/null 2>&1
e2fsck -fn "$work/data" > /dev/null 2>&1 || die "the data partition does not check out after the change"
[ -z "$file" ] || [ "$(debugfs -R "stat admin/$name" "$work/data" 2>/dev/null |
	sed -n 's/.*Project: .*Size: \([0-9]*\).*/\1/p')" = "$(wc -c < "$file")" ] ||
	die "$name: not written whole (is the data partition full?)"
dd if="$work/data" of="$card" bs=512 seek="$1" conv=notrunc status=none
