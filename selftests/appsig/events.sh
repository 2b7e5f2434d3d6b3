#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Refusals and mode changes reach privileged netlink listeners and the
# audit log, with the task, the file and the reason; a flood is rate limited.
. ../lib.sh
. ./common.sh

WINDOW=5	# seconds of the LSM's event rate limit (event.c)
ktap_plan 6
load_key
set_mode enforce
program "$work/busybox-unsigned"

# listen OUT ARGS...: evlisten in the background, returns once it listens.
listen() {
	out=$1; shift
	rm -f "$work/ready"
	"$bin/evlisten" -r "$work/ready" "$@" > "$out" &
	listener=$!
	i=0
	while [ ! -e "$work/ready" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
}

sleep $WINDOW
listen "$work/ev1" -n 1 -t 5
"$work/busybox-unsigned" true 2>/dev/null
wait $listener
refusal_event() {
	cat "$work/ev1"
	grep -q "^op=exec reason=no_signature denied=1 pid=[0-9]* uid=0 role=none session=0 comm=[^ ]* path=$work/busybox-unsigned\$" "$work/ev1"
}
ktap_check refusal_event_fields refusal_event

audit_record() {
	i=0
	while [ $i -lt 20 ]; do
		dmesg | grep "camsec op=exec reason=no_signature denied=1 .* path=\"$work/busybox-unsigned\"" && return 0
		sleep 0.1; i=$((i + 1))
	done
	dmesg | grep camsec | tail -5
	return 1
}
ktap_check audit_record audit_record

listen "$work/ev2" -n 2 -t 5
set_mode permissive && set_mode enforce
wait $listener
mode_events() {
	cat "$work/ev2"
	grep -q "^op=mode mode=permissive old_mode=enforce locked=0 denied=0 " "$work/ev2" &&
		grep -q "^op=mode mode=enforce old_mode=permissive locked=0 denied=0 " "$work/ev2"
}
ktap_check mode_change_events mode_events

# Refusals for as long as the listener listens (4 s): all in one window of
# the limit, which starts at the first of them, however fast the machine.
sleep $WINDOW
suppressed=$(stat_of events_suppressed)
listen "$work/ev3" -t 4
count=0
while kill -0 $listener 2>/dev/null && [ $count -lt 200 ]; do
	"$work/busybox-unsigned" true 2>/dev/null
	count=$((count + 1))
done
wait $listener
flood() {
	n=$(wc -l < "$work/ev3")
	s=$(($(stat_of events_suppressed) - suppressed))
	echo "$count refusals, $n events, $s suppressed"
	[ "$count" -gt 20 ] || { echo "too few refusals for a flood"; return 1; }
	[ "$n" -eq 20 ] && [ "$s" -eq $((count - 20)) ]
}
ktap_check flood_rate_limited flood

sleep $WINDOW
listen "$work/ev4" -n 1 -t 5
"$work/busybox-unsigned" true 2>/dev/null
wait $listener
ktap_check next_event_counts_suppressed grep "suppressed=[1-9]" "$work/ev4"

unprivileged() {
	"$bin/runas" 1000 "$bin/evlisten" -t 1
	[ $? -eq 3 ]
}
ktap_check unprivileged_cannot_listen unprivileged
ktap_finish
