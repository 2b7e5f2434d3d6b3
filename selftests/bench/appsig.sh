#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Set up and run the appsig benchmark (bin/appsig-bench.c): a signed 1 MiB program for
# camsec, and a copy owned by a user that an IMA appraise rule covers.
. ../lib.sh

pki=/etc/camsec/test-pki
mkdir -p /tmp/bench
cp bin/prog1m /tmp/bench/prog
keyctl padd asymmetric '' %:.camsec < $pki/signer.der > /dev/null
evmctl ima_sign --hashalgo sha256 --key $pki/signer.key /tmp/bench/prog > /dev/null 2>&1

if [ -w /sys/kernel/security/ima/policy ] &&
	keyctl padd asymmetric '' %:.ima < $pki/signer.der > /dev/null 2>&1; then
	cp bin/prog1m /tmp/bench/prog-ima
	chown 4242 /tmp/bench/prog-ima
	evmctl ima_sign --hashalgo sha256 --key $pki/signer.key /tmp/bench/prog-ima > /dev/null 2>&1
	echo "appraise func=BPRM_CHECK fowner=4242 appraise_type=imasig" \
		> /sys/kernel/security/ima/policy
fi
exec bin/appsig-bench
