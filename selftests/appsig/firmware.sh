#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Firmware the kernel loads from files must be signed too. The kernel's
# test_firmware driver requests firmware on demand.
. ../lib.sh
. ./common.sh

trigger=/sys/devices/virtual/misc/test_firmware/trigger_request
ktap_plan 2
if [ ! -w "$trigger" ]; then
	ktap_skip unsigned_firmware_refused "kernel without CONFIG_TEST_FIRMWARE"
	ktap_skip signed_firmware_loads "kernel without CONFIG_TEST_FIRMWARE"
	ktap_finish
fi
load_key
set_mode enforce
printf %s "$work" > /sys/module/firmware_class/parameters/path
echo "camsec test firmware" > "$work/camsec-test.fw"

request() { printf camsec-test.fw > "$trigger"; }
unsigned_firmware() {
	before=$(stat_of reason.no_signature)
	request 2>/dev/null && { echo "loaded"; return 1; }
	[ "$(stat_of reason.no_signature)" -gt "$before" ]
}
ktap_check unsigned_firmware_refused unsigned_firmware
sign "$work/camsec-test.fw"
ktap_check signed_firmware_loads request
ktap_finish
