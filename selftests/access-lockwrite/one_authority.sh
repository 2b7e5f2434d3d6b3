#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Under the locked default policy (lock.sh, before this), as a camera
# ships: one authority at a time, bound to the state it sealed. A second
# camsecd, or one started on a fresh state directory while the device's
# is set aside, must not come up to activate an empty state and hand out
# admin. A restart and a factory reset keep the device's state and key.
. ../lib.sh
cd ../daemon && . ./common.sh

ktap_plan 5
[ "$(cat "$sfs/lock")" = 1 ] || echo "# the policy is not locked: lock.sh runs first"
setpw admin 'Camera-Admin1'
start_daemon && activate admin > /dev/null || echo "# setup failed"

is_authority() { ctl status | grep -qx 'authority: yes'; }
ktap_check daemon_is_authority_under_lock is_authority

# camsecd ARGS...: another instance, in the foreground; its exit status.
second() {
	timeout 20 /usr/sbin/camsecd -f -p "$work/pid2" -s "$work/sock2" -D "$factory" \
		-V "$manifest" "$@" < /dev/null 2>&1
}

second_instance() {
	mkdir -p "$work/state2"
	out=$(second -d "$work/state2") && { echo "started: $out"; return 1; }
	echo "second camsecd: $out"
	[ ! -S "$work/sock2" ] && ctl status | grep -qx 'activated: yes'
}
ktap_check second_authority_refused second_instance

fresh_state() {
	stop_daemon || return 1
	# The device's state moved aside stands for a rename or a new -d.
	mkdir -p "$work/fresh"
	out=$(second -d "$work/fresh") && { echo "started: $out"; return 1; }
	echo "fresh camsecd: $out"
	echo "$out" | grep -q "not this boot's device key" && [ ! -S "$work/sock2" ]
}
ktap_check fresh_state_refused_after_stop fresh_state

restart() {
	start_daemon && ctl status | grep -qx 'activated: yes' &&
		as admin whoami | grep -qx 'role: admin'
}
ktap_check restart_keeps_the_state restart

reset() {
	as admin factory-reset yes && ctl status | grep -qx 'activated: no' &&
		stop_daemon && start_daemon && activate admin > /dev/null &&
		as admin whoami | grep -qx 'role: admin'
}
ktap_check factory_reset_keeps_the_device_key reset

ktap_finish
