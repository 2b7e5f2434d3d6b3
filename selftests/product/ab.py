#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The A/B camera on the Allwinner H3: the SD card of scripts/build-sdcard.sh,
booted by U-Boot, used from its console as product.py uses the virt image.
Slots fail as a bad update or a changed card would make them fail, and the
boot loader falls back. TAP on stdout.

Usage: ab.py FIRMWARE_DIR   (scripts/build-sdcard.sh's)
"""
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

from product import PW, Camera, Suite, finish

BOOT_S = 300				# U-Boot, then the kernel, on the H3 under TCG
ENV_SIZE = 0x10000			# the board's CONFIG_ENV_SIZE


class Card:
    """The SD card image of a device: partitions, U-Boot's environment."""

    def __init__(self, path):
        self.path = path
        table = json.loads(subprocess.run(["sfdisk", "-J", path], check=True,
                                          capture_output=True).stdout)
        self.parts = {int(p["node"][len(path):]): (p["start"] * 512, p["size"] * 512)
                      for p in table["partitiontable"]["partitions"]}

    def _fat(self):
        return f"{self.path}@@{self.parts[1][0]}"

    def env(self):
        """U-Boot's environment on the boot partition, as a dict."""
        out = subprocess.run(["mtype", "-i", self._fat(), "::uboot.env"],
                             check=True, capture_output=True).stdout
        assert len(out) == ENV_SIZE, f"uboot.env: {len(out)} bytes"
        crc, data = struct.unpack("<I", out[:4])[0], out[4:]
        assert zlib.crc32(data) == crc, "uboot.env: bad CRC"
        pairs = data.split(b"\0\0", 1)[0].split(b"\0")
        return dict(p.decode().split("=", 1) for p in pairs if p)

    def set_env(self, **changes):
        env = self.env()
        env.update(changes)
        data = b"".join(f"{k}={v}".encode() + b"\0" for k, v in sorted(env.items()))
        data = (data + b"\0").ljust(ENV_SIZE - 4, b"\0")
        with tempfile.NamedTemporaryFile() as f:
            f.write(struct.pack("<I", zlib.crc32(data)) + data)
            f.flush()
            subprocess.run(["mcopy", "-o", "-i", self._fat(), f.name, "::uboot.env"],
                           check=True)

    def write(self, part, data, at=0):
        start, size = self.parts[part]
        assert at + len(data) <= size, f"partition {part} is {size} bytes"
        with open(self.path, "r+b") as f:
            f.seek(start + at)
            f.write(data)

    def read(self, part):
        start, size = self.parts[part]
        with open(self.path, "rb") as f:
            f.seek(start)
            return f.read(size)


def first_block_of(image, path):
    """The byte offset in EROFS @image of the first block of file @path."""
    out = subprocess.run(["dump.erofs", f"--path={path}", "-e", image], check=True,
                         capture_output=True, text=True).stdout
    m = re.search(r"^\s*0:\s*0\.\.\s*\d+ \|\s*\d+ :\s*(\d+)\.\.", out, re.M)
    assert m, f"dump.erofs: no first extent of {path}: {out}"
    return int(m.group(1))


def main():
    fw = sys.argv[1]
    device = tempfile.mkdtemp(prefix="camsec-ab.")
    log = open(os.path.join(device, "console.log"), "w")
    shutil.copy(os.path.join(fw, "sdcard.img"), os.path.join(device, "sdcard.img"))
    card = Card(os.path.join(device, "sdcard.img"))
    root = open(os.path.join(fw, "root-verity.img"), "rb").read()
    # A fresh device: its data partition empty, its own key.
    subprocess.run(["truncate", "-s", "64M", f"{device}/data.ext4"], check=True)
    subprocess.run(["mkfs.ext4", "-q", "-L", "camsec-data", f"{device}/data.ext4"],
                   check=True)
    card.write(7, os.urandom(32) + bytes(480))
    card.write(8, open(f"{device}/data.ext4", "rb").read())
    cam = Camera(fw, device, log, board="orangepi-pc")
    t = Suite()
    print("TAP version 13\n1..8", flush=True)

    def boot_a():
        cam.boot()
        cam.expect(r"camsec: booting slot A \(A 2, B 3 tries left\)", BOOT_S)
        i = cam.expect(["administrator name: ", "login: "], BOOT_S)
        assert i == 0, "a fresh device offered a login, not activation"
        cam.activate("admin", PW)
        cam.login("admin", PW)
    t.case("slot_a_boots_through_uboot_and_activates", boot_a)

    def verity_root():
        rc, out = cam.sh("camsec-info")
        assert rc == 0 and re.search(r"^code trusted: +verity\r*$", out, re.M), out
        assert "enforce, locked" in out, out
        rc, out = cam.sh("grep ' / ' /proc/mounts")
        assert re.search(r"^/dev/(mapper/camsec-root|dm-0) / erofs ro", out, re.M), out
        rc, out = cam.sh("camsecctl status")
        assert rc == 0 and re.search(r"boot_slot\W+A\r*$", out, re.M), out
    t.case("root_is_a_signed_verity_volume_trusted_alone", verity_root)

    def marked_good():
        rc, out = cam.ctl("audit show")
        assert rc == 0 and re.search(r"op=boot-good result=ok .*slot A marked good", out), out
        cam.sh("sync")
        cam.power_cut()
        env = card.env()
        assert env.get("BOOT_A_LEFT") == "3" and env.get("BOOT_ORDER") == "A B", env
    t.case("booted_slot_marked_good_in_the_boot_environment", marked_good)

    def changed_block():
        # A byte of the viewer's first block, which holds nothing else (a
        # block of EROFS metadata would take other files with it).
        at = first_block_of(os.path.join(fw, "rootfs.erofs"), "/usr/sbin/camsec-vrecv") + 100
        card.write(5, bytes([root[at] ^ 0x20]), at)
        try:
            cam.boot()
            cam.login("admin", PW)
            rc, out = cam.sh("cat /usr/sbin/camsec-vrecv > /dev/null")
            assert rc != 0 and "Input/output error" in out, out
            rc, out = cam.sh("/usr/sbin/camsec-vrecv --help")
            assert rc != 0 and "Input/output error" in out, out
            rc, out = cam.sh("camsecctl status")
            assert rc == 0, "an unchanged program no longer runs: " + out
        finally:
            cam.power_cut()
            card.write(5, root[at:at + 1], at)
    t.case("changed_block_of_the_root_does_not_read_or_run", changed_block)

    def slot_b_fails_then_a_boots(failure):
        """Slot B first with 3 tries: each ends in @failure; then slot A."""
        card.set_env(BOOT_ORDER="B A", BOOT_B_LEFT="3")
        cam.boot()
        for left in (2, 1, 0):
            cam.expect(rf"camsec: booting slot B \(A \d, B {left} tries left\)", BOOT_S)
            cam.expect(failure, BOOT_S)
        cam.expect(r"camsec: booting slot A", BOOT_S)
        cam.login("admin", PW)

    def empty_slot_b():
        # Slot B first, and nothing in it: a write that never finished.
        slot_b_fails_then_a_boots("camsec: slot B did not boot")
        rc, out = cam.ctl("audit show")
        assert re.search(r"op=boot-fallback result=fail .*slot B did not come up "
                         r"\(0 tries left\): slot A booted", out), out
    t.case("slot_that_does_not_load_falls_back_audited", empty_slot_b)

    def fallback_once():
        cam.sh("sync")
        cam.power_cut()
        env = card.env()
        assert env.get("BOOT_ORDER") == "A B" and env.get("BOOT_B_LEFT") == "0", env
    t.case("fallback_recorded_once_and_the_order_kept", fallback_once)

    def changed_root_b():
        # Slot B's kernel is sound, its root has a changed block: the
        # kernel refuses the root, the camera restarts, B runs out of tries.
        card.write(3, open(os.path.join(fw, "slot.itb"), "rb").read())
        bad = bytearray(root)
        bad[1024] ^= 0xff			# the EROFS superblock
        card.write(6, bytes(bad))
        slot_b_fails_then_a_boots("camsec boot: the root filesystem does not mount; "
                                  "the camera restarts")
        rc, out = cam.ctl("audit show")
        assert len(re.findall(r"op=boot-fallback result=fail .*slot B did not come up",
                              out)) == 2, out
        cam.power_cut()
    t.case("slot_whose_root_fails_verity_falls_back", changed_root_b)

    return finish(t, device, log)


if __name__ == "__main__":
    sys.exit(main())
