#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The product suite: the firmware image that `make run` boots, used from
its serial console as a person would, on a device of its own (a fresh data
partition and OTP). Each step has a time limit. TAP on stdout.

Usage: product.py FIRMWARE_DIR
"""
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

import pexpect

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEBUG = "-debug" in os.path.realpath(sys.argv[1]) if len(sys.argv) > 1 else False
SLOW = 3 if DEBUG else 1			# the debug kernel's TCG pace
BOOT_S = 180 * SLOW
STEP_S = 60 * SLOW
PW = "Camera-Admin-7x!"
PW_USER = "Viewer-Pass-9q?"
PROMPT = "camsec admin:"
SPLAT = re.compile(r"BUG:|WARNING:|KASAN|UBSAN|Oops|general protection|"
                   r"kernel BUG|Call Trace:|INFO: (possible|trying|task|rcu)")


class Camera:
    """One device: its disks in @device, booted from the image @fw."""

    def __init__(self, fw, device, log, board=None):
        self.fw, self.device, self.log, self.board = fw, device, log, board
        self.vm = None
        self.pinned = None
        # This host's end of the camera's remote management (TLS).
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.tls_port = s.getsockname()[1]

    def boot(self, rootfs=None):
        fw = self.fw
        if rootfs:		# another root image: a directory like fw's
            fw = os.path.join(self.device, "altfw")
            os.makedirs(fw, exist_ok=True)
            for f in ("kernel", "boot.cpio.gz"):
                dst = os.path.join(fw, f)
                if not os.path.lexists(dst):
                    os.symlink(os.path.realpath(os.path.join(self.fw, f)), dst)
            shutil.copy(rootfs, os.path.join(fw, "rootfs.erofs"))
        board = ["--board", self.board] if self.board else []
        self.vm = pexpect.spawn(
            os.path.join(TOP, "scripts/run-vm.sh"),
            ["--firmware", fw, "--device", self.device, "--append", "loglevel=5",
             "--tls-port", str(self.tls_port)] + board,
            encoding="utf-8", codec_errors="replace", timeout=STEP_S,
            dimensions=(50, 200))
        self.vm.logfile_read = self.log

    def expect(self, pattern, timeout=STEP_S):
        return self.vm.expect(pattern, timeout=timeout)

    def send(self, line):
        self.vm.sendline(line)

    def activate(self, name, password):
        """At the activation prompt: the administrator's account."""
        self.send(name)
        self.expect("New password: ")
        self.send(password)
        self.expect("Again: ")
        self.send(password)
        self.expect("login: ")
        self.send("")				# back to a fresh prompt

    def login(self, name, password, want=PROMPT):
        self.expect("login: ", BOOT_S)
        self.send(name)
        self.expect("Password: ")
        self.send(password)
        self.expect(want)
        if want == PROMPT:	# no line wrapping in the echo of long commands
            self.sh("stty cols 1000")

    def sh(self, cmd, timeout=STEP_S):
        """Run @cmd in the console shell: (status, output)."""
        self.send(f"{cmd}; echo __RC=$?__")
        self.expect(r"__RC=(\d+)__", timeout)
        rc = int(self.vm.match.group(1))
        out = self.vm.before.rsplit("__RC=$?__", 1)[-1]	# after the echo
        self.expect(PROMPT)
        return rc, out

    def ctl(self, args, new_password=None, timeout=STEP_S):
        """camsecctl as the console's admin, prompts answered: (status, output)."""
        self.send(f"camsecctl --user admin {args}; echo __RC=$?__")
        out = ""
        while True:
            i = self.expect([r"\bPassword: ", r"(New password|Again): ",
                             r"__RC=(\d+)__"], timeout)
            out += self.vm.before
            if i == 2:
                break
            self.send(PW if i == 0 else new_password)
        rc = int(self.vm.match.group(1))
        self.expect(PROMPT)
        return rc, out

    def pin(self):
        """The camera's certificate as its console shows it, kept on this
        host for camsecctl --device: its path."""
        rc, out = self.sh("camsecctl identity certificate")
        m = re.search(r"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----", out, re.S)
        assert rc == 0 and m, out
        self.pinned = os.path.join(self.device, "camera.pem")
        with open(self.pinned, "w") as f:
            f.write(m.group(0).replace("\r", "") + "\n")
        return self.pinned

    def remote(self, args, user="admin", password=PW, pin=None, timeout=STEP_S):
        """camsecctl on this host, over TLS to the camera with its pinned
        certificate: (status, output)."""
        r, w = os.pipe()
        os.write(w, (password + "\n").encode())
        os.close(w)
        try:
            p = subprocess.run(
                [os.path.join(self.fw, "host", "camsecctl"), "--remote",
                 f"127.0.0.1:{self.tls_port}", "--device", pin or self.pinned,
                 "--user", user, "--password-fd", str(r)] + args,
                pass_fds=(r,), capture_output=True, text=True, timeout=timeout)
        finally:
            os.close(r)
        return p.returncode, p.stdout + p.stderr

    def power_cut(self):
        if self.vm and self.vm.isalive():
            os.killpg(self.vm.pid, signal.SIGKILL)
            self.vm.wait()
        self.vm = None

    def sysrq(self, key):
        """A break on the serial line (QEMU: ^A b), then the SysRq key."""
        self.vm.send("\x01b")
        time.sleep(0.5)
        self.vm.send(key)


class Suite:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def case(self, name, fn):
        self.n += 1
        try:
            fn()
            print(f"ok {self.n} {name}", flush=True)
        except Exception as e:	# a case fails, not the whole suite
            self.failed += 1
            what = repr(str(e))[:400] if str(e) else type(e).__name__
            print(f"# {name}: {what}", flush=True)
            print(f"not ok {self.n} {name}", flush=True)


def flip_byte_in(image, marker, out):
    """Copy @image to @out with one byte of @marker's first copy changed."""
    data = bytearray(open(image, "rb").read())
    at = data.find(marker)
    assert at >= 0, f"{marker!r} not found in {image}"
    data[at] ^= 0x20
    open(out, "wb").write(data)


def main():
    fw = sys.argv[1]
    device = tempfile.mkdtemp(prefix="camsec-product.")
    log = open(os.path.join(device, "console.log"), "w")
    subprocess.run(["truncate", "-s", "64M", f"{device}/data.ext4"], check=True)
    subprocess.run(["mkfs.ext4", "-q", "-L", "camsec-data", f"{device}/data.ext4"],
                   check=True)
    with open(f"{device}/otp.bin", "wb") as f:
        f.write(os.urandom(32) + bytes(480))
    cam = Camera(fw, device, log)
    t = Suite()
    print("TAP version 13\n1..22", flush=True)

    def activation_only():
        cam.boot()
        i = cam.expect(["administrator name: ", "login: "], BOOT_S)
        assert i == 0, "a fresh device offered a login, not activation"
    t.case("fresh_device_offers_activation_only", activation_only)

    def weak_refused():
        cam.send("admin")
        cam.expect("New password: ")
        cam.send("admin")
        cam.expect("Again: ")
        cam.send("admin")
        cam.expect(r"camsecctl: [^\r\n]*password")
        cam.expect("administrator name: ")	# and nothing else offered
    t.case("weak_password_refused_at_activation", weak_refused)

    t.case("activation_then_login_prompt", lambda: cam.activate("admin", PW))

    def admin_shell():
        cam.login("admin", PW)
        rc, out = cam.sh("cat /sys/kernel/security/camsec/access/whoami; id -u")
        assert rc == 0 and re.search(r"^admin [1-9]\d*\r*$", out, re.M), out
        assert re.search(r"^65534\r*$", out, re.M), f"not the unprivileged uid: {out}"
        rc, out = cam.sh("camsec-info")
        assert rc == 0 and "enforce, locked" in out, out
        assert re.search(r"^code trusted: +xattr\r*$", out, re.M), out
        assert re.search(r"access policy: +sha256:[0-9a-f]{64}, locked", out), out
    t.case("admin_console_shell_has_admin_role", admin_shell)

    def add_user():
        rc, out = cam.ctl("user add alice user", PW_USER)
        assert rc == 0, out
        rc, out = cam.ctl("config set session_idle_s 24")
        assert rc == 0, out
    t.case("user_account_added_from_console", add_user)

    def session_shell():
        # camsecctl in the login's shell acts for its session: no password
        # again (stdin is /dev/null, so a prompt would fail).
        rc, out = cam.sh("camsecctl whoami < /dev/null")
        assert rc == 0 and re.search(r"^account: admin\r*$", out, re.M), out
        rc, out = cam.sh("camsecctl user list < /dev/null")
        assert rc == 0 and "alice" in out, out
    t.case("console_shell_acts_for_its_session", session_shell)

    def open_port():
        rc, out = cam.sh("camsecctl net show")
        assert rc == 0 and re.search(r"^open: tcp/8443\r*$", out, re.M) and \
            re.search(r"^from: factory\r*$", out, re.M), out
        rc, out = cam.sh("camsecctl net set --port tcp/8443 --port tcp/23")
        assert rc != 0 and "accept-risk" in out, out
        rc, out = cam.sh("camsecctl net set --port tcp/8443 --port tcp/443")
        assert rc == 0, out
        rc, out = cam.sh("camsecctl net show")
        assert re.search(r"^open: tcp/443,tcp/8443\r*$", out, re.M) and \
            re.search(r"^from: administrator\r*$", out, re.M), out
    t.case("port_opened_from_console", open_port)

    def managed_remotely():
        # The README's way: the camera's certificate read on its console,
        # pinned on the administrator's computer (this host).
        rc, out = cam.sh("camsecctl identity")
        m = re.search(r"^fingerprint: (sha256:[0-9a-f]{64})\r*$", out, re.M)
        assert rc == 0 and m, out
        pem = cam.pin()
        der = subprocess.run(["openssl", "x509", "-in", pem, "-outform", "DER"],
                             check=True, capture_output=True).stdout
        assert "sha256:" + hashlib.sha256(der).hexdigest() == m.group(1), out
        rc, out = cam.remote(["whoami"])
        assert rc == 0 and re.search(r"^source: 10\.0\.2\.2$", out, re.M), out
        rc, out = cam.remote(["user", "list"], "alice", PW_USER)
        assert rc != 0 and "EACCES" in out, out
        rc, out = cam.remote(["whoami"], password="not-" + PW)
        assert rc != 0 and "user name or password error" in out, out
        # Another camera's certificate is not this one.
        other = os.path.join(device, "other.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:P-256", "-nodes", "-keyout", "/dev/null",
                        "-subj", "/CN=camsec device", "-days", "1", "-out", other],
                       check=True, capture_output=True)
        rc, out = cam.remote(["whoami"], pin=other)
        assert rc != 0 and "certificate verify failed" in out, out
    t.case("managed_remotely_with_its_pinned_identity", managed_remotely)

    def stream_video():
        # The README's walk-through: the viewer (here, the host) gets the
        # key over the administrator's channel and the SDP from the camera
        # before the stream starts (RTSP's DESCRIBE, then PLAY); FFmpeg
        # plays the SRTP the kernel sealed, and its frames are the camera's.
        rc, out = cam.sh("camsecctl stream key")
        m = re.search(r"^key: ([0-9A-Fa-f]{64})\r*$", out, re.M)
        assert rc == 0 and m, out
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        cam.send("camsec-vsend --key camsec:stream --write 64x48 --frames 20 "
                 f"--udp 10.0.2.2:{port} --sdp - --no-mki --hold "
                 "--dump-source /tmp/video.yuv")
        cam.expect("waiting: press Enter to start")
        text = cam.vm.before.replace("\r", "")
        camera_sdp = text[text.index("v=0\n"):text.rindex("a=x-camsec-key:")]
        camera_sdp += text[text.rindex("a=x-camsec-key:"):].split("\n")[0] + "\n"
        view = os.path.join(device, "view.sdp")
        with open(view, "w") as f:
            subprocess.run([os.path.join(fw, "host", "camsec-sdes"),
                            "--kdk-hex", m.group(1)], input=camera_sdp,
                           stdout=f, text=True, check=True)
        got = os.path.join(device, "video.yuv")
        # Every frame as it came (no frame rate imposed on the output),
        # decoded as it arrives (no decoder threads holding frames back).
        viewer = subprocess.Popen(
            ["ffmpeg", "-nostdin", "-loglevel", "error", "-threads", "1",
             "-protocol_whitelist", "file,udp,rtp", "-i", view,
             "-fps_mode", "passthrough", "-frames:v", "20", "-f", "rawvideo",
             "-pix_fmt", "uyvy422", "-y", got],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            # FFmpeg listening before the first packet
            for _ in range(200):
                with open("/proc/net/udp") as f:
                    if any(":%04X " % port in l for l in f):
                        break
                time.sleep(0.1)
            time.sleep(1)
            cam.send("")
            cam.expect(PROMPT, STEP_S)
            sent = cam.vm.before
            log = viewer.communicate(timeout=2 * STEP_S)[0]
        finally:
            viewer.kill()
            viewer.wait()
        assert re.search(r"^frames 20 accepted 20 refused 0 sent 20 ", sent, re.M), sent
        rc, out = cam.sh("md5sum /tmp/video.yuv; rm /tmp/video.yuv")
        want = re.search(r"^([0-9a-f]{32}) ", out, re.M)
        assert rc == 0 and want, out
        with open(got, "rb") as f:
            mine = hashlib.md5(f.read()).hexdigest()
        assert mine == want.group(1), "FFmpeg's %d bytes differ: %s\n%s" % (
            os.path.getsize(got), mine, log)
    t.case("test_video_streamed_to_a_viewer", stream_video)

    def user_refused():
        cam.send("exit")
        cam.login("alice", PW_USER, "may not use the console")
        cam.expect("login: ")
        cam.send("")
    t.case("user_account_refused_on_console", user_refused)

    def wrong_password():
        cam.expect("login: ")
        cam.send("admin")
        cam.expect("Password: ")
        cam.send("not-" + PW)
        cam.expect("user name or password error")
        for _ in range(5):		# login_max_failures: alice's account locks
            cam.expect("login: ")
            cam.send("alice")
            cam.expect("Password: ")
            cam.send("not-" + PW_USER)
            cam.expect("user name or password error")
        cam.login("admin", PW)
        rc, out = cam.ctl("audit show")
        assert rc == 0 and \
            re.search(r"op=login result=refused account=alice source=console", out) and \
            re.search(r"op=login result=fail account=admin source=console", out) and \
            re.search(r"op=lock result=ok account=alice source=console account for", out), out
        rc, out = cam.ctl("lock list")
        assert rc == 0 and "user:alice" in out and "console" not in out, out
    t.case("console_failures_audited_and_lock_the_account", wrong_password)

    def unsigned_refused():
        rc, out = cam.sh("cp /bin/busybox /data/admin/bb && chmod +x /data/admin/bb && "
                         "/data/admin/bb true")
        assert rc != 0 and "Permission denied" in out, out
        rc, out = cam.sh("cp /bin/busybox /tmp/bb && chmod +x /tmp/bb && /tmp/bb true")
        assert rc != 0 and "Permission denied" in out, out
        rc, out = cam.ctl("audit show")
        assert re.search(r"op=kernel-appsig result=refused .*reason=no_signature"
                         r".*role=admin .*path=/tmp/bb", out), out
    t.case("unsigned_program_refused", unsigned_refused)

    def signed_runs():
        rc, out = cam.sh("/usr/sbin/camsecctl status")
        assert rc == 0 and re.search(r"activated\W+yes", out), out
    t.case("signed_program_from_root_runs", signed_runs)

    def idle_logout():
        cam.sh("sleep 1000 & true")
        cam.expect("login: ", 60 * SLOW)	# session_idle_s 24, tty atime steps of 8 s
        cam.login("admin", PW)
        rc, out = cam.sh("ps -o args | grep -c '^sleep 1000'")
        assert out.strip() == "0", "the idle session's program lives on: " + out
    t.case("idle_console_session_ends_with_its_programs", idle_logout)

    def boot_and_check_state():
        """Booted again: the admin logs in, alice is there, the chain verifies."""
        cam.boot()
        cam.login("admin", PW)
        rc, out = cam.ctl("user list")
        assert rc == 0 and "alice" in out, out
        rc, out = cam.ctl("audit verify")
        assert rc == 0, out

    def reboot_persists():
        cam.send("camsecctl reboot")		# the camera restarts itself
        cam.expect(r"reboot: Restarting system", BOOT_S)
        assert "restarting" not in cam.vm.before, \
            "the supervisor restarted camsecd during the stop: " + cam.vm.before
        cam.login("admin", PW)
        rc, out = cam.ctl("user list")
        assert rc == 0 and "alice" in out, out
        rc, out = cam.ctl("audit verify")
        assert rc == 0, out
        rc, out = cam.ctl("config get")
        assert re.search(r"key=session_idle_s value=24\b", out), out
        rc, out = cam.sh("camsecctl net show")
        assert re.search(r"^open: tcp/443,tcp/8443\r*$", out, re.M), \
            "the stored ruleset was not applied at boot: " + out
        rc, out = cam.sh("camsecctl audit show")
        assert re.search(r"op=reboot result=ok account=admin source=console", out) and \
            re.search(r"op=net-set result=ok account=admin source=console "
                      r"--port tcp/8443 --port tcp/443", out), out
    t.case("state_persists_across_reboot", reboot_persists)

    def killed_comes_back():
        cam.sysrq("i")			# every process but init: SIGKILL
        cam.login("admin", PW)
        rc, out = cam.ctl("audit show")
        assert rc == 0 and re.search(r"daemon-restart[^\n]*in this boot", out), out
    t.case("camsecd_killed_comes_back_audited", killed_comes_back)

    def power_cut_in_changes():
        # The passwords into files, typed once echo is off (the marker's
        # output, not its echo, says so).
        cam.send('stty -echo; echo __NO""ECHO__; cat > /tmp/pw; cat > /tmp/npw; stty echo')
        cam.expect("__NOECHO__")
        for pw in (PW, PW_USER):
            cam.send(pw)
            cam.vm.sendeof()
        cam.expect(PROMPT)
        cam.send("(i=0; while :; do i=$((i+1)); "
                 "camsecctl --user admin --password-fd 3 --new-password-fd 4 "
                 "user add u$i user 3</tmp/pw 4</tmp/npw; "
                 "camsecctl --user admin --password-fd 3 user del u$i 3</tmp/pw; "
                 "done) >/dev/null 2>&1 &")
        time.sleep(6)
        cam.power_cut()
        boot_and_check_state()
        rc, out = cam.ctl("audit show")
        assert re.search(r"op=user-add result=ok account=admin", out), \
            "no account changed before the cut: " + out
    t.case("power_cut_during_account_changes_leaves_state_that_loads",
           power_cut_in_changes)

    def changed_root_refused():
        cam.sh("sync")
        cam.power_cut()
        alt = os.path.join(device, "rootfs-changed.erofs")
        flip_byte_in(os.path.join(fw, "rootfs.erofs"), b"what protects this camera", alt)
        cam.boot(rootfs=alt)
        cam.login("admin", PW)
        rc, out = cam.sh("camsec-info")
        assert rc != 0 and "Permission denied" in out, out
        rc, out = cam.sh("camsecctl status")
        assert rc == 0, "an unchanged program no longer runs: " + out
    t.case("changed_root_file_refused", changed_root_refused)

    def restart_limited():
        for k in range(6):		# the boot's start, then 5 restarts
            cam.sysrq("i")
            if k < 5:
                cam.expect("login: ")	# the restarted daemon's prompt
        cam.expect(r"camsecd ended 5 times in 300s: not restarted")
    t.case("restarts_are_limited", restart_limited)

    def bad_data_partition():
        cam.power_cut()
        with open(os.path.join(device, "data.ext4"), "r+b") as f:
            f.seek(1024)		# the ext4 superblock
            f.write(bytes(1024))
        cam.boot()
        cam.expect(r"data partition /dev/vd[a-z] does not mount", BOOT_S)
        cam.expect(r"camsecd not started: the data partition is not mounted", STEP_S)
        i = cam.expect(["login: ", "administrator name: ", pexpect.TIMEOUT], 10 * SLOW)
        assert i == 2, "a console prompt without the daemon's state"
    t.case("damaged_data_partition_said_on_the_console", bad_data_partition)

    cam.power_cut()
    def console_cases(console):
        def not_echoed():	# what the camera printed, not what was typed
            assert PW not in console and PW_USER not in console, "a password was echoed"
        t.case("passwords_never_echoed", not_echoed)
    return finish(t, device, log, console_cases)


def finish(t, device, log, more_cases=None):
    """The cases of the console's whole text: no kernel report, then
    @more_cases(text); its tail after a failure; the device kept with
    CAMSEC_PRODUCT_KEEP. The exit status."""
    log.close()
    console = open(os.path.join(device, "console.log"), errors="replace").read()
    splats = [line for line in console.splitlines() if SPLAT.search(line)]

    def no_splat():
        assert not splats, "; ".join(splats[:5])
    t.case("no_kernel_report_on_the_console", no_splat)
    if more_cases:
        more_cases(console)
    if t.failed:
        sys.stdout.write("# console log:\n" + "".join(
            "# " + line + "\n" for line in console.splitlines()[-200:]))
    if os.environ.get("CAMSEC_PRODUCT_KEEP"):
        print(f"# the device and its console log: {device}")
    else:
        shutil.rmtree(device, ignore_errors=True)
    return 1 if t.failed else 0


if __name__ == "__main__":
    sys.exit(main())
