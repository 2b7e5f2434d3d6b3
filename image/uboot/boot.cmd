# SPDX-License-Identifier: GPL-2.0-only
#
# U-Boot script of the A/B camera (mkimage -T script makes boot.scr): the
# slot to boot and its tries left live in the U-Boot environment, as
# RAUC's U-Boot backend keeps them. Each boot takes one try from the first
# slot in BOOT_ORDER that has one; a slot that runs out is passed over,
# and a booted system that comes up well gives its slot its tries back
# (rauc status mark-good). Slot A boots kernel partition 2 and root 5,
# slot B kernel 3 and root 6.

test -n "${BOOT_ORDER}" || setenv BOOT_ORDER "A B"
test -n "${BOOT_A_LEFT}" || setenv BOOT_A_LEFT 3
test -n "${BOOT_B_LEFT}" || setenv BOOT_B_LEFT 3

setenv slot
for s in ${BOOT_ORDER}; do
	if test -n "${slot}"; then
		true
	elif test "${s}" = A && test ${BOOT_A_LEFT} -gt 0; then
		setexpr BOOT_A_LEFT ${BOOT_A_LEFT} - 1
		setenv slot A; setenv kpart 2; setenv rpart 5
	elif test "${s}" = B && test ${BOOT_B_LEFT} -gt 0; then
		setexpr BOOT_B_LEFT ${BOOT_B_LEFT} - 1
		setenv slot B; setenv kpart 3; setenv rpart 6
	fi
done

if test -z "${slot}"; then
	# Both slots failed their tries: start over rather than stop, as
	# RAUC's reference script does.
	echo "camsec: no slot has tries left; both get theirs back"
	setenv BOOT_A_LEFT 3
	setenv BOOT_B_LEFT 3
	saveenv
	reset
fi
saveenv
echo "camsec: booting slot ${slot} (A ${BOOT_A_LEFT}, B ${BOOT_B_LEFT} tries left)"

# The slot's FIT image (kernel, device tree, boot initramfs), read from
# its raw partition above the addresses the kernel is unpacked to: its
# header, then as many blocks as the header says it has, within the
# partition (U-Boot's numbers are hex). The command line takes nothing
# from the environment but the slot: who could write the environment
# could otherwise unlock camsec.
setenv fit_addr 0x48000000
part start mmc 0 ${kpart} kstart
part size mmc 0 ${kpart} ksize
mmc read ${fit_addr} ${kstart} 1
if fdt addr ${fit_addr}; then
	fdt header get fitsize totalsize
	setexpr fitblocks ${fitsize} + 1ff
	setexpr fitblocks ${fitblocks} / 200
else
	setenv fitblocks ${ksize}
fi
if itest ${fitblocks} -gt ${ksize}; then
	setenv fitblocks ${ksize}
fi
mmc read ${fit_addr} ${kstart} ${fitblocks}
setenv bootargs "console=ttyS0,115200 panic=10 oops=panic quiet camsec.appsig_lock=1 camsec.appsig_trust=verity rauc.slot=${slot} camsec.root=/dev/mmcblk0p${rpart} camsec.boot=/dev/mmcblk0p1 camsec.otp=/dev/mmcblk0p7 camsec.data=/dev/mmcblk0p8"
bootm ${fit_addr}
# A slot whose image does not start costs its try: reset, as a watchdog would.
echo "camsec: slot ${slot} did not boot"
reset
