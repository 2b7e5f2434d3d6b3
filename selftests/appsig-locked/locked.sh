#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Booted with camsec.appsig_lock=1: enforce from the first instruction, and
# nothing, root included, can weaken it, widen its trust sources or touch a
# signature. The ways around it that work whatever the mode stay closed: a
# TLS key offered as a signer, a signature copied onto kernel-private shared
# memory (whose xattrs skip the LSM's hooks), an initramfs library mapped
# through an overlay and rewritten below it.
. ../lib.sh
cd ../appsig && . ./common.sh

ktap_plan 10
load_key
ktap_check locked_from_boot sh -c "[ \"\$(cat $sfs/lock)\" = 1 ] && [ \"\$(cat $sfs/mode)\" = enforce ]"

weaken() {
	listen_out=$work/ev
	rm -f "$work/ready"
	"$bin/evlisten" -r "$work/ready" -n 2 -t 5 > "$listen_out" &
	pid=$!
	while [ ! -e "$work/ready" ]; do sleep 0.1; done
	echo permissive > "$sfs/mode" && { echo "went permissive"; return 1; }
	echo off > "$sfs/mode" && { echo "went off"; return 1; }
	wait $pid
	cat "$listen_out"
	[ "$(cat "$sfs/mode")" = enforce ] &&
		grep -q "^op=mode mode=off old_mode=enforce locked=1 denied=1" "$listen_out"
}
ktap_check root_cannot_weaken weaken
program "$work/busybox-unsigned"
ktap_check unsigned_refused refused no_signature "$work/busybox-unsigned" true

root_sign() {
	out=$(sign "$work/busybox-unsigned" 2>&1) && { echo "signed"; return 1; }
	[ "$(stat_of reason.locked)" -gt 0 ]
}
ktap_check root_cannot_sign root_sign
strip() {
	out=$("$bin/sigtool" rm "$work/busybox-unsigned" 2>&1) && return 1
	echo "$out" | grep -q "not permitted"
}
ktap_check root_cannot_strip strip
ktap_check lock_stays sh -c "! echo 0 > $sfs/lock && [ \"\$(cat $sfs/lock)\" = 1 ]"
# The lock fixes the trust sources too: no file gains trust after it.
trust_fixed() {
	out=$(sh -c "echo xattr,verity > $sfs/trust" 2>&1) && { echo "trust changed"; return 1; }
	echo "$out"
	echo "$out" | grep -q "not permitted" && [ "$(cat "$sfs/trust")" = xattr ]
}
ktap_check trust_sources_fixed_by_lock trust_fixed

tls_refused() { ! keyctl padd asymmetric '' %:.camsec < "$pki/tls-server.der"; }
ktap_check tls_certificate_refused tls_refused

dd if=/dev/urandom of="$work/pages" bs=4096 count=2 2>/dev/null
shared_memory() {
	sigfile "$work/pages" &&
		blocked untrusted_inode "$bin/attack" private "$work/pages" "$work/pages.sig"
}
ktap_check signed_shared_memory_refused shared_memory

# Last: were it to fail, the library would have lost the initramfs' trust.
lib=$(ls /lib/*/libkeyutils.so.1 /usr/lib/*/libkeyutils.so.1 2>/dev/null | head -n 1)
mapped_lib() {
	mkdir -p "$work/upper" "$work/ovwork" "$work/merged"
	mount -t overlay overlay -o "lowerdir=$(dirname "$lib"),upperdir=$work/upper,workdir=$work/ovwork" \
		"$work/merged" || return 1
	blocked mapped_exec "$bin/attack" hold "$work/merged/$(basename "$lib")" "$lib"
	rc=$?
	umount "$work/merged"
	return $rc
}
ktap_check initramfs_library_mapped_through_overlay_not_writable mapped_lib
ktap_finish
