#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Graft the camsec LSM into a kernel source tree: copy lsm/ to
# security/camsec/, hook it into security/Kconfig and security/Makefile,
# count it among the LSMs (6.8+ sizes its static calls by that count) and
# append it to the default LSM order, and apply the upstream changes it
# needs that the tree's version lacks. Safe to run again: unchanged files keep
# their timestamps, so an incremental kernel build rebuilds only what changed.
#
# Usage: scripts/graft-lsm.sh <kernel source tree>
set -eu

ksrc=${1:?usage: $0 <kernel source tree>}
here=$(cd "$(dirname "$0")/.." && pwd)
sec=$ksrc/security

[ -f "$sec/Kconfig" ] && [ -f "$sec/Makefile" ] ||
	{ echo "graft-lsm: $ksrc is not a kernel source tree" >&2; exit 1; }

mkdir -p "$sec/camsec"
rsync -rc --delete "$here/lsm/" "$sec/camsec/"
# The LSM includes the shared uapi header as <uapi/linux/camsec.h>.
rsync -c "$here/include/uapi/linux/camsec.h" "$ksrc/include/uapi/linux/camsec.h"
rm -f "$ksrc/include/linux/camsec_genl.h"

if ! grep -q 'security/camsec/Kconfig' "$sec/Kconfig"; then
	sed -i '/^source "security\/integrity\/Kconfig"/i source "security/camsec/Kconfig"' "$sec/Kconfig"
	grep -q 'security/camsec/Kconfig' "$sec/Kconfig" ||
		{ echo "graft-lsm: no anchor in $sec/Kconfig" >&2; exit 1; }
fi

if ! grep -q 'camsec/' "$sec/Makefile"; then
	printf 'obj-$(CONFIG_SECURITY_CAMSEC)\t\t+= camsec/\n' >> "$sec/Makefile"
fi

# Default LSM order: append camsec to every default of "config LSM".
awk '
	/^config LSM$/ { in_lsm = 1; print; next }
	/^(config|menuconfig|source|endmenu|choice|if|endif)/ { in_lsm = 0 }
	in_lsm && /^[ \t]*default "/ && !/camsec/ { sub(/" *(if|$)/, ",camsec&") }
	{ print }
' "$sec/Kconfig" > "$sec/Kconfig.camsec" && cmp -s "$sec/Kconfig" "$sec/Kconfig.camsec" ||
	cat "$sec/Kconfig.camsec" > "$sec/Kconfig"
rm -f "$sec/Kconfig.camsec"

count=$ksrc/include/linux/lsm_count.h
if [ -f "$count" ] && ! grep -q CAMSEC_ENABLED "$count"; then
	sed -i -e '/^#define __COUNT_LSMS/i #if IS_ENABLED(CONFIG_SECURITY_CAMSEC)\n#define CAMSEC_ENABLED 1,\n#else\n#define CAMSEC_ENABLED\n#endif\n' \
		-e 's/^\([ \t]*\)CAPABILITIES_ENABLED\([ \t]*\\\)$/&\n\1CAMSEC_ENABLED\t\t\\/' "$count"
	[ "$(grep -c CAMSEC_ENABLED "$count")" -eq 3 ] ||
		{ echo "graft-lsm: could not add camsec to $count" >&2; exit 1; }
fi

# Upstream changes camsec needs that this version lacks (kernel-patches/
# VERSION.PATCHLEVEL/): applied once, as a reverse dry run then tells.
series=$(awk '/^VERSION =/ { v = $3 } /^PATCHLEVEL =/ { p = $3 } END { print v "." p }' \
	"$ksrc/Makefile")
for p in "$here/scripts/kernel-patches/$series"/*.patch; do
	[ -f "$p" ] || continue
	patch -d "$ksrc" -p1 -R --dry-run -s -f < "$p" > /dev/null 2>&1 && continue
	patch -d "$ksrc" -p1 -N -s < "$p" ||
		{ echo "graft-lsm: $(basename "$p") does not apply to $ksrc" >&2; exit 1; }
done

echo "graft-lsm: camsec grafted into $ksrc"
