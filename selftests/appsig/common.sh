# SPDX-License-Identifier: GPL-2.0-only
# Shared by the appsig tests (sourced; not a test itself).

pki=/etc/camsec/test-pki
sfs=/sys/kernel/security/camsec/appsig
bin=$(pwd)/bin
work=/tmp/appsig.$$
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

load_key() { keyctl padd asymmetric '' %:.camsec < "$pki/signer.der" > /dev/null; }
# sign FILE [KEY]: the integrator's way, evmctl writes security.ima.
sign() {
	out=$(evmctl ima_sign --hashalgo sha256 --key "$pki/${2:-signer}.key" "$1" 2>&1) ||
		{ echo "$out"; return 1; }
}
set_mode() { echo "$1" > "$sfs/mode"; }
stat_of() { awk -v k="$1" '$1 == k { print $2 }' "$sfs/stats"; }

# refused REASON CMD...: CMD fails with EACCES and the refusal is counted
# under REASON.
refused() {
	reason=$1; shift
	before=$(stat_of "reason.$reason")
	if out=$("$@" 2>&1); then
		echo "ran: $*"
		return 1
	fi
	after=$(stat_of "reason.$reason")
	echo "$out" | grep -q "Permission denied\|not permitted\|failed to map" ||
		{ echo "failed, but not with EACCES/EPERM: $out"; return 1; }
	[ "$after" -gt "$before" ] ||
		{ echo "reason.$reason stayed at $before"; return 1; }
}

# A copy of busybox, a static program of about 1 MiB. Busybox runs its
# first argument as the applet when its own name starts with "busybox".
program() { cp /bin/busybox "$1"; }

# sigfile FILE [KEY]: the signature in FILE.sig (evmctl --sigfile), even
# where security.ima cannot be set (locked): what an attacker copies.
sigfile() {
	evmctl ima_sign --sigfile --hashalgo sha256 \
		--key "$pki/${2:-signer}.key" "$1" > /dev/null 2>&1
	[ -s "$1.sig" ] || { echo "no signature made for $1"; return 1; }
}

# blocked REASON CMD...: the attack tool CMD reports the attack refused
# (exit 0; 1 if it worked, 2 if it could not be tried), counted under
# REASON.
blocked() {
	reason=$1; shift
	before=$(stat_of "reason.$reason")
	"$@" || return 1
	after=$(stat_of "reason.$reason")
	[ "$after" -gt "$before" ] ||
		{ echo "reason.$reason stayed at $before"; return 1; }
}
