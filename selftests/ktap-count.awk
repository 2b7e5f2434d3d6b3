# SPDX-License-Identifier: GPL-2.0-only
# Count the results of one TAP/KTAP producer (a test program): prints
# "pass fail skip". Only top-level results count; a plan that promises more
# results than arrived counts the missing ones as failures (a crash).
# Run with -v rc=<exit status>: a non-zero status other than 4 (KSFT_SKIP)
# with no failure reported counts as one failure.
/^1\.\.[0-9]+/ { if (!plan) plan = substr($1, 4) + 0 }
/^ok [0-9]+/ {
	n++
	if ($0 ~ /# *(SKIP|skip)/) skip++; else pass++
}
/^not ok [0-9]+/ { n++; fail++ }
END {
	if (plan > n) fail += plan - n
	if (rc != 0 && rc != 4 && fail == 0) fail++
	if (n == 0 && plan == 0 && fail == 0) fail++
	printf "%d %d %d\n", pass, fail, skip
}
