#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""
The camera's SRTP packets, captured in the VM (selftests/vcrypt/e2e.sh
keeps them), replayed on this host's loopback to players no one here
wrote: GStreamer (srtpdec with rtpvrawdepay, rtph264depay, rtph265depay;
AES-CM and AES-GCM, with the MKI) and FFmpeg (AES-CM from the SDP, its
only suite, without an MKI, which it lacks). What they play must be what
the camera captured: the raw frames byte for byte, the H.264/H.265 frames
decoded alike, frame by frame, to the encoder's own stream decoded.

Usage: players.py DIR   (run-vm.sh --artifacts); KTAP on stdout.
"""
import base64
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

DIR = sys.argv[1]
TMP = tempfile.mkdtemp(prefix="camsec-players.")
results = []


def rtpdump(name):
    """The packets of an rtpdump file (lib/rtpdump.h)."""
    data = open(os.path.join(DIR, name + ".rtpdump"), "rb").read()
    at = data.index(b"\n") + 1 + 16
    pkts = []
    while at < len(data):
        length, plen, _ = struct.unpack(">HHI", data[at:at + 8])
        pkts.append(data[at + 8:at + 8 + plen])
        at += length
    return pkts


def sdp(name):
    return open(os.path.join(DIR, name + ".keyed.sdp")).read()


def crypto(text):
    """suite, master key and salt, MKI (None without) of the first key."""
    m = re.search(r"^a=crypto:\d+ (\S+) inline:([A-Za-z0-9+/=]+)(\S*)", text, re.M)
    mki = re.match(r"\|(\d+):4", m.group(3) or "")
    return m.group(1), base64.b64decode(m.group(2)), int(mki.group(1)) if mki else None


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_bound(port, proc, timeout=20):
    """Until a UDP socket is bound to @port (the player is listening)."""
    want = ":%04X " % port
    end = time.time() + timeout
    while time.time() < end and proc.poll() is None:
        with open("/proc/net/udp") as f:
            if any(want in l.split("  ")[0] + " " or want in l for l in f):
                time.sleep(0.5)		# its pipeline up behind the socket
                return
        time.sleep(0.1)
    raise AssertionError("the player never listened on port %d" % port)


def replay(pkts, port):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        for p in pkts:
            s.sendto(p, ("127.0.0.1", port))
            time.sleep(0.0003)


def gst_caps(text):
    suite, master, mki = crypto(text)
    cipher, auth = {
        "AES_CM_128_HMAC_SHA1_80": ("aes-128-icm", "hmac-sha1-80"),
        "AEAD_AES_128_GCM": ("aes-128-gcm", "null"),
        "AEAD_AES_256_GCM": ("aes-256-gcm", "null"),
    }[suite]
    ssrc = int(re.search(r"^a=ssrc:(\d+)", text, re.M).group(1))
    rtpmap = re.search(r"^a=rtpmap:(\d+) (\S+)/(\d+)", text, re.M)
    caps = ("application/x-srtp,media=video,payload=%s,encoding-name=%s,"
            "clock-rate=%s,ssrc=(uint)%d,roc=(uint)0,srtp-key=(buffer)%s,"
            "srtp-cipher=%s,srtp-auth=%s,srtcp-cipher=%s,srtcp-auth=%s"
            % (rtpmap.group(1), rtpmap.group(2).upper(), rtpmap.group(3), ssrc,
               master.hex(), cipher, auth, cipher, auth))
    if mki is not None:
        caps += ",mki=(buffer)%08x" % mki
    fmtp = re.search(r"^a=fmtp:\d+ (.*)$", text, re.M)
    if rtpmap.group(2) == "raw":
        for k, v in re.findall(r"(\w+)=([^;\s]+)", fmtp.group(1)):
            caps += ",%s=(string)%s" % (k, v)
    return caps


def gstreamer(name, depay, out):
    """Replay NAME to gst-launch's srtpdec and DEPAY into OUT."""
    port = free_port()
    cmd = ["gst-launch-1.0", "-q", "-e", "udpsrc", "port=%d" % port,
           "buffer-size=16777216", "caps=" + gst_caps(sdp(name)), "!",
           "srtpdec", "!"] + depay + ["!", "filesink", "location=" + out]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wait_bound(port, p)
    replay(rtpdump(name), port)
    time.sleep(2)
    p.send_signal(signal.SIGINT)
    try:
        log = p.communicate(timeout=20)[0]
    except subprocess.TimeoutExpired:
        p.kill()
        log = p.communicate()[0]
    return log


def ffmpeg_sdp(name, frames, args):
    """Replay NAME to ffmpeg reading its SDP; ffmpeg ARGS after -i."""
    port = free_port()
    text = re.sub(r"^c=IN IP4 \S+", "c=IN IP4 127.0.0.1", sdp(name), flags=re.M)
    text = re.sub(r"^m=video \d+", "m=video %d" % port, text, flags=re.M)
    path = os.path.join(TMP, name + ".sdp")
    open(path, "w").write(text)
    # One decoder thread: frame threads would hold the last frames back
    # until an end of stream that a network source never sends.
    p = subprocess.Popen(["ffmpeg", "-nostdin", "-loglevel", "error", "-threads", "1",
                          "-protocol_whitelist", "file,udp,rtp", "-i", path,
                          "-fps_mode", "passthrough", "-frames:v", str(frames)] + args,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_bound(port, p)
    replay(rtpdump(name), port)
    try:
        out, err = p.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
    return p.returncode, out, err


def framemd5(args):
    """The decoded frames' MD5s, in order (FFmpeg's framemd5)."""
    out = subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error"] + args +
                         ["-fps_mode", "passthrough", "-f", "framemd5", "-"],
                         capture_output=True, text=True).stdout
    return [l.split(",")[-1].strip() for l in out.splitlines()
            if l and not l.startswith("#")]


def case(name, fn):
    try:
        fn()
        results.append((True, name, ""))
    except Exception as e:  # the case's failure, reported, the rest go on
        results.append((False, name, str(e)))


def same_file(a, b):
    x, y = open(a, "rb").read(), open(b, "rb").read()
    assert x == y, "%s: %d bytes, %s: %d bytes, differ" % (a, len(x), b, len(y))


def gst_raw(name):
    def run():
        out = os.path.join(TMP, name + ".yuv")
        log = gstreamer(name, ["rtpvrawdepay"], out)
        assert os.path.exists(out), log
        same_file(os.path.join(DIR, name + ".src"), out)
    return run


def gst_coded(name, depay, source):
    def run():
        out = os.path.join(TMP, name + ".es")
        log = gstreamer(name, [depay, "!", "video/x-" + ("h264" if "264" in depay else "h265")
                               + ",stream-format=byte-stream,alignment=au"], out)
        assert os.path.exists(out), log
        want = framemd5(["-i", os.path.join(DIR, source)])
        got = framemd5(["-i", out])
        assert want and got == want, "%d frames decoded, %d wanted, alike: %s" % (
            len(got), len(want), got == want)
    return run


def ffmpeg_raw(name, frames):
    def run():
        out = os.path.join(TMP, name + ".ff.yuv")
        rc, _, err = ffmpeg_sdp(name, frames, ["-f", "rawvideo", "-pix_fmt", "uyvy422", "-y", out])
        assert rc == 0, err
        same_file(os.path.join(DIR, name + ".src"), out)
    return run


def ffmpeg_h264(name, source, frames):
    def run():
        rc, out, err = ffmpeg_sdp(name, frames, ["-f", "framemd5", "-"])
        assert rc == 0, err
        got = [l.split(",")[-1].strip() for l in out.splitlines()
               if l and not l.startswith("#")]
        want = framemd5(["-i", os.path.join(DIR, source)])
        assert want and got == want, "%d frames decoded, %d wanted" % (len(got), len(want))
    return run


case("gstreamer_raw_aead_aes_128_gcm_mki", gst_raw("write"))
case("gstreamer_raw_aes_cm_no_mki", gst_raw("nomki"))
case("gstreamer_h264_aes_cm_mki", gst_coded("h264", "rtph264depay", "cam.264"))
case("gstreamer_h264_aead_aes_256_gcm_mtu_600", gst_coded("h264g", "rtph264depay", "cam.264"))
case("gstreamer_h265_aead_aes_128_gcm_mki", gst_coded("h265", "rtph265depay", "cam.265"))
case("ffmpeg_raw_aes_cm_from_sdp", ffmpeg_raw("nomki", 5))
case("ffmpeg_h264_aes_cm_from_sdp", ffmpeg_h264("h264nomki", "cam.264", 30))

print("TAP version 13")
print("1..%d" % len(results))
for i, (ok, name, why) in enumerate(results, 1):
    if not ok:
        for line in why.splitlines()[:20]:
            print("# " + line)
    print("%s %d %s" % ("ok" if ok else "not ok", i, name))
fails = sum(1 for r in results if not r[0])
print("# %d passed, %d failed, 0 skipped" % (len(results) - fails, fails))
sys.exit(1 if fails else 0)
