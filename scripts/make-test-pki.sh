#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The test suite's own PKI, made at build time (no key is ever committed):
#   ca.pem            the "integrator" CA, built into the test kernels
#                     through CONFIG_SYSTEM_TRUSTED_KEYS
#   signer.{key,der}  an application-signing key certified by that CA
#   rogue-ca.pem, rogue-signer.{key,der}  the same, from a CA nobody trusts
#   tls-server.{key,pem}  camsecd's TLS certificate from that CA, for the
#                     camera's test address 10.9.4.1
#   rogue-tls.{key,pem}   the same address, from the rogue CA
#   fw-ca.{key,pem}   the firmware CA (draft 6.6c): what the device trusts
#                     for firmware packages, apart from the application CA
#   fw-signer.{key,pem}  a firmware signer it certified (codeSigning)
#   fw-wrongpurpose.{key,pem}  certified by it for emailProtection only
#   fw-rogue-ca.{key,pem}, fw-rogue-signer.{key,pem}  a codeSigning signer
#                     from a CA the device does not trust
#   signer-ec.{key,der}  an ECDSA P-256 application signer from the CA
#   tls-server.der    the TLS certificate again, in DER for keyctl
#   tls-server6.{key,pem}  camsecd's TLS certificate for 10.9.4.1 and
#                     2001:db8:4::1, its IPv6 test address
#   signer-noeku.{key,der}, signer-anyeku.{key,der}  certified by the CA with
#                     no extendedKeyUsage, and with anyExtendedKeyUsage only:
#                     not for code, so .camsec refuses them
# Idempotent: an existing PKI is kept, so kernels are not rebuilt for nothing.
#
# Usage: scripts/make-test-pki.sh <dir>
set -eu

dir=${1:?usage: $0 <dir>}

# The firmware PKI came after the rest, so it has its own marker, looked at
# before the others: a cache made earlier gets these files once, and its
# CA (built into the kernels) and TLS certificates stay as they are.
if [ ! -f "$dir/.fw-complete" ]; then
	mkdir -p "$dir"
	(
	cd "$dir"
	# fw_ca <name> <CN>; fw_leaf <name> <CA name> <CN> <extendedKeyUsage>
	fw_ca() {
		openssl req -x509 -newkey rsa:2048 -nodes -days 3650 \
			-subj "/CN=$2" -keyout "$1.key" -out "$1.pem" \
			-addext "basicConstraints=critical,CA:TRUE" \
			-addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
	}
	fw_leaf() {
		printf '%s\n' "basicConstraints=critical,CA:FALSE" \
			"keyUsage=critical,digitalSignature" \
			"extendedKeyUsage=$4" "subjectKeyIdentifier=hash" \
			"authorityKeyIdentifier=keyid:always" > "$1.ext"
		openssl req -new -newkey rsa:2048 -nodes -subj "/CN=$3" \
			-keyout "$1.key" -out "$1.csr" 2>/dev/null
		openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2.key" \
			-CAserial "$2.srl" -CAcreateserial -days 3650 \
			-extfile "$1.ext" -out "$1.pem" 2>/dev/null
		rm -f "$1.csr" "$1.ext"
	}
	fw_ca fw-ca "camsec test firmware CA"
	fw_leaf fw-signer fw-ca "camsec test firmware signer" codeSigning
	# Certified by the right CA, but not for code: the device must refuse.
	fw_leaf fw-wrongpurpose fw-ca "camsec test e-mail signer" \
		emailProtection
	fw_ca fw-rogue-ca "rogue firmware CA"
	fw_leaf fw-rogue-signer fw-rogue-ca "rogue firmware signer" codeSigning
	rm -f fw-ca.srl fw-rogue-ca.srl
	)
	touch "$dir/.fw-complete"
fi
[ -f "$dir/.complete" ] && [ -f "$dir/.tls-complete" ] &&
	[ -f "$dir/.purpose-complete" ] && [ -f "$dir/.tls6-complete" ] && exit 0
mkdir -p "$dir"
cd "$dir"

signer_ext="basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=codeSigning
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid:always"

# make_ca <name> <CN>; make_signer <name> <CA name> <CN>
make_ca() {
	openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=$2" \
		-keyout "$1.key" -out "$1.pem" -addext "basicConstraints=critical,CA:TRUE" \
		-addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
	openssl x509 -in "$1.pem" -outform DER -out "$1.der"
}
make_signer() { # ... [extensions] [key type]
	echo "${4-$signer_ext}" > "$1.ext"
	openssl req -new -newkey "${5:-rsa:2048}" -nodes -subj "/CN=$3" \
		-keyout "$1.key" -out "$1.csr" 2>/dev/null
	openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2.key" \
		-CAcreateserial -days 3650 -extfile "$1.ext" -out "$1.pem" 2>/dev/null
	openssl x509 -in "$1.pem" -outform DER -out "$1.der"
	rm -f "$1.csr"
}

# make_tls <name> <CA name> [addresses]: a TLS server certificate for
# 10.9.4.1, or for the subjectAltName given
make_tls() {
	printf '%s\n' "basicConstraints=critical,CA:FALSE" \
		"keyUsage=critical,digitalSignature" "extendedKeyUsage=serverAuth" \
		"subjectAltName=${3:-IP:10.9.4.1}" > "$1.ext"
	openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-subj "/CN=camsec camera" -keyout "$1.key" -out "$1.csr" 2>/dev/null
	openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2.key" \
		-CAcreateserial -days 3650 -extfile "$1.ext" -out "$1.pem" 2>/dev/null
	rm -f "$1.csr"
}

if [ ! -f .complete ]; then
	make_ca ca "camsec test CA"
	make_signer signer ca "camsec test application signer"
	make_ca rogue-ca "rogue CA"
	make_signer rogue-signer rogue-ca "rogue application signer"
	touch .complete
fi
if [ ! -f .tls-complete ]; then
	make_tls tls-server ca
	make_tls rogue-tls rogue-ca
	touch .tls-complete
fi
if [ ! -f .purpose-complete ]; then
	openssl ecparam -name prime256v1 -out ec.param
	make_signer signer-ec ca "camsec test ECDSA signer" "$signer_ext" ec:ec.param
	make_signer signer-noeku ca "camsec test signer, no purpose" \
		"$(echo "$signer_ext" | grep -v extendedKeyUsage)"
	make_signer signer-anyeku ca "camsec test signer, any purpose" \
		"$(echo "$signer_ext" | sed 's/=codeSigning/=anyExtendedKeyUsage/')"
	rm -f ec.param
	# The camera's TLS certificate, as an attacker would offer it to .camsec.
	openssl x509 -in tls-server.pem -outform DER -out tls-server.der
	touch .purpose-complete
fi
if [ ! -f .tls6-complete ]; then
	make_tls tls-server6 ca "IP:10.9.4.1,IP:2001:db8:4::1"
	touch .tls6-complete
fi
rm -f ./*.ext ./*.srl
