#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make check: host unit tests, fuzz targets, kernel builds, host checks (dts
# overlays, kernel hardening, SBOM, uapi layout), lint, then the VM suites
# and the product suites on each kernel: x86_64 6.1 debug, 32-bit ARM 6.1
# (also on the Allwinner H3), arm64 6.12, and arm64 with 32-bit userspace.
# Every stage runs even when an earlier one failed. At the end, a markdown
# table of each stage's wall time and counts (also written to
# build/timings.md), then the counts per stage; the last line counts all
# test cases: "N passed, N failed, N skipped".
#
# Usage: scripts/run-checks.sh [suite[,suite...]]   (a suite alone skips unit and lint)
set -u
. "$(dirname "$0")/lib.sh"

SUITE=${1:-}
# The VMs, as ARCH-VERSION-VARIANT[+USERARCH] (lib.sh): each kernel, and
# the arm64 kernel with 32-bit ARM userspace, which runs COMPAT_SUITES.
VMS=${CAMSEC_CHECK_KERNELS:-"x86_64-6.1-debug arm-6.1-plain arm64-6.12-plain arm64-6.12-plain+arm"}
KERNELS=$(for vm in $VMS; do echo "${vm%+*}"; done | awk '!seen[$0]++')
COMPAT_SUITES="net vcrypt"
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
		"$(kernel_variant "$vm")" "$(kernel_arch "$vm")" "$(kernel_userarch "$vm")"); then
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
	tap_stage "lint" "$CAMSEC_TOP/scripts/lint-kernel.sh" $KERNELS
fi

# The suites to run: SUITE names a suite and its variants (appsig also runs
# appsig-locked). A suite with a "cmdline" file boots a VM of its own with
# those kernel parameters; the others share one boot.
# bench/ holds benchmarks, run by "make bench", not tests; host/ runs on
# the host, above; product/ drives the firmware image's console, below;
# viewers/ plays on the host what a VM's suites left (vm_job).
all_suites() {
	for d in "$CAMSEC_TOP"/selftests/*/; do basename "$d"; done |
		grep -vx -e bench -e host -e product -e viewers
}
selected_suites() {
	[ -n "$SUITE" ] || { all_suites; return; }
	for s in $(echo "$SUITE" | tr , ' '); do
		[ "$s" != product ] || continue
		all_suites | grep -x -e "$s" -e "$s-.*" ||
			echo "no suite named $s" >&2
	done
}

# The VM suites and the product suites are jobs, run side by side. The VM
# suites take CAMSEC_CHECK_LANES lanes (default: one per CPU), as a guest
# mostly keeps one vCPU busy; the products take none, as a camera's console
# mostly waits, and start first. Each suite boots a VM of its own, with its
# "cmdline" file's kernel parameters if it has one; the longest jobs of
# their last run (build/job-times) start first. A job's output is printed
# whole when it ends; its time in the table is its own, and the times
# overlap.
jobs=$(mktemp -d)
trap 'rm -rf "$jobs"' EXIT
njobs=0

# queue NAME FUNCTION ARGS...: a job; FUNCTION writes "pass fail skip" to
# the file named by its first argument. No argument holds a space.
queue() {
	njobs=$((njobs + 1))
	echo "$1" > "$jobs/$njobs.name"
	shift
	echo "$jobs/$njobs.counts $*" > "$jobs/$njobs.cmd"
}

vm_job() { # counts image suites [cmdline [run-vm.sh options...]]
	vm_counts=$1 vm_img=$2 vm_suites=$3 vm_append=${4:-}
	shift 3
	[ $# -eq 0 ] || shift
	vm_art=$(mktemp -d)
	"$CAMSEC_TOP/scripts/run-vm.sh" --kernel "$vm_img/kernel" \
		--initrd "$vm_img/initramfs.cpio.gz" --check "$vm_suites" --append "$vm_append" \
		--timeout "${CAMSEC_VM_TIMEOUT:-1800}" --summary "$vm_counts" \
		--artifacts "$vm_art" "$@"
	vm_rc=$?
	# What the suites left for players on the host: its cases count too.
	if [ -n "$(ls "$vm_art")" ]; then
		"$CAMSEC_TOP/selftests/viewers/players.py" "$vm_art" > "$vm_art.log" 2>&1
		players_rc=$?
		cat "$vm_art.log"
		# shellcheck disable=SC2046 # the counts, a word each
		set -- $(cat "$vm_counts") $(awk -v rc=$players_rc -f "$awk_count" "$vm_art.log")
		echo "$(($1 + $4)) $(($2 + $5)) $(($3 + $6))" > "$vm_counts"
		[ $players_rc = 0 ] || vm_rc=1
		rm -f "$vm_art.log"
	fi
	rm -rf "$vm_art"
	return $vm_rc
}

# The Allwinner H3 (QEMU's orangepi-pc) with the hardening overlay: the
# UART is off, the results come back on the SD card.
board_job() { # counts image suites
	vm_job "$1" "$2" "$3" "" --board orangepi-pc --dtb "$2/orangepi-pc-harden.dtb"
}

# A camera used from its console: product.py on the firmware image "make
# run" boots; ab.py on the A/B camera, the H3's SD card that U-Boot boots.
camera_job() { # counts vm product|ab
	log=$1.ktap
	if [ "$3" = ab ]; then
		fw=$("$CAMSEC_TOP/scripts/build-sdcard.sh" "$(kernel_version "$2")" \
			"$(kernel_variant "$2")")
	else
		fw=$("$CAMSEC_TOP/scripts/build-firmware.sh" "$(kernel_version "$2")" \
			"$(kernel_variant "$2")" "$(kernel_arch "$2")")
	fi
	if [ $? = 0 ]; then
		# Debian's python3, which python3-pexpect is for.
		timeout 2400 /usr/bin/python3 \
			"$CAMSEC_TOP/selftests/product/$3.py" "$fw" > "$log" 2>&1
		rc=$?
	else
		echo "Bail out! the $3 image of $2 was not built" > "$log"
		rc=1
	fi
	cat "$log"
	awk -v rc=$rc -f "$awk_count" "$log" > "$1"
}

suites=$(selected_suites)
[ -n "$suites" ] || [ "$SUITE" = product ] || add "no such suite: $SUITE" "0 1 0"
# The cameras first: with no job times (a fresh clone), jobs start in this
# order, and the A/B camera's, the longest, would otherwise end alone.
if [ -z "$SUITE" ] || echo ",$SUITE," | grep -q ',product,'; then
	# A camera's console mostly waits: the products take no lane.
	for vm in $KERNELS; do
		queue "product $vm" camera_job "$vm" product
		: > "$jobs/$njobs.light"
		# Its boots and restarts keep a CPU busy: it takes a lane.
		if [ "$(kernel_arch "$vm")" = arm ] && [ "$(kernel_userarch "$vm")" = arm ]; then
			queue "product $vm orangepi-pc A/B" camera_job "$vm" ab
		fi
	done
fi
for entry in $images; do
	vm=${entry%%=*} img=${entry#*=}
	for s in $suites; do
		case $vm in *+*) echo " $COMPAT_SUITES " | grep -q " $s " || continue ;; esac
		queue "vm $vm $s" vm_job "$img" "$s" \
			"$(cat "$CAMSEC_TOP/selftests/$s/cmdline" 2>/dev/null)"
	done
	on_board=$(echo "$suites" | grep -x -e platform -e appsig | paste -sd, -)
	if [ "$(kernel_userarch "$vm")" = arm ] && [ "$(kernel_arch "$vm")" = arm ] &&
		[ -n "$on_board" ]; then
		queue "vm $vm orangepi-pc $on_board" board_job "$img" "$on_board"
	fi
done

# build/job-times: "seconds name" of each job's last run, kept across runs
# of a few suites. A job not there counts as an hour.
job_times=$CAMSEC_TOP/build/job-times
last_secs() {
	t=$(awk -v n="$1" '{ s = $1; sub(/^[0-9]+ /, "") } $0 == n { print s }' \
		"$job_times" 2>/dev/null)
	echo "${t:-3600}"
}
order=$(for i in $(seq 1 $njobs); do
		if [ -f "$jobs/$i.light" ]; then echo "99999 $i"
		else echo "$(last_secs "$(cat "$jobs/$i.name")") $i"; fi
	done | sort -k1,1nr -k2,2n | cut -d' ' -f2)

start_job() {
	(
		t0=$(date +%s)
		# shellcheck disable=SC2046 # the queued words
		set -- $(cat "$jobs/$1.cmd")
		fn=$2 counts=$1
		shift 2
		"$fn" "$counts" "$@" > "${counts%.counts}.log" 2>&1
		echo $(($(date +%s) - t0)) > "${counts%.counts}.secs"
	) &
}
finished() { ls "$jobs"/*.secs 2>/dev/null | wc -l; }
# The jobs started that hold a lane and have not ended.
busy() {
	for i in $started; do
		[ -f "$jobs/$i.light" ] || [ -f "$jobs/$i.secs" ] || echo "$i"
	done | wc -l
}
# Each job's output as it ends.
shown=
show_finished() {
	for i in $(seq 1 $njobs); do
		case " $shown " in *" $i "*) continue ;; esac
		[ -f "$jobs/$i.secs" ] || continue
		echo "=== $(cat "$jobs/$i.name") ($(mmss "$(cat "$jobs/$i.secs")"))"
		cat "$jobs/$i.log"
		shown="$shown $i"
	done
}
lanes=${CAMSEC_CHECK_LANES:-$(nproc)}
started=
[ $njobs -eq 0 ] || echo "=== $njobs jobs, $lanes at a time"
for j in $order; do
	while [ "$(busy)" -ge "$lanes" ]; do show_finished; sleep 2; done
	start_job "$j"
	started="$started $j"
done
while [ "$(finished)" -lt $njobs ]; do show_finished; sleep 2; done
wait
show_finished
for i in $(seq 1 $njobs); do
	[ -s "$jobs/$i.counts" ] || echo "0 1 0" > "$jobs/$i.counts"
	add "$(cat "$jobs/$i.name")" "$(cat "$jobs/$i.counts")" "$(cat "$jobs/$i.secs")"
done
if [ $njobs -gt 0 ]; then
	mkdir -p "$CAMSEC_TOP/build"
	[ -f "$job_times" ] || : > "$job_times"
	for i in $(seq 1 $njobs); do echo "$(cat "$jobs/$i.secs") $(cat "$jobs/$i.name")"; done \
		> "$jobs/times"
	{
		cat "$jobs/times"
		awk 'NR == FNR { sub(/^[0-9]+ /, ""); ran[$0] = 1; next }
			{ l = $0; sub(/^[0-9]+ /, "") } !ran[$0] { print l }' \
			"$jobs/times" "$job_times" 2>/dev/null
	} > "$job_times.tmp" && mv "$job_times.tmp" "$job_times"
fi
[ $njobs -eq 0 ] || overlap=" The VM jobs ran $lanes at a time, the products beside them: their times overlap."

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
