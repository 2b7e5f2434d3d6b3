#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# End to end, against a viewer no one here wrote: frames from the vivid
# virtual camera, from dma-heap buffers, from write(2) and from an
# H.264/H.265 encoder's Annex B output are cut into RTP packets and sealed
# as SRTP in the kernel, cross a veth pair over UDP, and libsrtp2
# unprotects every packet; the depacketized frames equal the captured
# ones byte for byte, for each SRTP profile. A rekey switches the MKI and
# loses nothing; a tampered, replayed, wrongly keyed or wrongly MKI'd
# packet is refused by libsrtp; a restarted stream is a new SSRC and a
# new master key.
. ../lib.sh
. ./common.sh

media=/selftests/vcrypt/media
CM=AES_CM_128_HMAC_SHA1_80 GCM128=AEAD_AES_128_GCM GCM256=AEAD_AES_256_GCM
ktap_plan 14

heap() {
	stream heap k1 raw:320x240 --key camsec:k1 --heap 320x240 --frames 20 \
		--profile $CM && same heap 20 && grep -q "accepted 20 " "$work/heap.log"
}
ktap_check raw_dmabuf_heap_aes_cm_byte_exact heap

vivid() {
	[ -e /dev/video0 ] || { echo "no /dev/video0"; return 1; }
	stream vivid k2 raw:640x360 --key camsec:k2 --profile $GCM256 \
		--vivid /dev/video0:640x360 --frames 8 && same vivid 8
}
ktap_check raw_vivid_expbuf_aead_aes_256_gcm_byte_exact vivid

write_path() {
	stream write k2 raw:64x48 --key camsec:k2 --profile $GCM128 \
		--write 64x48 --frames 10 && same write 10
}
ktap_check raw_write_path_aead_aes_128_gcm_byte_exact write_path

h264() {
	stream h264 k1 h264 --key camsec:k1 --h264 $media/cam.264 --frames 30 \
		--profile $CM && same h264 30 &&
		grep -q "a=rtpmap:96 H264/90000" "$work/h264.sdp"
}
ktap_check h264_single_nal_and_fu_a_aes_cm_byte_exact h264

h264_gcm() {
	stream h264g k1 h264 --key camsec:k1 --h264 $media/cam.264 --frames 30 \
		--profile $GCM256 --mtu 600 && same h264g 30 &&
		grep -q "max_len 600$" "$work/h264g.log"
}
ktap_check h264_aead_aes_256_gcm_mtu_600_byte_exact h264_gcm

h265() {
	stream h265 k3 h265 --key camsec:k3 --h265 $media/cam.265 --frames 30 \
		--profile $GCM128 && same h265 30
}
ktap_check h265_single_nal_and_fu_aead_aes_128_gcm_byte_exact h265

no_mki() {
	stream nomki k1 raw:320x240 --key camsec:k1 --heap 320x240 --frames 5 \
		--no-mki && same nomki 5 &&
		grep -q "inline:[A-Za-z0-9+/=]*.$" "$work/nomki.keyed.sdp" &&
		! grep -q "inline:.*|" "$work/nomki.keyed.sdp" &&
		stream h264nomki k2 h264 --key camsec:k2 --h264 $media/cam.264 \
			--frames 30 --no-mki && same h264nomki 30
}
ktap_check no_mki_streams_for_ffmpeg no_mki

# The host plays these with GStreamer and FFmpeg (selftests/viewers/).
keep write nomki h264 h264g h265 h264nomki &&
	cp $media/cam.264 $media/cam.265 /tmp/camsec-artifacts/ ||
	ktap_info "some streams failed: the host's players will say which"

# The same logon key, a new master key: the MKI goes from 0 to 1 and the
# packet index runs on (srtprecv counts a frame lost at any gap).
rekey() {
	stream rekey k1 raw:320x240 --key camsec:k1 --heap 320x240 --frames 20 \
		--rekey-at 10 --rekey-key camsec:k1 && same rekey 20 &&
		grep -q "rekeys 1 " "$work/rekey.log" &&
		grep -q "|0:4;inline:.*|1:4" "$work/rekey.keyed.sdp"
}
ktap_check rekey_switches_mki_loses_no_frame rekey

# The heap stream's packets again, as an attacker on the path sends them.
tamper() {
	out=$(replay heap k1 --format raw:320x240 --flip 5:30 --flip 200:5); echo "$out"
	echo "$out" | grep -q " auth_fail 2 replay 0 .* frames 18 lost 2 "
}
ktap_check tampered_packets_rejected_by_libsrtp tamper

replayed() {
	out=$(replay heap k1 --dup 3 --dup 100); echo "$out"
	echo "$out" | grep -q " auth_fail 0 replay 2 "
}
ktap_check replayed_packets_rejected_by_libsrtp replayed

wrong_key() {
	out=$(replay heap k2); echo "$out"
	echo "$out" | grep -q "^received \([0-9]*\) ok 0 auth_fail \1 "
}
ktap_check wrong_key_rejected_by_libsrtp wrong_key

wrong_mki() {
	keys heap k1 && sed -i 's/|0:4/|7:4/' "$work/heap.keyed.sdp" &&
		out=$($recv --rtpdump "$work/heap.rtpdump" --sdp "$work/heap.keyed.sdp")
	echo "$out"
	echo "$out" | grep -q "^received \([0-9]*\) ok 0 auth_fail 0 replay 0 bad_mki \1 "
}
ktap_check wrong_mki_rejected_by_libsrtp wrong_mki

# A camera that restarts its stream on the same logon key: a new SSRC
# and a new master key (key_rand), so no (key, IV) pair comes again; the
# first run's keys open none of the second run's packets.
restarted() {
	stream again k1 raw:320x240 --key camsec:k1 --heap 320x240 --frames 5 &&
		same again 5 || return 1
	a=$(sed -n 's/^a=x-camsec-key:0 //p' "$work/heap.sdp")
	b=$(sed -n 's/^a=x-camsec-key:0 //p' "$work/again.sdp")
	echo "key_rand $a then $b"
	[ -n "$a" ] && [ "$a" != "$b" ] || return 1
	[ "$(sed -n 's/^o=- \([0-9]*\) .*/\1/p' "$work/heap.sdp")" != \
	  "$(sed -n 's/^o=- \([0-9]*\) .*/\1/p' "$work/again.sdp")" ] || return 1
	keys heap k1
	out=$($recv --rtpdump "$work/again.rtpdump" --sdp "$work/heap.keyed.sdp"); echo "$out"
	echo "$out" | grep -q "^received \([0-9]*\) ok 0 auth_fail \1 "
}
ktap_check restarted_stream_new_ssrc_and_master_key restarted

# Every packet within the MTU the sender chose, whatever the payload.
mtu() {
	stream mtu k1 raw:640x360 --key camsec:k1 --heap 640x360 --frames 3 \
		--mtu 200 && same mtu 3 && grep -q "max_len 200$" "$work/mtu.log"
}
ktap_check packets_never_exceed_the_mtu mtu

ktap_finish
