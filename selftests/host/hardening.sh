#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Host test of scripts/check-hardening.sh, as TAP. For 6.1 and 6.12, the
# production config (allnoconfig with base.config + production.config, as
# build-kernel.sh composes a variant) must keep every fragment line and
# pass; the same config with any one required item broken must fail on
# that item alone, with a recommended item broken must only warn; the debug
# test kernel's config must fail (debugfs, unsigned modules). Then the
# command-line parsing, on one kernel.
#
# Needs the extracted kernel sources of scripts/build-kernel.sh (a kernel
# whose source is missing is skipped). Runs on the host only.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/scripts/lib.sh"
# lib.sh took selftests/ for the top: its kconfig_fragments reads this.
# shellcheck disable=SC2034
CAMSEC_TOP=$top
. "$top/selftests/lib.sh"
check=$top/scripts/check-hardening.sh

# Required items and how each is broken: "item|edit...", where an edit is
# NAME=VALUE, NAME=n ("# CONFIG_NAME is not set") or -NAME (line removed),
# separated by ";".
REQUIRED='
CONFIG_SECURITY_CAMSEC=y|SECURITY_CAMSEC=n
camsec in CONFIG_LSM|LSM="integrity,ima"
CONFIG_SECURITY_CAMSEC_APPSIG_ENFORCE=y|-SECURITY_CAMSEC_APPSIG_ENFORCE
camsec.appsig_lock=1 on a fixed command line|CMDLINE="console=ttyS0"
camsec.appsig_lock=1 on a fixed command line|CMDLINE_OVERRIDE=n
no weakening kernel parameters|CMDLINE="console=ttyS0 camsec.appsig_lock=1 lsm=integrity"
CONFIG_ENCRYPTED_KEYS=y|ENCRYPTED_KEYS=n
CONFIG_MODULE_SIG=y|MODULE_SIG=n
CONFIG_MODULE_SIG_FORCE=y|-MODULE_SIG_FORCE
CONFIG_STRICT_MODULE_RWX=y|STRICT_MODULE_RWX=n
CONFIG_STRICT_KERNEL_RWX=y|STRICT_KERNEL_RWX=n
CONFIG_DEVMEM is not set|DEVMEM=y
CONFIG_DEVPORT is not set|DEVPORT=y
CONFIG_PROC_KCORE is not set|PROC_KCORE=y
CONFIG_DEBUG_FS is not set|DEBUG_FS=y
CONFIG_KEXEC is not set|KEXEC=y
CONFIG_HIBERNATION is not set|HIBERNATION=y
CONFIG_BPF_SYSCALL is not set|BPF_SYSCALL=y;BPF_UNPRIV_DEFAULT_OFF=y
CONFIG_LEGACY_TIOCSTI is not set|LEGACY_TIOCSTI=y
CONFIG_SECURITY_DMESG_RESTRICT=y|SECURITY_DMESG_RESTRICT=n
CONFIG_STACKPROTECTOR_STRONG=y|-STACKPROTECTOR_STRONG
CONFIG_RANDOMIZE_BASE=y|RANDOMIZE_BASE=n
CONFIG_HARDENED_USERCOPY=y|HARDENED_USERCOPY=n
CONFIG_INIT_ON_ALLOC_DEFAULT_ON=y|INIT_ON_ALLOC_DEFAULT_ON=n
'
# Recommended items: broken, the check warns and still passes.
RECOMMENDED='
module signatures with SHA-256 or stronger|MODULE_SIG_SHA512=n;MODULE_SIG_SHA1=y;MODULE_SIG_HASH="sha1"
CONFIG_MODULE_SIG_ALL=y|MODULE_SIG_ALL=n
CONFIG_KEXEC_SIG_FORCE=y if CONFIG_KEXEC_FILE|KEXEC_SIG_FORCE=n
lockdown LSM at integrity level from boot|LOCK_DOWN_KERNEL_FORCE_INTEGRITY=n;LOCK_DOWN_KERNEL_FORCE_NONE=y
CONFIG_INIT_ON_FREE_DEFAULT_ON=y|INIT_ON_FREE_DEFAULT_ON=n
CONFIG_SLAB_FREELIST_RANDOM=y|SLAB_FREELIST_RANDOM=n
CONFIG_SLAB_FREELIST_HARDENED=y|SLAB_FREELIST_HARDENED=n
CONFIG_VMAP_STACK=y|VMAP_STACK=n
CONFIG_RANDOMIZE_MEMORY=y|RANDOMIZE_MEMORY=n
CONFIG_RANDOMIZE_KSTACK_OFFSET_DEFAULT=y|RANDOMIZE_KSTACK_OFFSET_DEFAULT=n
CONFIG_FORTIFY_SOURCE=y|FORTIFY_SOURCE=n
CONFIG_DEBUG_WX=y|DEBUG_WX=n
CONFIG_PANIC_ON_OOPS=y|PANIC_ON_OOPS=n
CONFIG_MAGIC_SYSRQ is not set|MAGIC_SYSRQ=y
CONFIG_LDISC_AUTOLOAD is not set|LDISC_AUTOLOAD=y
CONFIG_COMPAT_BRK is not set|COMPAT_BRK=y
CONFIG_SECCOMP_FILTER=y|SECCOMP_FILTER=n
CONFIG_LEGACY_VSYSCALL_NONE=y|LEGACY_VSYSCALL_NONE=n;LEGACY_VSYSCALL_XONLY=y;X86_VSYSCALL_EMULATION=y
'
# Boot chain command lines (--cmdline, the override removed) and the item
# that must fail, or "pass".
CMDLINES='
camsec.appsig_lock=1|pass
camsec.appsig-lock|pass
console=ttyS0 camsec.appsig_lock=on lsm=integrity,camsec|pass
console=ttyS0|camsec.appsig_lock=1 on a fixed command line
camsec.appsig_lock=1 camsec.appsig_lock=0|camsec.appsig_lock=1 on a fixed command line
console=ttyS0 -- camsec.appsig_lock=1|camsec.appsig_lock=1 on a fixed command line
camsec.appsig_lock=1 lsm="integrity,ima"|no weakening kernel parameters
camsec.appsig_lock=1 nokaslr|no weakening kernel parameters
camsec.appsig_lock=1 init_on_alloc=0|no weakening kernel parameters
camsec.appsig_lock=1 hardened_usercopy=off|no weakening kernel parameters
'
lines() { printf '%s' "$1" | grep -c '|'; }

if grep -qs 'camsec\.mode=' /proc/cmdline; then
	ktap_plan 1
	ktap_skip "hardening check" "host test, not for the VM"
	exit 0
fi

per_kernel=$((5 + $(lines "$REQUIRED") + $(lines "$RECOMMENDED")))
ktap_plan $((2 * per_kernel + 1 + $(lines "$CMDLINES") + 2))

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start=$(date +%s)

# edit IN OUT EDIT...: IN with each named option replaced as asked.
edit() {
	in=$1 out=$2; shift 2
	cp "$in" "$out"
	for e in "$@"; do
		case $e in -*) name=${e#-} ;; *) name=${e%%=*} ;; esac
		sed -i -e "/^CONFIG_$name=/d" -e "/^# CONFIG_$name is not set\$/d" "$out"
		case $e in
		-*) ;;
		*=n) echo "# CONFIG_$name is not set" >> "$out" ;;
		*) echo "CONFIG_$e" >> "$out" ;;
		esac
	done
}

# edits_of "E1;E2": $prod with those edits, into $work/broken.
edits_of() {
	old_ifs=$IFS; IFS=';'
	# shellcheck disable=SC2086 # one edit per field
	set -- $1
	IFS=$old_ifs
	edit "$prod" "$work/broken" "$@"
}

# gen VERSION NAME FRAGMENT...: allnoconfig of the fragments in a scratch
# O= directory, as build-kernel.sh makes it, into $work/VERSION/NAME.config;
# the fragment lines that did not survive into NAME.missing.
gen() {
	ver=$1 name=$2; shift 2
	o=$work/$ver/o
	mkdir -p "$o"
	cat "$@" > "$work/$ver/$name.frag"
	echo "CONFIG_SYSTEM_TRUSTED_KEYS=\"$(pki_dir)/ca.pem\"" >> "$work/$ver/$name.frag"
	make -s -C "$(ksrc_dir "$ver")" O="$o" KCONFIG_ALLCONFIG="$work/$ver/$name.frag" \
		allnoconfig > "$work/$ver/$name.log" 2>&1 || return 1
	cp "$o/.config" "$work/$ver/$name.config"
	grep -E '^CONFIG_[A-Z0-9_]+=' "$work/$ver/$name.frag" | tac | awk -F= '!seen[$1]++' |
		grep -vxFf "$o/.config" | grep -v '=n$' > "$work/$ver/$name.missing" || true
}

# The tree must carry the current LSM, as build-kernel.sh leaves it.
kernel_ready() {
	src=$(ksrc_dir "$1")
	[ -f "$src/.camsec-extracted" ] || return 1
	cmp -s "$top/lsm/Kconfig" "$src/security/camsec/Kconfig" && return 0
	mkdir -p "$CAMSEC_CACHE/build"
	flock "$CAMSEC_CACHE/build/.lock-$1" "$top/scripts/graft-lsm.sh" "$src" >/dev/null
}

# Both kernels' configs at once: allnoconfig builds its conf tool first.
for ver in $KVERSIONS; do
	kernel_ready "$ver" || { echo "no source" > "$work/$ver.skip"; continue; }
	# The production variant in the order kconfig_fragments gives a
	# variant: base, architecture (x86_64: production.config uses its
	# names), variant, version.
	set -- "$top/scripts/kconfig/base.config" "$top/scripts/kconfig/x86_64.config" \
		"$top/scripts/kconfig/production.config"
	[ ! -f "$top/scripts/kconfig/$ver.config" ] || set -- "$@" "$top/scripts/kconfig/$ver.config"
	# shellcheck disable=SC2046 # paths, split as build-kernel.sh splits them
	{ gen "$ver" production "$@" && gen "$ver" debug $(kconfig_fragments debug "$ver"); } ||
		echo "allnoconfig failed" > "$work/$ver.skip" &
done
wait

# expect_fail CONFIG ITEM NAME [ARGS]: the check fails on ITEM and nothing else.
expect_fail() {
	conf=$1 item=$2 name=$3; shift 3
	out=$("$check" "$@" "$conf" 2>&1); rc=$?
	fails=$(printf '%s\n' "$out" | sed -n 's/^FAIL  //p')
	if [ $rc = 1 ] && [ "$fails" = "$item" ]; then
		ktap_pass "$name"
	else
		printf '%s\n' "$out" | grep -A1 -E '^(FAIL|WARN)' | sed 's/^/# /'
		ktap_fail "$name" "exit $rc, expected exit 1 and FAIL on: $item"
	fi
}
# expect_warn CONFIG ITEM NAME: the check passes, warning on ITEM.
expect_warn() {
	out=$("$check" "$1" 2>&1); rc=$?
	if [ $rc = 0 ] && printf '%s\n' "$out" | grep -qxF "WARN  $2"; then
		ktap_pass "$3"
	else
		printf '%s\n' "$out" | grep -A1 -E '^(FAIL|WARN)' | sed 's/^/# /'
		ktap_fail "$3" "exit $rc, expected exit 0 and WARN on: $2"
	fi
}

# break_each LIST EXPECT VERB: each "item|edits" line of LIST applied to
# the config in turn, and EXPECT (expect_fail or expect_warn) checked.
break_each() {
	while IFS='|' read -r item edits; do
		[ -n "$item" ] || continue
		edits_of "$edits"
		"$2" "$work/broken" "$item" "$ver: $3 on $edits"
	done <<-EOF
	$1
	EOF
}

for ver in $KVERSIONS; do
	d=$work/$ver
	if [ -f "$work/$ver.skip" ]; then
		why=$(cat "$work/$ver.skip")
		[ ! -f "$d/production.log" ] || sed 's/^/# /' "$d"/*.log
		i=0
		while [ $i -lt $per_kernel ]; do
			ktap_skip "$ver: hardening" "$why in $(ksrc_dir "$ver")"
			i=$((i + 1))
		done
		continue
	fi
	prod=$d/production.config
	if [ -s "$d/production.missing" ]; then
		sed 's/^/# not accepted: /' "$d/production.missing"
		ktap_fail "$ver: every fragment line survives allnoconfig"
	else
		ktap_pass "$ver: every fragment line survives allnoconfig"
	fi
	ktap_check "$ver: production config passes" "$check" "$prod"

	# TAP mode: a plan, one result per item, no failure.
	tap=$("$check" --tap "$prod"); rc=$?
	plan=$(printf '%s\n' "$tap" | sed -n 's/^1\.\.//p')
	results=$(printf '%s\n' "$tap" | grep -cE '^(not )?ok [0-9]+ ')
	if [ $rc = 0 ] && [ "$plan" = "$results" ] && ! printf '%s\n' "$tap" | grep -q '^not ok'; then
		ktap_pass "$ver: --tap: $results results as planned"
	else
		ktap_fail "$ver: --tap: $results results as planned" "exit $rc, plan $plan"
	fi

	# Every required item the check reports has a breaking case here.
	listed=$("$check" "$prod" | sed -n '/^== required/,/^== /s/^PASS  //p' | sort -u)
	tested=$(printf '%s' "$REQUIRED" | cut -d'|' -f1 | sed '/^$/d' | sort -u)
	if [ "$listed" = "$tested" ]; then
		ktap_pass "$ver: every required item has a breaking case"
	else
		echo "$listed" > "$work/listed"; echo "$tested" > "$work/tested"
		diff "$work/listed" "$work/tested" | sed 's/^/# /'
		ktap_fail "$ver: every required item has a breaking case"
	fi

	break_each "$REQUIRED" expect_fail fails
	break_each "$RECOMMENDED" expect_warn warns

	out=$("$check" "$d/debug.config"); rc=$?
	if [ $rc = 1 ] && printf '%s\n' "$out" | grep -qxF 'FAIL  CONFIG_DEBUG_FS is not set'; then
		ktap_pass "$ver: debug test kernel config fails (debugfs)"
	else
		ktap_fail "$ver: debug test kernel config fails (debugfs)" "exit $rc"
	fi
done

# The command line as a verified boot chain passes it, on the first kernel
# that has a config.
base=
for ver in $KVERSIONS; do
	[ -f "$work/$ver/production.config" ] && { base=$work/$ver/production.config; break; }
done
if [ -n "$base" ]; then
	edit "$base" "$work/bootloader" CMDLINE_OVERRIDE=n CMDLINE_BOOL=n -CMDLINE
	expect_fail "$work/bootloader" "camsec.appsig_lock=1 on a fixed command line" \
		"boot loader command line: lock not fixed"
	while IFS='|' read -r args want; do
		[ -n "$args" ] || continue
		if [ "$want" = pass ]; then
			if out=$("$check" --cmdline "$args" "$work/bootloader" 2>&1); then
				ktap_pass "--cmdline '$args' passes"
			else
				printf '%s\n' "$out" | grep -A1 '^FAIL' | sed 's/^/# /'
				ktap_fail "--cmdline '$args' passes"
			fi
		else
			expect_fail "$work/bootloader" "$want" "--cmdline '$args' fails" --cmdline "$args"
		fi
	done <<-EOF
	$CMDLINES
	EOF
else
	i=0
	while [ $i -lt $(($(lines "$CMDLINES") + 1)) ]; do
		ktap_skip "command line" "no kernel config"
		i=$((i + 1))
	done
fi

# exit_is CODE NAME CMD...: one result, the command's exit status CODE.
exit_is() {
	code=$1 name=$2; shift 2
	"$@" > /dev/null 2>&1
	if [ $? = "$code" ]; then ktap_pass "$name"; else ktap_fail "$name"; fi
}
exit_is 2 "no argument: usage, exit 2" "$check"
exit_is 2 "unreadable config: exit 2" "$check" "$work/nonexistent"

ktap_info "$(($(date +%s) - start)) s"
ktap_finish
