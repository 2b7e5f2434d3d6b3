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
# Goals: module >= 0.90 of raw, ahead of user; kernel memory fixed by the
# ring (nothing grows over the frames).
. ../lib.sh
bin=$(pwd)/bin

ktap_plan 2
grep -q "^camsec_vcrypt " /proc/modules || insmod /lib/modules/camsec/camsec_vcrypt.ko
insmod /lib/modules/camsec/camsec_aeadraw.ko
run=/sys/module/camsec_aeadraw/parameters/run

raw() { echo "gcm 16 $1 $2" > $run && cut -d' ' -f1 $run; }
via() { "$bin/vcbench" "$1" gcm 16 "$2" "$3" "$4" | awk '/^ns/ { print $2 }'; }
# min A B: the smaller; an empty B (a failed run) is reported and ignored.
min() {
	if [ -z "$2" ]; then echo "# bench: a run failed" >&2; echo "$1"
	elif [ -z "$1" ] || [ "$2" -lt "$1" ]; then echo "$2"
	else echo "$1"; fi
}
fps() { awk -v f="$1" -v ns="$2" 'BEGIN { printf "%.1f", f * 1e9 / ns }'; }
mbs() { awk -v f="$1" -v ns="$2" -v s="$3" 'BEGIN { printf "%.0f", f * s * 1e3 / ns }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b / a }'; }

bench() {
	name=$1 size=$2 frames=$3
	r= m= m2= u=
	raw "$size" 2 > /dev/null	# warm QEMU's translation cache
	for round in 1 2 3; do
		r=$(min "$r" "$(raw "$size" "$frames")")
		m=$(min "$m" "$(via module "$size" "$frames" 1)")
		m2=$(min "$m2" "$(via module "$size" "$frames" 2)")
		u=$(min "$u" "$(via user "$size" "$frames" 1)")
	done
	echo "bench: $name AES-128-GCM ($(cut -d' ' -f2 $run)), $frames frames, best of 3 (frames/s, MB/s):"
	echo "bench:   raw transform $(fps $frames $r) fps $(mbs $frames $r $size) MB/s"
	echo "bench:   camsec_vcrypt, 1 in flight  $(fps $frames $m) fps $(mbs $frames $m $size) MB/s"
	echo "bench:   camsec_vcrypt, 2 in flight  $(fps $frames $m2) fps $(mbs $frames $m2 $size) MB/s"
	echo "bench:   userspace     $(fps $frames $u) fps $(mbs $frames $u $size) MB/s"
	echo "bench: $name camsec_vcrypt / raw: $(ratio "$m" "$r") with 1 in flight (goal >= 0.90), $(ratio "$m2" "$r") with 2"
	echo "bench: $name camsec_vcrypt / userspace: $(ratio "$m" "$u") with 1 in flight, $(ratio "$m2" "$u") with 2 (goal > 1)"
	"$bin/vcbench" module gcm 16 "$size" "$frames" 2 | awk -v n="$name" \
		'/^grew/ { printf "bench: %s kernel memory grown over the frames: %d KiB (ring %d KiB)\n", n, $2, $4 / 1024 }'
	[ -n "$r" ] && [ -n "$m" ] && [ -n "$m2" ] && [ -n "$u" ]
}
ktap_check frames_1080p bench 1080p 3110400 30
ktap_check frames_4k bench 4K 12441600 8
rmmod camsec_aeadraw
ktap_finish
