#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# camsecd starts, holds its pidfile, refuses a second instance, and stops
# cleanly on SIGTERM.
. ../lib.sh

pidf=/run/camsecd-selftest.pid
log=/tmp/camsecd-selftest.log
opts="-d /tmp/camsecd-selftest.state -s /tmp/camsecd-selftest.sock"
ktap_plan 4
# When a policy makes camsecd the authority, it seals its state under a
# device key whose master the boot loads: here, one for this test.
head -c 32 /dev/urandom | keyctl padd user camsec-kmk @u > /dev/null

camsecd -f -p $pidf $opts 2>$log &
pid=$!

started() {
	for _ in $(seq 50); do
		[ "$(cat $pidf 2>/dev/null)" = "$pid" ] && return 0
		sleep 0.1
	done
	cat $log
	return 1
}
ktap_check starts_and_writes_pidfile started

second() {
	camsecd -f -p $pidf $opts 2>&1 && return 1
	[ "$(cat $pidf)" = "$pid" ] && kill -0 $pid
}
ktap_check second_instance_refused second

kill -TERM $pid
wait $pid
rc=$?
ktap_check sigterm_exits_zero test $rc -eq 0
ktap_check pidfile_removed test ! -e $pidf
rm -rf /tmp/camsecd-selftest.state
keyctl purge -s user camsec-kmk > /dev/null 2>&1
ktap_finish
