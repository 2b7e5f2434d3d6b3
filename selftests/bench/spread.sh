# SPDX-License-Identifier: GPL-2.0-only
#
# The shell benchmarks' figures (sourced, not run): each round's figures
# are a line of $rows; a figure over the rounds is its median and spread.

# spread [DIGITS]: a column of numbers in, "median [min, max]" out, with
# DIGITS decimals (3 by default).
spread() {
	sort -g | awk -v f="%.${1:-3}f" '{ v[NR] = $1 } END {
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf f " [" f ", " f "]", m, v[1], v[NR] }'
}

# per EXPR [DIGITS]: the awk expression EXPR over each line of $rows, spread.
per() { printf "%s" "$rows" | awk "{ print $1 }" | spread "${2:-3}"; }
