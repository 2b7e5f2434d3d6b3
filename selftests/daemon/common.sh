# SPDX-License-Identifier: GPL-2.0-only
# Shared by the daemon tests (sourced; not a test itself). camsecd is
# signed and the default access policy loaded, so that the daemon is the
# LSM's authority, as on a camera. Each test gets a fresh state directory,
# factory settings (as an integrator ships them) with a hashing cost for
# emulation, and a master key in root's keyring, as a boot would load
# from the SoC, for the daemon's device key. Passwords live in files $work/pw.NAME, read through a
# file descriptor as a script would give them.

sfs=/sys/kernel/security/camsec/access
pki=/etc/camsec/test-pki
work=/tmp/daemon.$$
state=$work/state
sock=$work/sock
mkdir -p "$state"

load_policy() { dd if="$1" of="$sfs/policy" bs=256k 2>/dev/null; }
# The daemon's classes lifted: its state files open to the test.
lift_classes() { authority_of /usr/sbin/camsecd > "$work/p" && load_policy "$work/p"; }

cleanup() {
	stop_daemon
	# A policy without classes frees the labelled state files.
	authority_of /usr/sbin/camsecd > "$work/open.policy"
	load_policy "$work/open.policy"
	rm -rf "$work"
	keyctl purge -s user camsec-kmk > /dev/null 2>&1
}
trap cleanup EXIT

keyctl padd asymmetric '' %:.camsec < "$pki/signer.der" > /dev/null 2>&1
evmctl ima_sign --hashalgo sha256 --key "$pki/signer.key" /usr/sbin/camsecd > /dev/null
load_policy /etc/camsec/access.policy
factory=$work/factory
# The running image as its manifest describes it.
manifest=$work/firmware.manifest
printf 'camsec-firmware 1\ncompatible camsec,virtual-camera\nversion 1.5.0\nbuild-id factory.1\nend-of-support 2031-12-31\n' \
	> "$manifest"
printf 'set key=hash_cost value=3\n' > "$factory"
# No device key but the one each daemon makes or loads from its blob.
keyctl purge -s encrypted camsec:store > /dev/null 2>&1
head -c 32 /dev/urandom > "$work/kmk"
keyctl padd user camsec-kmk @u < "$work/kmk" > /dev/null

# The daemon may be started in a test's subshell: its pid is in its
# pidfile, and it holds no descriptor of the test's output. $daemon_in,
# if set, is a command that runs its arguments ($in_login_session).
start_daemon() {
	rm -f "$sock"
	$daemon_in /usr/sbin/camsecd -f -p "$work/pid" -s "$sock" -d "$state" -D "$factory" \
		-V "$manifest" < /dev/null > /dev/null 2>> "$work/log" &
	i=0
	while [ ! -S "$sock" ] && [ $i -lt 300 ] && kill -0 $! 2>/dev/null; do
		sleep 0.1; i=$((i + 1))
	done
	[ -S "$sock" ] || { echo "camsecd did not start:"; tail -3 "$work/log"; return 1; }
}

daemon_pid() { cat "$work/pid" 2>/dev/null; }

in_login_session="keyctl session - /bin/sh $(pwd)/login-session.sh"

# stop_daemon [SIGNAL]: and wait until it is gone.
stop_daemon() {
	pid=$(daemon_pid)
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
	kill -"${1:-TERM}" "$pid"
	i=0
	while running "$pid" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	! running "$pid"
}

# A zombie (the daemon exited, its parent shell has not reaped it) is gone.
running() { [ -e "/proc/$1" ] && ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null; }

ctl() { /usr/sbin/camsecctl --socket "$sock" "$@"; }
setpw() { printf '%s\n' "$2" > "$work/pw.$1"; }

# as USER ARGS...: camsecctl logged in as USER with USER's password file.
as() {
	u=$1; shift
	ctl --user "$u" --password-fd 3 "$@" 3< "$work/pw.$u"
}

# activate NAME: the first administrator, password from pw.NAME.
activate() { ctl --new-password-fd 4 activate "$1" 4< "$work/pw.$1"; }

# adduser NAME ROLE: as admin; password from pw.NAME.
adduser() { as admin --new-password-fd 4 user add "$1" "$2" 4< "$work/pw.$1"; }

# expect_err CODE CMD...: CMD fails with camsecd's error CODE.
expect_err() {
	code=$1; shift
	if out=$("$@" 2>&1); then
		echo "succeeded: $out"
		return 1
	fi
	echo "$out"
	echo "$out" | grep -q "($code)\$"
}

# audit_has OP RESULT ACCOUNT SOURCE DETAIL-PATTERN: a record with these
# fields (each a grep -E pattern over the JSON export); if none, the
# records of OP are shown.
audit_has() {
	as admin --json audit show > "$work/records" || return 1
	grep -E "\"op\":\"$1\",\"result\":\"$2\",\"account\":\"$3\",\"source\":\"$4\",\"detail\":\"$5\"\}" "$work/records" && return 0
	echo "no record op=$1 result=$2 account=$3 source=$4 detail=~$5; of op $1:"
	grep "\"op\":\"$1\"" "$work/records"
	return 1
}

# hold USER [2]: a session kept open by camsecctl shell (a second one
# with 2); say LINE [2] sends one request on it and prints the (one-line)
# reply; release [2] ends it.
hold() {
	rm -f "$work/in${2:-}" "$work/out${2:-}" && mkfifo "$work/in${2:-}" &&
		: > "$work/out${2:-}"
	# Not holding the other session's input open: its EOF must arrive
	# (a redirection of a function call would keep a saved copy).
	(
		exec 5>&- 6>&-
		as "$1" shell < "$work/in${2:-}" > "$work/out${2:-}" 2>&1
	) &
	if [ -n "${2:-}" ]; then
		held2=$!
		exec 6> "$work/in2"
	else
		held=$!
		exec 5> "$work/in"
	fi
}
say() {
	out=$work/out${2:-}
	n=$(wc -l < "$out")
	if [ -n "${2:-}" ]; then echo "$1" >&6; else echo "$1" >&5; fi
	i=0
	while [ "$(wc -l < "$out")" -le "$n" ] && [ $i -lt 200 ]; do
		sleep 0.1; i=$((i + 1))
	done
	tail -1 "$out"
}
release() {
	if [ -n "${1:-}" ]; then
		exec 6>&-
		wait "$held2"
	else
		exec 5>&-
		wait "$held"
	fi
}

setpw admin 'Camera-Admin1'
