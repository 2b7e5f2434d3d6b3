#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The shipped policy, role by role and class by class: every access the
# policy gives succeeds, every other is refused with EACCES, for root
# without a role as for the roles the authority grants.
. ../lib.sh
. ./common.sh

auth=$(pwd)/bin/authority
try=$(pwd)/bin/try
ktap_plan 50
sed "s|^authority .*|$(authority_of "$auth")|" "$default_policy" > "$work/policy"
load "$work/policy" > /dev/null
chmod 755 "$work"
mknod "$work/video" c 81 0
mknod "$work/vcrypt" c 10 250	# /dev/camsec_vcrypt, class video too
grep -q "^camsec_vcrypt " /proc/modules ||
	{ insmod /lib/modules/camsec/camsec_vcrypt.ko && vcrypt_loaded=1; }
mknod "$work/console" c 4 64	# ttyS0
mknod "$work/console_pl011" c 204 64	# ttyAMA0, the console of PL011 SoCs
for f in config auditlog userdb firmware updater; do
	echo "$f data" > "$work/$f"
	"$auth" label "$work/$f" $f
done
# A user-management program: a signed copy of try, which prints "ok".
signed_copy "$try" "$work/usermgmt"
"$auth" label "$work/usermgmt" usermgmt

# what ROLE CLASS: the accesses, one "mode=result" each.
what() {
	role=$1 obj=$work/$2 modes="r w"
	[ "$2" = usermgmt ] && modes="r w x m"
	for m in $modes; do
		case $role in
		none) res=$("$try" $m "$obj") ;;
		authority) res=$("$auth" try $m "$obj") ;;
		*) res=$("$auth" run "$role" 1 "$try" $m "$obj") ;;
		esac
		printf '%s=%s ' $m "$res"
	done
}

# cell ROLE CLASS ALLOWED: ALLOWED modes succeed, the others are refused
# with EACCES. (A device with no driver answers ENXIO once the policy lets
# the open through.)
cell() {
	got=$(what "$1" "$2")
	echo "$1 $2: $got(allowed: $3)"
	for pair in $got; do
		m=${pair%%=*} res=${pair#*=}
		case $3 in
		*$m*) case $res in ok|ENXIO) ;; *) return 1 ;; esac ;;
		*) [ "$res" = EACCES ] || return 1 ;;
		esac
	done
}

row() {
	class=$1; shift
	for role in none user admin authority updater; do
		ktap_check "${class}_${role}" cell $role $class "$1"
		shift
	done
}
#         class    none user  admin  authority updater
row video    -    rw    rw     rw     -
row vcrypt   -    rw    rw     rw     -
row console  -    -     rw     rw     -
row console_pl011 - -   rw     rw     -
row config   -    -     rw     rw     -
row auditlog -    r     r      rw     -
row userdb   -    -     -      rw     -
row firmware -    -     -      rw     r
row updater  -    -     -      rw     rw
row usermgmt -    -     -      rxm    -
authority_of "$auth" > "$work/policy" && load "$work/policy" > /dev/null
[ -n "$vcrypt_loaded" ] && rmmod camsec_vcrypt
ktap_finish
