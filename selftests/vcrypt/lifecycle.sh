#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# A reader that falls behind: the ring drops the oldest record or refuses
# the newest frame, as the stream chose, and counts each in the ring and in
# sysfs. The module cannot be unloaded under an open stream, and unloads
# once the stream is gone. Streams and the module's reload leave nothing
# behind (kmemleak, on the debug kernel).
. ../lib.sh
. ./common.sh

KMEMLEAK=/sys/kernel/debug/kmemleak
ktap_plan 4
[ -w $KMEMLEAK ] && { echo scan > $KMEMLEAK; echo clear > $KMEMLEAK; }

# overflow POLICY: 10 frames into 4 slots, nobody reading until the end.
overflow() {
	camsec-vsend --key camsec:k1 --write 64x64 --frames 10 --slots 4 \
		--overflow "$1" --no-consume --rtpdump "$work/$1.rtpdump" \
		--sdp "$work/$1.sdp" --linger 2 > "$work/$1.log" 2>&1 &
	pid=$!
	while ! grep -q "^stats" "$work/$1.log"; do
		kill -0 $pid 2>/dev/null || break; sleep 0.1
	done
	echo "sysfs: $(cat /sys/class/misc/camsec_vcrypt/streams | tail -1)"
	sysfs=$(sysfs_stream "$2")
	wait $pid
	cat "$work/$1.log"
	keys "$1" k1
	out=$($recv --rtpdump "$work/$1.rtpdump" --sdp "$work/$1.keyed.sdp" \
		--format raw:64x64 2>&1); echo "$out"
	[ "$sysfs" = 6 ] && grep -q "$2 6 " "$work/$1.log" &&
		echo "$out" | grep -q "auth_fail 0 replay 0 bad_mki 0 other 0 frames 4 "
}
ktap_check drop_oldest_keeps_newest_4_counts_6 overflow drop-oldest dropped_oldest
ktap_check refuse_newest_keeps_first_4_counts_6 overflow refuse-newest refused_newest

unload() {
	[ -n "$loaded" ] || { echo "camsec_vcrypt was loaded before"; return 1; }
	camsec-vsend --key camsec:k1 --write 64x64 --frames 3 \
		--rtpdump /dev/null --linger 2 > "$work/unload.log" 2>&1 &
	pid=$!
	while ! grep -q "^stats" "$work/unload.log"; do
		kill -0 $pid 2>/dev/null || break; sleep 0.1
	done
	if rmmod camsec_vcrypt 2>/dev/null; then
		echo "unloaded under an open stream"
		loaded=
		return 1
	fi
	wait $pid
	rmmod camsec_vcrypt || return 1
	insmod /lib/modules/camsec/camsec_vcrypt.ko
}
ktap_check no_unload_under_open_stream unload

leak_free() {
	# kmemleak ignores objects younger than 5 s; scan twice as it advises.
	sleep 6
	echo scan > $KMEMLEAK
	echo scan > $KMEMLEAK
	leaks=$(cat $KMEMLEAK)
	[ -z "$leaks" ] || { echo "$leaks" | head -40; return 1; }
}
if [ -w $KMEMLEAK ]; then
	ktap_check streams_leave_no_leak leak_free
else
	ktap_skip streams_leave_no_leak "kernel without kmemleak (use the debug variant)"
fi

ktap_finish
