#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Software bill of materials of camsec (draft 6.5.2), as an SPDX 2.3 JSON
# document: the LSM and the kernel images it is built into, the modules of
# kmod/, the userspace programs, and the Debian packages they come from or
# link: the kernel sources and each shared library.
#
# What a program links is read from the binaries (readelf -d NEEDED) when a
# userspace build directory is given, else from userspace/Makefile's link
# lines (make -n); either way each library is traced to the Debian package
# that holds it (dpkg -S) and its version to dpkg. Only the host's own
# architecture: a cross-built camera's libraries live in its sysroot.
#
# Licences: camsec's from the SPDX-License-Identifier lines of its sources;
# the libraries' as declared in their Debian copyright files (the table
# below), not concluded here. The namespace is a hash of the document, so it
# changes with anything in it; with SOURCE_DATE_EPOCH set, the same tree
# and build give the same document.
#
# Usage: scripts/make-sbom.sh [-o FILE] [USERSPACE_BUILD_DIR]   (default: stdout)
set -eu
. "$(dirname "$0")/lib.sh"

out=
while [ $# -gt 0 ]; do
	case $1 in
	-o) out=${2:?usage: $0 [-o FILE] [userspace build dir]}; shift 2 ;;
	-*) die "usage: $0 [-o FILE] [userspace build dir]" ;;
	*) break ;;
	esac
done
bindir=${1:-}
[ -z "$bindir" ] || [ -d "$bindir" ] || die "$bindir: no such directory"
command -v dpkg-query >/dev/null || die "dpkg-query missing: Debian only"

PROGRAMS="camsecd camsecctl camsec-vsend camsec-sdes"
# Declared licences of the libraries camsec links, from
# /usr/share/doc/<package>/copyright (overall licence; files inside differ).
license_of() {
	case $1 in
	libc6) echo "LGPL-2.1-or-later" ;;
	libssl3) echo "Apache-2.0" ;;
	libnl-3-200|libnl-genl-3-200) echo "LGPL-2.1-only" ;;
	libcrypt1) echo "LGPL-2.1-or-later" ;;
	libcap2) echo "BSD-3-Clause OR GPL-2.0-only" ;;
	libkeyutils1) echo "LGPL-2.0-or-later" ;;
	linux-source-*) echo "GPL-2.0-only" ;;
	*) echo NOASSERTION ;;
	esac
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rec=$tmp/records
: > "$rec"
# Records for the JSON writer, tab-separated: P (package), R (relationship),
# D (document field).
pkg() { # id purpose name version supplier download licDeclared licConcluded purl homepage file sha256 comment
	printf 'P\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$rec"
}
rel() { printf 'R\t%s\t%s\t%s\n' "$1" "$2" "$3" >> "$rec"; }
doc() { printf 'D\t%s\t%s\n' "$1" "$2" >> "$rec"; }
spdxid() { echo "SPDXRef-$(echo "$1" | tr -c 'A-Za-z0-9.\n' '-')"; }

# The licences camsec's sources declare: one, or all of them ANDed.
src_license() {
	l=$(cd "$CAMSEC_TOP" && find "$@" -type f \( -name '*.[ch]' -o -name Kbuild -o -name Kconfig -o -name Makefile \) \
		-exec sed -n 's/.*SPDX-License-Identifier: *\([^*]*[^* ]\).*/\1/p' {} + | sort -u)
	[ -n "$l" ] || { echo NOASSERTION; return; }
	# Several: ANDed, a choice (OR) in parentheses.
	[ "$(echo "$l" | wc -l)" = 1 ] && { echo "$l"; return; }
	echo "$l" | sed 's/^\(.* OR .*\)$/(\1)/' | paste -sd'\t' | sed 's/\t/ AND /g'
}

# --- camsec itself ---------------------------------------------------------
cd "$CAMSEC_TOP"
if git rev-parse --git-dir >/dev/null 2>&1; then
	version=$(git describe --always --dirty)
	commit=$(git rev-parse HEAD)
	tree=$(git rev-parse 'HEAD^{tree}')
	# A dirty tree: the hash of its tracked changes tells builds apart.
	git diff --quiet HEAD 2>/dev/null && state=clean ||
		state="with changes $(git diff HEAD | sha256sum | cut -c1-16)"
	remote=$(git config --get remote.origin.url || true)
	download=NOASSERTION
	[ -z "$remote" ] || download="git+$remote@$commit"
	origin="git commit $commit, tree $tree, $state"
else
	version=unknown download=NOASSERTION origin="not a git checkout"
fi
doc name "camsec-$version"
doc created "$(date -u ${SOURCE_DATE_EPOCH:+-d @$SOURCE_DATE_EPOCH} +%Y-%m-%dT%H:%M:%SZ)"
doc creator "Tool: camsec-scripts/make-sbom.sh-$version"
doc namespace_base "${CAMSEC_SBOM_NAMESPACE:-https://camsec.invalid/spdxdocs}"

us="Organization: camsec"
top=SPDXRef-camsec
pkg $top FRAMEWORK camsec "$version" "$us" "$download" GPL-2.0-only "$(src_license lsm kmod userspace include)" \
	- - - - "security framework for IoT IP cameras; $origin"
rel SPDXRef-DOCUMENT DESCRIBES $top
lsm=SPDXRef-camsec-lsm
pkg $lsm OTHER camsec-lsm "$version" "$us" "$download" GPL-2.0-only "$(src_license lsm)" \
	- - - - "Linux Security Module, built into the kernel as security/camsec (scripts/graft-lsm.sh)"
rel $top CONTAINS $lsm

# The kernels: Debian's source package, and the image built from it with
# the LSM linked in. dpkg fields are read split at "|": a tab would let an
# empty field (no Homepage) vanish.
for v in $KVERSIONS; do
	src=linux-source-$v
	kimg=SPDXRef-linux-$v-camsec
	if info=$(dpkg-query -W -f='${Version}|${Maintainer}|${Homepage}|${source:Package}|${source:Version}|${Architecture}' "$src" 2>/dev/null) &&
		[ -n "$info" ]; then
		IFS='|' read -r kv maint home spkg sver arch <<-EOF
		$info
		EOF
		srcid=$(spdxid "deb-$src")
		pkg "$srcid" SOURCE "$src" "$kv" "Organization: $(echo "$maint" | sed 's/ *<\(.*\)>/ (\1)/')" \
			"https://snapshot.debian.org/package/$spkg/$sver/" "$(license_of "$src")" NOASSERTION \
			"deb/debian/$src@$kv?arch=$arch" "${home:--}" - - "Debian's Linux $v source, /usr/src/$src.tar.xz"
		note=
	else
		kv=NOASSERTION srcid='' note=" ($src not installed)"
	fi
	pkg "$kimg" OPERATING-SYSTEM "linux-$v-camsec" "$kv" "$us" NOASSERTION GPL-2.0-only NOASSERTION - - - - \
		"kernel image built by scripts/build-kernel.sh from $src with the camsec LSM$note"
	rel $top CONTAINS "$kimg"
	rel "$kimg" STATIC_LINK $lsm
	[ -z "$srcid" ] || rel "$kimg" GENERATED_FROM "$srcid"
done

# The modules: one per kmod/<dir>, named by its Kbuild's obj-m.
exports=$(sed -n 's/^EXPORT_SYMBOL[_A-Z]*(\([a-z0-9_]*\));/\1/p' lsm/*.c | sort -u)
for kb in kmod/*/Kbuild; do
	d=$(dirname "$kb")
	for m in $(sed -n 's/^obj-m *+= *\([A-Za-z0-9_-]*\)\.o.*/\1/p' "$kb"); do
		id=$(spdxid "kmod-$m")
		pkg "$id" OTHER "$m" "$version" "$us" "$download" GPL-2.0-only "$(src_license "$d")" \
			- - - - "loadable kernel module, sources $d/"
		rel $top CONTAINS "$id"
		for v in $KVERSIONS; do rel "$id" DEPENDS_ON "SPDXRef-linux-$v-camsec"; done
		# It needs the LSM if it calls what the LSM exports.
		if [ -n "$exports" ] && grep -qwF "$exports" "$d"/*.c; then
			rel "$id" DEPENDS_ON $lsm
		fi
	done
done

# --- userspace and what it links -------------------------------------------
# The Debian package holding a file, whichever side of the /usr merge
# dpkg has it on.
deb_of() {
	for p in "$1" "$(readlink -f "$1")"; do
		for q in "$p" "${p#/usr}" "/usr$p"; do
			r=$(dpkg-query -S "$q" 2>/dev/null | sed -n "s|^\([^:, ]*\)\(:[a-z0-9]*\)\{0,1\}: $q\$|\1|p" | head -1)
			[ -z "$r" ] || { echo "$r"; return 0; }
		done
	done
	return 1
}

needed_libs() { # program: one library path per line
	if [ -n "$bindir" ]; then
		f=$bindir/$1
		[ -f "$f" ] || die "$f missing: build userspace into $bindir first"
		# ldconfig's cache, for the host's architecture.
		case $(dpkg --print-architecture) in
		amd64) flag=x86-64 ;; arm64) flag=AArch64 ;; *) flag= ;;
		esac
		readelf -d "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | while read -r so; do
			p=$(/sbin/ldconfig -p | awk -v so="$so" -v flag="$flag" \
				'$1 == so && index($2, flag) { print $NF; exit }')
			[ -n "$p" ] || die "$1 needs $so, which ldconfig does not know"
			echo "$p"
		done
	else
		# The link line make would run; the C library is implicit.
		line=$(make -n -B -s -C "$CAMSEC_TOP/userspace" O="$tmp/o" "$tmp/o/$1" 2>/dev/null | grep -- "-o $tmp/o/$1 " | tail -1)
		[ -n "$line" ] || die "no link line for $1 in userspace/Makefile"
		for l in $(echo "$line" | tr ' ' '\n' | sed -n 's/^-l//p') c; do
			p=$(${CC:-cc} -print-file-name="lib$l.so")
			[ "$l" != c ] || p=$(${CC:-cc} -print-file-name=libc.so.6)
			case $p in /*) ;; *) die "$1 links -l$l, which ${CC:-cc} cannot find" ;; esac
			# The dev symlink leads to the runtime library; a linker
			# script would not, and is not followed here.
			r=$(readlink -f "$p")
			[ "$(head -c4 "$r" | od -An -c | tr -d ' ')" = '177ELF' ] ||
				die "$1 links -l$l: $r is not an ELF library"
			echo "$r"
		done
	fi
}

# The programs' architecture: with other architectures installed beside
# it (multiarch, for cross builds), dpkg has one entry per architecture.
deb_arch=$(dpkg --print-architecture)
seen=" "
for prog in $PROGRAMS; do
	id=$(spdxid "$prog")
	file=- sum=- how="link line in userspace/Makefile"
	if [ -n "$bindir" ]; then
		file=$prog sum=$(sha256sum "$bindir/$prog" | cut -d' ' -f1)
		how="ELF NEEDED of the build in $bindir"
	fi
	needs=$(needed_libs "$prog")
	pkg "$id" APPLICATION "$prog" "$version" "$us" "$download" GPL-2.0-only "$(src_license userspace)" \
		- - "$file" "$sum" "userspace program; linkage from the $how"
	rel $top CONTAINS "$id"
	for lib in $needs; do
		deb=$(deb_of "$lib") || die "$prog links $lib, which no Debian package holds"
		debid=$(spdxid "deb-$deb")
		case $seen in *" $deb "*) ;; *)
			seen="$seen$deb "
			IFS='|' read -r dv maint home spkg sver arch <<-EOF
			$(dpkg-query -W -f='${Version}|${Maintainer}|${Homepage}|${source:Package}|${source:Version}|${Architecture}' "$deb:$deb_arch")
			EOF
			pkg "$debid" LIBRARY "$deb" "$dv" "Organization: $(echo "$maint" | sed 's/ *<\(.*\)>/ (\1)/')" \
				"https://snapshot.debian.org/package/$spkg/$sver/" "$(license_of "$deb")" NOASSERTION \
				"deb/debian/$deb@$dv?arch=$arch" "${home:--}" - - "Debian package, source $spkg $sver"
			;;
		esac
		# Two libraries of one package (libssl3: libssl, libcrypto) are one link.
		grep -qxF "R	$id	DYNAMIC_LINK	$debid" "$rec" || rel "$id" DYNAMIC_LINK "$debid"
	done
done
# Between the libraries, what dpkg says they depend on.
for deb in $seen; do
	for dep in $(dpkg-query -W -f='${Depends}, ${Pre-Depends}' "$deb:$deb_arch" |
		tr ',|' '\n\n' | sed 's/^ *//; s/[ :(].*//' | sort -u); do
		case $seen in *" $dep "*) [ "$dep" = "$deb" ] || rel "$(spdxid "deb-$deb")" DEPENDS_ON "$(spdxid "deb-$dep")" ;; esac
	done
done

# --- the JSON --------------------------------------------------------------
distro=$(. /etc/os-release 2>/dev/null && echo "${ID:-debian}-${VERSION_ID:-}")
python3 - "$rec" "$distro" > "$tmp/sbom.json" <<'EOF'
import hashlib, json, sys, urllib.parse
docf, pkgs, rels = {}, [], []
for line in open(sys.argv[1], encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if f[0] == "D":
        docf[f[1]] = f[2]
    elif f[0] == "R":
        rels.append({"spdxElementId": f[1], "relationshipType": f[2], "relatedSpdxElement": f[3]})
    else:
        (sid, purpose, name, ver, sup, dl, decl, conc, purl, home, fname, sha, comment) = f[1:14]
        p = {"SPDXID": sid, "name": name, "versionInfo": ver, "supplier": sup,
             "primaryPackagePurpose": purpose,
             "downloadLocation": dl, "filesAnalyzed": False,
             "licenseConcluded": conc, "licenseDeclared": decl,
             "copyrightText": "NOASSERTION", "comment": comment}
        if purl != "-":  # purl: type/namespace/name@version?qualifiers, version encoded
            head, _, qual = purl.partition("?")
            path, _, v = head.partition("@")
            loc = "pkg:%s@%s?%s&distro=%s" % (path, urllib.parse.quote(v, safe=":~"), qual, sys.argv[2])
            p["externalRefs"] = [{"referenceCategory": "PACKAGE-MANAGER",
                                  "referenceType": "purl", "referenceLocator": loc}]
        if home != "-":
            p["homepage"] = home
        if fname != "-":
            p["packageFileName"] = fname
            p["checksums"] = [{"algorithm": "SHA256", "checksumValue": sha}]
        pkgs.append(p)
doc = {"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT",
       "name": docf["name"], "documentNamespace": "",
       "creationInfo": {"created": docf["created"], "creators": [docf["creator"]]},
       "packages": pkgs, "relationships": rels}
digest = hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()
doc["documentNamespace"] = "%s/%s-%s" % (docf["namespace_base"], docf["name"], digest)
json.dump(doc, sys.stdout, indent=2)
print()
EOF

if [ -n "$out" ]; then
	mv "$tmp/sbom.json" "$out.tmp" && mv "$out.tmp" "$out"
else
	cat "$tmp/sbom.json"
fi
