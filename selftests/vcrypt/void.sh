#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# A frame that fails to seal becomes a void record: its slot wiped, no
# packet of it sent, counted in errors; the viewer sees the frame lost
# and every other frame whole. Sealing is made to fail with the kernel's
# fault injection (CONFIG_FAULT_INJECTION_DEBUG_FS, the debug kernel).
. ../lib.sh
. ./common.sh

fail=/sys/kernel/debug/fail_camsec_vcrypt
ktap_plan 1
if [ ! -d $fail ]; then
	ktap_skip failed_frame_void_and_lost "no $fail (use the debug variant)"
	ktap_finish
	exit 0
fi

# Two packets fail (of the first frames), then none.
void() {
	echo 0 > $fail/verbose
	echo 0 > $fail/space
	echo 1 > $fail/interval
	echo 100 > $fail/probability
	echo 2 > $fail/times
	stream void k1 raw:64x48 --key camsec:k1 --write 64x48 --frames 6
	rc=$?
	echo 0 > $fail/probability
	[ $rc = 0 ] && grep -q "errors 2 " "$work/void.log" &&
		grep -q "accepted 6 .* sent 6 " "$work/void.log" &&
		grep -q "auth_fail 0 replay 0 bad_mki 0 other 0 frames 4 lost 0 " \
			"$work/void.log"
}
ktap_check failed_frame_void_and_lost void

ktap_finish
