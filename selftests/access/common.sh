# SPDX-License-Identifier: GPL-2.0-only
# Shared by the access tests (sourced; not a test itself).

sfs=/sys/kernel/security/camsec/access
default_policy=/etc/camsec/access.policy
work=/tmp/access.$$
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

# load FILE: the whole policy in one write(), as the interface requires.
load() { dd if="$1" of="$sfs/policy" bs=256k 2>&1 > /dev/null; }
hash_of() { echo "sha256:$(sha256sum "$1" | cut -d' ' -f1)"; }

# signed_copy SRC DST: a copy of SRC signed with the test key, so that only
# the access policy can refuse to run it.
signed_copy() {
	pki=/etc/camsec/test-pki
	keyctl padd asymmetric '' %:.camsec < "$pki/signer.der" > /dev/null &&
		cp "$1" "$2" &&
		evmctl ima_sign --hashalgo sha256 --key "$pki/signer.key" "$2" > /dev/null
}
