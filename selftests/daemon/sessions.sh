#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Sessions (draft 6.4.4a/b/d): a user ends a session, idle sessions end
# after the administrator's timeout, concurrent sessions are limited per
# user and in all; a new password, set by the user or by an
# administrator, logs out whoever knew the old one; each end is audited.
. ../lib.sh
. ./common.sh

ktap_plan 8
start_daemon && activate admin > /dev/null || echo "# setup failed"
setpw alice 'Alice-Viewer2'
setpw bob 'Bob-Viewer3'
adduser alice user > /dev/null && adduser bob user > /dev/null || echo "# setup failed"

session_of() { echo "$1" | sed -n 's/.* session=\([0-9]*\).*/\1/p'; }

logout() {
	hold alice && say whoami | grep -q '^ok account=alice' &&
	say logout | grep -qx ok &&
	say whoami | grep -q '^err code=ENOTCONN'
	r=$?
	release
	[ $r -eq 0 ] && audit_has logout ok alice local 'session=[0-9]+'
}
ktap_check logout_ends_the_session logout

ends_own() {
	hold alice || return 1
	id=$(session_of "$(say whoami)")
	as admin session list | grep -q "^id=$id account=alice role=user source=local" || return 1
	expect_err ESRCH as bob session end "$id" || return 1
	as alice session end "$id" || return 1
	r=$(say whoami)
	release
	echo "$r"
	case $r in "err code=ENOTCONN"*) ;; *) return 1 ;; esac
	audit_has session-end ok alice local "session=$id of alice"
}
ktap_check user_ends_own_session_not_others ends_own

idle() {
	as admin config set session_idle_s 2 || return 1
	hold alice && say whoami | grep -q '^ok' || return 1
	sleep 4
	r=$(say whoami)
	release
	echo "$r"
	as admin config set session_idle_s 600 > /dev/null
	case $r in "err code=ENOTCONN"*) ;; *) return 1 ;; esac
	audit_has logout ok alice local 'session=[0-9]+ idle for 2s'
}
ktap_check idle_session_ends_after_timeout idle

busy_stays() {
	as admin config set session_idle_s 3 || return 1
	hold alice || return 1
	for i in 1 2 3 4 5; do say whoami | grep -q '^ok' || break; sleep 1; done
	r=$(say whoami)
	release
	as admin config set session_idle_s 600 > /dev/null
	case $r in "ok account=alice"*) ;; *) echo "$r"; return 1 ;; esac
}
ktap_check active_session_outlives_timeout busy_stays

per_user() {
	as admin config set session_per_user 1 || return 1
	hold alice && say whoami | grep -q '^ok' || return 1
	expect_err EUSERS as alice whoami
	r=$?
	as bob whoami > /dev/null || r=1
	release
	as admin config set session_per_user 4 > /dev/null
	[ $r -eq 0 ] && audit_has login refused alice local 'sessions per user'
}
ktap_check sessions_limited_per_user per_user

total() {
	as admin config set session_per_user 1 && as admin config set session_max 1 || return 1
	hold alice && say whoami | grep -q '^ok' || return 1
	expect_err EMFILE as bob whoami
	r=$?
	release
	as admin config set session_max 16 > /dev/null
	[ $r -eq 0 ]
}
ktap_check sessions_limited_in_all total

# The session that changes the password stays; the account's others end.
own_change() {
	as admin config set session_per_user 4 > /dev/null || return 1
	hold alice && hold alice 2 || return 1
	say whoami | grep -q '^ok' && say whoami 2 | grep -q '^ok' || return 1
	r=$(say "passwd old=Alice-Viewer2 new=Alice-Viewer7")
	mine=$(say whoami)
	other=$(say whoami 2)
	release; release 2
	printf '%s\n%s\n%s\n' "$r" "$mine" "$other"
	[ "$r" = ok ] && setpw alice 'Alice-Viewer7' || return 1
	case $mine in "ok account=alice"*) ;; *) return 1 ;; esac
	case $other in "err code=ENOTCONN"*) ;; *) return 1 ;; esac
	audit_has passwd ok alice local 'sessions_ended=1'
}
ktap_check password_change_ends_the_other_sessions own_change

# An administrator's reset ends every session of the account.
reset() {
	hold bob && say whoami | grep -q '^ok' || return 1
	setpw bob 'Bob-Viewer8'
	as admin --new-password-fd 4 user password bob 4< "$work/pw.bob" || return 1
	r=$(say whoami)
	release
	echo "$r"
	case $r in "err code=ENOTCONN"*) ;; *) return 1 ;; esac
	as bob whoami > /dev/null &&
		audit_has user-mod ok admin local 'name=bob role=user password changed sessions_ended=1'
}
ktap_check password_reset_ends_the_users_sessions reset

ktap_finish
