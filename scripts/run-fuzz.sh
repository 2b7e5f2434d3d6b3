#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Run one libFuzzer target of userspace/ for a while, as TAP: its seed
# corpus (userspace/fuzz/corpus/<name>/) plus what earlier runs found
# (kept in the cache), then new inputs for <seconds>. A crash, a sanitizer
# report or an abort fails; the crashing input is kept in the cache.
#
# Usage: scripts/run-fuzz.sh <fuzzer binary> <seconds>
set -u
. "$(dirname "$0")/lib.sh"

bin=${1:?usage: $0 <fuzzer> <seconds>}
secs=${2:?usage: $0 <fuzzer> <seconds>}
name=$(basename "$bin")
corpus=$CAMSEC_CACHE/fuzz/$name
mkdir -p "$corpus"
echo "TAP version 13"
echo "1..1"
if out=$("$bin" -max_total_time="$secs" -print_final_stats=1 \
		-artifact_prefix="$corpus/" "$corpus" \
		"$CAMSEC_TOP/userspace/fuzz/corpus/$name" 2>&1); then
	echo "$out" | grep -aE "^stat::number_of_executed_units|^Done" | sed 's/^/# /'
	echo "ok 1 $name"
else
	echo "$out" | tail -n 30 | sed 's/^/# /'
	echo "not ok 1 $name"
fi
