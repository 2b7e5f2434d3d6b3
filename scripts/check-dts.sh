#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The hardening overlays of dts/, as TAP, against real camera boards of the
# cached kernel trees: each board is built as the kernel builds it (cpp, then
# dtc -@), each overlay compiled with dtc -@ (a warning fails) and applied
# with fdtoverlay, and the effect read back from the result with fdtget:
# the console UART disabled and stdout-path emptied (or both kept, for the
# -console variants), the crypto engine "okay", the OP-TEE node, the pin hogs.
# Negative cases prove the checks can fail: a bare board must fail them, an
# overlay on the wrong board must fail them, one for the wrong SoC must be
# refused by fdtoverlay.
#
# Usage: scripts/check-dts.sh [version...]   (default: 6.1 6.12)
set -eu
. "$(dirname "$0")/lib.sh"

DTS=$CAMSEC_TOP/dts
for tool in "${CPP:=cpp}" "${DTC:=dtc}" fdtoverlay fdtget; do
	command -v "$tool" > /dev/null || die "$tool not found (make deps)"
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tap=$tmp/tap
: > "$tap"
n=0 failed=0

result() { # 0|1 name [diagnostics file]
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n $2" >> "$tap"
	else
		echo "not ok $n $2" >> "$tap"
		failed=$((failed + 1))
		if [ -n "${3:-}" ] && [ -s "$3" ]; then
			sed 's/^/# /' "$3" >> "$tap"
		fi
	fi
}
skip() { n=$((n + 1)); echo "ok $n $1 # SKIP $2" >> "$tap"; }

# What each overlay must do to a board, and to which boards. Fields:
#   expect    pass: every check passes;
#             fail: applies, but some check fails (wrong board, bare board);
#             refused: fdtoverlay refuses it (wrong SoC)
#   overlays  dts/<name>.dtso applied in order, joined by '+'; '-' for none
#   console   off: the board's stdout UART disabled and stdout-path emptied;
#             on: both as the board has them
#   crypto    the crypto engine's path, to be "okay"; '-' if none described
#   optee     yes: /firmware/optee is linaro,optee-tz by smc
#   hogs      pin hogs, ';'-separated controller:group=pins ('-' for none);
#             sunxi pins are names with function gpio_in, rockchip ones the
#             cells of rockchip,pins (bank pin function config), as a pattern
#   boards    kernel board names (arch/arm/boot/dts/**/<board>.dts)
cases() {
	cat <<'EOF'
pass sun8i-v3s-camsec-harden off /soc/crypto@1c15000 no pio:camsec_uart0_off=PB8,PB9 sun8i-v3s-licheepi-zero sun8i-v3s-licheepi-zero-dock sun8i-s3-lichee-zero-plus sun8i-s3-elimo-initium
pass sun8i-v3s-camsec-console on /soc/crypto@1c15000 no - sun8i-v3s-licheepi-zero sun8i-s3-elimo-initium
pass sun8i-h3-camsec-harden off /soc/crypto@1c15000 no pio:camsec_jtag_off=PA0,PA1,PA2,PA3;pio:camsec_uart0_off=PA4,PA5 sun8i-h3-orangepi-pc
pass sun8i-h3-camsec-console on /soc/crypto@1c15000 no pio:camsec_jtag_off=PA0,PA1,PA2,PA3 sun8i-h3-orangepi-pc
pass sun8i-s3-pinecube-camsec-harden off /soc/crypto@1c15000 no pio:camsec_jtag_off=PB11,PB13;pio:camsec_uart2_off=PB0,PB1 sun8i-s3-pinecube
pass sun8i-s3-pinecube-camsec-harden+camsec-optee off /soc/crypto@1c15000 yes pio:camsec_jtag_off=PB11,PB13;pio:camsec_uart2_off=PB0,PB1 sun8i-s3-pinecube
pass sun8i-s3-pinecube-camsec-console on /soc/crypto@1c15000 no pio:camsec_jtag_off=PB11,PB13 sun8i-s3-pinecube
pass rv1126-camsec-harden off - yes pinctrl:camsec_uart2_off=3,2,0,*,3,3,0,* rv1126-edgeble-neu2-io rv1126-sonoff-ihost rv1109-sonoff-ihost
pass rv1126-camsec-console on - yes - rv1126-edgeble-neu2-io
pass artpec6-camsec-harden off /amba@0/crypto@f4264000 no - artpec6-devboard
pass artpec6-camsec-harden+camsec-optee off /amba@0/crypto@f4264000 yes - artpec6-devboard
pass artpec6-camsec-console on /amba@0/crypto@f4264000 no - artpec6-devboard
fail - off /soc/crypto@1c15000 no pio:camsec_uart0_off=PB8,PB9 sun8i-v3s-licheepi-zero
fail - off /soc/crypto@1c15000 no pio:camsec_jtag_off=PA0,PA1,PA2,PA3;pio:camsec_uart0_off=PA4,PA5 sun8i-h3-orangepi-pc
fail - off /soc/crypto@1c15000 no pio:camsec_jtag_off=PB11,PB13;pio:camsec_uart2_off=PB0,PB1 sun8i-s3-pinecube
fail - off - yes pinctrl:camsec_uart2_off=3,2,0,*,3,3,0,* rv1126-edgeble-neu2-io
fail - off /amba@0/crypto@f4264000 no - artpec6-devboard
fail sun8i-v3s-camsec-harden off /soc/crypto@1c15000 no pio:camsec_uart0_off=PB8,PB9 sun8i-s3-pinecube
refused sun8i-v3s-camsec-harden off - no - artpec6-devboard
refused artpec6-camsec-harden off - no - sun8i-s3-pinecube
refused rv1126-camsec-harden off - no - artpec6-devboard
EOF
}

# Every overlay once: they do not depend on the kernel version.
for src in "$DTS"/*.dtso; do
	name=$(basename "$src" .dtso)
	"$DTC" -@ -I dts -O dtb -i "$DTS" -o "$tmp/$name.dtbo" "$src" \
		> "$tmp/log" 2>&1 && ! [ -s "$tmp/log" ] && rc=0 || rc=1
	result "$rc" "dts/$name.dtso compiles with dtc -@, no warning" "$tmp/log"
done

# build_base VERSION BOARD: $tmp/VERSION/BOARD.dtb as the kernel makes it
# (scripts/Makefile.lib, Makefile.dtbs: cpp with include-prefixes, dtc -@),
# one result per board; 0 if the dtb is there. dtc's warnings about the
# kernel's own trees are not ours to judge.
build_base() {
	b_out=$tmp/$1/$2.dtb
	[ -e "$b_out" ] && return 0
	[ -e "$b_out.none" ] && return 1
	b_src=$(ksrc_dir "$1")
	b_dts=$(find "$b_src/arch/arm/boot/dts" -name "$2.dts" | head -n 1)
	if [ -z "$b_dts" ]; then
		: > "$b_out.none"
		skip "$1 $2" "no such board in linux $1"
		return 1
	fi
	b_inc=$b_src/scripts/dtc/include-prefixes
	if "$CPP" -nostdinc -I "$b_inc" -I "$b_src/include" -undef -D__DTS__ \
			-x assembler-with-cpp -o "$tmp/$1/$2.pre" "$b_dts" \
			> "$tmp/log" 2>&1 &&
		"$DTC" -@ -q -I dts -O dtb -b 0 -i "$(dirname "$b_dts")" -i "$b_inc" \
			-o "$b_out" "$tmp/$1/$2.pre" >> "$tmp/log" 2>&1; then
		result 0 "$1 $2 builds (cpp, dtc -@)"
		return 0
	fi
	rm -f "$b_out"
	: > "$b_out.none"
	result 1 "$1 $2 builds (cpp, dtc -@)" "$tmp/log"
	return 1
}

get() { fdtget -t s "$@" 2> /dev/null; }

# The node a stdout-path names ("serial0:115200n8" or "/soc/serial@..:..").
stdout_node() {
	s_p=$(get "$1" /chosen stdout-path) || return 1
	s_p=${s_p%%:*}
	case $s_p in
	/*) echo "$s_p" ;;
	?*) get "$1" /aliases "$s_p" ;;
	*) return 1 ;;
	esac
}

# check NAME CONDITION...: one result, or in quiet mode a count of failures
# (for the negative cases, which must fail at least one).
quiet=0 qfail=0
check() {
	c_name=$1; shift
	if "$@"; then c_rc=0; else c_rc=1; fi
	if [ $quiet = 1 ]; then
		qfail=$((qfail + c_rc))
	else
		result "$c_rc" "$c_name"
	fi
}

status_is() { # dtb path status; no status property means "okay"
	[ "$(get -d okay "$1" "$2" status)" = "$3" ]
}
stdout_empty() { # dtb: stdout-path absent, or names nothing
	! s_p=$(get "$1" /chosen stdout-path) || [ -z "$s_p" ]
}
same_stdout() { # base out
	[ "$(get "$1" /chosen stdout-path)" = "$(get "$2" /chosen stdout-path)" ]
}
optee_on() {
	[ "$(get "$1" /firmware/optee compatible)" = linaro,optee-tz ] &&
		[ "$(get "$1" /firmware/optee method)" = smc ]
}
# hog_on DTB CONTROLLER GROUP PINS: GROUP is in CONTROLLER's own pinctrl-0
# (a hog, taken when the controller probes), and muxes PINS to GPIO input.
hog_on() {
	h_ctl=$(get "$1" /__symbols__ "$2") &&
		h_grp=$(get "$1" /__symbols__ "$3") &&
		h_ph=$(fdtget -t u "$1" "$h_grp" phandle 2> /dev/null) &&
		h_refs=$(fdtget -t u "$1" "$h_ctl" pinctrl-0 2> /dev/null) ||
		return 1
	case " $h_refs " in *" $h_ph "*) ;; *) return 1 ;; esac
	h_want=$(echo "$4" | tr , ' ')
	if h_pins=$(get "$1" "$h_grp" pins); then
		[ "$h_pins" = "$h_want" ] &&
			[ "$(get "$1" "$h_grp" function)" = gpio_in ]
	else
		h_cells=$(fdtget -t u "$1" "$h_grp" rockchip,pins 2> /dev/null) ||
			return 1
		# $h_want is a pattern on purpose ('*' for the config phandle).
		# shellcheck disable=SC2254
		case $h_cells in $h_want) ;; *) return 1 ;; esac
	fi
}

# verify BASE OUT CONSOLE CRYPTO OPTEE HOGS LABEL (sh has no locals: the
# helpers' variables carry a prefix of their own)
verify() {
	v_uart=$(stdout_node "$1") || v_uart=
	if [ -z "$v_uart" ]; then
		check "$7: the board names a console UART" false
	elif [ "$3" = off ]; then
		check "$7: console UART $v_uart disabled" \
			status_is "$2" "$v_uart" disabled
		check "$7: stdout-path names no console" stdout_empty "$2"
	else
		check "$7: console UART $v_uart kept" status_is "$2" "$v_uart" okay
		check "$7: stdout-path kept" same_stdout "$1" "$2"
	fi
	[ "$4" = - ] ||
		check "$7: crypto engine $4 okay" status_is "$2" "$4" okay
	[ "$5" = no ] ||
		check "$7: OP-TEE node (linaro,optee-tz, smc)" optee_on "$2"
	[ "$6" = - ] && return 0
	echo "$6" | tr ';' '\n' > "$tmp/hogs"
	while IFS='=' read -r v_cg v_pins; do
		check "$7: pins $v_pins hogged as GPIO inputs (${v_cg#*:})" \
			hog_on "$2" "${v_cg%%:*}" "${v_cg#*:}" "$v_pins"
	done < "$tmp/hogs"
}

# apply BASE OUT OVERLAYS: fdtoverlay with each dts/<name>.dtbo in order.
apply() {
	a_base=$1 a_out=$2 a_ovls=$3
	set --
	for a_o in $(echo "$a_ovls" | tr + ' '); do
		set -- "$@" "$tmp/$a_o.dtbo"
	done
	fdtoverlay -i "$a_base" -o "$a_out" "$@" > "$tmp/log" 2>&1
}

# shellcheck disable=SC2086 # KVERSIONS (lib.sh) is a list
[ $# -gt 0 ] || set -- $KVERSIONS
for kv in "$@"; do
	if ! [ -d "$(ksrc_dir "$kv")/arch/arm/boot/dts" ]; then
		result 1 "$kv kernel source at $(ksrc_dir "$kv") (make check extracts it)"
		continue
	fi
	mkdir -p "$tmp/$kv"
	cases > "$tmp/cases"
	while read -r expect ovl console crypto optee hogs boards; do
		for b in $boards; do
			build_base "$kv" "$b" || continue
			base=$tmp/$kv/$b.dtb out=$tmp/$kv/$b.$ovl.dtb
			label="$kv $ovl on $b"
			case $expect in
			pass)
				if apply "$base" "$out" "$ovl"; then
					result 0 "$label: fdtoverlay applies it"
					verify "$base" "$out" "$console" "$crypto" \
						"$optee" "$hogs" "$label"
				else
					result 1 "$label: fdtoverlay applies it" "$tmp/log"
				fi
				;;
			fail)
				if [ "$ovl" = - ]; then
					label="$kv $b without overlay"
					out=$base
				elif ! apply "$base" "$out" "$ovl"; then
					result 1 "$label: fdtoverlay applies it" "$tmp/log"
					continue
				fi
				quiet=1 qfail=0
				verify "$base" "$out" "$console" "$crypto" "$optee" \
					"$hogs" "$label"
				quiet=0
				[ $qfail -gt 0 ] && rc=0 || rc=1
				result "$rc" "$label: fails the checks ($qfail failed, as it must)"
				;;
			refused)
				! apply "$base" "$out" "$ovl" && rc=0 || rc=1
				result "$rc" "$label: refused by fdtoverlay (wrong SoC)"
				# Why: the label or path the overlay wants.
				[ "$rc" = 1 ] || grep -v '^$' "$tmp/log" |
					sed "s|$tmp/||; s/^/# /" >> "$tap"
				;;
			esac
		done
	done < "$tmp/cases"
done

echo "TAP version 13"
echo "1..$n"
cat "$tap"
[ $failed -eq 0 ]
