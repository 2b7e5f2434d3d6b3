#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The A/B camera on the Allwinner H3: the SD card of scripts/build-sdcard.sh,
booted by U-Boot, used from its console as product.py uses the virt image.
Slots fail as a bad update or a changed card would make them fail, and the
boot loader falls back. Firmware bundles (scripts/build-bundle.sh), copied
to the administrator's files or sent from this host over TLS, are installed
through camsecd and RAUC, or refused. TAP on stdout.

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
import time
import zlib

from product import PROMPT, PW, Camera, Suite, finish

BOOT_S = 300				# U-Boot, then the kernel, on the H3 under TCG
INSTALL_S = 600				# a bundle's upload and install
ENV_SIZE = 0x10000			# the board's CONFIG_ENV_SIZE
TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
PKI = os.path.join(os.environ.get("CAMSEC_CACHE", os.path.expanduser("~/.cache/camsec")),
                   "pki")


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

    def put_admin_file(self, name, src):
        """@src as /data/admin/@name on the data partition (camera off),
        as an administrator's copy leaves it; None: @name removed."""
        subprocess.run([os.path.join(TOP, "scripts/card-admin-file.sh"), self.path, name]
                       + ([src] if src else []), check=True)


def first_block_of(image, path):
    """The byte offset in EROFS @image of the first block of file @path."""
    out = subprocess.run(["dump.erofs", f"--path={path}", "-e", image], check=True,
                         capture_output=True, text=True).stdout
    m = re.search(r"^\s*0:\s*0\.\.\s*\d+ \|\s*\d+ :\s*(\d+)\.\.", out, re.M)
    assert m, f"dump.erofs: no first extent of {path}: {out}"
    return int(m.group(1))


def sign(content, out, signer="fw-signer", version=None, flip=None, compatible=None):
    """A bundle of @content signed by @signer of the test PKI, as version
    @version for @compatible; @flip: a (file, offset) whose byte is
    changed first."""
    work = tempfile.mkdtemp(prefix="camsec-bundle.")
    try:
        shutil.copytree(content, f"{work}/c")
        m = open(f"{work}/c/manifest.raucm").read()
        if version:
            m = re.sub(r"(?m)^version=.*$", f"version={version}", m)
        if compatible:
            m = re.sub(r"(?m)^compatible=.*$", f"compatible={compatible}", m)
        open(f"{work}/c/manifest.raucm", "w").write(m)
        if flip:
            with open(f"{work}/c/{flip[0]}", "r+b") as f:
                f.seek(flip[1])
                b = f.read(1)
                f.seek(flip[1])
                f.write(bytes([b[0] ^ 0xff]))
        subprocess.run(["rauc", "bundle", f"--cert={PKI}/{signer}.pem",
                        f"--key={PKI}/{signer}.key", f"{work}/c", out],
                       check=True, capture_output=True)
    finally:
        shutil.rmtree(work)
    return out


def make_bundles(fw, device):
    """The bundles the cases install: this image as 2.0.0, and small ones
    that must never reach a slot."""
    ver, variant = re.match(r".*arm-([0-9.]+)-(plain|debug)$", fw.rstrip("/")).groups()
    out = subprocess.run([os.path.join(TOP, "scripts/build-bundle.sh"), ver, variant,
                          "2.0.0", f"{device}/v2"], check=True,
                         stdout=subprocess.PIPE, text=True).stdout.strip()
    b = {"v2": out}
    small = f"{device}/small"
    os.makedirs(small)
    shutil.copy(f"{device}/v2/content/manifest.raucm", small)
    for f in ("kernel.img", "root-verity.img"):
        open(f"{small}/{f}", "wb").write(os.urandom(8192))
    b["older"] = sign(small, f"{device}/older.raucb", version="0.9.0")
    b["between"] = sign(small, f"{device}/between.raucb", version="1.5.0")
    b["rogue"] = sign(small, f"{device}/rogue.raucb", "fw-rogue-signer", "3.0.0")
    b["email"] = sign(small, f"{device}/email.raucb", "fw-wrongpurpose", "3.0.0")
    b["other"] = sign(small, f"{device}/other.raucb", version="3.0.0",
                      compatible="camsec,other-camera")
    # Unsigned: the same squashfs, and no CMS signature after it.
    b["unsigned"] = f"{device}/unsigned.raucb"
    subprocess.run(["mksquashfs", small, b["unsigned"], "-all-root", "-noappend",
                    "-quiet"], check=True, capture_output=True)
    # Tampered: signed, then a byte of its payload changed.
    b["tampered"] = sign(small, f"{device}/tampered.raucb", version="3.0.0")
    with open(b["tampered"], "r+b") as f:
        f.seek(200)
        c = f.read(1)
        f.seek(200)
        f.write(bytes([c[0] ^ 0xff]))
    # Signed and sound, but a byte of its root's superblock changed after
    # the root's verity tree was made: the kernel refuses that root.
    b["badroot"] = sign(f"{device}/v2/content", f"{device}/badroot.raucb",
                        version="3.0.0", flip=("root-verity.img", 1024))
    return b


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
    bundles = make_bundles(fw, device)
    for name, path in bundles.items():
        if name != "badroot":		# the data partition holds two big ones at most
            card.put_admin_file(f"{name}.raucb", path)
    cam = Camera(fw, device, log, board="orangepi-pc")
    t = Suite()
    print("TAP version 13\n1..17", flush=True)

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
        # A byte of camsec-sdes's first block, which holds nothing else (a
        # block of EROFS metadata would take other files with it).
        at = first_block_of(os.path.join(fw, "rootfs.erofs"), "/usr/sbin/camsec-sdes") + 100
        card.write(5, bytes([root[at] ^ 0x20]), at)
        try:
            cam.boot()
            cam.login("admin", PW)
            rc, out = cam.sh("cat /usr/sbin/camsec-sdes > /dev/null")
            assert rc != 0 and "Input/output error" in out, out
            rc, out = cam.sh("/usr/sbin/camsec-sdes --help")
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

    def install(name, wait=True):
        """camsecctl firmware upgrade of /data/admin/@name.raucb: (status,
        output). Its output through a pipe: its progress for people, on a
        tty, would cross the serial line thousands of times."""
        cam.send(f"{{ camsecctl --user admin firmware upgrade /data/admin/{name}.raucb "
                 "2>&1; echo __CTL=$?__; } | cat")
        cam.expect(r"\bPassword: ")
        cam.send(PW)
        if not wait:
            return None
        cam.expect(r"__CTL=(\d+)__", INSTALL_S)
        rc, out = int(cam.vm.match.group(1)), cam.vm.before
        cam.expect(PROMPT)
        return rc, out

    def refused(name, why):
        """@name's bundle refused with @why, before RAUC wrote anything."""
        def case():
            rc, out = install(name)
            assert rc != 0 and re.search(why, out) and "stage=written" not in out, out
            rc, out = cam.ctl("audit show | tail -n 3")
            assert re.search(r"op=firmware-upgrade result=fail .*" + why, out), out
            rc, out = cam.sh("camsecctl firmware status")
            assert re.search(r"^slot=A version=1\.0\.0 active=yes next_boot=yes\r*$",
                             out, re.M), out
        return case

    def first_bundle_refused():
        cam.boot()
        cam.login("admin", PW)
        refused("older", r"version 0\.9\.0: below the floor 1\.0\.0")()
    t.case("older_bundle_refused", first_bundle_refused)
    t.case("unsigned_bundle_refused", refused("unsigned", r"RAUC refused the bundle: "))
    t.case("wrong_signer_bundle_refused",
           refused("rogue", r"signature verification failed: .*unable to get local issuer"))
    t.case("signer_without_code_signing_refused",
           refused("email", r"signature verification failed: .*unsuitable certificate purpose"))
    t.case("bundle_for_another_device_refused",
           refused("other", r"version 3\.0\.0: RAUC did not install the bundle: "
                   r".*Compatible mismatch"))

    def tampered():
        # Its signature holds: RAUC finds the change as it reads the
        # payload through dm-verity, before a slot is written.
        rc, out = install("tampered")
        assert rc != 0 and "RAUC did not install the bundle" in out, out
        cam.sh("sync")
        cam.power_cut()
        env = card.env()
        assert env.get("BOOT_ORDER", "").startswith("A") and \
            env.get("BOOT_A_LEFT") == "3", env
    t.case("tampered_bundle_refused_and_slot_a_kept", tampered)

    def power_cut_in_write():
        # Slot B bootable again, as before an update; the power goes while
        # RAUC writes its root.
        card.set_env(BOOT_ORDER="A B", BOOT_B_LEFT="3")
        new_root = open(f"{device}/v2/content/root-verity.img", "rb").read()
        cam.boot()
        cam.login("admin", PW)
        install("v2", wait=False)
        start = card.parts[6][0]
        with open(card.path, "rb") as f:
            for _ in range(INSTALL_S * 20):
                f.seek(start)
                if f.read(65536) == new_root[:65536]:
                    break
                time.sleep(0.05)
            else:
                raise AssertionError("RAUC never began to write slot B")
        cam.power_cut()
        assert card.read(6)[:len(new_root)] != new_root, "the write had ended"
        cam.boot()
        cam.expect(r"camsec: booting slot A", BOOT_S)
        cam.login("admin", PW)
        rc, out = cam.sh("camsecctl version")
        assert re.search(r"^version: 1\.0\.0\r*$", out, re.M), out
    t.case("power_cut_during_write_boots_the_old_slot", power_cut_in_write)

    def upgrade():
        # From the administrator's computer over TLS, the camera pinned.
        cam.pin()
        rc, out = cam.remote(["firmware", "upgrade", bundles["v2"]], timeout=INSTALL_S)
        assert rc == 0 and re.search(r"^version: 2\.0\.0$", out, re.M) and \
            re.search(r"^slot: B$", out, re.M), out
        rc, out = cam.ctl("audit show | tail -n 3")
        assert re.search(r"op=firmware-upgrade result=ok account=admin source=10\.0\.2\.2 "
                         r".*version=2\.0\.0 slot=B", out), out
        # The updater's session ended with the install: no bus, no RAUC.
        rc, out = cam.sh("ps")
        assert rc == 0 and not re.search(r"dbus-daemon|rauc", out), out
        rc, out = cam.sh("camsecctl firmware status")
        assert re.search(r"^slot=B version= active=no next_boot=yes\r*$", out, re.M) and \
            re.search(r"^floor: 1\.0\.0\r*$", out, re.M), out
        cam.send("camsecctl reboot")
        cam.expect(r"camsec: booting slot B \(A \d, B 2 tries left\)", BOOT_S)
        cam.login("admin", PW)
        rc, out = cam.sh("camsecctl version; camsecctl firmware status")
        assert re.search(r"^version: 2\.0\.0\r*$", out, re.M), out
        assert re.search(r"^floor: 2\.0\.0\r*$", out, re.M), out
        rc, out = cam.ctl("audit show")
        assert re.search(r"op=boot-good result=ok .*slot B marked good.*\n"
                         r".*op=firmware-floor result=ok .*floor=2\.0\.0 slot=B", out), out
    t.case("upgrade_boots_the_new_version_and_raises_the_floor", upgrade)

    def below_new_floor():
        # 1.5.0 would have installed before the upgrade.
        rc, out = install("between")
        assert rc != 0 and re.search(r"version 1\.5\.0: below the floor 2\.0\.0", out) and \
            "stage=written" not in out, out
    t.case("bundle_below_the_new_floor_refused", below_new_floor)

    def bad_slot_falls_back():
        # A bundle whose root the kernel refuses: it installs, slot A does
        # not come up three times, slot B boots, and the trail says so.
        cam.sh("sync")
        cam.power_cut()
        card.put_admin_file("v2.raucb", None)
        card.put_admin_file("badroot.raucb", bundles["badroot"])
        cam.boot()
        cam.login("admin", PW)
        rc, out = install("badroot")
        assert rc == 0 and re.search(r"^slot: A\r*$", out, re.M), out
        cam.send("camsecctl reboot")
        for left in (2, 1, 0):
            cam.expect(rf"camsec: booting slot A \(A {left}, B \d tries left\)", BOOT_S)
            cam.expect("camsec boot: the root filesystem does not mount; "
                       "the camera restarts", BOOT_S)
        cam.expect(r"camsec: booting slot B", BOOT_S)
        cam.login("admin", PW)
        rc, out = cam.ctl("audit show")
        assert re.search(r"op=boot-fallback result=fail .*slot A did not come up "
                         r"\(0 tries left\): slot B booted", out), out
        rc, out = cam.sh("camsecctl version; camsecctl firmware status")
        assert re.search(r"^version: 2\.0\.0\r*$", out, re.M) and \
            re.search(r"^floor: 2\.0\.0\r*$", out, re.M), out
        cam.power_cut()
    t.case("bundle_whose_slot_does_not_come_up_falls_back_audited", bad_slot_falls_back)

    return finish(t, device, log)


if __name__ == "__main__":
    sys.exit(main())
