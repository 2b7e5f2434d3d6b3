#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The .camsec keyring takes only keys that the kernel's built-in trusted CA
# certified for code signing, added to it (not linked from elsewhere), and
# nothing can remove them. The CA's TLS certificate, whose key lives on the
# camera, cannot sign code.
. ../lib.sh

pki=/etc/camsec/test-pki
ktap_plan 14

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
ktap_check tls_certificate_refused refused $pki/tls-server.der
ktap_check certificate_without_purpose_refused refused $pki/signer-noeku.der
ktap_check certificate_for_any_purpose_refused refused $pki/signer-anyeku.der
ktap_check ecdsa_signer_added sh -c "keyctl padd asymmetric '' %:.camsec < $pki/signer-ec.der"

# Added elsewhere first (the chain checks out), then linked: no certificate
# is left to show the key's purpose.
# One session keyring for both steps, so that the key is possessed.
linked() {
	if keyctl session - sh -c "keyctl link \$(keyctl padd asymmetric '' @s < $1) %:.camsec" \
		> /dev/null 2>/tmp/err; then
		echo "linked $1"
		return 1
	fi
	cat /tmp/err
	grep -q "Key was rejected" /tmp/err
}
ktap_check tls_certificate_link_refused linked $pki/tls-server.der
ktap_check signer_link_refused linked $pki/signer.der

user_key_refused() { ! echo secret | keyctl padd user camsec-test %:.camsec; }
ktap_check user_key_refused user_key_refused

unlink_refused() { [ -n "$added" ] && ! keyctl unlink "$added" %:.camsec; }
ktap_check key_cannot_be_unlinked unlink_refused
revoke_refused() { [ -n "$added" ] && ! keyctl revoke "$added" && keyctl describe "$added"; }
ktap_check key_cannot_be_revoked revoke_refused
ktap_check keyring_cannot_be_cleared sh -c '! keyctl clear %:.camsec'
ktap_finish
