#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# An unprivileged process cannot strip or replace a signature, even on a
# file it owns, nor set another security.* xattr (the LSM keeps the
# kernel's CAP_SYS_ADMIN check for the names that are not its own); no
# signature exists where no xattrs can be stored.
. ../lib.sh
. ./common.sh

ktap_plan 5
load_key
set_mode enforce
chmod 755 "$work"
program "$work/busybox-owned" && sign "$work/busybox-owned" && chown 1000:1000 "$work/busybox-owned"
sig=$("$bin/sigtool" get "$work/busybox-owned")

unchanged() { [ "$("$bin/sigtool" get "$work/busybox-owned")" = "$sig" ]; }
strip() {
	out=$("$bin/runas" 1000 "$bin/sigtool" rm "$work/busybox-owned" 2>&1) && return 1
	echo "$out"; echo "$out" | grep -q "not permitted" && unchanged
}
ktap_check unprivileged_cannot_strip strip
replace() {
	out=$("$bin/runas" 1000 "$bin/sigtool" corrupt "$work/busybox-owned" 2>&1) && return 1
	echo "$out"; echo "$out" | grep -q "not permitted" && unchanged
}
ktap_check unprivileged_cannot_replace replace
ktap_check signature_still_valid "$work/busybox-owned" true
other_name() {
	out=$("$bin/runas" 1000 ../access/bin/setlabel "$work/busybox-owned" x security.test 2>&1) && return 1
	echo "$out"; echo "$out" | grep -q "not permitted"
}
ktap_check unprivileged_cannot_set_other_security_xattr other_name

no_xattrs() {
	mkdir -p "$work/ramfs" && mount -t ramfs ramfs "$work/ramfs" || return 1
	program "$work/ramfs/busybox"
	sign "$work/ramfs/busybox" 2>/dev/null && echo "signed on ramfs?"
	refused no_signature "$work/ramfs/busybox" true
	rc=$?
	umount "$work/ramfs"
	return $rc
}
ktap_check mount_without_xattrs_refused no_xattrs
ktap_finish
