#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# A frame the AEAD fails becomes a void record whose tag covers its
# header: the viewer verifies it and counts the frame lost, and refuses it
# once altered. The AEAD is made to fail with the kernel's fault injection
# (CONFIG_FAULT_INJECTION_DEBUG_FS, the debug kernel).
. ../lib.sh
. ./common.sh

fail=/sys/kernel/debug/fail_camsec_vcrypt
ktap_plan 2
if [ ! -d $fail ]; then
	ktap_skip void_record_verified_and_counted_lost "no $fail (use the debug variant)"
	ktap_skip altered_void_record_rejected "no $fail (use the debug variant)"
	ktap_finish
	exit 0
fi

# The first two frames fail, then none.
echo 0 > $fail/verbose
echo 0 > $fail/space
echo 1 > $fail/interval
echo 100 > $fail/probability
echo 2 > $fail/times
camsec-vsend --key camsec:k1 --write 64x64 --frames 6 --out "$work/void" \
	> "$work/void.log" 2>&1
echo 0 > $fail/probability
recv() { camsec-vrecv --key 0:"$work/k1" --in "$1" 2>&1; }

verified() {
	cat "$work/void.log"
	out=$(recv "$work/void"); echo "$out"
	grep -q "errors 2 " "$work/void.log" &&
		echo "$out" | grep -q "^accepted 4 late 0 lost 2 rejected 0 replayed 0 void 2$"
}
ktap_check void_record_verified_and_counted_lost verified

altered() {
	# the first record is void: header and tag only; change its seq
	cp "$work/void" "$work/altered"
	byte "$work/altered" 16 7
	out=$(recv "$work/altered"); echo "$out"
	echo "$out" | grep -q "record 7 rejected: authentication failed" &&
		echo "$out" | grep -q "^accepted 4 .* rejected 1 replayed 0 void 1$"
}
ktap_check altered_void_record_rejected altered

ktap_finish
