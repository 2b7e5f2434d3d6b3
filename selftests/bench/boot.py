#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The boot time dm-verity adds, on the A/B camera (the Allwinner H3 under
TCG): the cards of scripts/build-bench-cards.sh, each booted in turn, the
order rotated each round. A boot is timed on this host from U-Boot's
"Starting kernel" to the console's prompt (activation, then login), which
camsecd shows once the camera is up. The first boot of each card is left out: it makes
the device's keys. Figures: median [min, max] over the rounds; the ratios
are each round's own.

Usage: boot.py CARDS_DIR FIRMWARE_DIR [ROUNDS]
"""
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.realpath(__file__))), "product"))
from product import Camera  # noqa: E402

CARDS = ("verity", "xattr", "none")
BOOT_S = 600


def spread(values, fmt="%.2f"):
    return (fmt + " [" + fmt + ", " + fmt + "]") % (
        statistics.median(values), min(values), max(values))


def boot_s(cam):
    """One boot of @cam's card: seconds from the kernel's start to the
    console's prompt."""
    cam.boot()
    try:
        cam.expect(r"camsec: booting slot A", BOOT_S)
        cam.expect("Starting kernel", BOOT_S)
        t0 = time.monotonic()
        cam.expect(["administrator name: ", "login: "], BOOT_S)
        return time.monotonic() - t0
    finally:
        cam.power_cut()


def main():
    cards, fw = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    log = open(os.path.join(cards, "console.log"), "w")
    cams = {c: Camera(fw, os.path.join(cards, c), log, board="orangepi-pc") for c in CARDS}
    for c in CARDS:
        print(f"# {c}: first boot (left out) {boot_s(cams[c]):.1f} s", flush=True)
    times = {c: [] for c in CARDS}
    for r in range(rounds):
        order = CARDS[r % len(CARDS):] + CARDS[:r % len(CARDS)]
        for c in order:
            times[c].append(boot_s(cams[c]))
        print("# round %d: %s" % (r + 1, ", ".join(
            f"{c} {times[c][-1]:.1f} s" for c in CARDS)), flush=True)
    print(f"boot to the console's prompt, s, {rounds} rounds: median [min, max]")
    for c in CARDS:
        print(f"  {c:7s} {spread(times[c])}")
    ratio = {
        "verity / none": [v / n for v, n in zip(times["verity"], times["none"])],
        "xattr / none": [x / n for x, n in zip(times["xattr"], times["none"])],
        "verity / xattr": [v / x for v, x in zip(times["verity"], times["xattr"])],
    }
    for name, values in ratio.items():
        print(f"  {name:15s} {spread(values, '%.3f')}")
    added = [v - n for v, n in zip(times["verity"], times["none"])]
    print(f"  dm-verity adds {spread(added)} s to a boot of {statistics.median(times['none']):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
