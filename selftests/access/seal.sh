#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The kernel seals and opens for the authority alone (CAMSEC_CMD_SEAL,
# _OPEN), under the encrypted key camsec:store: what it seals opens only
# unaltered, for the same use, under the same key; the device key's user
# master (camsec-kmk) works for the kernel, and no process reads it back.
. ../lib.sh
. ./common.sh

auth=$(pwd)/bin/authority
# At the end a policy without classes, as the other access tests leave:
# the camera's own would keep the suites after this one (vcrypt) from
# the objects it protects.
seal_cleanup() {
	keyctl purge -s encrypted camsec:store > /dev/null 2>&1
	keyctl purge -s user camsec-kmk-test > /dev/null 2>&1
	authority_of "$auth" > "$work/free" && load "$work/free" > /dev/null
	rm -rf "$work"
}
trap seal_cleanup EXIT
ktap_plan 11
authority_of "$auth" > "$work/policy"
load "$work/policy" > /dev/null
head -c 32 /dev/urandom > "$work/kmk"
keyctl padd user camsec-kmk-test @u < "$work/kmk" > /dev/null
new_key() {
	keyctl purge -s encrypted camsec:store > /dev/null 2>&1
	keyctl add encrypted camsec:store "new default user:camsec-kmk-test ${1:-32}" @u > /dev/null
}
new_key
printf 'set key=hash_cost value=3\n' > "$work/plain"

# refused MESSAGE CMD...: CMD fails and says MESSAGE.
refused() {
	msg=$1; shift
	"$@" > /dev/null 2> "$work/err" && { echo "accepted"; return 1; }
	grep -q -- "$msg" "$work/err" || { cat "$work/err"; return 1; }
}

round_trip() {
	"$auth" seal settings < "$work/plain" > "$work/sealed" &&
		"$auth" open settings < "$work/sealed" | cmp - "$work/plain"
}
ktap_check seal_then_open_gives_the_data_back round_trip

opaque() {
	[ "$(head -c 4 "$work/sealed")" = CSL1 ] &&
		[ $(wc -c < "$work/sealed") -eq $(($(wc -c < "$work/plain") + 32)) ] &&
		! grep -q hash_cost "$work/sealed" &&
		! "$auth" seal settings < "$work/plain" | cmp -s - "$work/sealed"
}
ktap_check sealed_data_is_opaque_and_never_the_same opaque

ktap_check other_use_does_not_open \
	refused "Bad message: does not open: altered" "$auth" open accounts < "$work/sealed"

altered() {
	size=$(wc -c < "$work/sealed")
	for off in 4 15 16 $((size - 17)) $((size - 1)); do
		flip_byte "$work/sealed" $off "$work/flipped"
		refused "Bad message" "$auth" open settings < "$work/flipped" ||
			{ echo "offset $off opened"; return 1; }
	done
	flip_byte "$work/sealed" 0 "$work/flipped"
	refused "Invalid argument: not sealed data" "$auth" open settings < "$work/flipped" &&
		head -c 31 "$work/sealed" > "$work/short" &&
		refused "not sealed data" "$auth" open settings < "$work/short"
}
ktap_check altered_byte_nonce_text_or_tag_does_not_open altered

limit() {
	head -c 32768 /dev/zero > "$work/zeros"
	"$auth" seal big < "$work/zeros" > "$work/big" &&
		[ $(wc -c < "$work/big") -eq 32800 ] &&
		"$auth" open big < "$work/big" | cmp - "$work/zeros" &&
		head -c 32769 /dev/zero > "$work/over" &&
		refused "data too long" "$auth" seal big < "$work/over"
}
ktap_check at_most_32_KiB_sealed limit

not_authority() {
	authority_of /usr/sbin/camsecd > "$work/p2"
	load "$work/p2" > /dev/null
	refused "Operation not permitted: only the authority" "$auth" seal settings < "$work/plain"
	r1=$?
	refused "only the authority" "$auth" open settings < "$work/sealed"
	r2=$?
	load "$work/policy" > /dev/null
	[ $r1 -eq 0 ] && [ $r2 -eq 0 ]
}
ktap_check only_the_authority_seals_or_opens not_authority

another_device() {
	new_key
	refused "Bad message" "$auth" open settings < "$work/sealed"
}
ktap_check another_device_key_does_not_open another_device

no_key() {
	keyctl purge -s encrypted camsec:store > /dev/null 2>&1
	refused "Required key not available: no encrypted key camsec:store" \
		"$auth" seal settings < "$work/plain"
}
ktap_check no_device_key_refused no_key

user_key() {
	# A user key's payload is readable from userspace: never the device key.
	keyctl padd user camsec:store @u < "$work/kmk" > /dev/null
	refused "no encrypted key camsec:store" "$auth" seal settings < "$work/plain"
	r=$?
	keyctl purge -s user camsec:store > /dev/null 2>&1
	return $r
}
ktap_check user_key_of_that_name_ignored user_key

key_size() {
	new_key 64
	refused "the device key must be 32 bytes" "$auth" seal settings < "$work/plain"
}
ktap_check device_key_must_be_32_bytes key_size

master_unreadable() {
	head -c 32 /dev/urandom > "$work/kmk2"
	id=$(keyctl padd user camsec-kmk @u < "$work/kmk2") || return 1
	keyctl purge -s encrypted camsec:store > /dev/null 2>&1
	keyctl add encrypted camsec:store "new default user:camsec-kmk 32" @u > /dev/null &&
		"$auth" seal settings < "$work/plain" > "$work/sealed2" &&
		"$auth" open settings < "$work/sealed2" | cmp - "$work/plain"
	r=$?
	if keyctl pipe "$id" > "$work/read" 2> "$work/err"; then
		echo "root read the master back"
		r=1
	else
		grep "not permitted" "$work/err" || { cat "$work/err"; r=1; }
	fi
	keyctl purge -s user camsec-kmk > /dev/null 2>&1
	new_key
	return $r
}
ktap_check master_key_used_but_not_read_back master_unreadable
ktap_finish
