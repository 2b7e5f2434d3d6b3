#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Host test, as TAP: the documents that map requirements and threats to
# code and tests cite only what the repository holds.
#
#   selftests/host/doc-refs.sh [DOC...]
#
# DOC defaults to docs/requirements.md and docs/threat-model.md (paths are
# taken from the top of the repository). For each document, three cases:
#
#   paths    every repository path it cites exists: a backquoted token with
#            a slash (from the top, or under selftests/: `net/nf.sh`; a
#            glob must match), and a file name with a source extension,
#            backquoted or not, somewhere in the tree (`hook.c`). Tokens
#            with a space, a '<', a leading '/' or '~', or a last component
#            of digits only (tcp/443, a CIDR block) are not paths.
#   tests    every test case it names exists: in a table whose last column
#            is "Test", each word of that column outside backquotes that
#            looks like a_test_name must be defined in selftests/ or
#            userspace/tests/ (ktap_check/ktap_pass/ktap_fail/ktap_skip,
#            TEST/TEST_F, a policy.sh case_, a product.py case, a cmocka
#            unit test).
#   outside  nothing outside the repository: no "../", no "shared/".
#
# Each offender is named on a "#" line with its document and line number.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/selftests/lib.sh"
cd "$top" || exit 1

[ $# -gt 0 ] || set -- docs/requirements.md docs/threat-model.md

ktap_plan $(($# * 3))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Every file name in the tree, and every test case defined.
find . -name .git -prune -o -type f -print | sed 's|.*/||' | sort -u > "$work/names"
{
	grep -rhoE 'ktap_(check|pass|fail|skip) +"?[a-z0-9_]+' selftests |
		sed -E 's/^ktap_[a-z]+ +"?//'
	grep -rhoE 'TEST[A-Z_]*\(([a-z0-9_]+, *)?[a-z0-9_]+' selftests |
		sed -E 's/^TEST[A-Z_]*\(([a-z0-9_]+, *)?//'
	grep -rhoE '^[[:space:]]*case_ +[a-z0-9_]+' selftests |
		sed -E 's/^[[:space:]]*case_ +//'
	grep -rhoE '\.case\("[a-z0-9_]+"' selftests |
		sed -E 's/^\.case\("//; s/"$//'
	grep -rhoE 'cmocka_unit_test[a-z_]*\([a-z0-9_]+' userspace/tests |
		sed -E 's/^[^(]*\(//'
} | sort -u > "$work/tests"

# extract DOC: "line<TAB>kind<TAB>token" for kind path, name, test, outside.
extract() {
	awk '
	function emit(kind, tok) { printf "%d\t%s\t%s\n", FNR, kind, tok }
	function paths(text, quoted,   t) {
		# quoted: a backquoted token; else: file names in plain text.
		if (quoted) {
			if (text ~ /[ <]/ || text ~ /^[\/~$]/ || text ~ /\/[0-9]*$/)
				return
			if (text ~ /\//) { emit("path", text); return }
		}
		if (text ~ /^[A-Za-z0-9_.-]+\.(c|h|sh|py|md|yaml|dtso|config|awk)$/)
			emit("name", text)
	}
	{
		line = $0
		if (line ~ /\.\.\// || line ~ /(^|[^A-Za-z0-9_.-])shared\//)
			emit("outside", line)
		# Backquoted tokens, then the rest of the line word by word.
		rest = ""
		while (match(line, /`[^`]*`/)) {
			paths(substr(line, RSTART + 1, RLENGTH - 2), 1)
			rest = rest substr(line, 1, RSTART - 1) " "
			line = substr(line, RSTART + RLENGTH)
		}
		rest = rest line
		n = split(rest, w, /[^A-Za-z0-9_.-]+/)
		for (i = 1; i <= n; i++)
			paths(w[i], 0)
	}
	# Tables: the last cell of each row under a header whose last cell
	# is "Test" names test cases.
	/^\|/ {
		n = split($0, c, "|")
		cell = c[n - 1]
		if (cell ~ /^ *:?-+:? *$/)
			next
		if (!intable) {
			intable = 1
			testcol = (cell ~ /^ *Test *$/)
			next
		}
		if (!testcol)
			next
		gsub(/`[^`]*`/, " ", cell)
		n = split(cell, w, /[^A-Za-z0-9_.*-]+/)
		for (i = 1; i <= n; i++)
			if (w[i] ~ /^[a-z][a-z0-9]*(_[a-z0-9*]+)+$/)
				emit("test", w[i])
		next
	}
	{ intable = 0 }
	' "$1"
}

for doc in "$@"; do
	if [ ! -f "$doc" ]; then
		ktap_fail "$doc: paths" "no such file: $doc"
		ktap_fail "$doc: tests" "no such file: $doc"
		ktap_fail "$doc: outside" "no such file: $doc"
		continue
	fi
	extract "$doc" > "$work/refs"
	: > "$work/bad.path"; : > "$work/bad.test"; : > "$work/bad.outside"
	while IFS='	' read -r line kind tok; do
		case $kind in
		path)
			# shellcheck disable=SC2086 # a glob may stand for files
			set -- $tok
			[ -e "$1" ] && continue
			# shellcheck disable=SC2086
			set -- selftests/$tok
			[ -e "$1" ] && continue
			echo "$doc:$line: no such path: $tok" >> "$work/bad.path" ;;
		name)
			grep -qxF -- "$tok" "$work/names" ||
				echo "$doc:$line: no such file: $tok" >> "$work/bad.path" ;;
		test)
			grep -qxF -- "$tok" "$work/tests" ||
				echo "$doc:$line: no test case $tok in selftests/ or userspace/tests/" \
					>> "$work/bad.test" ;;
		outside)
			echo "$doc:$line: outside the repository: $tok" >> "$work/bad.outside" ;;
		esac
	done < "$work/refs"
	for kind in path test outside; do
		case $kind in
		path) what="paths" ;; test) what="tests" ;; outside) what="outside" ;;
		esac
		if [ -s "$work/bad.$kind" ]; then
			sed 's/^/# /' "$work/bad.$kind"
			ktap_fail "$doc: $what" "$(wc -l < "$work/bad.$kind") offender(s)"
		else
			ktap_pass "$doc: $what"
		fi
	done
done
ktap_finish
