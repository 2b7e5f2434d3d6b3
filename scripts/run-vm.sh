#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Boot the virtual camera in QEMU (KVM where /dev/kvm is usable, TCG
# otherwise) and stream its console.
#
# With --firmware, boot the firmware image that scripts/build-firmware.sh made in
# DIR, its data partition and OTP from --device (default DIR), as the camera
# ships, the console on this terminal. With --board orangepi-pc too, boot
# the A/B SD card of scripts/build-sdcard.sh (DEVICE/sdcard.img) through
# U-Boot.
#
# 32-bit ARM kernels boot on QEMU's virt board, or with --board orangepi-pc
# on its Allwinner H3 with the device tree --dtb. That board has no virtio:
# the guest writes its results to the SD card, read back here, so that a
# device tree with the debug UART off still reports.
#
# With --check, run the selftest suites and exit with their status; the run
# also fails when the guest's dmesg holds any kernel report (BUG, WARNING,
# KASAN, UBSAN, lockdep, kmemleak), when the guest does not finish, or when
# it overruns --timeout seconds. Without --check, the console is the user's.
#
# Usage: scripts/run-vm.sh --kernel <kernel image> --initrd <cpio.gz>
#        [--check [suite,...]] [--append <kernel params>] [--timeout <s>]
#        [--summary <file>] [--board virt|orangepi-pc] [--dtb <file>]
#        [--disk <file>]...  (virtio disks, in order, serial camsec-diskN)
#        [--artifacts <dir>] (the files the suites left for the host)
#        scripts/run-vm.sh --firmware <dir> [--device <dir>] [--timeout <s>]
#        [--board orangepi-pc] [--tls-port <port>]
#
# --tls-port forwards that port of this host's loopback to the camera's
# remote management (TLS, port 8443), through QEMU's user networking.
set -eu
. "$(dirname "$0")/lib.sh"

kernel= initrd= mode=run suites= timeout= summary= extra= firmware= device=
board=virt dtb= extra_disks= ndisks=0 tls_port= artifacts=
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) kernel=$2; shift 2 ;;
	--initrd) initrd=$2; shift 2 ;;
	--check) mode=check; suites=${2:-}; shift; [ $# -gt 0 ] && shift ;;
	--append) extra=$2; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	--summary) summary=$2; shift 2 ;;
	--firmware) firmware=$2; kernel=$2/kernel initrd=$2/boot.cpio.gz; shift 2 ;;
	--device) device=$2; shift 2 ;;
	--board) board=$2; shift 2 ;;
	--dtb) dtb=$2; shift 2 ;;
	--tls-port) tls_port=$2; shift 2 ;;
	--artifacts) artifacts=$2; shift 2 ;;
	--disk)
		[ -f "$2" ] || die "no disk '$2'"
		extra_disks="$extra_disks -drive if=none,id=disk$ndisks,format=raw,file=$2
			-device virtio-blk-device,drive=disk$ndisks,serial=camsec-disk$ndisks"
		ndisks=$((ndisks + 1))
		shift 2 ;;
	*) die "unknown argument $1" ;;
	esac
done
[ -f "$kernel" ] || die "no kernel image '$kernel'"
# A person's console has no time limit (0: none); a check has one.
[ -n "$timeout" ] || { [ $mode = check ] && timeout=900 || timeout=0; }
[ -f "$initrd" ] || die "no initramfs '$initrd'"

# The machine, from the kernel image: x86_64 on QEMU's microvm, 32-bit ARM
# and arm64 on its virt board.
case $(file -bL "$kernel") in
*"x86 boot executable"*) arch=x86_64 ;;
*"ARM boot executable zImage"*) arch=arm ;;
*"ARM64 boot executable"*) arch=arm64 ;;
*) die "$kernel: not a kernel image of x86_64, arm or arm64" ;;
esac

# KVM only where it really starts a vCPU: nested hosts may expose a
# /dev/kvm that aborts on the host CPU model. CAMSEC_ACCEL=tcg|kvm overrides.
kvm_works() {
	[ $arch = x86_64 ] && [ -w /dev/kvm ] || return 1
	timeout 3 qemu-system-x86_64 -nodefaults -display none -monitor none \
		-machine microvm,accel=kvm -cpu host -S >/dev/null 2>&1
	[ $? = 124 ]
}
case ${CAMSEC_ACCEL:-auto} in
kvm) accel=kvm ;;
tcg) accel=tcg ;;
*) kvm_works && accel=kvm || accel=tcg ;;
esac
case $arch-$accel in
x86_64-kvm) qemu="qemu-system-x86_64 -cpu host -machine microvm,accel=kvm,acpi=off" ;;
x86_64-tcg) qemu="qemu-system-x86_64 -cpu max -machine microvm,acpi=off" ;;
arm-*) qemu="qemu-system-arm -cpu cortex-a15 -machine virt,highmem=off" ;;
arm64-*) qemu="qemu-system-aarch64 -cpu cortex-a57 -machine virt" ;;
esac
# TCG's vCPUs fail x86's TSC sync check; without tsc=reliable the clock is
# refined-jiffies, too coarse for the benchmarks.
case $arch in
x86_64) console="console=ttyS0 tsc=reliable" ;;
*) console="console=ttyAMA0" ;;
esac
# kmemleak and KASAN want room; a camera has far less, so plain stays small.
mem=256M smp=2
case $kernel in *-debug*) mem=1G ;; esac
case $board in
virt) ;;
orangepi-pc)
	[ $arch = arm ] || die "--board orangepi-pc needs a 32-bit ARM kernel"
	# The H3's four Cortex-A7; the console is the device tree's choice.
	qemu="qemu-system-arm -machine orangepi-pc" mem=1G smp=4 console=
	if [ -z "$firmware" ]; then
		[ -f "$dtb" ] || die "--board orangepi-pc needs --dtb <file>"
		qemu="$qemu -dtb $dtb"
	fi
	;;
*) die "unknown board $board (virt or orangepi-pc)" ;;
esac

result=$(mktemp "${TMPDIR:-/tmp}/camsec-result.XXXXXX")
sd=$result.sd
trap 'rm -f "$result" "$sd"' EXIT
append="$console reboot=t panic=-1 oops=panic camsec.mode=$mode camsec.suites=$suites"
# The camera as shipped: unsigned code refused, and locked until reboot.
[ $mode = run ] && append="$append camsec.appsig_lock=1"
# KUnit tests (built into debug kernels) run at boot only when enabled.
[ $mode = check ] && append="$append quiet loglevel=4 kunit.enable=1"
append="$append $extra"

# check: no input, output streamed; run: the user's terminal is the console.
if [ $mode = check ]; then serial="-serial stdio"; exec 0</dev/null; else serial="-serial mon:stdio"; fi

# The firmware image's disks, told apart by serial number: the root
# (read-only, as flash mapped read-only), the data partition, the OTP.
# A test VM ends at its reboot; the camera restarts, as a device does.
disks= reboot=-no-reboot hostfwd=
case $tls_port in
'') ;;
*[!0-9]*) die "--tls-port $tls_port: not a port number" ;;
*) hostfwd=",hostfwd=tcp:127.0.0.1:$tls_port-:8443" ;;
esac
if [ -n "$firmware" ] && [ $board = orangepi-pc ]; then
	# The A/B card (scripts/build-sdcard.sh): U-Boot boots it as the
	# board's boot ROM finds it, and the environment picks the slot.
	device=${device:-$firmware}
	[ -f "$device/sdcard.img" ] || die "no $device/sdcard.img: run scripts/build-sdcard.sh"
	# The H3's EMAC, with QEMU's user networking behind it.
	disks="-drive if=sd,format=raw,file=$device/sdcard.img -nic user${hostfwd}"
	reboot=
	# The H3's watchdog, which QEMU 7.2 lacks, resets it when asked to.
	qemu="$CAMSEC_TOP/scripts/qemu-watchdog.py $qemu"
elif [ -n "$firmware" ]; then
	device=${device:-$firmware}
	for f in "$firmware/rootfs.erofs" "$device/data.ext4" "$device/otp.bin"; do
		[ -f "$f" ] || die "no $f: run scripts/build-firmware.sh"
	done
	disks="-drive if=none,id=root,format=raw,readonly=on,file=$firmware/rootfs.erofs
		-device virtio-blk-device,drive=root,serial=camsec-root
		-drive if=none,id=data,format=raw,file=$device/data.ext4
		-device virtio-blk-device,drive=data,serial=camsec-data
		-drive if=none,id=otp,format=raw,readonly=on,file=$device/otp.bin
		-device virtio-blk-device,drive=otp,serial=camsec-otp
		-netdev user,id=net${hostfwd} -device virtio-net-device,netdev=net"
	append="$console reboot=t panic=10 oops=panic quiet camsec.appsig_lock=1 $extra"
	reboot=
fi
# The result channel: a virtio console port, or the SD card (its size a
# power of two, as QEMU wants).
channel=
if [ $board = virt ]; then
	channel="-device virtio-rng-device -device virtio-serial-device
		-chardev file,path=$result,id=result -device virtserialport,chardev=result"
elif [ -z "$firmware" ]; then
	truncate -s 16M "$sd"
	channel="-drive if=sd,format=raw,file=$sd"
fi
# Kernel and initramfs straight from QEMU, unless U-Boot loads them.
if [ -n "$firmware" ] && [ $board = orangepi-pc ]; then
	set --
else
	set -- -kernel "$kernel" -initrd "$initrd" -append "$append"
fi
# shellcheck disable=SC2086 # one option per word
timeout --foreground "$timeout" $qemu -nodefaults -nographic \
	-smp $smp -m $mem $reboot $serial $channel \
	$disks $extra_disks "$@" 2>&1 || true
[ $mode = check ] || exit 0
if [ $board != virt ]; then
	# The card holds the KTAP log, then the report; the rest is zeros.
	tr -d '\000' < "$sd" > "$result"
	sed -n '/^camsec-summary:/q;p' "$result"
fi

# The guest's artifacts (vm-init.sh), each base64 between its markers.
extract_artifacts() {
	mkdir -p "$2"
	for name in $(sed -n 's/^camsec-artifact: \([A-Za-z0-9._-]*\)$/\1/p' "$1"); do
		awk -v n="$name" '$0 == "camsec-artifact: " n { on = 1; next }
			on && $0 == "camsec-artifact-end" { exit }
			on { print }' "$1" | base64 -d > "$2/$name" ||
			fail "artifact $name is not base64"
	done
}

fail() { echo "run-vm: FAIL: $*" >&2; [ -n "$summary" ] && echo "0 1 0" > "$summary"; exit 1; }

grep -q '^camsec-exit:' "$result" ||
	fail "the guest did not finish (crash, panic or ${timeout}s timeout)"
splats=$(sed -n '/^camsec-dmesg-begin$/,/^camsec-dmesg-end$/p' "$result" |
	grep -E 'BUG:|WARNING:|INFO: (possible|trying|task|rcu)|KASAN|UBSAN|Oops|general protection|kernel BUG|unreferenced object|suspected memory leak|Call Trace:' || true)
line=$(sed -n 's/^camsec-summary: # //p' "$result")
counts=$(echo "$line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p')
[ -n "$counts" ] || fail "no summary from the guest"
if [ -n "$splats" ]; then
	sed -n '/^camsec-dmesg-begin$/,/^camsec-dmesg-end$/p' "$result" >&2
	set -- $counts
	[ -n "$summary" ] && echo "$1 $(($2 + 1)) $3" > "$summary"
	echo "run-vm: FAIL: kernel reports in dmesg:" >&2
	echo "$splats" >&2
	exit 1
fi
[ -n "$summary" ] && echo "$counts" > "$summary"
[ -z "$artifacts" ] || extract_artifacts "$result" "$artifacts"
echo "run-vm: $line"
[ "$(sed -n 's/^camsec-exit: //p' "$result")" = 0 ]
