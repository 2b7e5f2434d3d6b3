#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The userspace unit tests (cmocka) on the host, built with ASan and UBSan,
# as KTAP: one subtest per test program, its cases nested. Ends with the
# line "# N passed, N failed, N skipped" over all cases, as the VM's
# selftests/run.sh does, and fails if any case failed. The fuzz targets
# are scripts/run-fuzz.sh's.
#
# Usage: scripts/run-unit-tests.sh
set -u
. "$(dirname "$0")/lib.sh"

out=$CAMSEC_CACHE/userspace-test
count=$CAMSEC_TOP/selftests/ktap-count.awk
if ! make -s -C "$CAMSEC_TOP/userspace" O="$out" tests >&2; then
	echo "Bail out! the unit tests did not build"
	exit 1
fi

# The programs the Makefile builds now, not what an older tree left.
progs=$(make -s -C "$CAMSEC_TOP/userspace" print-tests)
echo "KTAP version 1"
echo "1..$(echo $progs | wc -w)"
pass=0 fail=0 skip=0 i=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in $progs; do
	i=$((i + 1))
	CMOCKA_MESSAGE_OUTPUT=TAP "$out/test/$t" > "$log" 2>&1
	rc=$?
	sed 's/^/    /' "$log"
	set -- $(awk -v rc=$rc -f "$count" "$log")
	pass=$((pass + $1)) fail=$((fail + $2)) skip=$((skip + $3))
	if [ "$2" -eq 0 ]; then
		echo "ok $i $t"
	else
		echo "# $t: exit status $rc"
		echo "not ok $i $t"
	fi
done
echo "# $pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ] && [ $i -gt 0 ]
