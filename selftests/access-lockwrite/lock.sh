#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# A locked access policy stays until reboot. A VM of its own, as the lock
# cannot be undone.
. ../lib.sh
cd ../access && . ./common.sh

ktap_plan 5
ktap_check no_policy_at_boot sh -c "[ \"\$(cat $sfs/hash)\" = none ]"
ktap_check nothing_to_lock_without_policy sh -c "! echo 1 > $sfs/lock && [ \"\$(cat $sfs/lock)\" = 0 ]"
load "$default_policy" > /dev/null
ktap_check lock_written sh -c "echo 1 > $sfs/lock && [ \"\$(cat $sfs/lock)\" = 1 ]"
active=$(cat "$sfs/hash")
printf 'authority /usr/sbin/other sha256:%064d\n' 0 > "$work/p"
replace_refused() {
	out=$(load "$work/p") && return 1
	echo "$out"; echo "$out" | grep -q "not permitted"
}
ktap_check locked_policy_not_replaced replace_refused
ktap_check active_policy_kept sh -c "[ \"\$(cat $sfs/hash)\" = \"$active\" ]"
ktap_finish
