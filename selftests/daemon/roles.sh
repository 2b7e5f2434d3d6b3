#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Accounts and roles (draft 6.2.4a-d): every operation for an
# unauthenticated caller, a user and an administrator; unique names with
# no case or look-alike twins; create, modify, delete; deleting an
# account ends its sessions at once; the last administrator stays.
. ../lib.sh
. ./common.sh

ktap_plan 7
start_daemon && activate admin > /dev/null || echo "# setup failed"
setpw alice 'Alice-Viewer2'
setpw bob 'Bob-Viewer3'

verbs="status activate login logout whoami passwd session-list session-end
audit-show audit-verify user-add user-mod user-del user-list lock-list
lock-lift config-get config-set config-export config-import factory-reset
version firmware-status firmware-begin firmware-chunk firmware-install"
admin_only="session-list user-add user-mod user-del user-list lock-list
lock-lift config-get config-set config-export config-import factory-reset
firmware-status firmware-begin firmware-chunk firmware-install"
need_login="logout whoami passwd session-end audit-show audit-verify version"
denied='err code=EACCES msg=this%20operation%20needs%20the%20admin%20role'
nologin='err code=ENOTCONN '

# first reply line of VERB, sent alone by WHO (none, alice, admin)
first_reply() {
	if [ "$1" = none ]; then
		echo "$2" | ctl shell 2>/dev/null | head -1
	else
		echo "$2" | as "$1" shell 2>/dev/null | head -1
	fi
}
in_list() { echo " $(echo $2) " | grep -q " $1 "; }

matrix() {
	adduser alice user > /dev/null || return 1
	bad=0
	for verb in $verbs; do
		for who in none alice admin; do
			r=$(first_reply $who "$verb")
			exp=allow
			if [ $who = none ] && { in_list $verb "$admin_only" || in_list $verb "$need_login"; }; then
				exp=nologin
			elif [ $who = alice ] && in_list $verb "$admin_only"; then
				exp=deny
			fi
			got=allow
			case $r in "$denied"*) got=deny ;; "$nologin"*) got=nologin ;; esac
			[ "$exp" = "$got" ] || { echo "$verb as $who: $exp expected, got: $r"; bad=1; }
		done
	done
	[ $bad -eq 0 ] && ctl status | grep -qx 'activated: yes'
}
ktap_check role_matrix_of_every_operation matrix

lookalikes() {
	for name in Alice ALICE a1ice al1ce aIice; do
		expect_err EEXIST as admin --new-password-fd 4 user add $name user 4< "$work/pw.bob" || return 1
	done
	as admin user list | grep -c '^name=' | grep -qx 2
}
ktap_check lookalike_and_case_twins_refused lookalikes

bad_input() {
	expect_err EINVAL as admin --new-password-fd 4 user add bob root 4< "$work/pw.bob" &&
	expect_err EINVAL as admin --new-password-fd 4 user add 'b b' user 4< "$work/pw.bob" &&
	expect_err EINVAL as admin --new-password-fd 4 user add "$(printf 'b\303\266b')" user 4< "$work/pw.bob" &&
	expect_err EINVAL as admin --new-password-fd 4 user add 1bob user 4< "$work/pw.bob" &&
	expect_err ENOENT as admin user del nobody &&
	as admin user list | grep -c '^name=' | grep -qx 2
}
ktap_check bad_account_input_refused_nothing_changed bad_input

role_change() {
	adduser bob user > /dev/null &&
	expect_err EACCES as bob user list &&
	as admin user mod bob admin &&
	as bob user list | grep -qx 'name=bob role=admin' &&
	as admin user mod bob user &&
	expect_err EACCES as bob user list
}
ktap_check modify_changes_the_role role_change

last_admin() {
	expect_err EBUSY as admin user del admin &&
	expect_err EBUSY as admin user mod admin user &&
	as admin whoami | grep -qx 'role: admin'
}
ktap_check last_administrator_kept last_admin

# passwd reads the old password, then login reads it again, from fd 3.
passwords() {
	setpw new 'Alice-Renewed4'
	printf 'Wrong-Old5\nAlice-Viewer2\n' > "$work/wrongold"
	expect_err EACCES ctl --user alice --password-fd 3 --new-password-fd 4 \
		passwd 3< "$work/wrongold" 4< "$work/pw.new" || return 1
	printf 'Alice-Viewer2\nAlice-Viewer2\n' > "$work/twice"
	ctl --user alice --password-fd 3 --new-password-fd 4 passwd \
		3< "$work/twice" 4< "$work/pw.new" || return 1
	expect_err EACCES as alice whoami || return 1		# the old one
	cp "$work/pw.new" "$work/pw.alice"
	as alice whoami > /dev/null || return 1
	as admin --new-password-fd 4 user password alice 4< "$work/pw.bob" || return 1
	cp "$work/pw.bob" "$work/pw.alice"
	as alice whoami > /dev/null
}
ktap_check own_and_administrator_password_change passwords

delete_ends_sessions() {
	hold alice || return 1
	say whoami | grep -q '^ok account=alice' || return 1
	as admin user del alice || return 1
	r=$(say whoami)
	release
	echo "after delete: $r"
	case $r in "err code=ENOTCONN"*) ;; *) return 1 ;; esac
	expect_err EACCES as alice whoami
}
ktap_check deleting_an_account_ends_its_sessions delete_ends_sessions

ktap_finish
