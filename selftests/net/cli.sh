#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# camsecctl net at its edges: a namespace without a ruleset is reported
# as such; a ruleset of the documented 65,536 CIDR entries goes through
# on a default-configured kernel (net.core.wmem_max untouched); one more
# is refused with the kernel's message and changes nothing; a socket that
# may not grow its buffer (no CAP_NET_ADMIN) names that as the cause.
. ../lib.sh
. ./common.sh

ktap_plan 4

show_none() {
	out=$($ctl net show 2>&1); echo "$out"
	[ "$out" = "no ruleset is set: every packet is accepted" ]
}
ktap_check show_without_ruleset_says_all_accepted show_none

# CIDR_FILE N: N distinct /32 blocks, 10.100.0.0 upwards, one per line.
cidrs() {
	awk -v n="$2" 'BEGIN { for (i = 0; i < n; i++)
		printf "10.%d.%d.%d/32\n", 100 + int(i / 65536), int(i / 256) % 256, i % 256 }' > "$1"
}

full() {
	echo "wmem_max $(cat /proc/sys/net/core/wmem_max)"
	cidrs "$work/65536" 65536
	$ctl net set --port tcp/443 --filter deny --cidr-file "$work/65536" || return 1
	n=$($ctl net show | grep -c "^cidr 10\.")
	echo "entries shown: $n"
	[ "$n" = 65536 ] && blocked -s 10.9.0.9 10.9.0.1 443 ||
		reaches -s 10.9.0.9 10.9.0.1 443
}
ktap_check ruleset_of_65536_entries_on_default_kernel full

one_more() {
	cidrs "$work/65537" 65537
	out=$($ctl net set --port tcp/443 --filter deny --cidr-file "$work/65537" 2>&1)
	rc=$?; echo "$out"
	[ $rc != 0 ] && echo "$out" | grep -q "65536" &&
		[ "$($ctl net show | grep -c "^cidr 10\.")" = 65536 ]
}
ktap_check entry_65537_refused_and_nothing_changed one_more

# Without CAP_NET_ADMIN the socket's buffer stays within wmem_max: the
# error names that, not a bare I/O error.
no_force() {
	out=$($ip netns exec cam "$bin/nonetadmin" camsecctl net set --port tcp/443 \
		--filter deny --cidr-file "$work/65536" 2>&1)
	rc=$?; echo "$out"
	[ $rc != 0 ] && echo "$out" | grep -q "wmem_max" &&
		echo "$out" | grep -q "Message too long"
}
ktap_check small_send_buffer_named_as_the_cause no_force

ktap_finish
