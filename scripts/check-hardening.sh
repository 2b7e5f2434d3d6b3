#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Check a kernel .config against the hardening camsec expects of a shipping
# camera kernel (issue 8). Each item is FAIL (required) or WARN
# (recommended); the list follows the Kernel Self Protection Project's
# recommended settings where they apply to a camera, plus what camsec
# itself needs: the LSM started, enforcing and locked from boot, and the
# kernel interfaces appsig cannot see (/dev/mem, /dev/port, eBPF, unsigned
# modules) closed.
#
# "# CONFIG_X is not set" and an absent CONFIG_X both mean n: an option a
# kernel version does not have (LEGACY_TIOCSTI before 6.2) reads as n.
#
# camsec.appsig_lock=1 must be on a command line nobody after the kernel's
# own verification can change: the built-in one, forced (x86
# CMDLINE_OVERRIDE, elsewhere CMDLINE_FORCE). If a verified boot chain
# fixes the command line instead (a signed FIT image's bootargs), say what
# it passes with --cmdline and the check reads that. Either way the
# effective command line must not undo the rest (lsm= without camsec,
# nokaslr, init_on_alloc=0, ...).
#
# Usage: scripts/check-hardening.sh [--tap] [--cmdline 'ARGS'] CONFIG_FILE
# Exit status: 0 no FAIL (WARNs allowed), 1 some FAIL, 2 usage error.
set -eu

usage() {
	echo "usage: $0 [--tap] [--cmdline 'kernel parameters'] CONFIG_FILE" >&2
	exit 2
}

tap=0 bootargs='' have_bootargs=0
while [ $# -gt 0 ]; do
	case $1 in
	--tap) tap=1; shift ;;
	--cmdline) [ $# -ge 2 ] || usage; bootargs=$2 have_bootargs=1; shift 2 ;;
	--) shift; break ;;
	-*) usage ;;
	*) break ;;
	esac
done
[ $# -eq 1 ] || usage
conf=$1
[ -r "$conf" ] || { echo "$0: cannot read $conf" >&2; exit 2; }
grep -q '^CONFIG_' "$conf" || { echo "$0: $conf is not a kernel .config" >&2; exit 2; }

# Load the config as shell variables c_NAME, the last line for a name
# winning as it does for Kconfig; "is not set" becomes n. String values
# lose their quotes and escapes.
eval "$(awk '
	function q(s) { gsub(/'\''/, "'\''\\'\'''\''", s); return "'\''" s "'\''" }
	/^CONFIG_[A-Za-z0-9_]+=/ {
		i = index($0, "="); n = substr($0, 8, i - 8); v = substr($0, i + 1)
		if (v ~ /^".*"$/) {
			v = substr(v, 2, length(v) - 2)
			gsub(/\\"/, "\"", v); gsub(/\\\\/, "\\", v)
		}
		print "c_" n "=" q(v); next
	}
	/^# CONFIG_[A-Za-z0-9_]+ is not set$/ { print "c_" substr($2, 8) "=n" }
' "$conf")"

cfg() { eval "printf '%s' \"\${c_$1-}\""; }
is_y() { [ "$(cfg "$1")" = y ]; }
state() { # how NAME stands, for a report
	v=$(cfg "$1")
	case $v in "") echo "CONFIG_$1 absent" ;; n) echo "CONFIG_$1 is not set" ;;
	*) echo "CONFIG_$1=$v" ;; esac
}
# Set means y or m: a module is code the kernel can still load.
is_set() { case $(cfg "$1") in y|m) return 0 ;; esac; return 1; }

kver=$(sed -n 's/^# Linux\/[^ ]* \([0-9][^ ]*\) Kernel Configuration$/\1/p' "$conf" | head -1)
if is_y X86_64; then arch=x86_64
elif is_y X86; then arch=x86
elif is_y ARM64; then arch=arm64
elif is_y ARM; then arch=arm
else arch=other
fi

# The command line the kernel ends up with, if the config fixes it.
cmdline_fixed=0
if is_y CMDLINE_OVERRIDE || is_y CMDLINE_FORCE; then
	cmdline=$(cfg CMDLINE) cmdline_fixed=1
	cmdline_how="forced built-in CONFIG_CMDLINE"
elif [ $have_bootargs = 1 ]; then
	# x86 puts the built-in line before the boot loader's.
	cmdline="$bootargs"
	[ $arch != x86_64 ] && [ $arch != x86 ] || cmdline="$(cfg CMDLINE) $bootargs"
	cmdline=${cmdline# }
	cmdline_fixed=1 cmdline_how="--cmdline (verified boot chain)"
else
	cmdline=$(cfg CMDLINE) cmdline_how="boot loader (not fixed)"
fi

# The parameters as the kernel's next_arg() splits them: spaces outside
# double quotes separate, quotes are dropped, "--" ends the kernel's part,
# and "-" and "_" are the same in a name. A bare name prints alone.
params=$(printf '%s\n' "$cmdline" | awk '{
	s = $0; n = length(s); i = 1
	while (i <= n) {
		while (i <= n && substr(s, i, 1) ~ /[ \t]/) i++
		if (i > n) break
		w = ""; inq = 0
		for (; i <= n; i++) {
			ch = substr(s, i, 1)
			if (ch == "\"") { inq = !inq; continue }
			if (!inq && ch ~ /[ \t]/) break
			w = w ch
		}
		if (w == "--") break
		e = index(w, "=")
		name = e ? substr(w, 1, e - 1) : w
		gsub(/-/, "_", name)
		print e ? name "=" substr(w, e + 1) : name
	}
}')
# param NAME: the last value given for NAME, "=" alone if given bare, or
# nothing if absent.
param() {
	printf '%s\n' "$params" | awk -v n="$1" '
		$0 == n { v = "=" } index($0, n "=") == 1 { v = substr($0, length(n) + 2) }
		END { printf "%s", v }'
}
# kstrtobool(): y, t, 1, on are true; a bare boolean parameter is true.
truthy() {
	case $1 in =|[yYtT1]*|[oO][nN]*) return 0 ;; esac
	return 1
}
falsy() {
	case $1 in [nNfF0]*|[oO][fF]*) return 0 ;; esac
	return 1
}

# --- the items -------------------------------------------------------------
# Each check returns 0 (ok), 1 (not ok: $why says what is wrong) or 3 (does
# not apply here: $why says why).

chk_camsec_lsm() {
	case ",$(cfg LSM | tr -d ' ')," in *,camsec,*) return 0 ;; esac
	why="CONFIG_LSM=\"$(cfg LSM)\""
	return 1
}
chk_lock() {
	v=$(param camsec.appsig_lock)
	if [ $cmdline_fixed = 0 ]; then
		why="the boot loader's command line can drop it: force CONFIG_CMDLINE with CMDLINE_OVERRIDE on x86, CMDLINE_FORCE elsewhere, or give --cmdline if a verified boot chain fixes it"
		return 1
	fi
	truthy "$v" && return 0
	why="not on the $cmdline_how${v:+ (camsec.appsig_lock=$v)}: root can switch appsig off at run time"
	return 1
}
chk_cmdline() {
	bad=
	lsm=$(param lsm)
	if [ -n "$lsm" ]; then
		case ",$lsm," in *,camsec,*) ;; *) bad="$bad lsm=$lsm" ;; esac
	fi
	[ -z "$(param nokaslr)" ] || bad="$bad nokaslr"
	for p in nopti nosmap nosmep; do
		[ -z "$(param $p)" ] || bad="$bad $p"
	done
	v=$(param rodata); [ "$v" != off ] || bad="$bad rodata=off"
	v=$(param mitigations); [ "$v" != off ] || bad="$bad mitigations=off"
	for p in init_on_alloc hardened_usercopy; do
		v=$(param $p)
		[ -z "$v" ] || ! falsy "$v" || bad="$bad $p=$v"
	done
	[ -n "$bad" ] || return 0
	why="$cmdline_how has:$bad"
	return 1
}
chk_mod_sig() { ! is_y MODULES || is_y MODULE_SIG; }
chk_mod_sig_force() { ! is_y MODULES || is_y MODULE_SIG_FORCE; }
chk_mod_rwx() { ! is_y MODULES || is_y STRICT_MODULE_RWX; }
chk_kaslr() {
	case $arch in x86*|arm64) is_y RANDOMIZE_BASE ;;
	*) why="no KASLR option on $arch"; return 3 ;;
	esac
}
chk_bpf() {
	is_set BPF_SYSCALL || return 0
	is_y BPF_UNPRIV_DEFAULT_OFF || why="even unprivileged users can load them"
	return 1
}
chk_mod_sig_hash() {
	is_y MODULES && is_y MODULE_SIG || return 0
	case $(cfg MODULE_SIG_HASH) in sha1|sha224|"") why="MODULE_SIG_HASH=\"$(cfg MODULE_SIG_HASH)\""; return 1 ;; esac
}
chk_kexec_file() { ! is_y KEXEC_FILE || is_y KEXEC_SIG_FORCE; }
chk_lockdown() {
	is_y SECURITY_LOCKDOWN_LSM || return 1
	is_y SECURITY_LOCKDOWN_LSM_EARLY || case ",$(cfg LSM)," in *,lockdown,*) ;; *)
		why="built but not started: SECURITY_LOCKDOWN_LSM_EARLY or lockdown in CONFIG_LSM"; return 1 ;; esac
	is_y LOCK_DOWN_KERNEL_FORCE_INTEGRITY || is_y LOCK_DOWN_KERNEL_FORCE_CONFIDENTIALITY || {
		why="started at level none: LOCK_DOWN_KERNEL_FORCE_INTEGRITY"; return 1; }
}
chk_vmap_stack() {
	case $arch in x86_64|arm64) is_y VMAP_STACK ;;
	*) why="not offered on $arch"; return 3 ;;
	esac
}
chk_randomize_memory() {
	[ $arch = x86_64 ] || { why="x86_64 only"; return 3; }
	is_y RANDOMIZE_MEMORY
}
chk_vsyscall() {
	[ $arch = x86_64 ] || { why="x86_64 only"; return 3; }
	! is_y X86_VSYSCALL_EMULATION || is_y LEGACY_VSYSCALL_NONE
}
chk_test_code() {
	bad=$(grep -Eo '^CONFIG_(TEST_[A-Z0-9_]+|KUNIT|V4L_TEST_DRIVERS)=[ym]' "$conf" |
		sed 's/^CONFIG_//; s/=.*//' | tr '\n' ' ' | sed 's/ $//')
	[ -n "$bad" ] || return 0
	why="$bad"
	return 1
}

# One line per item: level|check|item|reason. A check "y:NAME" wants
# CONFIG_NAME=y, "n:NAME" wants it unset (not y or m); anything else names
# a chk_ function. The reason says what is at stake when the item fails.
ITEMS='
FAIL|y:SECURITY_CAMSEC|CONFIG_SECURITY_CAMSEC=y|the camsec LSM is not built in
FAIL|camsec_lsm|camsec in CONFIG_LSM|camsec is built but never started
FAIL|y:SECURITY_CAMSEC_APPSIG_ENFORCE|CONFIG_SECURITY_CAMSEC_APPSIG_ENFORCE=y|appsig boots permissive: unsigned code runs until something switches it
FAIL|lock|camsec.appsig_lock=1 on a fixed command line|appsig must be locked from boot
FAIL|cmdline|no weakening kernel parameters|the command line undoes the hardening
FAIL|y:ENCRYPTED_KEYS|CONFIG_ENCRYPTED_KEYS=y|camsec seals its state under an encrypted device key
FAIL|mod_sig|CONFIG_MODULE_SIG=y|module signatures are not checked
FAIL|mod_sig_force|CONFIG_MODULE_SIG_FORCE=y|the kernel loads unsigned modules: only appsig stands between root and kernel code
FAIL|mod_rwx|CONFIG_STRICT_MODULE_RWX=y|module text is writable or module data executable
FAIL|y:STRICT_KERNEL_RWX|CONFIG_STRICT_KERNEL_RWX=y|kernel text is writable or kernel data executable
FAIL|n:DEVMEM|CONFIG_DEVMEM is not set|/dev/mem lets root read and write physical memory, appsig does not see it
FAIL|n:DEVPORT|CONFIG_DEVPORT is not set|/dev/port lets root drive I/O ports, appsig does not see it
FAIL|n:PROC_KCORE|CONFIG_PROC_KCORE is not set|/proc/kcore exposes kernel memory and its layout
FAIL|n:DEBUG_FS|CONFIG_DEBUG_FS is not set|debugfs exposes kernel internals and writable debug knobs
FAIL|n:KEXEC|CONFIG_KEXEC is not set|kexec_load(2) replaces the running kernel from an unsigned buffer
FAIL|n:HIBERNATION|CONFIG_HIBERNATION is not set|resuming replaces kernel memory with an unchecked image from disk
FAIL|bpf|CONFIG_BPF_SYSCALL is not set|bpf(2) loads eBPF programs, kernel code appsig does not check
FAIL|n:LEGACY_TIOCSTI|CONFIG_LEGACY_TIOCSTI is not set|TIOCSTI pushes input into another session'\''s terminal
FAIL|y:SECURITY_DMESG_RESTRICT|CONFIG_SECURITY_DMESG_RESTRICT=y|unprivileged users read kernel addresses in dmesg
FAIL|y:STACKPROTECTOR_STRONG|CONFIG_STACKPROTECTOR_STRONG=y|stack overflows in the kernel go undetected
FAIL|kaslr|CONFIG_RANDOMIZE_BASE=y|the kernel sits at a fixed address
FAIL|y:HARDENED_USERCOPY|CONFIG_HARDENED_USERCOPY=y|copies to and from userspace are not bounds-checked against the slab
FAIL|y:INIT_ON_ALLOC_DEFAULT_ON|CONFIG_INIT_ON_ALLOC_DEFAULT_ON=y|fresh allocations carry stale data (info leaks, uninitialised use)
WARN|mod_sig_hash|module signatures with SHA-256 or stronger|a weak hash for module signatures
WARN|y:MODULE_SIG_ALL|CONFIG_MODULE_SIG_ALL=y|in-tree modules are not signed at modules_install: sign them with scripts/sign-file
WARN|kexec_file|CONFIG_KEXEC_SIG_FORCE=y if CONFIG_KEXEC_FILE|kexec_file_load(2) images are checked by appsig only
WARN|lockdown|lockdown LSM at integrity level from boot|no second line if root finds a way past appsig
WARN|n:SECURITY_CAMSEC_TRUST_INITRAMFS|CONFIG_SECURITY_CAMSEC_TRUST_INITRAMFS is not set|initramfs files run unsigned: the boot chain must verify the initramfs
WARN|test_code|no test drivers in the kernel|test code in a shipping kernel
WARN|y:INIT_ON_FREE_DEFAULT_ON|CONFIG_INIT_ON_FREE_DEFAULT_ON=y|freed memory keeps its contents
WARN|y:SLAB_FREELIST_RANDOM|CONFIG_SLAB_FREELIST_RANDOM=y|slab layout is predictable for heap exploits
WARN|y:SLAB_FREELIST_HARDENED|CONFIG_SLAB_FREELIST_HARDENED=y|slab freelist pointers can be overwritten
WARN|vmap_stack|CONFIG_VMAP_STACK=y|kernel stacks have no guard pages
WARN|randomize_memory|CONFIG_RANDOMIZE_MEMORY=y|kernel memory regions sit at fixed addresses
WARN|y:RANDOMIZE_KSTACK_OFFSET_DEFAULT|CONFIG_RANDOMIZE_KSTACK_OFFSET_DEFAULT=y|the kernel stack offset is the same at every syscall
WARN|y:FORTIFY_SOURCE|CONFIG_FORTIFY_SOURCE=y|string and memory functions are not bounds-checked
WARN|y:DEBUG_WX|CONFIG_DEBUG_WX=y|writable and executable kernel mappings go unreported at boot
WARN|y:PANIC_ON_OOPS|CONFIG_PANIC_ON_OOPS=y|after an oops the kernel runs on in an unknown state
WARN|n:MAGIC_SYSRQ|CONFIG_MAGIC_SYSRQ is not set|a break on the serial console reboots, kills or dumps
WARN|n:LDISC_AUTOLOAD|CONFIG_LDISC_AUTOLOAD is not set|unprivileged users autoload line discipline modules
WARN|n:COMPAT_BRK|CONFIG_COMPAT_BRK is not set|the heap start is not randomised
WARN|y:SECCOMP_FILTER|CONFIG_SECCOMP_FILTER=y|programs cannot filter their own system calls
WARN|vsyscall|CONFIG_LEGACY_VSYSCALL_NONE=y|a vsyscall page at a fixed address
'

total=$(printf '%s' "$ITEMS" | grep -c '|')
n=0 passed=0 failed=0 warned=0 skipped=0 section=

if [ $tap = 1 ]; then
	echo "TAP version 13"
	echo "1..$total"
	echo "# $conf${kver:+ (Linux $kver, $arch)}"
else
	echo "camsec hardening check: $conf${kver:+ (Linux $kver, $arch)}"
	echo "command line: $cmdline_how${cmdline:+: $cmdline}"
fi

report() { # STATUS item detail
	if [ $tap = 1 ]; then
		case $1 in
		PASS) echo "ok $n $2" ;;
		FAIL) echo "not ok $n $2 # $3" ;;
		WARN) echo "ok $n $2 # WARN: $3" ;;
		SKIP) echo "ok $n $2 # SKIP $3" ;;
		esac
	else
		echo "$1  $2"
		[ -z "${3-}" ] || echo "      $3"
	fi
}

while IFS='|' read -r level check item reason; do
	[ -n "$level" ] || continue
	n=$((n + 1)) why='' rc=0
	if [ $tap = 0 ] && [ "$level" != "$section" ]; then
		section=$level
		case $level in
		FAIL) echo "== required (FAIL when missing)" ;;
		WARN) echo "== recommended (WARN when missing)" ;;
		esac
	fi
	case $check in
	y:*) is_y "${check#y:}" || { rc=1; why=$(state "${check#y:}"); } ;;
	n:*) ! is_set "${check#n:}" || { rc=1; why=$(state "${check#n:}"); } ;;
	*) "chk_$check" || rc=$? ;;
	esac
	case $rc in
	0) passed=$((passed + 1)); report PASS "$item" ;;
	3) skipped=$((skipped + 1)); report SKIP "$item" "$why" ;;
	*)
		detail=$reason${why:+ ($why)}
		if [ "$level" = FAIL ]; then
			failed=$((failed + 1)); report FAIL "$item" "$detail"
		else
			warned=$((warned + 1)); report WARN "$item" "$detail"
		fi
		;;
	esac
done <<EOF
$ITEMS
EOF

summary="$passed passed, $failed failed, $warned warnings, $skipped not applicable"
if [ $tap = 1 ]; then echo "# $summary"; else echo "$summary"; fi
[ $failed -eq 0 ]
