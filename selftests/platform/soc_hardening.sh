#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# On an Allwinner H3 (QEMU's orangepi-pc, its device tree built with a
# dts/sun8i-h3-camsec-*.dtso overlay): the overlay took effect in the
# running kernel. Either the debug UART is off and no console is named, or
# both are kept for the console login (the console overlay); the JTAG pins,
# and the UART's when it is off, are GPIO inputs in the pin controller's
# own account; the crypto engine's node is okay. Other machines skip.
. ../lib.sh

dt=/sys/firmware/devicetree/base
if ! tr '\000' ' ' < "$dt/compatible" 2>/dev/null | grep -q 'allwinner,sun8i-h3'; then
	ktap_plan 1
	ktap_skip "soc hardening" "not an Allwinner H3"
	ktap_finish
fi
[ -d /sys/kernel/debug/pinctrl ] || mount -t debugfs none /sys/kernel/debug 2>/dev/null

prop() { tr -d '\000' < "$dt/$1" 2>/dev/null; }
muxed() { # PIN FUNCTION: the pin controller gave PIN to FUNCTION
	grep -q "^pin [0-9]* ($1): .* function $2 group $1\$" \
		/sys/kernel/debug/pinctrl/1c20800.pinctrl/pinmux-pins
}
pins_muxed() { # FUNCTION PIN...
	f=$1; shift
	for p; do muxed "$p" "$f" || { echo "$p is not $f"; return 1; }; done
}
console_pins() {
	pins_muxed gpio_in PA0 PA1 PA2 PA3 && pins_muxed uart0 PA4 PA5
}
console_off() {
	[ "$(prop soc/serial@1c28000/status)" = disabled ] &&
		[ -z "$(prop chosen/stdout-path)" ] &&
		! grep -qs ttyS /sys/class/tty/console/active
}
console_kept() {
	[ "$(prop soc/serial@1c28000/status)" = okay ] &&
		[ -n "$(prop chosen/stdout-path)" ] &&
		grep -qs ttyS0 /sys/class/tty/console/active
}

ktap_plan 4
ktap_check "the camsec overlay is in the live device tree" \
	test -e "$dt/__symbols__/camsec_jtag_off"
if console_off; then
	ktap_pass "debug UART off, no console named or active"
	ktap_check "JTAG pins PA0-PA3 and UART pins PA4, PA5 are GPIO inputs" \
		pins_muxed gpio_in PA0 PA1 PA2 PA3 PA4 PA5
elif console_kept; then
	ktap_pass "debug UART kept as the console (console overlay)"
	ktap_check "JTAG pins PA0-PA3 are GPIO inputs, PA4, PA5 the UART's" \
		console_pins
else
	ktap_fail "debug UART off, no console named or active" \
		"uart0 $(prop soc/serial@1c28000/status), stdout-path '$(prop chosen/stdout-path)', consoles '$(cat /sys/class/tty/console/active)'"
	ktap_fail "the UART's and JTAG pins" "the console is neither off nor kept"
fi
ktap_check "crypto engine node okay" test "$(prop soc/crypto@1c15000/status)" = okay
ktap_finish
