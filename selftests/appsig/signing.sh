#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Only code signed with a key of the .camsec keyring runs: programs,
# scripts, shared libraries, programs started by ld.so, modules, firmware.
. ../lib.sh
. ./common.sh

ktap_plan 19
load_key
set_mode enforce

program "$work/busybox-signed" && sign "$work/busybox-signed"
ktap_check signed_program_runs "$work/busybox-signed" true

program "$work/busybox-unsigned"
ktap_check unsigned_program_refused refused no_signature "$work/busybox-unsigned" true

program "$work/busybox-changed" && sign "$work/busybox-changed"
printf 'X' | dd of="$work/busybox-changed" bs=1 seek=4096 conv=notrunc 2>/dev/null
ktap_check one_changed_byte_refused refused hash_mismatch "$work/busybox-changed" true

cached_then_changed() {
	program "$work/busybox-cached" && sign "$work/busybox-cached"
	"$work/busybox-cached" true || return 1
	hits=$(stat_of cache_hits)
	"$work/busybox-cached" true || return 1
	[ "$(stat_of cache_hits)" -gt "$hits" ] || { echo "no cache hit"; return 1; }
	printf 'X' | dd of="$work/busybox-cached" bs=1 seek=4096 conv=notrunc 2>/dev/null
	refused hash_mismatch "$work/busybox-cached" true
}
ktap_check cached_verdict_dropped_on_write cached_then_changed

truncated() {
	program "$work/busybox-trunc" && sign "$work/busybox-trunc"
	"$work/busybox-trunc" true || return 1
	truncate -s 500000 "$work/busybox-trunc"
	refused hash_mismatch "$work/busybox-trunc" true
}
ktap_check cached_verdict_dropped_on_truncate truncated

# ECDSA P-256, signed by evmctl as RSA is.
keyctl padd asymmetric '' %:.camsec < "$pki/signer-ec.der" > /dev/null
program "$work/busybox-ec" && sign "$work/busybox-ec" signer-ec
ktap_check ecdsa_signed_program_runs "$work/busybox-ec" true
flip_byte "$work/busybox-ec" 4096 "$work/busybox-ec-changed"
"$bin/sigtool" set "$work/busybox-ec-changed" "$("$bin/sigtool" get "$work/busybox-ec")"
ktap_check ecdsa_changed_byte_refused refused hash_mismatch "$work/busybox-ec-changed" true

program "$work/busybox-rogue" && sign "$work/busybox-rogue" rogue-signer
ktap_check untrusted_key_refused refused unknown_key "$work/busybox-rogue" true

program "$work/busybox-corrupt" && sign "$work/busybox-corrupt" && "$bin/sigtool" corrupt "$work/busybox-corrupt"
ktap_check corrupted_signature_refused refused bad_signature "$work/busybox-corrupt" true

# An IMA hash (type 4, sha256), not a signature: no origin.
program "$work/busybox-hashonly"
"$bin/sigtool" set "$work/busybox-hashonly" 0404$(sha256sum "$work/busybox-hashonly" | cut -c1-64)
ktap_check hash_instead_of_signature_refused refused bad_format "$work/busybox-hashonly" true

resigned() {
	program "$work/busybox-resigned" && sign "$work/busybox-resigned"
	"$work/busybox-resigned" true || return 1
	"$bin/sigtool" corrupt "$work/busybox-resigned"
	refused bad_signature "$work/busybox-resigned" true
}
ktap_check cached_verdict_dropped_on_signature_change resigned

printf '#!/bin/sh\necho script ran\n' > "$work/script" && chmod +x "$work/script"
ktap_check unsigned_script_refused refused no_signature "$work/script"
sign "$work/script"
ktap_check signed_script_runs "$work/script"

# keyctl links libkeyutils: a signed keyctl with an unsigned copy of it.
mkdir -p "$work/lib"
cp /usr/bin/keyctl "$work/keyctl" && sign "$work/keyctl"
lib=$(ls /lib/*/libkeyutils.so.1 /usr/lib/*/libkeyutils.so.1 2>/dev/null | head -n 1)
cp "$lib" "$work/lib/"
with_lib() { LD_LIBRARY_PATH="$work/lib" "$work/keyctl" --version; }
unsigned_library() {
	out=$(with_lib 2>&1) && { echo "ran: $out"; return 1; }
	echo "$out" | grep -q "Permission denied\|failed to map" ||
		{ echo "$out"; return 1; }
}
ktap_check unsigned_library_refused unsigned_library
sign "$work/lib/$(basename "$lib")"
ktap_check signed_library_loads with_lib

ldso=$(ls /lib64/ld-linux-*.so.* /lib/ld-linux-*.so.* 2>/dev/null | head -n 1)
cp /usr/bin/keyctl "$work/keyctl-unsigned"
ktap_check ldso_unsigned_program_refused refused no_signature "$ldso" "$work/keyctl-unsigned" --version
ktap_check ldso_signed_program_runs "$ldso" "$work/keyctl" --version

cp /lib/modules/camsec/camsec_testmod.ko "$work/"
ktap_check unsigned_module_refused refused no_signature insmod "$work/camsec_testmod.ko"
signed_module() {
	sign "$work/camsec_testmod.ko" && insmod "$work/camsec_testmod.ko" &&
		rmmod camsec_testmod
}
ktap_check signed_module_loads signed_module
ktap_finish
