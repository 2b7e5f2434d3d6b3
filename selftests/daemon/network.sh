#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The network ruleset through camsecd: only an administrator sets it; it
# is parsed whole, stored sealed, applied, audited, and applied again at
# each start. A ruleset that is refused changes nothing. Programs run for
# a session act for that session over the connection they are given.
. ../lib.sh
. ./common.sh

ktap_plan 7
loaded=
grep -q '^camsec_nf ' /proc/modules ||
	{ insmod /lib/modules/camsec/camsec_nf.ko && loaded=1; } || echo "# no camsec_nf"
start_daemon && activate admin > /dev/null || echo "# setup failed"
setpw alice 'Alice-Viewer2'
adduser alice user > /dev/null || echo "# setup failed"

# The ports open in the kernel, as camsec_nf's own dump says.
kernel_ports() { /usr/sbin/camsecctl net show | awk '$1 == "port" { printf "%s ", $2 }'; }

set_stored_audited() {
	as admin net set --port tcp/443 --port tcp/8443 || return 1
	echo "kernel: $(kernel_ports)"
	[ "$(kernel_ports)" = "tcp/443 tcp/8443 " ] || return 1
	out=$(as admin net show); echo "$out"
	echo "$out" | grep -qx 'rule=--port tcp/443' &&
	echo "$out" | grep -qx 'open: tcp/443,tcp/8443' &&
	echo "$out" | grep -qx 'from: administrator' &&
	# sealed, and labelled config: root without a role cannot read it
	! cat "$state/network" > /dev/null 2>&1 &&
	audit_has net-set ok admin local '--port tcp/443 --port tcp/8443'
}
ktap_check ruleset_set_through_daemon_stored_applied_audited set_stored_audited

bad_changes_nothing() {
	before=$(stat -c '%i %s %Y' "$state/network") || return 1
	out=$(echo 'net-set rules=--port%20tcp/443%0a--port%20tcp/99999' | as admin shell)
	echo "$out"
	case $out in *"err code=EINVAL msg=line%202:12:%20port%20must%20be%201%20to%2065535") ;; *) return 1 ;; esac
	out=$(as admin net set --filter maybe 2>&1) && return 1
	echo "$out"; echo "$out" | grep -q "filter is off, allow or deny" || return 1
	# Parsed, refused by camsec_nf: stored first, then put back.
	expect_err EPERM as admin net set --port tcp/23 || return 1
	[ "$(stat -c '%i %s %Y' "$state/network")" = "$before" ] &&
	[ "$(kernel_ports)" = "tcp/443 tcp/8443 " ] || return 1
	# Applied, but not stored (camsecd holds no CAP_DAC_OVERRIDE): undone.
	chmod 500 "$state"
	expect_err EIO as admin net set --port tcp/22
	rc=$?
	chmod 700 "$state"
	[ $rc -eq 0 ] && [ "$(kernel_ports)" = "tcp/443 tcp/8443 " ] &&
	audit_has net-set fail admin local '--port tcp/22: the ruleset could not be stored: nothing changed' ||
		return 1
	# Parsed, but camsec_nf is gone: the stored ruleset stays the last good one.
	rmmod camsec_nf || return 1
	expect_err EOPNOTSUPP as admin net set --port tcp/80
	rc=$?
	insmod /lib/modules/camsec/camsec_nf.ko || return 1
	[ $rc -eq 0 ] && [ "$(stat -c '%i %s %Y' "$state/network")" = "$before" ] &&
	audit_has net-set fail admin local '--port tcp/80: camsec_nf is not loaded'
}
ktap_check refused_ruleset_changes_nothing bad_changes_nothing

applied_at_start() {
	/usr/sbin/camsecctl net set --port tcp/22 || return 1
	stop_daemon && start_daemon || return 1
	echo "kernel after the restart: $(kernel_ports)"
	[ "$(kernel_ports)" = "tcp/443 tcp/8443 " ]
}
ktap_check stored_ruleset_applied_again_at_start applied_at_start

user_refused() {
	expect_err EACCES as alice net set --port tcp/80 &&
	expect_err EACCES as alice net show &&
	[ "$(kernel_ports)" = "tcp/443 tcp/8443 " ]
}
ktap_check user_role_cannot_see_or_set_ruleset user_refused

session_connection() {
	out=$(as admin run /bin/sh -c 'camsecctl whoami && camsecctl net show' 2>&1); echo "run: $?"
	echo "$out"
	echo "$out" | grep -qx 'role: admin' &&
	echo "$out" | grep -qx 'open: tcp/443,tcp/8443' || return 1
	# alice's program acts for alice: her role, not more.
	out=$(as alice run /bin/sh -c 'camsecctl whoami; camsecctl net set --port tcp/80' 2>&1)
	echo "$out"
	echo "$out" | grep -qx 'account: alice' &&
	echo "$out" | grep -q "(EACCES)$"
}
ktap_check session_program_acts_for_its_session session_connection

lent_bounded() {
	# Each nested run leaves a sleeper holding its connection: the fifth
	# connection of one session is refused, and the slots stay free.
	out=$(as alice run /bin/sh -c 'for i in 1 2 3 4; do
		camsecctl run /bin/sh -c "sleep 20 < /dev/null > /dev/null 2>&1 &"
		echo "rc=$?"; done' 2>&1)
	echo "$out"
	[ "$(echo "$out" | grep -c '^rc=0$')" -eq 3 ] &&
	echo "$out" | grep -q 'as many programs as it may.*(EUSERS)$' &&
	as admin whoami > /dev/null
}
ktap_check session_connections_bounded lent_bounded

reboot_refused() {
	expect_err EOPNOTSUPP as admin reboot && expect_err EACCES as alice reboot
}
ktap_check reboot_needs_b_and_admin reboot_refused

[ -n "$loaded" ] && rmmod camsec_nf
ktap_finish
