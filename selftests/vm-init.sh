#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# /init of the virtual camera. camsec.mode=check runs the selftest suites
# named by camsec.suites (comma separated; all if empty) and reports to the
# host over the result port; camsec.mode=run starts the camera and hands the
# console to the user. scripts/build-vm-initramfs.sh installs it as /init.
export PATH=/bin:/sbin:/usr/bin:/usr/sbin

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
# A device tree without a console (the H3 hardened) leaves 0, 1 and 2 closed.
{ : >&1; } 2>/dev/null || exec </dev/null >/dev/null 2>&1
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t securityfs securityfs /sys/kernel/security
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
mount -t tmpfs -o mode=1777 tmpfs /tmp
mount -t tmpfs -o mode=0755 tmpfs /run
hostname camsec
ip link set lo up 2>/dev/null

mode=run suites=
for arg in $(cat /proc/cmdline); do
	case $arg in
	camsec.mode=*) mode=${arg#camsec.mode=} ;;
	camsec.suites=*) suites=$(echo "${arg#camsec.suites=}" | tr , ' ') ;;
	esac
done

# The channel to the host: the first virtio console port or, on a board
# without virtio (QEMU's orangepi-pc), the SD card, raw.
result_port() {
	for p in /dev/vport*p1; do [ -c "$p" ] && { echo "$p"; return; }; done
	for p in /dev/mmcblk0; do [ -b "$p" ] && { echo "$p"; return; }; done
	echo /dev/null
}

# Files a suite left for the host (its players, selftests/viewers/), as
# base64 between markers that run-vm.sh --artifacts reads.
artifacts() {
	for f in /tmp/camsec-artifacts/*; do
		[ -f "$f" ] || continue
		echo "camsec-artifact: $(basename "$f")"
		base64 "$f"
		echo "camsec-artifact-end"
	done
}

report() {
	artifacts
	echo "camsec-summary: $1"
	echo "camsec-dmesg-begin"
	dmesg
	if [ -w /sys/kernel/debug/kmemleak ]; then
		echo scan > /sys/kernel/debug/kmemleak
		cat /sys/kernel/debug/kmemleak
	fi
	echo "camsec-dmesg-end"
	echo "camsec-exit: $2"
}

case $mode in
check)
	/selftests/run.sh $suites 2>&1 | tee /tmp/ktap.log
	rc=$(grep -q '^# [0-9]* passed, 0 failed' /tmp/ktap.log && echo 0 || echo 1)
	port=$(result_port)
	# The card carries the log too: the console may be off.
	{ [ -b "$port" ] && cat /tmp/ktap.log; report "$(tail -n 1 /tmp/ktap.log)" "$rc"; } > "$port"
	;;
*)
	for m in /lib/modules/camsec/*.ko; do
		case $m in */camsec_testmod.ko) continue ;; esac	# a test fixture
		[ -e "$m" ] && insmod "$m"
	done
	# The camera's access policy, then camsecd, its authority. The master
	# key of camsecd's device key would come from the SoC (a trusted key
	# on a TPM or TEE); this virtual camera makes one per boot, so its
	# state lasts one boot, as its RAM disk does. The console login
	# through camsecd is to come: this shell keeps the console it holds
	# and reaches nothing the policy protects.
	dd if=/etc/camsec/access.policy of=/sys/kernel/security/camsec/access/policy \
		bs=256k 2>/dev/null || echo "camsec: access policy not loaded"
	head -c 32 /dev/urandom | keyctl padd user camsec-kmk @u > /dev/null
	camsecd
	echo "camsec virtual camera: $(uname -r); 'exit' powers off."
	setsid cttyhack sh -l
	;;
esac
sync
reboot -f
