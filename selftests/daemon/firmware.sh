#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Firmware (draft 6.6c, 6.6e, 6.2.2): the version and end of support; a
# signed package installs into the inactive slot of the A/B pair; an
# unsigned one, one signed by an unknown key or for another purpose, an
# altered payload or manifest, an older version and another device's are
# refused before anything is written, each audited; past the end of
# support every login warns; the clock's synchronisation is reported.
. ../lib.sh
. ./common.sh

fw=$(pwd)/fw
ktap_plan 13
start_daemon && activate admin > /dev/null || echo "# setup failed"
setpw alice 'Alice-Viewer2'
adduser alice user > /dev/null || echo "# setup failed"

version() {
	as alice version > "$work/v" && cat "$work/v" &&
		grep -qx 'model: camsec,virtual-camera' "$work/v" &&
		grep -qx 'version: 1.5.0' "$work/v" &&
		grep -qx 'build_id: factory.1' "$work/v" &&
		grep -qx 'end_of_support: 2031-12-31' "$work/v" &&
		grep -qx 'supported: yes' "$work/v"
}
ktap_check version_and_end_of_support_reported version

# What a refused package must leave alone: the slots and the boot state.
snapshot() {
	lift_classes
	{ find "$slots" -type f 2>/dev/null | sort | xargs -r sha256sum
	  sha256sum "$state/firmware" 2>/dev/null; } > "$work/snap.$1"
	load_policy /etc/camsec/access.policy
}

installs() {
	as admin firmware upgrade "$fw/valid.cpkg" > "$work/up" 2>&1 || { cat "$work/up"; return 1; }
	cat "$work/up"
	grep -qx 'stage=verified' "$work/up" && grep -qx 'stage=written' "$work/up" &&
		grep -qx 'slot: b' "$work/up" || return 1
	as admin firmware status > "$work/st" && cat "$work/st"
	grep -qx 'slot=a version=1.5.0 active=yes next_boot=no' "$work/st" &&
		grep -qx 'slot=b version=2.0.0 active=no next_boot=yes' "$work/st" &&
		grep -qx 'floor: 2.0.0' "$work/st" || return 1
	lift_classes
	# The payloads in slot b are the ones the signed manifest lists.
	ok=1
	for f in rootfs.img kernel.img; do
		grep -q "^payload $f $(wc -c < "$slots/b/$f") $(sha256sum "$slots/b/$f" | cut -d' ' -f1)\$" \
			"$slots/b/manifest" || ok=0
	done
	load_policy /etc/camsec/access.policy
	[ $ok -eq 1 ] &&
		audit_has firmware-upgrade ok admin local 'version=2.0.0 build=20261126.1 slot=b' > /dev/null
}
ktap_check signed_package_installs_into_inactive_slot installs

# refused PACKAGE REASON: refused with REASON, audited, nothing changed.
refused() {
	snapshot before
	out=$(as admin firmware upgrade "$fw/$1" 2>&1) && { echo "installed: $out"; return 1; }
	echo "$out" | tail -1
	echo "$out" | grep -q "$2.*(EBADMSG)\$" || return 1
	snapshot after
	cmp "$work/snap.before" "$work/snap.after" &&
		audit_has firmware-upgrade fail admin local ".*$2.*" > /dev/null
}
ktap_check unsigned_refused refused unsigned.cpkg 'the package is not signed'
ktap_check unknown_signer_refused refused unknown-key.cpkg 'does not verify against the firmware CA'
ktap_check altered_payload_refused refused payload-flip.cpkg 'the SHA-256 differs from the manifest'
ktap_check altered_manifest_refused refused manifest-flip.cpkg 'does not verify against the firmware CA'
ktap_check signer_not_for_code_signing_refused refused wrong-purpose.cpkg 'not for code signing'
ktap_check older_version_refused refused older.cpkg 'older than the installed one'
ktap_check other_device_package_refused refused wrong-compatible.cpkg 'for another device'

newer() {
	as admin firmware upgrade "$fw/valid-next.cpkg" > /dev/null 2>&1 &&
		as admin firmware status | grep -qx 'slot=b version=2.1.0 active=no next_boot=yes'
}
ktap_check newer_package_replaces_the_pending_one newer

user_refused() {
	snapshot before
	expect_err EACCES as alice firmware upgrade "$fw/valid.cpkg" || return 1
	snapshot after
	cmp "$work/snap.before" "$work/snap.after"
}
ktap_check user_cannot_upgrade user_refused

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
