#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The audit trail (draft 6.2.6, 6.3.2c/d): records of every kind with
# account, source, time, time source, operation and result, the kernel's
# events among them; JSON export; readable through the daemon by
# authenticated users only; tampering found; a kill -9 mid-write loses
# no chain; the size limit overwrites the oldest and says so, or warns
# and then refuses what it could not record; audit off and on recorded;
# no password anywhere.
. ../lib.sh
. ./common.sh

ktap_plan 11
canary='Canary-Pw-7361xyz'
start_daemon && activate admin > /dev/null || echo "# setup failed"
setpw alice "$canary"
adduser alice user > /dev/null || echo "# setup failed"


daemon_events() {
	as alice whoami > /dev/null || return 1
	echo "login user=alice password=Wrong-Pass9" | ctl shell
	setpw bob 'Bob-Viewer3' && adduser bob user &&
	as admin user mod bob admin && as admin user del bob &&
	as admin config set login_window_s 120 &&
	audit_has daemon-start ok '' local 'activated=no authority=yes' &&
	audit_has activate ok admin local 'administrator created' &&
	audit_has login ok alice local 'session=[0-9]+ role=user' &&
	audit_has logout ok alice local 'session=[0-9]+ connection closed' &&
	audit_has login fail alice local '' &&
	audit_has user-add ok admin local 'name=bob role=user' &&
	audit_has user-mod ok admin local 'name=bob role=admin sessions_ended=0' &&
	audit_has user-del ok admin local 'name=bob sessions_ended=0' &&
	audit_has config-set ok admin local 'login_window_s=120' &&
	as admin --json audit show | grep '"op":"login"' | tail -1 |
		grep -E '^\{"seq":[0-9]+,"time_ns":"[0-9]{19}","time_source":"(ntp|unsynced)",'
}
ktap_check daemon_events_recorded_field_by_field daemon_events

kernel_events() {
	# The LSM: root holds no role, and the console is the administrator's.
	( echo x > /dev/console ) 2>/dev/null && return 1
	# camsec_nf: an insecure service opened on purpose is a risk event.
	loaded=
	grep -q '^camsec_nf ' /proc/modules || { insmod /lib/modules/camsec/camsec_nf.ko && loaded=1; }
	/usr/sbin/camsecctl net set --port tcp/443 --port tcp/23:risk
	sleep 1
	[ -n "$loaded" ] && rmmod camsec_nf
	audit_has kernel-access refused '' kernel 'op=open reason=role pid=[0-9]+ uid=0 role=none session=0 class=console comm=[^ ]+ path=/dev/console' &&
	audit_has kernel-nf logged '' - 'reason=risk proto=6 port=23 suppressed=0'
}
ktap_check kernel_events_recorded kernel_events

json_export() {
	as alice --json audit show > "$work/json" || return 1
	n=$(wc -l < "$work/json")
	good=$(grep -cE '^\{"seq":[0-9]+,"time_ns":"[0-9]+","time_source":"[a-z]+","op":"[a-z-]+","result":"[a-z]+","account":"[^"]*","source":"[^"]*","detail":".*"\}$' "$work/json")
	echo "$good of $n lines are records"
	[ "$n" -gt 10 ] && [ "$good" -eq "$n" ] && as alice audit verify | grep -q '^next_seq: '
}
ktap_check json_export_by_authenticated_user json_export

only_through_daemon() {
	cat "$state/audit.log" > /dev/null 2>&1 && return 1
	r=$(echo audit-show | ctl shell)
	echo "$r"
	case $r in "err code=ENOTCONN"*) ;; *) return 1 ;; esac
}
ktap_check log_unreadable_without_role_or_login only_through_daemon

# More records than a reply page (256): camsecctl asks page after page,
# and gets each record once, none left out.
paged() {
	i=0
	while [ $i -lt 300 ]; do echo "login user=nosuch$i password=Wrong-Pass9"; i=$((i + 1)); done |
		ctl shell > /dev/null
	as admin --json audit show | sed -n 's/^{"seq":\([0-9]*\),.*/\1/p' > "$work/seqs" || return 1
	n=$(wc -l < "$work/seqs") distinct=$(sort -u "$work/seqs" | wc -l)
	first=$(head -1 "$work/seqs") last=$(tail -1 "$work/seqs")
	echo "$n records shown, $distinct distinct, seq $first to $last"
	[ "$n" -gt 300 ] && [ "$distinct" -eq "$n" ] && [ $((last - first + 1)) -eq "$n" ]
}
ktap_check trail_shown_page_by_page paged

audit_switch() {
	as admin config set audit_enabled off || return 1
	as alice whoami > /dev/null
	as admin config set audit_enabled on || return 1
	audit_has audit-off ok admin local '' && audit_has audit-on ok admin local '' || return 1
	# no record between them
	as admin audit show | awk '/op=audit-off/ { off = 1; next } off && /op=audit-on/ { exit 0 } off { bad = 1 } END { exit bad }'
}
ktap_check audit_off_and_on_recorded audit_switch

tamper() {
	lift_classes
	size=$(wc -c < "$state/audit.log")
	off=$((size / 2))
	cp "$state/audit.log" "$work/audit.orig"
	byte=$(dd if="$state/audit.log" bs=1 skip=$off count=1 2>/dev/null)
	[ "$byte" = x ] && new=y || new=x
	printf '%s' "$new" | dd of="$state/audit.log" bs=1 seek=$off conv=notrunc 2>/dev/null
	load_policy /etc/camsec/access.policy
	expect_err EIO as alice audit verify || return 1
	stop_daemon
	start_daemon && return 1	# a tampered log is kept as evidence: no start
	grep -q 'audit.log' "$work/log" || return 1
	lift_classes
	cp "$work/audit.orig" "$state/audit.log"
	load_policy /etc/camsec/access.policy
	start_daemon && as alice audit verify
}
ktap_check tampering_detected_and_kept tamper

killed() {
	as admin config set login_max_failures 1000 > /dev/null
	i=0
	while [ $i -lt 400 ]; do echo "login user=nosuch password=Wrong-Pass9"; i=$((i + 1)); done > "$work/flood"
	ctl shell < "$work/flood" > /dev/null 2>&1 &
	flood=$!
	sleep 2
	stop_daemon KILL || return 1
	wait $flood
	start_daemon && as alice audit verify &&
		audit_has daemon-start ok '' local 'activated=yes authority=yes'
}
ktap_check log_survives_kill_9_mid_write killed

wraps() {
	as admin config set audit_max_kib 64 || return 1
	i=0
	while [ $i -lt 600 ]; do
		echo "config-set key=login_window_s value=$((100 + i % 50))"
		i=$((i + 1))
	done > "$work/sets"
	as admin shell < "$work/sets" > /dev/null || return 1
	lift_classes
	size=$(wc -c < "$state/audit.log")
	load_policy /etc/camsec/access.policy
	echo "log is $size bytes"
	[ "$size" -le 65536 ] && as alice audit verify &&
		audit_has audit-wrapped ok '' camsecd 'dropped [0-9]+ lines from [0-9]+' &&
		! audit_has activate ok admin local '.*' > /dev/null
}
ktap_check size_limit_overwrites_oldest_and_says_so wraps

full_warns() {
	as admin config set audit_full warn || return 1
	setpw carol 'Carol-Viewer4'
	i=0
	while [ $i -lt 600 ]; do
		echo "config-set key=login_window_s value=$((100 + i % 50))"
		i=$((i + 1))
	done > "$work/sets"
	as admin shell < "$work/sets" > "$work/replies"
	grep -q '^err code=ENOSPC msg=the%20audit%20log%20is%20full' "$work/replies" || return 1
	expect_err ENOSPC adduser carol user || return 1
	! as admin user list | grep -q carol || return 1
	# reading goes on, and the two settings that make room are served
	as alice audit verify && as admin config set audit_max_kib 128 &&
		adduser carol user && as admin user list | grep -q carol &&
		audit_has audit-full-warning ok '' camsecd '.*' > /dev/null &&
		audit_has config-set ok admin local 'audit_max_kib=128' > /dev/null &&
		as admin config set audit_full overwrite
}
ktap_check warn_policy_refuses_changes_when_full full_warns

no_canary() {
	echo "login user=alice password=$canary" | ctl shell > "$work/out1"
	echo "login user=$canary password=$canary" | ctl shell >> "$work/out1"
	as admin --json audit show > "$work/export"
	as admin audit show >> "$work/export"
	lift_classes
	found=$(grep -rl -- "$canary" "$state" "$work/export" "$work/log" "$work/out1" 2>/dev/null)
	dmesg | grep -q -- "$canary" && found="$found dmesg"
	load_policy /etc/camsec/access.policy
	echo "canary found in: ${found:-nothing}"
	[ -z "$found" ]
}
ktap_check no_password_in_log_files_or_dmesg no_canary

ktap_finish
