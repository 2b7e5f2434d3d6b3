#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Bytes that no signature covers, brought into executable memory the ways
# an attacker's review found: written past the end of a signed file, or
# held in memory that changes without an open for writing (a memfd, or
# shared memory of a kernel-private inode) under a copied signature; or
# made executable by the personality, or written into another process.
. ../lib.sh
. ./common.sh

ktap_plan 6
load_key
set_mode enforce
chmod 755 "$work"

# 100 bytes of a page that held 4096: truncation zeroes the rest, and the
# control step of each attack shows such a file still maps.
dd if=/dev/urandom of="$work/short" bs=4096 count=1 2>/dev/null
truncate -s 100 "$work/short" && sign "$work/short"
ktap_check code_past_end_refused blocked page_tail "$bin/attack" tail "$work/short"

head -c 100 /dev/urandom > "$work/owned" && sign "$work/owned" &&
	chown 1000:1000 "$work/owned"
ktap_check code_past_end_refused_unprivileged \
	blocked page_tail "$bin/runas" 1000 "$bin/attack" tail "$work/owned"

program "$work/busybox" && sigfile "$work/busybox"
ktap_check signed_memfd_refused \
	blocked untrusted_inode "$bin/attack" memfd "$work/busybox" "$work/busybox.sig"

dd if=/dev/urandom of="$work/pages" bs=4096 count=2 2>/dev/null && sigfile "$work/pages"
ktap_check signed_shared_memory_refused \
	blocked untrusted_inode "$bin/attack" private "$work/pages" "$work/pages.sig"

# Siblings that hold: the hooks see the protection the kernel applies.
program "$work/unsigned"
ktap_check read_implies_exec_refused \
	blocked no_signature "$bin/runas" 1000 "$bin/attack" implied "$work/unsigned"
if "$bin/attack" vmwrite > /dev/null 2>&1 || [ $? -ne 3 ]; then
	ktap_check process_vm_writev_refused \
		blocked not_permitted "$bin/runas" 1000 "$bin/attack" vmwrite
else
	ktap_skip process_vm_writev_refused "no process_vm_writev(2) in this kernel"
fi
ktap_finish
