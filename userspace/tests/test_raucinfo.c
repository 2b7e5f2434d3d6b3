// SPDX-License-Identifier: GPL-2.0-only
/* What "rauc info --output-format=shell" says (lib/raucinfo.c). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "raucinfo.h"

static int parse(const char *text, struct rauc_info *info, unsigned int *line,
		 const char **why)
{
	return rauc_info_parse(text, strlen(text), info, line, why);
}

/* As RAUC 1.8 prints it for a bundle of scripts/build-bundle.sh. */
static void reads_the_manifest_fields(void **state)
{
	static const char text[] =
		"RAUC_MF_COMPATIBLE='camsec,orangepi-pc'\n"
		"RAUC_MF_VERSION='2.0.0'\n"
		"RAUC_MF_DESCRIPTION=''\n"
		"RAUC_MF_IMAGES=2\n"
		"RAUC_IMAGE_NAME_0='root-verity.img'\n"
		"RAUC_IMAGE_SIZE_0=5390336\n";
	struct rauc_info info;
	const char *why = NULL;
	unsigned int line;

	(void)state;
	assert_int_equal(parse(text, &info, &line, &why), 0);
	assert_string_equal(info.compatible, "camsec,orangepi-pc");
	assert_string_equal(info.version, "2.0.0");
}

static void unquotes_as_the_shell(void **state)
{
	struct rauc_info info;
	const char *why = NULL;
	unsigned int line;

	(void)state;
	assert_int_equal(parse("RAUC_MF_COMPATIBLE='it'\\''s'\nRAUC_MF_VERSION=1.0\n",
			       &info, &line, &why), 0);
	assert_string_equal(info.compatible, "it's");
	assert_string_equal(info.version, "1.0");
	/* The last line without its newline, and blank lines. */
	assert_int_equal(parse("\nRAUC_MF_VERSION='3'\n\nRAUC_MF_COMPATIBLE='x y'",
			       &info, &line, &why), 0);
	assert_string_equal(info.compatible, "x y");
}

static void refuses_what_rauc_does_not_print(void **state)
{
	static const struct {
		const char *text, *why;
		unsigned int line;
	} bad[] = {
		{ "RAUC_MF_VERSION='1'\nrauc-Message: hello\n", "not a KEY=VALUE line", 2 },
		{ "=1\n", "not a KEY=VALUE line", 1 },
		{ "1A=1\n", "not a KEY=VALUE line", 1 },
		{ "RAUC_MF_VERSION\n", "not a KEY=VALUE line", 1 },
		{ "RAUC_MF_VERSION='1\n", "a control character in a value", 1 },
		{ "RAUC_MF_VERSION='1", "a quote not closed", 1 },
		{ "RAUC_MF_VERSION=1\tx\n", "a control character in a value", 1 },
		{ "RAUC_MF_VERSION='1'\n", "no compatible string or version", 0 },
		{ "RAUC_MF_COMPATIBLE='c'\nRAUC_MF_VERSION=''\n",
		  "no compatible string or version", 0 },
	};
	struct rauc_info info;
	unsigned int line, i;
	const char *why;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why = NULL;
		assert_int_equal(parse(bad[i].text, &info, &line, &why), -EINVAL);
		assert_string_equal(why, bad[i].why);
		assert_int_equal(line, bad[i].line);
	}
}

static void refuses_a_value_too_long(void **state)
{
	char text[RAUC_FIELD_MAX + 64];
	struct rauc_info info;
	unsigned int line;
	const char *why;

	(void)state;
	strcpy(text, "RAUC_MF_COMPATIBLE=");
	memset(text + strlen(text), 'a', RAUC_FIELD_MAX - 1);
	text[19 + RAUC_FIELD_MAX - 1] = '\0';
	strcat(text, "\nRAUC_MF_VERSION=1\n");
	assert_int_equal(parse(text, &info, &line, &why), 0);
	assert_int_equal(strlen(info.compatible), RAUC_FIELD_MAX - 1);
	strcpy(text, "RAUC_MF_VERSION=");
	memset(text + 16, '9', RAUC_FIELD_MAX);
	text[16 + RAUC_FIELD_MAX] = '\0';
	assert_int_equal(parse(text, &info, &line, &why), -EINVAL);
	assert_string_equal(why, "a value too long");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_the_manifest_fields),
		cmocka_unit_test(unquotes_as_the_shell),
		cmocka_unit_test(refuses_what_rauc_does_not_print),
		cmocka_unit_test(refuses_a_value_too_long),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
