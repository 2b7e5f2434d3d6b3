#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Programs the daemon starts for a session hold the session's role in the
# LSM, and nothing more: unprivileged, no capabilities; they reach the
# objects the policy gives the role, and die the moment the account is
# deleted (draft 6.2.4b-d).
. ../lib.sh
. ./common.sh

try=$(cd ../access/bin && pwd)/try
ktap_plan 9
start_daemon && activate admin > /dev/null || echo "# setup failed"
setpw alice 'Alice-Viewer2'
adduser alice user > /dev/null || echo "# setup failed"
mknod "$work/video" c 81 0 && mknod "$work/console" c 5 1 && chmod 666 "$work/video" "$work/console"
chmod 755 "$work"

role_and_session() {
	a=$(as alice run /bin/cat "$sfs/whoami")
	b=$(as admin run /bin/cat "$sfs/whoami")
	echo "alice: $a, admin: $b"
	case "$a" in "user "[1-9]*) ;; *) return 1 ;; esac
	case "$b" in "admin "[1-9]*) ;; *) return 1 ;; esac
	[ "$(cat "$sfs/whoami")" = "none 0" ]
}
ktap_check program_holds_session_role role_and_session

objects() {
	none=$("$try" r "$work/video"); user=$(as alice run "$try" r "$work/video")
	ucons=$(as alice run "$try" w "$work/console"); acons=$(as admin run "$try" w "$work/console")
	echo "video: none $none, user $user; console: user $ucons, admin $acons"
	# (81:0 answers ENXIO where no video driver is bound)
	[ "$none" = EACCES ] && [ "$ucons" = EACCES ] && [ "$acons" = ok ] &&
		{ [ "$user" = ok ] || [ "$user" = ENXIO ]; }
}
ktap_check role_reaches_what_policy_gives objects

unprivileged() {
	out=$(as admin run /bin/sh -c 'id -u; id -g; grep -E "^(CapEff|CapPrm|NoNewPrivs)" /proc/self/status')
	echo "$out"
	echo "$out" | grep -qx 65534 &&
	echo "$out" | grep -q 'CapEff:.0000000000000000' &&
	echo "$out" | grep -q 'CapPrm:.0000000000000000' &&
	echo "$out" | grep -q 'NoNewPrivs:.1'
}
ktap_check program_runs_unprivileged unprivileged

status() {
	as alice run /bin/sh -c 'exit 7'
	[ $? -eq 7 ] && audit_has run-exit ok '' local 'pid=[0-9]+ status=7'
}
ktap_check exit_status_returned_and_audited status

bad_run() {
	expect_err EINVAL as alice run bin/true &&
	r=$(echo "run prog=/bin/true" | as alice shell) ; echo "$r"
	case $r in "err code=EINVAL msg=run%20needs%20the%20caller's%20stdin"*) ;; *) return 1 ;; esac
	r=$(echo "run prog=/bin/true" | ctl shell); echo "$r"
	case $r in "err code=ENOTCONN"*) ;; *) return 1 ;; esac
}
ktap_check bad_run_requests_refused bad_run

pid_of() {
	for p in /proc/[0-9]*; do
		[ "$(cat "$p/comm" 2>/dev/null)" = "$1" ] && echo "${p#/proc/}"
	done
}

killed_with_account() {
	as alice run /bin/sleep 60 > /dev/null &
	runner=$!
	i=0
	while [ -z "$(pid_of sleep)" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	pid=$(pid_of sleep)
	[ -n "$pid" ] || return 1
	grep -q "^Uid:.65534" "/proc/$pid/status" || return 1
	as admin user del alice || return 1
	wait $runner
	rc=$?
	echo "camsecctl run returned $rc"
	! kill -0 "$pid" 2>/dev/null && [ $rc -eq 137 ] &&
		audit_has user-del ok admin local 'name=alice sessions_ended=1'
}
ktap_check deleting_account_kills_its_programs killed_with_account

# The pids of the processes whose command line is $1.
program_pid() {
	for p in /proc/[0-9]*; do
		[ "$(tr '\0' ' ' < "$p/cmdline" 2>/dev/null)" = "$1 " ] && echo "${p#/proc/}"
	done
}

# A daemon killed (a crash) leaves its sessions' programs; the next one
# hands out the same session ids. At start it ends every session first,
# and the trail says the daemon before ended without stopping.
orphans_end() {
	setpw bob 'Bob-Viewer-42' && adduser bob user > /dev/null || return 1
	as bob run /bin/sleep 61 > /dev/null 2>&1 &
	i=0
	while [ -z "$(program_pid '/bin/sleep 61')" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	prog=$(program_pid '/bin/sleep 61')
	[ -n "$prog" ] || { echo "the program did not start"; return 1; }
	stop_daemon KILL || return 1	# (it sets $pid: the daemon's)
	# (an orphan's zombie waits for init: running() counts it as gone)
	running "$prog" || { echo "the program died with the daemon"; return 1; }
	start_daemon || return 1
	i=0
	while running "$prog" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	running "$prog" && { echo "the earlier session's program lives on"; return 1; }
	audit_has daemon-restart ok '' local \
		'the daemon before ended without stopping \(pid=[0-9]+ boot=[-0-9a-f]+, killed or crashed in this boot\)'
}
ktap_check restart_ends_an_earlier_daemons_sessions orphans_end

keys_of_program() {
	# A daemon started in a login session reaches the device key's master
	# through its session keyring: a program it runs gets none of it.
	stop_daemon && daemon_in=$in_login_session start_daemon || return 1
	out=$(as admin run /bin/sh -c 'keyctl show @s' 2>&1)
	echo "$out"
	! echo "$out" | grep -q 'camsec-kmk$' && ! echo "$out" | grep -q '_uid\.0$' &&
	echo "$out" | grep -q 'logon: camsec:stream$' &&
	# the stream key: used by camsec_vcrypt, never read back
	key=$(as admin stream key | sed -n 's/^key: //p' | tr A-F a-f)
	leak=$(as admin run /bin/sh -c 'keyctl pipe %logon:camsec:stream | xxd -p' 2>&1)
	echo "read back: $leak"
	[ ${#key} -eq 64 ] && ! echo "$leak" | tr -d '\n' | grep -q "$key"
}
ktap_check program_gets_stream_key_not_daemons_keys keys_of_program

stream_with_session_key() {
	loaded=
	grep -q '^camsec_vcrypt ' /proc/modules ||
		{ insmod /lib/modules/camsec/camsec_vcrypt.ko && loaded=1; } || return 1
	# as the image's rcS does: DAC lets the run gid in; the policy's roles decide
	chgrp 65534 /dev/camsec_vcrypt
	mkdir -p "$work/out" && chown 65534 "$work/out"
	as admin run /usr/sbin/camsec-vsend --key camsec:stream --write 64x64 \
		--frames 3 --rtpdump "$work/out/stream.rtpdump" --sdp "$work/out/stream.sdp"
	rc=$?
	hex=$(as admin stream key | sed -n 's/^key: //p')
	camsec-sdes --kdk-hex "$hex" < "$work/out/stream.sdp" > "$work/stream.sdp"
	out=$(/selftests/vcrypt/bin/srtprecv --rtpdump "$work/out/stream.rtpdump" \
		--sdp "$work/stream.sdp" --format raw:64x64 2>&1)
	echo "vsend: $rc; $out"
	[ -n "$loaded" ] && rmmod camsec_vcrypt
	[ $rc -eq 0 ] && echo "$out" | grep -q ' auth_fail 0 replay 0 bad_mki 0 other 0 frames 3 lost 0 ' &&
	audit_has stream-key ok admin local read &&
	expect_err EACCES as alice stream key
}
ktap_check session_program_streams_with_the_device_stream_key stream_with_session_key

ktap_finish
