#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Host test of scripts/make-sbom.sh, as TAP: build userspace into a scratch
# directory, make the SBOM from it, and check it as an SPDX 2.3 document
# (required fields, package properties the schema allows, SPDX ids,
# licences, relationships between existing elements, every package
# reachable from the one described). What each program links (readelf -d
# NEEDED, each library traced to its Debian package here, independently of
# sbom.sh) must be in it with dpkg's version, purl and a DYNAMIC_LINK, and
# nothing more; the same check must fail on the document with one library
# removed. The SBOM from the Makefile's link lines must agree, and the
# output must be reproducible under SOURCE_DATE_EPOCH.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/selftests/lib.sh"
sbom=$top/scripts/make-sbom.sh
PROGRAMS="camsecd camsecctl camsec-vsend camsec-sdes"

if grep -qs 'camsec\.mode=' /proc/cmdline; then
	ktap_plan 1
	ktap_skip "sbom" "host test, not for the VM"
	exit 0
fi

ktap_plan 13
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start=$(date +%s)

cat > "$work/validate.py" <<'EOF'
# validate.py CHECK SBOM [FILE]: one check of an SPDX 2.3 JSON SBOM; prints
# what is wrong, exits 1 if anything is.
import json, re, sys
check, path = sys.argv[1], sys.argv[2]
doc = json.load(open(path))
bad = []
DATE = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$"
ID = r"^SPDXRef-[A-Za-z0-9.-]+$"
PKG_PROPS = {"SPDXID", "annotations", "attributionTexts", "builtDate", "checksums",
    "comment", "copyrightText", "description", "downloadLocation", "externalRefs",
    "filesAnalyzed", "hasFiles", "homepage", "licenseComments", "licenseConcluded",
    "licenseDeclared", "licenseInfoFromFiles", "name", "originator", "packageFileName",
    "packageVerificationCode", "primaryPackagePurpose", "releaseDate", "sourceInfo",
    "summary", "supplier", "validUntilDate", "versionInfo"}
PURPOSES = {"OTHER", "INSTALL", "ARCHIVE", "FIRMWARE", "APPLICATION", "FRAMEWORK",
    "LIBRARY", "CONTAINER", "SOURCE", "DEVICE", "OPERATING-SYSTEM", "FILE"}
REL_TYPES = set("""VARIANT_OF COPY_OF PATCH_FOR TEST_DEPENDENCY_OF CONTAINED_BY DATA_FILE_OF
    OPTIONAL_COMPONENT_OF ANCESTOR_OF GENERATES CONTAINS OPTIONAL_DEPENDENCY_OF FILE_ADDED
    REQUIREMENT_DESCRIPTION_FOR DEV_DEPENDENCY_OF DEPENDENCY_OF BUILD_DEPENDENCY_OF DESCRIBES
    PREREQUISITE_FOR HAS_PREREQUISITE PROVIDED_DEPENDENCY_OF DYNAMIC_LINK DESCRIBED_BY
    METAFILE_OF DEPENDENCY_MANIFEST_OF PATCH_APPLIED RUNTIME_DEPENDENCY_OF TEST_OF TEST_TOOL_OF
    DEPENDS_ON SPECIFICATION_FOR FILE_MODIFIED DISTRIBUTION_ARTIFACT AMENDS
    DOCUMENTATION_OF GENERATED_FROM STATIC_LINK OTHER BUILD_TOOL_OF TEST_CASE_OF
    PACKAGE_OF DESCENDANT_OF FILE_DELETED EXPANDED_FROM_ARCHIVE DEV_TOOL_OF EXAMPLE_OF""".split())
# A licence expression: ids, LicenseRef-s, AND/OR/WITH and parentheses.
LIC_TOKEN = r"\(|\)|AND|OR|WITH|[A-Za-z0-9.+-]+"
pkgs = doc.get("packages", [])
by_id = {p.get("SPDXID"): p for p in pkgs}
by_name = {p.get("name"): p for p in pkgs}
rels = doc.get("relationships", [])

def lic_ok(e):
    if e in ("NOASSERTION", "NONE"):
        return True
    toks = re.findall(LIC_TOKEN, e)
    return "".join(toks) == e.replace(" ", "") and e.count("(") == e.count(")") and \
        not re.search(r"(AND|OR|WITH)\s*$|^\s*(AND|OR|WITH)", e)

if check == "document":
    for k, v in (("spdxVersion", "SPDX-2.3"), ("dataLicense", "CC0-1.0"), ("SPDXID", "SPDXRef-DOCUMENT")):
        if doc.get(k) != v:
            bad.append("%s is %r, not %r" % (k, doc.get(k), v))
    if not doc.get("name"):
        bad.append("no name")
    ns = doc.get("documentNamespace", "")
    if not re.match(r"^[a-z][a-z0-9+.-]*://[^#\s]+$", ns):
        bad.append("documentNamespace %r is not an absolute URI without #" % ns)
    ci = doc.get("creationInfo", {})
    if not re.match(DATE, ci.get("created", "")):
        bad.append("creationInfo.created %r" % ci.get("created"))
    cr = ci.get("creators", [])
    if not cr or not all(re.match(r"^(Tool|Organization|Person): \S", c) for c in cr):
        bad.append("creationInfo.creators %r" % cr)
    if not pkgs:
        bad.append("no packages")
elif check == "packages":
    seen = set()
    for p in pkgs:
        n = p.get("name", "?")
        if not re.match(ID, p.get("SPDXID", "")):
            bad.append("%s: SPDXID %r" % (n, p.get("SPDXID")))
        if p.get("SPDXID") in seen:
            bad.append("%s: SPDXID %s twice" % (n, p["SPDXID"]))
        seen.add(p.get("SPDXID"))
        for k in ("name", "versionInfo", "downloadLocation", "supplier"):
            if not isinstance(p.get(k), str) or not p[k]:
                bad.append("%s: no %s" % (n, k))
        for k in ("licenseConcluded", "licenseDeclared"):
            if not isinstance(p.get(k), str) or not lic_ok(p[k]):
                bad.append("%s: %s %r" % (n, k, p.get(k)))
        if set(p) - PKG_PROPS:
            bad.append("%s: not SPDX 2.3 package properties: %s" % (n, sorted(set(p) - PKG_PROPS)))
        if p.get("filesAnalyzed", True) is not False and "packageVerificationCode" not in p:
            bad.append("%s: files analyzed without a verification code" % n)
        if not re.match(r"^(NOASSERTION|(Person|Organization): \S.*)$", p.get("supplier", "")):
            bad.append("%s: supplier %r" % (n, p.get("supplier")))
        if p.get("primaryPackagePurpose", "OTHER") not in PURPOSES:
            bad.append("%s: primaryPackagePurpose %r" % (n, p["primaryPackagePurpose"]))
        for c in p.get("checksums", []):
            if c.get("algorithm") != "SHA256" or not re.match(r"^[0-9a-f]{64}$", c.get("checksumValue", "")):
                bad.append("%s: checksum %r" % (n, c))
        for r in p.get("externalRefs", []):
            if r.get("referenceCategory") != "PACKAGE-MANAGER" or r.get("referenceType") != "purl" \
                    or not re.match(r"^pkg:[a-z]+/\S+@\S+$", r.get("referenceLocator", "")):
                bad.append("%s: externalRef %r" % (n, r))
elif check == "relationships":
    ids = set(by_id) | {"SPDXRef-DOCUMENT"}
    for r in rels:
        for k in ("spdxElementId", "relatedSpdxElement"):
            if r.get(k) not in ids:
                bad.append("%r: %s %r is no element" % (r, k, r.get(k)))
        if r.get("relationshipType") not in REL_TYPES:
            bad.append("%r: no such relationship type" % r)
    roots = [r["relatedSpdxElement"] for r in rels
             if r.get("spdxElementId") == "SPDXRef-DOCUMENT" and r.get("relationshipType") == "DESCRIBES"]
    if not roots:
        bad.append("the document DESCRIBES nothing")
    reach, todo = set(roots), list(roots)
    while todo:
        a = todo.pop()
        for r in rels:
            if r.get("spdxElementId") == a and r.get("relatedSpdxElement") not in reach:
                reach.add(r["relatedSpdxElement"]); todo.append(r["relatedSpdxElement"])
    for i in sorted(set(by_id) - reach):
        bad.append("%s is not reachable from what the document describes" % i)
elif check in ("contains", "linkage"):
    # FILE: lines "program package version" (linkage) or "name [version]" (contains).
    want = [l.split() for l in open(sys.argv[3]) if l.strip()]
    if check == "contains":
        for w in want:
            p = by_name.get(w[0])
            if not p:
                bad.append("no package %s" % w[0])
            elif len(w) > 1 and p.get("versionInfo") != w[1]:
                bad.append("%s: version %r, dpkg has %s" % (w[0], p.get("versionInfo"), w[1]))
    else:
        links = {(r["spdxElementId"], r["relatedSpdxElement"]) for r in rels
                 if r.get("relationshipType") == "DYNAMIC_LINK"}
        expected = set()
        for prog, deb, ver in want:
            p, d = by_name.get(prog), by_name.get(deb)
            if not p or not d:
                bad.append("%s links %s: %s is not in the SBOM" % (prog, deb, prog if not p else deb))
                continue
            expected.add((p["SPDXID"], d["SPDXID"]))
            if d.get("versionInfo") != ver:
                bad.append("%s: version %r, dpkg has %s" % (deb, d.get("versionInfo"), ver))
            purls = [r["referenceLocator"] for r in d.get("externalRefs", [])]
            q = ver.replace("+", "%2B")
            if not any(u.startswith("pkg:deb/debian/%s@%s?arch=" % (deb, q)) for u in purls):
                bad.append("%s: no purl pkg:deb/debian/%s@%s?arch=... (%r)" % (deb, deb, q, purls))
            if (p["SPDXID"], d["SPDXID"]) not in links:
                bad.append("no %s DYNAMIC_LINK %s" % (p["SPDXID"], d["SPDXID"]))
        progs = {by_name[w[0]]["SPDXID"] for w in want if w[0] in by_name}
        for a, b in sorted(links - expected):
            if a in progs:
                bad.append("%s DYNAMIC_LINK %s, which it does not link" % (a, b))
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
EOF
validate() { python3 "$work/validate.py" "$@"; }

# Build, and the SBOM of that build.
built=0
if make -s -C "$top/userspace" O="$work/us" > "$work/build.log" 2>&1; then
	built=1
	ktap_pass "userspace builds"
else
	sed 's/^/# /' "$work/build.log"
	ktap_fail "userspace builds"
fi
if [ $built = 1 ] && "$sbom" -o "$work/sbom.json" "$work/us" 2> "$work/sbom.err"; then
	ktap_pass "sbom.sh writes the SBOM of a build"
else
	sed 's/^/# /' "$work/sbom.err" 2>/dev/null
	ktap_fail "sbom.sh writes the SBOM of a build"
	echo '{}' > "$work/sbom.json"
fi
ktap_check "it parses as JSON" python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$work/sbom.json"
ktap_check "SPDX 2.3 document fields" validate document "$work/sbom.json"
ktap_check "every package: SPDXID, licences, SPDX 2.3 properties" validate packages "$work/sbom.json"
ktap_check "relationships between existing elements, all reachable" validate relationships "$work/sbom.json"

# camsec's parts, and the kernel sources with dpkg's versions.
{
	echo camsec; echo camsec-lsm
	for p in $PROGRAMS; do echo "$p"; done
	sed -n 's/^obj-m *+= *\([A-Za-z0-9_-]*\)\.o.*/\1/p' "$top"/kmod/*/Kbuild
	for v in 6.1 6.12; do
		dpkg-query -W -f='${Package} ${Version}\n' "linux-source-$v" 2>/dev/null
	done
} > "$work/contains"
ktap_check "LSM, modules, programs, kernel sources listed" validate contains "$work/sbom.json" "$work/contains"

# What the built programs link, traced here: NEEDED soname -> the host
# architecture's Debian package holding it -> dpkg's version.
multiarch=$(${CC:-cc} -print-multiarch)
: > "$work/needed"
for p in $PROGRAMS; do
	[ -f "$work/us/$p" ] || continue
	for so in $(readelf -d "$work/us/$p" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
		deb=$(dpkg-query -S "*/$so" 2>/dev/null | grep "/$multiarch/$so\$" | head -1 | sed 's/[:,].*//')
		[ -n "$deb" ] || deb="unknown-package-of-$so"
		echo "$p $deb $(dpkg-query -W -f='${Version}' "$deb:$(dpkg --print-architecture)" 2>/dev/null || echo '?')"
	done
done | sort -u > "$work/needed"
sed 's/^/# links: /' "$work/needed"
if grep -q '^camsecd .*libkeyutils1' "$work/needed"; then
	ktap_check "each NEEDED library a package, version, purl, DYNAMIC_LINK" \
		validate linkage "$work/sbom.json" "$work/needed"
else
	ktap_fail "each NEEDED library a package, version, purl, DYNAMIC_LINK" "camsecd's NEEDED list looks wrong"
fi

# The same check must catch a library left out, or a link left out.
python3 - "$work/sbom.json" "$work/nolib.json" "$work/nolink.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
gone = [p["SPDXID"] for p in d.get("packages", []) if p["name"] == "libkeyutils1"]
a = dict(d, packages=[p for p in d.get("packages", []) if p["SPDXID"] not in gone],
         relationships=[r for r in d.get("relationships", [])
                        if r["spdxElementId"] not in gone and r["relatedSpdxElement"] not in gone])
json.dump(a, open(sys.argv[2], "w"))
b = dict(d, relationships=[r for r in d.get("relationships", []) if not (
    r["relationshipType"] == "DYNAMIC_LINK" and r["spdxElementId"] == "SPDXRef-camsecctl"
    and r["relatedSpdxElement"] == "SPDXRef-deb-libssl3")])
json.dump(b, open(sys.argv[3], "w"))
EOF
if out=$(validate linkage "$work/nolib.json" "$work/needed"); then
	ktap_fail "linkage check fails without libkeyutils1"
else
	echo "$out" | sed 's/^/# /'
	ktap_pass "linkage check fails without libkeyutils1"
fi
if out=$(validate linkage "$work/nolink.json" "$work/needed"); then
	ktap_fail "linkage check fails without camsecctl's link to libssl3"
else
	echo "$out" | sed 's/^/# /'
	ktap_pass "linkage check fails without camsecctl's link to libssl3"
fi

# From the Makefile's link lines, without a build: the same links.
links() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for r in d.get("relationships", []):
    if r["relationshipType"] == "DYNAMIC_LINK":
        print(r["spdxElementId"], r["relatedSpdxElement"])' "$1" | sort
}
if "$sbom" -o "$work/make.json" 2> "$work/make.err" &&
	[ "$(links "$work/make.json")" = "$(links "$work/sbom.json")" ] &&
	[ -n "$(links "$work/make.json")" ]; then
	ktap_pass "from userspace/Makefile's link lines: the same links"
else
	sed 's/^/# /' "$work/make.err"
	links "$work/make.json" > "$work/l1"; links "$work/sbom.json" > "$work/l2"
	diff "$work/l1" "$work/l2" | sed 's/^/# /'
	ktap_fail "from userspace/Makefile's link lines: the same links"
fi

# Reproducible under SOURCE_DATE_EPOCH; another date, another namespace.
ns() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["documentNamespace"])' "$1"; }
SOURCE_DATE_EPOCH=1700000000 "$sbom" -o "$work/r1.json" "$work/us" 2>/dev/null
SOURCE_DATE_EPOCH=1700000000 "$sbom" -o "$work/r2.json" "$work/us" 2>/dev/null
SOURCE_DATE_EPOCH=1700000001 "$sbom" -o "$work/r3.json" "$work/us" 2>/dev/null
if cmp -s "$work/r1.json" "$work/r2.json" && [ -s "$work/r1.json" ] &&
	[ "$(ns "$work/r1.json")" != "$(ns "$work/r3.json")" ]; then
	ktap_pass "reproducible under SOURCE_DATE_EPOCH, namespace unique per document"
else
	ktap_fail "reproducible under SOURCE_DATE_EPOCH, namespace unique per document"
fi

# A build directory without the programs: an error, and no document.
mkdir -p "$work/empty"
if "$sbom" -o "$work/none.json" "$work/empty" 2>/dev/null || [ -e "$work/none.json" ]; then
	ktap_fail "a build without the programs: error, no document"
else
	ktap_pass "a build without the programs: error, no document"
fi

ktap_info "$(($(date +%s) - start)) s"
ktap_finish
