/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What "rauc info --output-format=shell" prints of a bundle whose
 * signature it verified: one KEY=VALUE line each, VALUE quoted for the
 * shell (g_shell_quote: 'text', a quote inside as '\''), or a bare
 * number. camsecd keeps the manifest's compatible string and version.
 * Pure functions, unit-tested and fuzzed.
 */
#ifndef CAMSEC_RAUCINFO_H
#define CAMSEC_RAUCINFO_H

#include <stddef.h>

#define RAUC_FIELD_MAX 128

struct rauc_info {
	char compatible[RAUC_FIELD_MAX];	/* RAUC_MF_COMPATIBLE */
	char version[RAUC_FIELD_MAX];		/* RAUC_MF_VERSION */
};

/*
 * Parse @len bytes of @text. 0, or -EINVAL with *@why and the 1-based
 * *@line: a line that is not KEY=VALUE, an unterminated quote, a control
 * character or a value too long, or no compatible string or version.
 */
int rauc_info_parse(const char *text, size_t len, struct rauc_info *info,
		    unsigned int *line, const char **why);

#endif
