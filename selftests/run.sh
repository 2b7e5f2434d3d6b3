#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Run selftest suites in the VM and print KTAP: one subtest per suite, one
# nested subtest per test program. Ends with the line
# "# N passed, N failed, N skipped" over all test cases.
#
# Usage: run.sh [suite[/program]...]   (default: every suite here)
dir=$(cd "$(dirname "$0")" && pwd)
: "${CAMSEC_TEST_TIMEOUT:=600}"

suites=$*
[ -n "$suites" ] || suites=$(cd "$dir" && for d in */; do echo "${d%/}"; done)

total_pass=0 total_fail=0 total_skip=0 unknown=0
echo "KTAP version 1"
echo "1..$(echo $suites | wc -w)"
i=0
for suite in $suites; do
	i=$((i + 1))
	# suite/program runs that program of the suite alone.
	only=
	case $suite in */*) only=${suite#*/} suite=${suite%%/*} ;; esac
	if [ ! -d "$dir/$suite" ]; then
		echo "# no suite named $suite"
		echo "not ok $i $suite"
		unknown=$((unknown + 1))
		continue
	fi
	progs=$(find "$dir/$suite" -maxdepth 1 -type f -perm -u+x -name "${only:-*}" | sort)
	echo "    KTAP version 1"
	echo "    1..$(echo $progs | wc -w)"
	j=0 suite_fail=0
	for prog in $progs; do
		j=$((j + 1))
		log=/tmp/ktap.$$.log
		(cd "$dir/$suite" && timeout "$CAMSEC_TEST_TIMEOUT" "$prog") > "$log" 2>&1
		rc=$?
		sed 's/^/        /' "$log"
		set -- $(awk -v rc=$rc -f "$dir/ktap-count.awk" "$log")
		total_pass=$((total_pass + $1))
		total_fail=$((total_fail + $2))
		total_skip=$((total_skip + $3))
		name=$(basename "$prog")
		if [ "$2" -ne 0 ]; then
			suite_fail=1
			echo "    # $name: exit status $rc"
			echo "    not ok $j $name"
		else
			echo "    ok $j $name"
		fi
		rm -f "$log"
	done
	[ -n "$progs" ] || { echo "    # suite has no tests"; suite_fail=1; total_fail=$((total_fail + 1)); }
	[ $suite_fail -eq 0 ] && echo "ok $i $suite" || echo "not ok $i $suite"
done
total_fail=$((total_fail + unknown))
echo "# $total_pass passed, $total_fail failed, $total_skip skipped"
[ $total_fail -eq 0 ]
