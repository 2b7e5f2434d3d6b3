#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make check: host unit tests, fuzz targets, kernel builds, host checks (dts
# overlays, kernel hardening, SBOM), lint, then the VM suites on 6.1-debug
# and 6.12 and the product suites. Every stage runs even when an earlier one
# failed. At the end, a markdown table of each stage's wall time and counts
# (also written to build/timings.md), then the counts per stage; the last
# line counts all test cases: "N passed, N failed, N skipped".
#
# Usage: scripts/run-checks.sh [suite[,suite...]]   (a suite alone skips unit and lint)
set -u
. "$(dirname "$0")/lib.sh"

SUITE=${1:-}
# The kernels, as ARCH-VERSION-VARIANT.
VMS=${CAMSEC_CHECK_KERNELS:-"x86_64-6.1-debug x86_64-6.12-plain"}
awk_count="$CAMSEC_TOP/selftests/ktap-count.awk"
pass=0 fail=0 skip=0 report= timings= overlap=
check_start=$(date +%s) stage_t0=$check_start

# The start of the stage that the next add ends.
stage_start() { stage_t0=$(date +%s); }

mmss() { printf '%d:%02d' $(($1 / 60)) $(($1 % 60)); }

# add stage-name "pass fail skip" [seconds]: the stage's counts and its wall
# time, since stage_start unless given. "- - -": a stage that only takes
# time (a build that worked).
add() {
	secs=${3:-$(($(date +%s) - stage_t0))}
	set -- "$1" $2
	timings="$timings| $1 | $(mmss "$secs") | $2 | $3 | $4 |
"
	[ "$2" != - ] || return 0
	pass=$((pass + $2)) fail=$((fail + $3)) skip=$((skip + $4))
	report="$report$(printf '%-22s %4d passed, %d failed, %d skipped' "$1" "$2" "$3" "$4")
"
}

# A stage's command, timed: its output echoed and kept in $log, its
# status in $rc.
run_stage() {
	stage_start
	log=$(mktemp)
	"$@" > "$log" 2>&1
	rc=$?
	cat "$log"
}

# A TAP stream from a command: echo it, count it, charge a crash as a fail.
tap_stage() {
	name=$1; shift
	run_stage "$@"
	add "$name" "$(awk -v rc=$rc -f "$awk_count" "$log")"
	rm -f "$log"
}

# A runner that counts for itself (run-unit-tests.sh, run-fuzz.sh): its
# last line is "# N passed, N failed, N skipped"; without it, one failure.
summary_stage() {
	name=$1; shift
	run_stage "$@"
	counts=$(sed -n 's/^# \([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p' "$log" | tail -n 1)
	set -- ${counts:-0 1 0}
	[ $rc -eq 0 ] || [ "$2" -ne 0 ] || set -- "$1" 1 "$3"
	add "$name" "$1 $2 $3"
	rm -f "$log"
}

if [ -z "$SUITE" ]; then
	echo "=== unit tests (ASan, UBSan)"
	summary_stage "unit" "$CAMSEC_TOP/scripts/run-unit-tests.sh"
	echo "=== fuzz (libFuzzer, ${CAMSEC_FUZZ_SECONDS:-10} s each)"
	summary_stage "fuzz" "$CAMSEC_TOP/scripts/run-fuzz.sh"
fi

images=
for vm in $VMS; do
	echo "=== build $vm"
	stage_start
	if img=$("$CAMSEC_TOP/scripts/build-vm-image.sh" "$(kernel_version "$vm")" \
		"$(kernel_variant "$vm")" "$(kernel_arch "$vm")"); then
		images="$images $vm=$img"
		add "build $vm" "- - -"
	else
		add "build $vm" "0 1 0"
	fi
done

if [ -z "$SUITE" ]; then
	# After the kernel builds: the trees are extracted and grafted.
	echo "=== host checks"
	# shellcheck disable=SC2046 # one version per word
	tap_stage "dts" "$CAMSEC_TOP/scripts/check-dts.sh" \
		$(for vm in $VMS; do kernel_version "$vm"; done | sort -u)
	for t in "$CAMSEC_TOP"/selftests/host/*.sh; do
		tap_stage "host $(basename "$t" .sh)" "$t"
	done
	echo "=== lint"
	tap_stage "lint" "$CAMSEC_TOP/scripts/lint-kernel.sh" $VMS
fi

# The suites to run: SUITE names a suite and its variants (appsig also runs
# appsig-locked). A suite with a "cmdline" file boots a VM of its own with
# those kernel parameters; the others share one boot.
# bench/ holds benchmarks, run by "make bench", not tests; host/ runs on
# the host, above; product/ drives the firmware image's console, below.
all_suites() {
	for d in "$CAMSEC_TOP"/selftests/*/; do basename "$d"; done |
		grep -vx -e bench -e host -e product
}
selected_suites() {
	[ -n "$SUITE" ] || { all_suites; return; }
	for s in $(echo "$SUITE" | tr , ' '); do
		[ "$s" != product ] || continue
		all_suites | grep -x -e "$s" -e "$s-.*" ||
			echo "no suite named $s" >&2
	done
}

vm_stage() { # vm image suites extra-cmdline
	echo "=== VM $1 suites $3${4:+ ($4)}"
	stage_start
	counts=$(mktemp)
	"$CAMSEC_TOP/scripts/run-vm.sh" --kernel "$2/kernel" \
		--initrd "$2/initramfs.cpio.gz" --check "$3" --append "$4" \
		--timeout "${CAMSEC_VM_TIMEOUT:-1800}" --summary "$counts"
	[ -s "$counts" ] || echo "0 1 0" > "$counts"
	add "vm $1${4:+ $(echo "$3" | cut -c1-12)}" "$(cat "$counts")"
	rm -f "$counts"
}

suites=$(selected_suites)
[ -n "$suites" ] || [ "$SUITE" = product ] || add "no such suite: $SUITE" "0 1 0"
for entry in $images; do
	vm=${entry%%=*} img=${entry#*=}
	shared=
	for s in $suites; do
		if [ -f "$CAMSEC_TOP/selftests/$s/cmdline" ]; then
			vm_stage "$vm" "$img" "$s" "$(cat "$CAMSEC_TOP/selftests/$s/cmdline")"
		else
			shared="$shared,$s"
		fi
	done
	[ -z "$shared" ] || vm_stage "$vm" "$img" "${shared#,}" ""
done

# The product: the firmware image "make run" boots, used from its console.
# One camera per kernel at once: their time is mostly the consoles' waits
# (boots, the idle logout, restarts), which overlap.
product() { # vm log
	if fw=$("$CAMSEC_TOP/scripts/build-firmware.sh" "$(kernel_version "$1")" \
		"$(kernel_variant "$1")" "$(kernel_arch "$1")"); then
		# Debian's python3, which python3-pexpect is for.
		timeout 1800 /usr/bin/python3 \
			"$CAMSEC_TOP/selftests/product/product.py" "$fw" > "$2" 2>&1
	else
		echo "Bail out! the firmware image of $1 was not built" > "$2"
		return 1
	fi
}
if [ -z "$SUITE" ] || echo ",$SUITE," | grep -q ',product,'; then
	plogs=$(mktemp -d)
	overlap=" The product suites run side by side: their times overlap."
	for vm in $VMS; do
		(t0=$(date +%s)
		 product "$vm" "$plogs/$vm"; echo $? > "$plogs/$vm.rc"
		 echo $(($(date +%s) - t0)) > "$plogs/$vm.secs") &
	done
	wait
	for vm in $VMS; do
		echo "=== product $vm"
		cat "$plogs/$vm"
		add "product $vm" "$(awk -v rc="$(cat "$plogs/$vm.rc")" -f "$awk_count" "$plogs/$vm")" \
			"$(cat "$plogs/$vm.secs")"
	done
	rm -rf "$plogs"
fi

# The stages' times, for the README: "make check" on this machine.
echo "=== timings"
total=$(($(date +%s) - check_start))
mkdir -p "$CAMSEC_TOP/build"
{
	echo "\`make check${SUITE:+ SUITE=$SUITE}\` on $(date -u +%Y-%m-%d), $(nproc) CPUs.$overlap"
	echo
	echo "| stage | time | passed | failed | skipped |"
	echo "|---|--:|--:|--:|--:|"
	printf '%s' "$timings"
	echo "| total | $(mmss $total) | $pass | $fail | $skip |"
} | tee "$CAMSEC_TOP/build/timings.md"

echo "=== summary"
printf '%s' "$report"
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
