#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Enforce locked at run time through securityfs: from then on, as if locked
# at boot. A VM of its own, as the lock lasts until reboot.
. ../lib.sh
cd ../appsig && . ./common.sh

ktap_plan 4
ktap_check unlocked_at_boot sh -c "[ \"\$(cat $sfs/lock)\" = 0 ]"
ktap_check lock_written sh -c "echo 1 > $sfs/lock && [ \"\$(cat $sfs/lock)\" = 1 ]"
ktap_check mode_cannot_change sh -c "! echo permissive > $sfs/mode && [ \"\$(cat $sfs/mode)\" = enforce ]"
program "$work/busybox-unsigned"
ktap_check unsigned_refused refused no_signature "$work/busybox-unsigned" true
ktap_finish
