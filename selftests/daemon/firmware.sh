#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Firmware (draft 6.6c, 6.6e, 6.2.2): the running image's version and end
# of support; past it every login warns; the clock's synchronisation is
# reported. Installs are RAUC's, on the A/B card (product/ab.py): a
# camera booted without A/B slots, as this one is, refuses an upgrade
# before any upload and audits it, a user may not upgrade at all, and the
# upload's steps out of order are refused. A floor an earlier release
# stored, beside its directory slots' state, holds.
. ../lib.sh
. ./common.sh

ktap_plan 8
start_daemon && activate admin > /dev/null || echo "# setup failed"
setpw alice 'Alice-Viewer2'
adduser alice user > /dev/null || echo "# setup failed"
head -c 4096 /dev/urandom > "$work/bundle.raucb"
helper=/selftests/access/bin/authority

version() {
	as alice version > "$work/v" && cat "$work/v" &&
		grep -qx 'model: camsec,virtual-camera' "$work/v" &&
		grep -qx 'version: 1.5.0' "$work/v" &&
		grep -qx 'build_id: factory.1' "$work/v" &&
		grep -qx 'end_of_support: 2031-12-31' "$work/v" &&
		grep -qx 'supported: yes' "$work/v"
}
ktap_check version_and_end_of_support_reported version

no_slots() {
	out=$(as admin firmware upgrade "$work/bundle.raucb" 2>&1) && { echo "installed: $out"; return 1; }
	echo "$out" | tail -1
	echo "$out" | grep -q 'no A/B slots to install into (EOPNOTSUPP)$' &&
		! echo "$out" | grep -q 'sent ' && [ ! -e "$state/firmware.upload" ] &&
		audit_has firmware-upgrade fail admin local 'no A/B slots to install into' > /dev/null
}
ktap_check upgrade_refused_without_ab_slots no_slots

status() {
	as admin firmware status > "$work/st" && cat "$work/st" &&
		grep -qx 'floor: 1.5.0' "$work/st" && grep -qx 'updater: none (no A/B slots)' "$work/st" &&
		! grep -q '^slot=' "$work/st"
}
ktap_check firmware_status_without_slots status

user_refused() {
	expect_err EACCES as alice firmware upgrade "$work/bundle.raucb" &&
		[ ! -e "$state/firmware.upload" ]
}
ktap_check user_cannot_upgrade user_refused

out_of_order() {
	as admin call firmware-chunk data=00 > "$work/o" 2>&1
	grep -q 'send firmware-begin first (ENOENT)' "$work/o" || { cat "$work/o"; return 1; }
	as admin call firmware-install > "$work/o" 2>&1
	grep -q 'no whole upload: firmware-begin, then every chunk (ENOENT)' "$work/o" ||
		{ cat "$work/o"; return 1; }
}
ktap_check upload_steps_out_of_order_refused out_of_order

# An earlier release kept "active=a next=b floor=X", sealed: X holds.
earlier_floor() {
	stop_daemon || return 1
	authority_of "$helper" > "$work/p" && load_policy "$work/p"
	key=$(keyctl add encrypted camsec:store "load $(cat "$state/store.key")" @u) &&
		printf 'active=b next=b floor=2.1.0\n' | "$helper" seal firmware > "$state/firmware"
	r=$?
	keyctl unlink "$key" @u > /dev/null 2>&1
	load_policy /etc/camsec/access.policy
	[ $r -eq 0 ] && start_daemon && as admin firmware status | grep -qx 'floor: 2.1.0'
}
ktap_check earlier_releases_floor_kept earlier_floor

eos() {
	now=$(date +%s)
	date -s '2032-01-02 00:00:00' > /dev/null
	out=$(as alice whoami 2>&1)
	v=$(as alice version)
	date -s "@$((now + 1))" > /dev/null
	echo "$out" | head -1
	echo "$out" | grep -q 'warning: the firmware is past its end of support' &&
		echo "$v" | grep -qx 'supported: no' &&
		audit_has end-of-support warning alice local 'the firmware is past its end of support' > /dev/null &&
		! as alice whoami 2>&1 | grep -q warning
}
ktap_check login_warns_past_end_of_support eos

clock() {
	ctl status | grep -qx 'clock: unsynced' || return 1
	bin/clocksync on > /dev/null || return 1
	ctl status | grep -qx 'clock: ntp'
	r=$?
	bin/clocksync off > /dev/null
	[ $r -eq 0 ] && ctl status | grep -qx 'clock: unsynced'
}
ktap_check clock_synchronisation_reported clock

ktap_finish
