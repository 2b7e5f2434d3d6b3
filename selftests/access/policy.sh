#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The access policy loads whole or not at all; a faulty text is rejected
# with the line and column of its first fault, and the old policy stays.
. ../lib.sh
. ./common.sh

ktap_plan 24
ktap_check default_policy_loads load "$default_policy"
ktap_check read_back_identical sh -c "cat $sfs/policy | cmp - $default_policy"
ktap_check hash_of_active_policy sh -c "[ \"\$(cat $sfs/hash)\" = \"$(hash_of "$default_policy")\" ]"

active=$(cat "$sfs/hash")
# rejected NAME EXPECTED-ERROR-PREFIX: the text in $work/p is refused with
# EINVAL, error names the fault, and the active policy is unchanged.
rejected() {
	out=$(load "$work/p") && { echo "accepted"; return 1; }
	echo "$out" | grep -q "Invalid argument" || { echo "$out"; return 1; }
	err=$(cat "$sfs/error")
	echo "error: $err"
	case $err in "$1"*) ;; *) echo "want: $1"; return 1 ;; esac
	[ "$(cat "$sfs/hash")" = "$active" ] || { echo "active policy changed"; return 1; }
}
case_() { name=$1 want=$2; shift 2; printf "$@" > "$work/p"; ktap_check "$name" rejected "$want"; }

Z=sha256:$(printf '%064d' 0)
A="authority /usr/sbin/camsecd $Z\\n"
case_ unknown_statement "2:1: unknown statement 'clas'" "${A}clas video dev 81:*\n"
case_ unknown_role "3:12: unknown role 'adm'" "${A}class v dev 81:*\nallow user,adm v read\n"
case_ class_used_before_defined "2:12: unknown class 'video'" "${A}allow user video read\nclass video dev 81:*\n"
case_ bad_device "2:13: bad device '81:x'" "${A}class v dev 81:x\n"
case_ class_defined_twice "3:7: class 'v' defined twice" "${A}class v label a\nclass v label b\n"
case_ device_bound_twice "3:13: already bound to class 'a'" "${A}class a dev 4:0-10\nclass b dev 4:5\n"
case_ relative_authority "1:11: authority must be an absolute path" "authority camsecd\n"
case_ no_authority "1:1: no authority statement" "class v label x\n"
case_ bad_name "2:7: bad character in name 'Video'" "${A}class Video label x\n"
case_ nul_byte "2:7: NUL byte in policy" "${A}class \\000 label x\n"
case_ extra_argument "1:101: unexpected 'y'" "authority /usr/sbin/camsecd $Z y\\n"
case_ authority_without_digest "1:28: missing sha256:<digest> of the authority's program" "authority /usr/sbin/camsecd\\n"
case_ authority_short_digest "1:29: want sha256:<64 hex digits>" "authority /usr/sbin/camsecd sha256:0123\\n"
case_ authority_other_hash "1:29: want sha256:<64 hex digits>" "authority /usr/sbin/camsecd md5:$(printf '%032d' 0)\\n"
case_ unknown_permission "3:14: unknown permission 'run'" "${A}class v label x\nallow user v run\n"
case_ missing_binding "2:8: missing binding ('dev', 'bdev' or 'label')" "${A}class v\n"
case_ bad_block_device "2:14: bad device '7:2-1'" "${A}class v bdev 7:2-1\n"
case_ block_device_bound_twice "3:14: already bound to class 'a'" "${A}class a bdev 7:*\nclass b bdev 7:3\n"
case_ unknown_binding "2:9: expected 'dev', 'bdev' or 'label'" "${A}class v blk 7:0\n"
head -c 70000 /dev/zero | tr '\0' '#' > "$work/p"
ktap_check too_large rejected "1:1: policy larger than 65536 bytes"

replaced() {
	printf '# another\nauthority /usr/sbin/camsecd %s\nclass v label x # video\n\nallow admin v read\n' "$Z" > "$work/q"
	load "$work/q" && [ "$(cat "$sfs/hash")" = "$(hash_of "$work/q")" ] &&
		[ -z "$(cat "$sfs/error")" ]
}
ktap_check replaced_whole replaced
ktap_finish
