#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Test video for the encrypted video path, as a camera's hardware encoder
# writes it: Annex B byte streams with an access unit delimiter before
# each frame, key frames every 10, no B-frames (a camera's low latency),
# 640x360 at 25 fps, 30 frames. Made by
# FFmpeg's libx264 and libx265 (Debian's ffmpeg) from its test pattern.
#
# The benchmark's: 1080p at a camera's 4 Mbit/s, 50 frames (bench.264).
#
# Usage: scripts/make-test-video.sh <dir>    (writes cam.264, cam.265, bench.264)
set -eu
dir=${1:?usage: $0 <dir>}
mkdir -p "$dir"
src="-f lavfi -i testsrc2=size=640x360:rate=25 -frames:v 30"
# shellcheck disable=SC2086
ffmpeg -nostdin -loglevel error -y $src -c:v libx264 -preset veryfast \
	-x264-params aud=1:keyint=10:bframes=0 -f h264 "$dir/cam.264"
# shellcheck disable=SC2086
ffmpeg -nostdin -loglevel error -y $src -c:v libx265 -preset veryfast \
	-x265-params aud=1:keyint=10:bframes=0:log-level=error -f hevc "$dir/cam.265"
ffmpeg -nostdin -loglevel error -y -f lavfi -i testsrc2=size=1920x1080:rate=25 \
	-frames:v 50 -c:v libx264 -preset veryfast -b:v 4M -maxrate 4M \
	-bufsize 8M -x264-params aud=1:keyint=25:bframes=0 -f h264 "$dir/bench.264"
