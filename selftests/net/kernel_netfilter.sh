#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The kernel's own netfilter selftests (tools/testing/selftests/netfilter,
# copied from the kernel the VM runs into kernel/) pass with camsec_nf
# loaded: its hooks sit in every namespace they make, accepting all until
# a ruleset is set, and must change nothing.
. ../lib.sh

tests=$(ls kernel/netfilter/nft_*.sh 2>/dev/null)
ktap_plan $(echo $tests | wc -w)
loaded=
if ! grep -q "^camsec_nf " /proc/modules; then
	insmod /lib/modules/camsec/camsec_nf.ko && loaded=1
fi
for t in $tests; do
	name=kernel_$(basename "$t" .sh)
	out=$(cd "$(dirname "$t")" &&
		PATH=/usr/sbin:/usr/bin:/sbin:/bin bash "./$(basename "$t")" 2>&1)
	rc=$?
	echo "$out" | tail -n 15 | sed 's/^/# /'
	if [ $rc -eq 4 ]; then
		ktap_skip "$name" "the kernel test skipped itself"
	elif [ $rc -eq 0 ] && grep -q "^camsec_nf " /proc/modules; then
		ktap_pass "$name"
	else
		ktap_fail "$name" "exit status $rc"
	fi
done
[ -n "$loaded" ] && rmmod camsec_nf
ktap_finish
