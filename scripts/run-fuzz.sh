#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Run every libFuzzer target of userspace/ for a while, as TAP, one result
# per target: its seed corpus (userspace/fuzz/corpus/<name>/) plus what
# earlier runs found (kept in the cache), then new inputs for SECONDS
# (default CAMSEC_FUZZ_SECONDS, else 10). A crash, a sanitizer report or an
# abort fails; the crashing input is kept in the cache. Ends with the line
# "# N passed, N failed, N skipped", and fails if any target failed.
#
# Usage: scripts/run-fuzz.sh [SECONDS]
set -u
. "$(dirname "$0")/lib.sh"

secs=${1:-${CAMSEC_FUZZ_SECONDS:-10}}
out=$CAMSEC_CACHE/userspace-test
if ! make -s -C "$CAMSEC_TOP/userspace" O="$out" fuzzers >&2; then
	echo "Bail out! the fuzz targets did not build (clang)"
	exit 1
fi

names=$(make -s -C "$CAMSEC_TOP/userspace" print-fuzzers)
echo "TAP version 13"
echo "1..$(echo $names | wc -w)"
i=0 fail=0
for name in $names; do
	i=$((i + 1))
	corpus=$CAMSEC_CACHE/fuzz/$name
	mkdir -p "$corpus"
	echo "# $name, $secs s"
	if log=$("$out/fuzz/$name" -max_total_time="$secs" -print_final_stats=1 \
			-artifact_prefix="$corpus/" "$corpus" \
			"$CAMSEC_TOP/userspace/fuzz/corpus/$name" 2>&1); then
		echo "$log" | grep -aE "^stat::number_of_executed_units|^Done" | sed 's/^/# /'
		echo "ok $i $name"
	else
		echo "$log" | tail -n 30 | sed 's/^/# /'
		echo "not ok $i $name"
		fail=$((fail + 1))
	fi
done
echo "# $((i - fail)) passed, $fail failed, 0 skipped"
[ $fail -eq 0 ] && [ $i -gt 0 ]
