#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The state at rest (draft 6.3.2a, 6.3.3d): accounts, settings and the
# audit key are sealed by the kernel under the device key, an encrypted
# key whose blob the daemon keeps and whose master the boot loads. What
# is altered, swapped, planted or sealed under another key stops the
# daemon and stays as it was. The configuration profile is exported
# sealed, and imports only on the device that made it, unaltered.
. ../lib.sh
. ./common.sh

ktap_plan 10
start_daemon && activate admin > /dev/null || echo "# setup failed"
as admin config set session_idle_s 300 > /dev/null || echo "# setup failed"
helper=/selftests/access/bin/authority


sealed() {
	ctl status | grep -qx 'store: sealed' || return 1
	lift_classes
	ok=1
	for f in accounts settings audit.key identity; do
		[ "$(head -c 4 "$state/$f")" = CSL1 ] || { echo "$f not sealed"; ok=0; }
	done
	grep -qaE 'admin|hash_cost|session_idle|PRIVATE' "$state/accounts" "$state/settings" \
		"$state/identity" && ok=0
	grep -qE '^default user:camsec-kmk 32 [0-9a-f]+$' "$state/store.key" || ok=0
	load_policy /etc/camsec/access.policy
	[ $ok -eq 1 ]
}
ktap_check state_files_sealed_key_kept_as_blob sealed

# The device key, loaded from its blob, opens the files for the test
# helper made authority: the accounts hold a yescrypt hash and no password.
opened() {
	stop_daemon || return 1
	authority_of "$helper" > "$work/p" && load_policy "$work/p"
	key=$(keyctl add encrypted camsec:store "load $(cat "$state/store.key")" @u) &&
		"$helper" open accounts < "$state/accounts" > "$work/accounts" &&
		"$helper" open settings < "$state/settings" > "$work/settings"
	r=$?
	keyctl unlink "$key" @u > /dev/null 2>&1
	load_policy /etc/camsec/access.policy
	cat "$work/accounts"
	[ $r -eq 0 ] && grep -q '^account name=admin role=admin hash=\$y\$' "$work/accounts" &&
		! grep -q 'Camera-Admin1' "$work/accounts" &&
		grep -q '^set key=session_idle_s value=300$' "$work/settings" &&
		start_daemon
}
ktap_check kernel_opens_with_device_key_hash_only opened

restart() {
	stop_daemon && start_daemon && as admin whoami | grep -qx 'account: admin' &&
		! keyctl search @u encrypted camsec:store > /dev/null 2>&1
}
ktap_check restart_loads_device_key_from_blob restart

# refused_start WHAT FILE: with FILE put in place, the daemon does not
# start, says why, and leaves FILE as it is; the original back, it does.
refused_start() {
	stop_daemon || return 1
	lift_classes
	cp "$state/$2" "$work/orig"
	cp "$work/bad" "$state/$2"
	: > "$work/log"
	start_daemon > /dev/null 2>&1 && { echo "started with $1"; return 1; }
	grep -q "$3" "$work/log" || { cat "$work/log"; return 1; }
	cmp "$work/bad" "$state/$2" || return 1
	cp "$work/orig" "$state/$2"
	load_policy /etc/camsec/access.policy
	start_daemon && as admin whoami > /dev/null
}

altered() {
	lift_classes && flip_byte "$state/accounts" 40 "$work/bad" && load_policy /etc/camsec/access.policy &&
		refused_start "a flipped byte" accounts 'does not open: altered'
}
ktap_check altered_accounts_refused_and_kept altered

swapped() {
	lift_classes && cp "$state/settings" "$work/bad" && load_policy /etc/camsec/access.policy &&
		refused_start "the settings as accounts" accounts 'does not open'
}
ktap_check settings_passed_as_accounts_refused swapped

planted() {
	printf 'account name=mallory role=admin hash=$y$j9T$x$y\n' > "$work/bad"
	refused_start "a plain file" accounts 'not sealed by this device'
}
ktap_check planted_plain_accounts_refused planted

other_master() {
	stop_daemon || return 1
	head -c 32 /dev/urandom | keyctl padd user camsec-kmk @u > /dev/null
	: > "$work/log"
	start_daemon > /dev/null 2>&1 && { echo "started"; return 1; }
	grep -q 'refused the key blob' "$work/log" || { cat "$work/log"; return 1; }
	keyctl padd user camsec-kmk @u < "$work/kmk" > /dev/null
	start_daemon && as admin whoami > /dev/null
}
ktap_check other_master_key_refused other_master

profile_round_trip() {
	as admin config export "$work/profile" || return 1
	grep -qE '^[0-9A-F]+$' "$work/profile" && ! grep -qi session "$work/profile" &&
		as admin config set session_idle_s 120 &&
		as admin config import "$work/profile" &&
		as admin config get | grep -qx 'key=session_idle_s value=300' &&
		audit_has config-export ok admin local '[0-9]+ bytes' > /dev/null &&
		audit_has config-import ok admin local '' > /dev/null
}
ktap_check profile_export_then_import_restores profile_round_trip

profile_altered() {
	as admin config set session_idle_s 120 || return 1
	head -c 60 "$work/profile" > "$work/bad.profile"
	c=$(cut -c61 "$work/profile"); [ "$c" = 0 ] && c=1 || c=0
	printf '%s' "$c" >> "$work/bad.profile"
	cut -c62- "$work/profile" >> "$work/bad.profile"
	expect_err EBADMSG as admin config import "$work/bad.profile" || return 1
	echo 'not a profile' > "$work/junk.profile"
	expect_err EINVAL as admin config import "$work/junk.profile" || return 1
	as admin config get | grep -qx 'key=session_idle_s value=120' &&
		audit_has config-import fail admin local 'refused.*' > /dev/null
}
ktap_check altered_profile_refused_nothing_changed profile_altered

other_device() {
	stop_daemon && lift_classes && mv "$state" "$work/state.first" && mkdir "$state" || return 1
	load_policy /etc/camsec/access.policy
	head -c 32 /dev/urandom | keyctl padd user camsec-kmk @u > /dev/null
	start_daemon && activate admin > /dev/null &&
		expect_err EBADMSG as admin config import "$work/profile"
	r=$?
	stop_daemon
	lift_classes
	rm -rf "$state" && mv "$work/state.first" "$state"
	load_policy /etc/camsec/access.policy
	keyctl padd user camsec-kmk @u < "$work/kmk" > /dev/null
	[ $r -eq 0 ] && start_daemon && as admin config import "$work/profile"
}
ktap_check profile_of_another_device_refused other_device

ktap_finish
