#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Run QEMU as a board whose watchdog resets it.

QEMU 7.2's Allwinner H3 (-M orangepi-pc) has no watchdog, which is how
U-Boot and Linux reset that SoC: a reset asked for does not happen (U-Boot
says so; Linux waits in U-Boot's PSCI firmware for good). This runs the
QEMU command given, passes its console through, and resets the machine
(QMP system_reset) when the console says a reset is due, as the board's
watchdog would. The exit status is QEMU's.

Usage: qemu-watchdog.py QEMU ARGS...
"""
import json
import os
import re
import select
import socket
import subprocess
import sys
import tempfile
import time

# What U-Boot and Linux print when a reset is due, and how many seconds
# until it is: U-Boot's failed reset; Linux's reboot, and its panic's.
DUE = (
    (re.compile(rb"Please RESET the board"), lambda m: 0),
    (re.compile(rb"reboot: Restarting system"), lambda m: 2),
    (re.compile(rb"Rebooting in (\d+) seconds"), lambda m: int(m.group(1)) + 2),
)


def qmp(path):
    """A QMP connection to QEMU at @path, ready for commands."""
    for _ in range(100):
        try:
            s = socket.socket(socket.AF_UNIX)
            s.connect(path)
            break
        except OSError:
            s.close()
            time.sleep(0.05)
    else:
        return None
    f = s.makefile("rw")
    f.readline()				# the greeting
    f.write(json.dumps({"execute": "qmp_capabilities"}) + "\n")
    f.flush()
    f.readline()
    return f


def main():
    tmp = tempfile.mkdtemp(prefix="camsec-qmp.")
    path = os.path.join(tmp, "qmp")
    vm = subprocess.Popen(sys.argv[1:] + ["-qmp", f"unix:{path},server=on,wait=off"],
                          stdout=subprocess.PIPE)
    monitor = qmp(path)
    tail = b""
    reset_at = None
    out = sys.stdout.buffer
    while True:
        wait = None if reset_at is None else max(0, reset_at - time.monotonic())
        if select.select([vm.stdout], [], [], wait)[0]:
            data = os.read(vm.stdout.fileno(), 4096)
            if not data:
                break
            out.write(data)
            out.flush()
            tail = (tail + data)[-256:]
            for pattern, delay in DUE:
                m = pattern.search(tail)
                if m and monitor and reset_at is None:
                    reset_at = time.monotonic() + delay(m)
                    tail = b""
        if reset_at is not None and time.monotonic() >= reset_at:
            reset_at = None
            monitor.write(json.dumps({"execute": "system_reset"}) + "\n")
            monitor.flush()
            monitor.readline()
    os.unlink(path) if os.path.exists(path) else None
    os.rmdir(tmp)
    return vm.wait()


if __name__ == "__main__":
    sys.exit(main())
