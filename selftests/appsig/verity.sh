#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# A dm-verity device whose root hash signature the kernel verified vouches
# for its files when appsig/trust names verity: they run with no
# security.ima. Nothing else gets that trust: a device opened without a
# signature or with one the kernel's keys do not vouch for, a table
# reloaded unsigned behind a mounted filesystem, a file copied up into an
# overlay, a signed file elsewhere when verity alone is trusted (which is
# what stops a swap of validly signed files). A block changed under the
# signed root hash fails to read, so it cannot run. The
# images come from scripts/make-verity-corpus.sh (in ./verity).
. ../lib.sh
. ./common.sh

corpus=$(pwd)/verity
ktap_plan 12
load_key
set_mode enforce
. "$corpus/signed.verity"
mnt=$work/mnt
mkdir -p "$mnt"
trust=$(cat "$sfs/trust")
cleanup() {
	umount "$work/merged" "$mnt" 2>/dev/null
	for d in v-signed v-unsigned v-tampered v-reload; do
		veritysetup close "$d" 2>/dev/null
	done
	echo "$trust" > "$sfs/trust"
	rm -rf "$work"
}
trap cleanup EXIT

# open NAME IMAGE [SIGNATURE]: the corpus's volume as /dev/mapper/NAME.
open() {
	veritysetup open "$2" "$1" "$2" "$ROOT_HASH" --data-blocks="$DATA_BLOCKS" \
		--hash-offset="$HASH_OFFSET" ${3:+--root-hash-signature="$3"}
}
# mounted NAME: mounted read-only on $mnt, and nothing else there.
mounted() { umount "$mnt" 2>/dev/null; mount -t erofs -o ro "/dev/mapper/$1" "$mnt"; }
prog=$mnt/bin/busybox-v

trust_setting() {
	[ "$(cat "$sfs/trust")" = xattr ] || { echo "default: $(cat "$sfs/trust")"; return 1; }
	for bad in "" xattrs "xattr,,verity x" "verity,ima"; do
		echo "$bad" > "$sfs/trust" 2> /dev/null && { echo "took '$bad'"; return 1; }
	done
	[ "$(cat "$sfs/trust")" = xattr ] || return 1
	echo "verity, xattr" > "$sfs/trust" && [ "$(cat "$sfs/trust")" = xattr,verity ] &&
		echo verity > "$sfs/trust" && [ "$(cat "$sfs/trust")" = verity ] &&
		! "$bin/runas" 1000 sh -c "echo xattr > $sfs/trust" 2> /dev/null &&
		[ "$(cat "$sfs/trust")" = verity ]
}
ktap_check trust_sources_validated_and_set trust_setting

echo xattr,verity > "$sfs/trust"
open v-signed "$corpus/signed.img" "$corpus/signed.p7s" && mounted v-signed ||
	echo "# the signed volume did not open"
ktap_check signed_verity_file_runs_without_xattr "$prog" true

xattr_only() { echo xattr > "$sfs/trust" && refused no_signature "$prog" true; }
ktap_check verity_untrusted_when_only_xattr_trusted xattr_only

verity_only() {
	echo verity > "$sfs/trust" || return 1
	program "$work/busybox-signed" && sign "$work/busybox-signed" || return 1
	refused not_verity "$work/busybox-signed" true && "$prog" true
}
ktap_check signed_xattr_file_refused_when_only_verity_trusted verity_only

# Offline, per-file signatures can be swapped: an older signed build put
# in a program's place (here renamed over it) is as signed as the one it
# replaced. With verity alone trusted, no file outside the volume runs.
swap() {
	program "$work/busybox-old" && sign "$work/busybox-old" &&
		program "$work/busybox-app" && sign "$work/busybox-app" || return 1
	echo xattr > "$sfs/trust" && mv "$work/busybox-old" "$work/busybox-app" &&
		"$work/busybox-app" true || { echo "the swap did not run"; return 1; }
	echo verity > "$sfs/trust" && refused not_verity "$work/busybox-app" true
}
ktap_check xattr_swap_stopped_only_by_verity swap

# Through an overlay, the lower file on the signed volume runs; once copied
# up, its bytes live in the upper layer, which no root hash covers.
overlay() {
	mkdir -p "$work/upper" "$work/ovwork" "$work/merged"
	mount -t overlay overlay -o "lowerdir=$mnt,upperdir=$work/upper,workdir=$work/ovwork" \
		"$work/merged" || return 1
	"$work/merged/bin/busybox-v" true || return 1
	chmod 700 "$work/merged/bin/busybox-v" && [ -f "$work/upper/bin/busybox-v" ] &&
		refused not_verity "$work/merged/bin/busybox-v" true
	rc=$?
	umount "$work/merged"
	return $rc
}
ktap_check copied_up_file_loses_verity_trust overlay

unsigned() {
	umount "$mnt"
	open v-unsigned "$corpus/signed.img" && mounted v-unsigned || return 1
	refused not_verity "$prog" true
}
ktap_check unsigned_verity_untrusted unsigned

rogue() {
	if open v-rogue "$corpus/signed.img" "$corpus/rogue.p7s" 2>&1; then
		veritysetup close v-rogue
		echo "opened with a signature the kernel does not trust"
		return 1
	fi
	[ ! -e /dev/mapper/v-rogue ]
}
ktap_check untrusted_signer_refused_by_kernel rogue

# A byte of busybox-v changed under the signed root hash: the device opens
# (the signature is over the root hash), the block does not read.
tampered() {
	umount "$mnt"
	open v-tampered "$corpus/tampered.img" "$corpus/signed.p7s" && mounted v-tampered ||
		return 1
	if out=$("$prog" true 2>&1); then echo "the tampered program ran"; return 1; fi
	echo "run: $out"
	if cat "$prog" > /dev/null 2> "$work/err"; then echo "the tampered block read"; return 1; fi
	cat "$work/err"
	grep -q "Input/output error" "$work/err"
}
ktap_check changed_block_neither_reads_nor_runs tampered

# The signed table swapped for an unsigned one of the same image under the
# mounted filesystem: from its resume, the device vouches for nothing.
reload() {
	umount "$mnt"
	open v-reload "$corpus/signed.img" "$corpus/signed.p7s" && mounted v-reload &&
		"$prog" true || return 1
	table=$(dmsetup table v-reload | sed 's/ [0-9]* root_hash_sig_key_desc [^ ]*$//')
	echo "unsigned table: $table"
	case $table in *root_hash_sig*) return 1 ;; esac
	dmsetup suspend v-reload && dmsetup reload --readonly v-reload --table "$table" &&
		dmsetup resume v-reload || return 1
	refused not_verity "$prog" true
}
ktap_check reloaded_unsigned_table_untrusted reload

# Only a verity table may follow a verity table (the target is immutable).
linear() {
	sectors=$((DATA_BLOCKS * 8))
	dmsetup suspend v-reload || return 1
	data_dev=$(dmsetup table v-reload | cut -d' ' -f5)
	if dmsetup reload --readonly v-reload --table "0 $sectors linear $data_dev 0" 2>&1; then
		dmsetup resume v-reload
		echo "a linear table replaced the verity one"
		return 1
	fi
	dmsetup resume v-reload
	dmesg | grep "can't replace immutable target type verity"
}
ktap_check other_target_cannot_replace_verity linear

# Direct from the image file through a loop device, without dm-verity,
# the same files are untrusted: a loop device's backing file can change.
loop() {
	umount "$mnt"
	mount -t erofs -o ro,loop "$corpus/signed.img" "$mnt" || return 1
	echo xattr,verity > "$sfs/trust"
	refused untrusted_fs "$prog" true
}
ktap_check same_image_from_loop_untrusted loop
ktap_finish
