#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# camsec_nf's events reach the "events" group of the namespace they
# concern: each drop (rate limited, the rest counted) and each insecure
# service opened.
. ../lib.sh
. ./common.sh

evlisten=$(cd ../appsig/bin && pwd)/evlisten
ktap_plan 4

# listen ARGS...: evlisten in the camera's namespace, in the background,
# once it has joined the group.
listen() {
	rm -f "$work/ready"
	$ip netns exec cam "$evlisten" -r "$work/ready" "$@" > "$work/ev" &
	listener=$!
	while [ ! -e "$work/ready" ]; do sleep 0.1; done
}

drop_event() {
	$ctl net set --port tcp/443 || return 1
	listen -n 1 -t 5
	from 10.9.0.1 8000 > /dev/null
	wait $listener
	cat "$work/ev"
	grep -qx "nf reason=closed_port proto=6 port=8000 addr=10.9.0.2 suppressed=0" "$work/ev"
}
ktap_check drop_event_fields drop_event

risk_event() {
	listen -n 1 -t 5
	$ctl net set --port tcp/443 --port tcp/23:risk || return 1
	wait $listener
	cat "$work/ev"
	grep -qx "nf reason=risk proto=6 port=23 suppressed=0" "$work/ev"
}
ktap_check risk_event_on_insecure_service risk_event

rate_limited() {
	sleep 5		# a fresh window
	listen -t 3
	$ip netns exec peer "$bin/conn" send 10.9.0.1 9999 100
	wait $listener
	n=$(grep -c "reason=closed_port" "$work/ev")
	echo "100 drops, $n events"
	[ "$n" -ge 1 ] && [ "$n" -le 20 ]
}
ktap_check drop_events_rate_limited rate_limited

suppressed_counted() {
	sleep 5
	listen -n 1 -t 5
	$ip netns exec peer "$bin/conn" send 10.9.0.1 9999 1
	wait $listener
	cat "$work/ev"
	grep -q "suppressed=[1-9]" "$work/ev"
}
ktap_check next_event_counts_suppressed suppressed_counted
ktap_finish
