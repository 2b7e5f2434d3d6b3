#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Booted with camsec.appsig_lock=1: enforce from the first instruction, and
# nothing, root included, can weaken it or touch a signature.
. ../lib.sh
cd ../appsig && . ./common.sh

ktap_plan 6
load_key
ktap_check locked_from_boot sh -c "[ \"\$(cat $sfs/lock)\" = 1 ] && [ \"\$(cat $sfs/mode)\" = enforce ]"

weaken() {
	listen_out=$work/ev
	rm -f "$work/ready"
	"$bin/evlisten" -r "$work/ready" -n 2 -t 5 > "$listen_out" &
	pid=$!
	while [ ! -e "$work/ready" ]; do sleep 0.1; done
	echo permissive > "$sfs/mode" && { echo "went permissive"; return 1; }
	echo off > "$sfs/mode" && { echo "went off"; return 1; }
	wait $pid
	cat "$listen_out"
	[ "$(cat "$sfs/mode")" = enforce ] &&
		grep -q "^op=mode mode=off old_mode=enforce locked=1 denied=1" "$listen_out"
}
ktap_check root_cannot_weaken weaken
program "$work/busybox-unsigned"
ktap_check unsigned_refused refused no_signature "$work/busybox-unsigned" true

root_sign() {
	out=$(sign "$work/busybox-unsigned" 2>&1) && { echo "signed"; return 1; }
	[ "$(stat_of reason.locked)" -gt 0 ]
}
ktap_check root_cannot_sign root_sign
strip() {
	out=$("$bin/sigtool" rm "$work/busybox-unsigned" 2>&1) && return 1
	echo "$out" | grep -q "not permitted"
}
ktap_check root_cannot_strip strip
ktap_check lock_stays sh -c "! echo 0 > $sfs/lock && [ \"\$(cat $sfs/lock)\" = 1 ]"
ktap_finish
