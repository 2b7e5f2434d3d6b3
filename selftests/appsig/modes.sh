#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Modes off, permissive, enforce; the mode, counters and keys in securityfs.
. ../lib.sh
. ./common.sh

ktap_plan 9
load_key
program "$work/busybox-unsigned"

permissive() {
	set_mode permissive || return 1
	logged=$(stat_of logged) nosig=$(stat_of reason.no_signature)
	"$work/busybox-unsigned" true || { echo "refused in permissive mode"; return 1; }
	[ "$(stat_of logged)" -gt "$logged" ] || { echo "not logged"; return 1; }
	[ "$(stat_of reason.no_signature)" -gt "$nosig" ]
}
ktap_check permissive_logs_and_allows permissive

off() {
	set_mode off || return 1
	logged=$(stat_of logged)
	"$work/busybox-unsigned" true || { echo "refused in off mode"; return 1; }
	[ "$(stat_of logged)" -eq "$logged" ] || { echo "logged in off mode"; return 1; }
}
ktap_check off_allows_silently off

enforce() { set_mode enforce && [ "$(cat "$sfs/mode")" = enforce ]; }
ktap_check mode_reads_back enforce
ktap_check enforce_refuses refused no_signature "$work/busybox-unsigned" true

bad_mode() { ! echo strict > "$sfs/mode" && [ "$(cat "$sfs/mode")" = enforce ]; }
ktap_check bad_mode_rejected_unchanged bad_mode

lock_needs_enforce() {
	set_mode permissive || return 1
	echo 1 > "$sfs/lock" && { echo "locked permissive"; return 1; }
	[ "$(cat "$sfs/lock")" = 0 ] && set_mode enforce
}
ktap_check only_enforce_can_be_locked lock_needs_enforce

# The same status over netlink (CAMSEC_CMD_APPSIG_GET), for the daemon.
netlink_status() {
	"$bin/evlisten" -g > "$work/status" || return 1
	cat "$work/status"
	for k in verified denied logged cache_hits; do
		[ "$(awk -v k=$k '$1 == k { print $2 }' "$work/status")" = "$(stat_of $k)" ] ||
			{ echo "$k differs from securityfs"; return 1; }
	done
	grep -qx "mode enforce" "$work/status" && grep -qx "locked 0" "$work/status" &&
		grep -qx "trust $(tr ',' ' ' < "$sfs/trust")" "$work/status"
}
ktap_check netlink_status_matches_securityfs netlink_status
unprivileged_get() { "$bin/runas" 1000 "$bin/evlisten" -g; [ $? -eq 3 ]; }
ktap_check unprivileged_cannot_query unprivileged_get

keys() { cat "$sfs/keys"; grep -q "camsec test application signer" "$sfs/keys"; }
ktap_check keys_listed keys
ktap_finish
