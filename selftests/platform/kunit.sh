#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The LSM's KUnit tests (lsm/*_test.c), which debug kernels build in and
# run at boot: one result per test case, read from debugfs. Kernels
# without KUnit skip.
. ../lib.sh

suites="camsec_verdict"
dir=/sys/kernel/debug/kunit
[ -d "$dir" ] || mount -t debugfs none /sys/kernel/debug 2>/dev/null
if [ ! -d "$dir" ]; then
	ktap_plan 1
	ktap_skip kunit "no KUnit in this kernel"
	ktap_finish
fi

# Test cases are the indented results; 6.1 writes "ok 1 - name".
cases() {
	for s in $suites; do
		[ -r "$dir/$s/results" ] || { echo "missing $s"; continue; }
		sed -En -e "s/^[ \t]+ok [0-9]+ (- )?([^ #]*).*/pass $s.\2/p" \
			-e "s/^[ \t]+not ok [0-9]+ (- )?([^ #]*).*/fail $s.\2/p" \
			"$dir/$s/results"
	done
}
results=$(cases)
ktap_plan "$(echo "$results" | grep -c .)"
while read -r status name; do
	case $status in
	pass) ktap_pass "$name" ;;
	fail) sed 's/^/# /' "$dir/${name%%.*}/results"; ktap_fail "$name" ;;
	*) ktap_fail "$name" "no results for suite $name" ;;
	esac
done <<EOF
$results
EOF
ktap_finish
