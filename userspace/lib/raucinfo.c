// SPDX-License-Identifier: GPL-2.0-only
/* What "rauc info --output-format=shell" says: see raucinfo.h. */
#include <errno.h>
#include <string.h>

#include "raucinfo.h"

static int key_char(char c, int first)
{
	return c == '_' || (c >= 'A' && c <= 'Z') ||
	       (!first && c >= '0' && c <= '9');
}

/*
 * The value that starts at @s, up to the end of the line, unquoted into
 * @out (RAUC_FIELD_MAX bytes). Returns its end, or NULL with *@why.
 */
static const char *unquote(const char *s, const char *end, char *out,
			   const char **why)
{
	size_t n = 0;
	int quoted = 0;
	char c;

	for (; s < end && (quoted || *s != '\n'); s++) {
		c = *s;
		if (c == '\'') {
			quoted = !quoted;
			continue;
		}
		if (!quoted && c == '\\') {
			if (++s == end || *s == '\n')
				break;
			c = *s;
		}
		if ((unsigned char)c < 0x20 || c == 0x7f) {
			*why = "a control character in a value";
			return NULL;
		}
		if (n + 1 >= RAUC_FIELD_MAX) {
			*why = "a value too long";
			return NULL;
		}
		out[n++] = c;
	}
	if (quoted) {
		*why = "a quote not closed";
		return NULL;
	}
	out[n] = '\0';
	return s;
}

int rauc_info_parse(const char *text, size_t len, struct rauc_info *info,
		    unsigned int *line, const char **why)
{
	const char *s = text, *end = text + len, *key;
	char value[RAUC_FIELD_MAX];
	size_t klen;

	memset(info, 0, sizeof(*info));
	*line = 1;
	for (; s < end; s++, ++*line) {
		if (*s == '\n')
			continue;
		for (key = s; s < end && key_char(*s, s == key); s++)
			;
		klen = (size_t)(s - key);
		if (!klen || s == end || *s != '=') {
			*why = "not a KEY=VALUE line";
			return -EINVAL;
		}
		s = unquote(s + 1, end, value, why);
		if (!s)
			return -EINVAL;
		if (klen == 18 && !memcmp(key, "RAUC_MF_COMPATIBLE", klen))
			memcpy(info->compatible, value, sizeof(value));
		else if (klen == 15 && !memcmp(key, "RAUC_MF_VERSION", klen))
			memcpy(info->version, value, sizeof(value));
		if (s == end)
			break;
	}
	*line = 0;
	if (!info->compatible[0] || !info->version[0]) {
		*why = "no compatible string or version";
		return -EINVAL;
	}
	return 0;
}
