#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# camsec_vcrypt benchmark, in one boot: 1080p and 4K UYVY frames
# (4,147,200 and 16,588,800 bytes) cut into RFC 4175 packets of at most
# 1400 bytes and protected as SRTP AES_CM_128_HMAC_SHA1_80 (1080p also
# AEAD_AES_128_GCM), four ways, and H.264 at 1080p and 4 Mbit/s (RFC
# 6184 packets) the module's two ways and libsrtp2's:
#   raw     the bare SRTP transforms of this kernel on the same packets
#           (camsec_srtpraw): the ceiling;
#   module  camsec_vcrypt from a dma-heap dma-buf into its ring, each
#           packet written from the mapped ring to /dev/null; one frame in
#           flight, then two (the module seals them on both CPUs);
#   user    the userspace pipeline: the dma-buf mapped (as V4L2 mmap maps
#           a capture buffer), each packet built and protected by libsrtp2,
#           written to /dev/null.
# Goals (issue 24): module at least as fast as libsrtp2 with one frame in
# flight, faster with two; kernel memory fixed by the ring (nothing grows
# over the frames). The four run in turn, ROUNDS times; each round gives
# its own ratios, reported as the median and [min, max] over the rounds.
# A goal holds only if the whole spread clears it; a run that fails fails
# the benchmark.
. ../lib.sh
bin=$(pwd)/bin
ROUNDS=5

ktap_plan 4
grep -q "^camsec_vcrypt " /proc/modules || insmod /lib/modules/camsec/camsec_vcrypt.ko
insmod /lib/modules/camsec/camsec_srtpraw.ko
run=/sys/module/camsec_srtpraw/parameters/run

raw() { echo "$1 $2 $3" > $run && cut -d' ' -f1 $run; }
via() { "$bin/vcbench" "$1" "$2" "$3" "$4" "$5" "$6" | awk '/^ns/ { print $2 }'; }
packets() { "$bin/vcbench" user "$1" "$2" "$3" 1 1 | awk '/^ns/ { print $4 }'; }
# ns NAME VALUE: VALUE, or a report of the failed run and a failure.
ns() { [ -n "$2" ] && [ "$2" -gt 0 ] && echo "$2" || { echo "# bench: $1 failed" >&2; return 1; }; }
# Each round's $rows line: "raw module module2 user" (ns).
. ./spread.sh
# speed COLUMN: MB/s and packets/s of that column.
speed() {
	echo "$(per "$frames * $size * 1e3 / \$$1" 1) MB/s, $(per "$frames * $pkts * 1e9 / \$$1" 0) packets/s"
}

bench() {
	name=$1 profile=$2 w=$3 h=$4 frames=$5
	size=$((w * h * 2)) rows=
	raw "$profile" "$size" 2 > /dev/null	# warm QEMU's translation cache
	pkts=$(packets "$profile" "$w" "$h")
	[ -n "$pkts" ] || { echo "# bench: packet count failed" >&2; return 1; }
	for round in $(seq $ROUNDS); do
		r=$(ns raw "$(raw "$profile" "$size" "$frames")") &&
		m=$(ns "module, 1 in flight" "$(via module "$profile" "$w" "$h" "$frames" 1)") &&
		m2=$(ns "module, 2 in flight" "$(via module "$profile" "$w" "$h" "$frames" 2)") &&
		u=$(ns libsrtp2 "$(via user "$profile" "$w" "$h" "$frames" 1)") || return 1
		rows="$rows$r $m $m2 $u
"
	done
	echo "bench: $name $profile ($(cut -d' ' -f3 $run)), $frames frames of $pkts packets, $ROUNDS rounds, median [min, max]:"
	echo "bench:   raw transform $(speed 1)"
	echo "bench:   camsec_vcrypt, 1 in flight $(speed 2)"
	echo "bench:   camsec_vcrypt, 2 in flight $(speed 3)"
	echo "bench:   libsrtp2 in userspace $(speed 4)"
	echo "bench: $name $profile camsec_vcrypt / libsrtp2, 1 in flight: $(per '$4 / $2') (goal >= 1)"
	echo "bench: $name $profile camsec_vcrypt / libsrtp2, 2 in flight: $(per '$4 / $3') (goal > 1)"
	echo "bench: $name $profile camsec_vcrypt / raw transform, 1 in flight: $(per '$1 / $2')"
	"$bin/vcbench" module "$profile" "$w" "$h" "$frames" 2 | awk -v n="$name" \
		'/^grew/ { printf "bench: %s kernel memory grown over the frames: %d KiB (ring %d KiB)\n", n, $2, $4 / 1024 }'
}
# H.264 at a camera's bitrate (1080p, 4 Mbit/s): module against libsrtp2.
h264() {
	file=/selftests/vcrypt/media/bench.264 frames=50 rows=
	# per frame, on average: bytes and packets
	size=$(($(wc -c < $file) / frames))
	pkts=$("$bin/vcbench" h264 user cm $file $frames 1 | awk -v f=$frames '/^ns/ { print $4 / f }')
	[ -n "$pkts" ] || { echo "# bench: packet count failed" >&2; return 1; }
	for round in $(seq $ROUNDS); do
		m=$(ns "module, 1 in flight" "$("$bin/vcbench" h264 module cm $file $frames 1 | awk '/^ns/ { print $2 }')") &&
		m2=$(ns "module, 2 in flight" "$("$bin/vcbench" h264 module cm $file $frames 2 | awk '/^ns/ { print $2 }')") &&
		u=$(ns libsrtp2 "$("$bin/vcbench" h264 user cm $file $frames 1 | awk '/^ns/ { print $2 }')") || return 1
		rows="$rows$m $m2 $u
"
	done
	echo "bench: H.264 1080p 4 Mbit/s cm, $frames frames, $ROUNDS rounds, median [min, max]:"
	echo "bench:   camsec_vcrypt, 1 in flight $(speed 1)"
	echo "bench:   camsec_vcrypt, 2 in flight $(speed 2)"
	echo "bench:   libsrtp2 in userspace $(speed 3)"
	echo "bench: H.264 cm camsec_vcrypt / libsrtp2, 1 in flight: $(per '$3 / $1') (goal >= 1)"
	echo "bench: H.264 cm camsec_vcrypt / libsrtp2, 2 in flight: $(per '$3 / $2') (goal > 1)"
}
ktap_check frames_1080p_aes_cm bench 1080p cm 1920 1080 20
ktap_check frames_1080p_aes_128_gcm bench 1080p gcm128 1920 1080 20
ktap_check frames_4k_aes_cm bench 4K cm 3840 2160 6
ktap_check h264_1080p_4mbit_aes_cm h264
rmmod camsec_srtpraw
ktap_finish
