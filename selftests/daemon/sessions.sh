#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Sessions (draft 6.4.4a/b/d): a user ends a session, idle sessions end
# after the administrator's timeout, concurrent sessions are limited per
# user and in all; each end is audited.
. ../lib.sh
. ./common.sh

ktap_plan 6
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

ktap_finish
