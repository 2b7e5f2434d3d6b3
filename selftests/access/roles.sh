#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Roles live in credentials: only the authority (the signed program the
# policy names) grants them, to its children's next exec; they are
# inherited; no task raises its own; a session's program keeps its role
# even when it runs the authority's program; ending a session kills its
# tasks.
. ../lib.sh
. ./common.sh

auth=$(pwd)/bin/authority
ktap_plan 15
{ authority_of "$auth"; echo 'class v label v'; } > "$work/policy"
load "$work/policy" > /dev/null

ktap_check root_has_no_role sh -c "[ \"\$(cat $sfs/whoami)\" = 'none 0' ]"
ktap_check root_cannot_grant sh -c "! echo \"\$\$ user 1\" > $sfs/grant"
ktap_check authority_program_is_authority sh -c "[ \"\$($auth whoami)\" = 'authority 0' ]"
ktap_check granted_role_reaches_child sh -c "[ \"\$($auth run user 7 cat $sfs/whoami)\" = 'user 7' ]"
inherited() {
	out=$("$auth" run admin 8 sh -c "cat $sfs/whoami; (cat $sfs/whoami)")
	echo "$out"
	[ "$out" = "admin 8
admin 8" ]
}
ktap_check role_inherited_across_fork_and_exec inherited
ktap_check granted_child_running_authority_keeps_role \
	sh -c "[ \"\$($auth run user 7 $auth whoami)\" = 'user 7' ]"
ktap_check session_task_running_authority_keeps_role \
	sh -c "[ \"\$($auth run admin 8 sh -c '$auth whoami')\" = 'admin 8' ]"
ktap_check ungranted_child_has_no_role sh -c "[ \"\$($auth spawn cat $sfs/whoami)\" = 'none 0' ]"
raise() {
	"$auth" run user 9 sh -c "echo \"\$\$ admin 9\" > $sfs/grant" && return 1
	[ "$("$auth" run user 9 cat "$sfs/whoami")" = "user 9" ]
}
ktap_check task_cannot_raise_own_role raise
ktap_check authority_role_not_grantable sh -c "! $auth run authority 1 true"
ktap_check grant_to_non_child_refused sh -c "! $auth grant \$\$ user 1"

unsigned_copy() {
	echo permissive > /sys/kernel/security/camsec/appsig/mode
	cp "$auth" "$work/authority"
	{ authority_of "$work/authority"; echo 'class v label v'; } > "$work/p2"
	load "$work/p2" > /dev/null
	role=$("$work/authority" whoami)
	echo "unsigned copy: $role"
	echo enforce > /sys/kernel/security/camsec/appsig/mode
	load "$work/policy" > /dev/null
	[ "$role" = "none 0" ]
}
ktap_check unsigned_authority_program_is_not_authority unsigned_copy

# Another signed program bound over the authority's path is not it.
bound_over() {
	pki=/etc/camsec/test-pki
	keyctl padd asymmetric '' %:.camsec < "$pki/signer.der" > /dev/null &&
		cp "$auth" "$work/other" && echo >> "$work/other" &&
		evmctl ima_sign --hashalgo sha256 --key "$pki/signer.key" "$work/other" > /dev/null &&
		mount --bind "$work/other" "$auth" || return 1
	role=$("$auth" whoami)
	umount "$auth"
	echo "a signed program at the authority's path: $role"
	[ "$role" = "none 0" ]
}
ktap_check program_bound_over_authority_path_is_not_authority bound_over

end_session() {
	"$auth" run user 11 sleep 30 &
	runner=$!
	sleep 0.5
	"$auth" end 11 || return 1
	wait $runner
	rc=$?
	echo "session task exit: $rc"
	[ $rc -eq 137 ]
}
ktap_check ending_session_kills_its_tasks end_session
ktap_check non_authority_cannot_end_session sh -c "! echo 11 > $sfs/end_session"
ktap_finish
