#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Objects by class: a char device by its number, files by their label.
# Each role reaches what the policy allows it, and nothing else, however
# it goes about it (open, truncate, rename, link, unlink, create, and
# symlinks, fifos and device nodes in a protected directory). What is
# created in a protected directory takes its label; an unlabelled file
# in one cannot be removed or moved out by a role that may not write it.
# A socket bound in a protected directory takes its label too: connecting
# to it, or sending it a datagram, needs write (the updater's bus).
. ../lib.sh
. ./common.sh

auth=$(pwd)/bin/authority
evlisten=$(cd ../appsig/bin && pwd)/evlisten
ktap_plan 38
cat > "$work/policy" <<POLICY
$(authority_of "$auth")
class video  dev 1:5                # /dev/zero stands in for a camera
class config label config
class logs   label logs
allow user,admin video read
allow admin      video write
allow admin      config read,write
allow user,admin logs read
allow authority  logs read,write
class tools  label tools
allow admin      tools read
allow authority  tools read,exec
class bus    label bus
allow updater,authority bus read,write
POLICY
load "$work/policy" > /dev/null
chmod 755 "$work"
mknod "$work/cam0" c 1 5 && chmod 666 "$work/cam0"
mkdir "$work/etc" && echo "rtsp=on" > "$work/etc/config" && echo "boot" > "$work/log"
echo "open" > "$work/open"
chmod -R a+rwX "$work"
"$auth" label "$work/etc/config" config
"$auth" label "$work/etc" config
# An unlabelled file, in a directory labelled after it was made.
mkdir "$work/etc2" && echo "older" > "$work/etc2/plain" && chmod -R a+rwX "$work/etc2"
"$auth" label "$work/etc2" config
"$auth" label "$work/log" logs
# A program that admin may read but not run: a signed copy of try.
signed_copy bin/try "$work/tool"
"$auth" label "$work/tool" tools

# as ROLE CMD: run CMD with ROLE, granted by the authority (none: as root).
as() { role=$1; shift; if [ "$role" = none ]; then "$@"; else "$auth" run "$role" 1 "$@"; fi; }
can() { as "$@" 2>&1; }
cannot() { out=$(as "$@" 2>&1) && { echo "allowed: $*"; return 1; }; echo "$out" | grep -q "Permission denied\|not permitted" || { echo "$out"; return 1; }; }

read_dev="head -c 4 $work/cam0"
write_dev="dd if=/dev/null of=$work/cam0 count=0 conv=notrunc"
ktap_check none_cannot_read_video cannot none $read_dev
ktap_check user_reads_video can user $read_dev
ktap_check user_cannot_write_video cannot user sh -c "echo x > $work/cam0"
ktap_check admin_writes_video can admin sh -c "echo x > $work/cam0"

ktap_check none_cannot_read_config cannot none cat "$work/etc/config"
ktap_check user_cannot_read_config cannot user cat "$work/etc/config"
ktap_check admin_reads_and_writes_config can admin sh -c "cat $work/etc/config && echo rtsp=off >> $work/etc/config"
ktap_check none_cannot_read_logs cannot none cat "$work/log"
ktap_check user_reads_logs can user cat "$work/log"
ktap_check admin_cannot_write_logs cannot admin sh -c "echo forged >> $work/log"
ktap_check unprotected_file_open_to_all can none cat "$work/open"

# Running a program is exec, not read; ld.so's mappings need exec too.
ktap_check authority_runs_tool sh -c "[ \"\$($auth try x $work/tool)\" = ok ]"
ktap_check admin_reads_tool sh -c "[ \"\$($auth run admin 1 bin/try r $work/tool)\" = ok ]"
ktap_check admin_cannot_run_tool sh -c "[ \"\$($auth run admin 1 bin/try x $work/tool)\" = EACCES ]"
ktap_check admin_cannot_map_tool_executable sh -c "[ \"\$($auth run admin 1 bin/try m $work/tool)\" = EACCES ]"
# ld.so maps a program itself, without execve: the mapping is checked.
ldso_refused() {
	ldso=
	for f in /lib64/ld-linux*.so.* /lib/ld-linux*.so.* /lib/*/ld-linux*.so.*; do
		[ -e "$f" ] && { ldso=$f; break; }
	done
	[ -n "$ldso" ] || { echo "no dynamic loader found"; return 1; }
	# The loader runs a program admin may run: what it refuses next is
	# the policy's doing.
	out=$(as admin "$ldso" bin/try r "$work/open" 2>&1)
	[ "$out" = ok ] || { echo "$ldso does not run bin/try: $out"; return 1; }
	out=$(as admin "$ldso" "$work/tool" 2>&1) && { echo "ran: $out"; return 1; }
	echo "$out"
	! echo "$out" | grep -qx ok
}
ktap_check admin_cannot_run_tool_through_ldso ldso_refused

# The same data, reached another way.
ktap_check link_refused cannot user ln "$work/etc/config" "$work/config-link"
ktap_check rename_over_refused cannot user mv "$work/open" "$work/etc/config"
ktap_check create_in_protected_dir_refused cannot user sh -c "echo x > $work/etc/new"
ktap_check truncate_refused cannot none truncate -s 0 "$work/etc/config"
ktap_check symlink_in_protected_dir_refused cannot user ln -s /etc/passwd "$work/etc/sym"
ktap_check fifo_in_protected_dir_refused cannot user mkfifo "$work/etc/fifo"
ktap_check node_in_protected_dir_refused cannot user mknod "$work/etc/null" c 1 3
inherits() {
	as admin sh -c "echo secret > $work/etc/admin-new" || return 1
	cannot none cat "$work/etc/admin-new" &&
		cannot none mv "$work/etc/admin-new" "$work/moved" &&
		[ -e "$work/etc/admin-new" ]
}
ktap_check new_file_takes_directory_label inherits
ktap_check unlabelled_file_in_protected_dir_not_removed cannot none rm "$work/etc2/plain"
ktap_check unlabelled_file_not_moved_out cannot none mv "$work/etc2/plain" "$work/plain"

# A private bus: sockets that a role that may write the directory binds
# in it, reachable by that role only, however they are named.
mkdir "$work/bus" && chmod 777 "$work/bus"
"$auth" label "$work/bus" bus
"$auth" run updater 2 bin/try listen stream "$work/bus/stream" > "$work/stream.out" &
stream_pid=$!	# the sockets' session, 2, ends after the tests
"$auth" run updater 2 bin/try listen dgram "$work/bus/dgram" > "$work/dgram.out" &
dgram_pid=$!
while [ ! -s "$work/stream.out" ] || [ ! -s "$work/dgram.out" ]; do sleep 0.1; done
# sock RESULT ROLE MODE PATH: try MODE (c, s) on PATH as ROLE gives RESULT.
sock() { out=$(as "$2" bin/try "$3" "$4"); echo "$2 $3 $4: $out"; [ "$out" = "$1" ]; }
ktap_check updater_role_granted_and_kept \
	sh -c "[ \"\$($auth run updater 2 sh -c 'cat $sfs/whoami')\" = 'updater 2' ]"
ktap_check socket_takes_directory_label sh -c "[ \"\$(cat $work/stream.out)\" = ok ]"
ktap_check none_cannot_connect_to_protected_socket sock EACCES none c "$work/bus/stream"
ktap_check admin_cannot_connect_to_protected_socket sock EACCES admin c "$work/bus/stream"
ktap_check updater_connects_to_protected_socket sock ok updater c "$work/bus/stream"
ktap_check none_cannot_send_to_protected_socket sock EACCES none s "$work/bus/dgram"
ktap_check updater_sends_to_protected_socket sock ok updater s "$work/bus/dgram"
# Another name for the same socket: a symlink anyone may make, a hard
# link (refused), a bind mount of the directory.
sock_by_other_names() {
	ln -s "$work/bus/stream" "$work/stream-sym" || return 1
	sock EACCES none c "$work/stream-sym" || return 1
	cannot none ln "$work/bus/stream" "$work/stream-link" || return 1
	mkdir "$work/busmnt" && mount --bind "$work/bus" "$work/busmnt" || return 1
	sock EACCES none c "$work/busmnt/stream"
	rc=$?
	umount "$work/busmnt"
	return $rc
}
ktap_check protected_socket_by_other_names sock_by_other_names
"$auth" end 2
wait "$stream_pid" "$dgram_pid" 2>/dev/null

ktap_check root_cannot_unlabel cannot none bin/setlabel "$work/log"
ktap_check root_cannot_label cannot none bin/setlabel "$work/open" config
# refusal_event ROLE CMD PATTERN: CMD refused to ROLE makes one event.
refusal_event() {
	sleep 5	# a fresh window of the event rate limit
	rm -f "$work/ready"
	"$evlisten" -r "$work/ready" -n 1 -t 5 > "$work/ev" &
	pid=$!
	while [ ! -e "$work/ready" ]; do sleep 0.1; done
	as $1 $2 > /dev/null 2>&1
	wait $pid
	cat "$work/ev"
	# Refusals of earlier tests, over the rate limit, are counted here.
	grep -Eq "^$3( suppressed=[0-9]+)?\$" "$work/ev"
}
ktap_check refusal_event_fields refusal_event user "cat $work/etc/config" \
	"op=open reason=role denied=1 pid=[0-9]* uid=0 class=config need=1 role=user session=1 comm=cat path=$work/etc/config"
ktap_check exec_refusal_event refusal_event admin "bin/try x $work/tool" \
	"op=exec reason=role denied=1 pid=[0-9]* uid=0 class=tools need=4 role=admin session=1 comm=try path=$work/tool"
# A policy without classes, so that the cleanup can remove the objects.
authority_of "$auth" > "$work/policy" && load "$work/policy" > /dev/null
ktap_finish
