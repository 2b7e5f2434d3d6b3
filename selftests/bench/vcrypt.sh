#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# camsec_vcrypt benchmark, in one boot: 1080p and 4K NV12 frames
# (3,110,400 and 12,441,600 bytes) sealed with AES-128-GCM, three ways:
#   raw     the bare gcm(aes) transform of this kernel, same layout
#           (camsec_aeadraw): the ceiling;
#   module  camsec_vcrypt from a dma-heap dma-buf into its ring, each
#           record written from the mapped ring to /dev/null; one frame
#           in flight, then two (the module seals them on both CPUs);
#   user    the userspace pipeline: the dma-buf mapped (as V4L2 mmap
#           maps a capture buffer), OpenSSL EVP, written to /dev/null.
# Goals: module >= 0.90 of raw with 1 frame in flight, ahead of user with
# 2; kernel memory fixed by the ring (nothing grows over the frames).
# The four run in turn, ROUNDS times; each round gives its own ratios,
# reported as the median and [min, max] over the rounds. A goal holds only
# if the whole spread clears it; a run that fails fails the benchmark.
. ../lib.sh
bin=$(pwd)/bin
ROUNDS=5

ktap_plan 2
grep -q "^camsec_vcrypt " /proc/modules || insmod /lib/modules/camsec/camsec_vcrypt.ko
insmod /lib/modules/camsec/camsec_aeadraw.ko
run=/sys/module/camsec_aeadraw/parameters/run

raw() { echo "gcm 16 $1 $2" > $run && cut -d' ' -f1 $run; }
via() { "$bin/vcbench" "$1" gcm 16 "$2" "$3" "$4" | awk '/^ns/ { print $2 }'; }
# ns NAME VALUE: VALUE, or a report of the failed run and a failure.
ns() { [ -n "$2" ] && [ "$2" -gt 0 ] && echo "$2" || { echo "# bench: $1 failed" >&2; return 1; }; }
# Each round's $rows line: "raw module module2 user" (ns).
. ./spread.sh
# speed COLUMN: MB/s of that column.
speed() { per "$frames * $size * 1e3 / \$$1"; }

bench() {
	name=$1 size=$2 frames=$3
	rows=
	raw "$size" 2 > /dev/null	# warm QEMU's translation cache
	for round in $(seq $ROUNDS); do
		r=$(ns raw "$(raw "$size" "$frames")") &&
		m=$(ns "module, 1 in flight" "$(via module "$size" "$frames" 1)") &&
		m2=$(ns "module, 2 in flight" "$(via module "$size" "$frames" 2)") &&
		u=$(ns userspace "$(via user "$size" "$frames" 1)") || return 1
		rows="$rows$r $m $m2 $u
"
	done
	echo "bench: $name AES-128-GCM ($(cut -d' ' -f2 $run)), $frames frames, $ROUNDS rounds, median [min, max]:"
	echo "bench:   raw transform $(speed 1) MB/s"
	echo "bench:   camsec_vcrypt, 1 in flight $(speed 2) MB/s"
	echo "bench:   camsec_vcrypt, 2 in flight $(speed 3) MB/s"
	echo "bench:   userspace $(speed 4) MB/s"
	echo "bench: $name camsec_vcrypt / raw, 1 in flight: $(per '$1 / $2') (goal >= 0.90)"
	echo "bench: $name camsec_vcrypt / userspace, 2 in flight: $(per '$4 / $3') (goal > 1)"
	echo "bench: $name camsec_vcrypt / userspace, 1 in flight: $(per '$4 / $2')"
	"$bin/vcbench" module gcm 16 "$size" "$frames" 2 | awk -v n="$name" \
		'/^grew/ { printf "bench: %s kernel memory grown over the frames: %d KiB (ring %d KiB)\n", n, $2, $4 / 1024 }'
}
ktap_check frames_1080p bench 1080p 3110400 30
ktap_check frames_4k bench 4K 12441600 8
rmmod camsec_aeadraw
ktap_finish
