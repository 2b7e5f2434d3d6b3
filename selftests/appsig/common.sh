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
