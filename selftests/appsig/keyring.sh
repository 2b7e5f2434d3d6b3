#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The .camsec keyring takes only keys certified by the kernel's built-in
# trusted CA, and nothing can remove them.
. ../lib.sh

pki=/etc/camsec/test-pki
ktap_plan 8

ktap_check keyring_exists keyctl describe %:.camsec

ktap_check trusted_signer_added sh -c "keyctl padd asymmetric '' %:.camsec < $pki/signer.der"
# ktap_check runs in a subshell: find the linked key again.
added=$(keyctl rlist %:.camsec 2>/dev/null | awk '{ print $1 }')

refused() {
	if keyctl padd asymmetric "" %:.camsec < "$1" 2>/tmp/err; then
		echo "accepted $1"
		return 1
	fi
	cat /tmp/err
	grep -q "Key was rejected\|Required key not available" /tmp/err
}
ktap_check rogue_signer_refused refused $pki/rogue-signer.der
ktap_check rogue_ca_refused refused $pki/rogue-ca.der

user_key_refused() { ! echo secret | keyctl padd user camsec-test %:.camsec; }
ktap_check user_key_refused user_key_refused

unlink_refused() { [ -n "$added" ] && ! keyctl unlink "$added" %:.camsec; }
ktap_check key_cannot_be_unlinked unlink_refused
revoke_refused() { [ -n "$added" ] && ! keyctl revoke "$added" && keyctl describe "$added"; }
ktap_check key_cannot_be_revoked revoke_refused
ktap_check keyring_cannot_be_cleared sh -c '! keyctl clear %:.camsec'
ktap_finish
