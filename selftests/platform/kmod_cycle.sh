#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Every camsec module loads and unloads 50 times, and the kmemleak scan
# afterwards finds nothing new.
. ../lib.sh

CYCLES=50
KMEMLEAK=/sys/kernel/debug/kmemleak
moddir=/lib/modules/camsec
mods=$(ls "$moddir"/*.ko 2>/dev/null)

ktap_plan $(($(echo $mods | wc -w) + 1))

[ -w "$KMEMLEAK" ] && { echo scan > $KMEMLEAK; echo clear > $KMEMLEAK; }

cycle() {
	name=$(basename "$1" .ko | tr - _)
	i=0
	while [ $i -lt $CYCLES ]; do
		insmod "$1" || { echo "insmod failed on cycle $i"; return 1; }
		rmmod "$name" || { echo "rmmod failed on cycle $i"; return 1; }
		i=$((i + 1))
	done
	! grep -q "^$name " /proc/modules
}

for m in $mods; do
	ktap_check "load_unload_${CYCLES}x_$(basename "$m" .ko)" cycle "$m"
done

if [ -z "$mods" ]; then
	ktap_skip kmemleak_clean "no module in kmod/ yet"
elif [ ! -w "$KMEMLEAK" ]; then
	ktap_skip kmemleak_clean "kernel without kmemleak (use the debug variant)"
else
	# kmemleak ignores objects younger than 5 s; scan twice as it advises.
	sleep 6
	echo scan > $KMEMLEAK
	echo scan > $KMEMLEAK
	leaks=$(cat $KMEMLEAK)
	if [ -z "$leaks" ]; then
		ktap_pass kmemleak_clean
	else
		echo "$leaks" | head -40 | sed 's/^/# /'
		ktap_fail kmemleak_clean "kmemleak found leaks after the cycles"
	fi
fi
ktap_finish
