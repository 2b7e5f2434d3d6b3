// SPDX-License-Identifier: GPL-2.0-only
/* Account names and their skeletons: see username.h. */
#include <ctype.h>
#include <string.h>

#include "username.h"

int username_check(const char *name, const char **why)
{
	size_t len = strlen(name), i;

	if (!len || len > USERNAME_MAX) {
		*why = "a user name is 1 to 32 characters";
		return -1;
	}
	if ((unsigned char)name[0] >= 0x80 || !isalpha((unsigned char)name[0])) {
		*why = "a user name begins with a letter";
		return -1;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];

		if (c >= 0x80 || !(isalnum(c) || c == '.' || c == '_' || c == '-')) {
			*why = "a user name is ASCII letters, digits, '.', '_' and '-'";
			return -1;
		}
	}
	return 0;
}

static char fold(char c)
{
	switch (c) {
	case '0': return 'o';
	case '1': case 'i': return 'l';
	case '5': return 's';
	case '_': case '.': return '-';
	default: return c;
	}
}

void username_skeleton(const char *name, char *out)
{
	size_t n = 0;

	for (; *name && n < USERNAME_MAX; name++) {
		char c = (char)tolower((unsigned char)*name);
		char next = (char)tolower((unsigned char)name[1]);

		if ((c == 'r' && next == 'n') || (c == 'v' && next == 'v')) {
			out[n++] = c == 'r' ? 'm' : 'w';
			name++;
			continue;
		}
		out[n++] = fold(c);
	}
	out[n] = '\0';
}
