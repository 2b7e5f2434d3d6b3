# SPDX-License-Identifier: GPL-2.0-only
# KTAP helpers for shell selftests. Source it, call ktap_plan N, then one
# result per test, then ktap_finish.

ktap_n=0
ktap_failed=0

# authority_of PROGRAM: the policy statement that makes PROGRAM, with its
# present content, the authority.
authority_of() { echo "authority $1 sha256:$(sha256sum "$1" | cut -d' ' -f1)"; }

ktap_plan() { echo "TAP version 13"; echo "1..$1"; }
ktap_info() { echo "# $*"; }
ktap_pass() { ktap_n=$((ktap_n + 1)); echo "ok $ktap_n $1"; }
ktap_fail() {
	ktap_n=$((ktap_n + 1)); ktap_failed=$((ktap_failed + 1))
	[ $# -gt 1 ] && echo "# $2"
	echo "not ok $ktap_n $1"
}
ktap_skip() { ktap_n=$((ktap_n + 1)); echo "ok $ktap_n $1 # SKIP $2"; }

# ktap_check NAME CMD...: one result from a command's exit status; the
# command's output goes to the log as diagnostics.
ktap_check() {
	name=$1; shift
	if out=$("$@" 2>&1); then
		[ -n "$out" ] && echo "$out" | sed 's/^/# /'
		ktap_pass "$name"
	else
		echo "$out" | sed 's/^/# /'
		ktap_fail "$name" "failed: $*"
	fi
}

# flip_byte SRC OFFSET DST: DST is SRC with the byte at OFFSET changed.
flip_byte() {
	cp "$1" "$3"
	b=$(dd if="$1" bs=1 skip="$2" count=1 2>/dev/null | od -An -tu1 | tr -d ' ')
	printf "\\$(printf %o $(((b + 1) % 256)))" |
		dd of="$3" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

ktap_finish() { [ "$ktap_failed" -eq 0 ]; exit $?; }
