#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Activation (draft 6.2.4f/g, 6.6d): a device from the factory serves
# nothing but its status and activation until an administrator password
# that meets the policy is set; no default password exists; a factory
# reset makes it new again.
. ../lib.sh
. ./common.sh

ktap_plan 10
start_daemon || { echo "# camsecd did not start"; cat "$work/log"; }

status_is() { ctl status | grep -qx "$1"; }
# NET_ADMIN (camsec_nf bans), SETGID and SETUID (run): bits 12, 6, 7.
caps() {
	grep -E '^Cap(Eff|Prm|Bnd)' "/proc/$(daemon_pid)/status"
	[ "$(grep -cE '^Cap(Eff|Prm|Bnd):.00000000000010c0$' "/proc/$(daemon_pid)/status")" -eq 3 ]
}
ktap_check daemon_keeps_only_three_capabilities caps
ktap_check factory_state_is_inactive status_is 'activated: no'
ktap_check daemon_is_the_lsm_authority status_is 'authority: yes'

all_refused() {
	for verb in login whoami user-add user-list session-list audit-show \
		    config-get config-set config-export config-import lock-list \
		    factory-reset passwd net-set net-show reboot; do
		out=$(echo "$verb user=admin password=Camera-Admin1 name=x" | ctl shell)
		echo "$verb: $out"
		case $out in "err code=EPERM msg=the%20device%20is%20not%20activated"*) ;; *) return 1 ;; esac
	done
}
ktap_check inactive_device_refuses_every_other_operation all_refused

weak_refused() {
	# short, one class, one class, the name, the name reversed, a control
	for bad in 'short1A' 'alllowercase' '12345678901' 'Operator1' \
		   '1rotarepO' "$(printf 'Tab\tTab12')"; do
		setpw weak "$bad"
		expect_err EINVAL ctl --new-password-fd 4 activate operator1 4< "$work/pw.weak" || return 1
	done
	ctl status | grep -qx 'activated: no'
}
ktap_check weak_administrator_passwords_refused weak_refused

no_default_password() {
	for pw in admin 12345678 password Admin123 camsec root; do
		echo "login user=admin password=$pw" | ctl shell | grep -q '^err code=EPERM' || return 1
	done
}
ktap_check no_default_password_before_activation no_default_password

activates() {
	activate admin || return 1
	ctl status | grep -qx 'activated: yes' &&
		as admin whoami | grep -qx 'role: admin' &&
		expect_err EALREADY activate admin
}
ktap_check activation_sets_the_administrator activates

hash_only() {
	# The daemon is the authority: the account file is its alone ...
	cat "$state/accounts" 2>/dev/null && return 1
	# ... and with the classes lifted, sealed: no name, hash or password.
	authority_of /usr/sbin/camsecd > "$work/p" && load_policy "$work/p"
	ok=1
	[ "$(head -c 4 "$state/accounts")" = CSL1 ] || ok=0
	grep -qaE 'Camera-Admin1|admin|\$y\$' "$state/accounts" && ok=0
	load_policy /etc/camsec/access.policy
	# The hash alone is stored: selftests/daemon/store.sh opens the file.
	[ $ok -eq 1 ]
}
ktap_check password_stored_sealed hash_only

survives_restart() {
	stop_daemon && start_daemon && ctl status | grep -qx 'activated: yes' &&
		as admin whoami | grep -qx 'account: admin'
}
ktap_check activation_survives_restart survives_restart

reset() {
	expect_err EINVAL as admin factory-reset || return 1
	id=$(ctl identity) || return 1
	as admin factory-reset yes || { echo "factory-reset failed"; return 1; }
	st=$(ctl status) && echo "$st" | grep -qx 'activated: no' ||
		{ echo "status after reset: $st"; return 1; }
	# the device's identity is the device's, not its owner's
	[ "$(ctl identity)" = "$id" ] || { echo "the identity changed: $id"; return 1; }
	out=$(echo "login user=admin password=Camera-Admin1" | ctl shell)
	echo "$out" | grep -q '^err code=EPERM' || { echo "old password: $out"; return 1; }
	stop_daemon || { echo "camsecd did not stop"; return 1; }
	start_daemon || return 1
	st=$(ctl status) && echo "$st" | grep -qx 'activated: no' ||
		{ echo "status after restart: $st"; return 1; }
	activate admin && as admin whoami > /dev/null
}
ktap_check factory_reset_returns_to_inactive reset

ktap_finish
