#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# access benchmark: open() of an unprotected file, and of a protected
# device by a role allowed to open it, with the policy loaded against no
# policy at all (access control off), in one boot; it must run before any
# policy is loaded. Goal: the unprotected file within noise (under 2%).
. ../lib.sh

sfs=/sys/kernel/security/camsec/access
auth=$(cd ../access/bin && pwd)/authority
bench=$(pwd)/bin/open-bench
N=20000
mkdir -p /tmp/bench-access
echo data > /tmp/bench-access/file
mknod /tmp/bench-access/cam0 c 1 5

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
us() { awk -v t="$1" 'BEGIN { printf "%.2f", t * 1e6 }'; }

ktap_plan 2
if [ "$(cat $sfs/hash)" != none ]; then
	ktap_skip open_unprotected_file "a policy is loaded already"
	ktap_skip open_protected_device "a policy is loaded already"
	exit 0
fi
file_off=$($bench /tmp/bench-access/file $N)
dev_off=$($bench /tmp/bench-access/cam0 $N)
{ authority_of "$auth"; printf 'class video dev 1:5\nclass config label config\nallow admin video read\n'; } |
	dd of=$sfs/policy bs=256k 2>/dev/null
file_on=$($bench /tmp/bench-access/file $N)
dev_on=$("$auth" run admin 1 $bench /tmp/bench-access/cam0 $N)
echo "# bench: open+close, unprotected file: $(us "$file_off") us off, $(us "$file_on") us enforcing: ratio $(ratio "$file_on" "$file_off") (goal < 1.02)"
echo "ok 1 open_unprotected_file"
echo "# bench: open+close, protected device (admin): $(us "$dev_off") us off, $(us "$dev_on") us enforcing: ratio $(ratio "$dev_on" "$dev_off")"
echo "ok 2 open_protected_device"
