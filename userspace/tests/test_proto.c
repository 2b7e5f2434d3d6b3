// SPDX-License-Identifier: GPL-2.0-only
/* The daemon's protocol: parsing, refusals, building, JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "proto.h"

static struct proto_msg m;
static struct proto_buf b;

static int parse(const char *line)
{
	const char *why = NULL;
	int ret = proto_parse(line, strlen(line), &m, &why);

	if (ret)
		assert_non_null(why);
	return ret;
}

static void parses(void **state)
{
	(void)state;
	assert_int_equal(parse("status"), 0);
	assert_string_equal(m.verb, "status");
	assert_int_equal(m.nargs, 0);
	assert_int_equal(parse("login user=admin password=a%20b%25c=d"), 0);
	assert_string_equal(m.verb, "login");
	assert_string_equal(proto_get(&m, "user"), "admin");
	assert_string_equal(proto_get(&m, "password"), "a b%c=d");
	assert_null(proto_get(&m, "role"));
	assert_int_equal(parse("user-mod name=x detail=-"), 0);
	assert_string_equal(proto_get(&m, "detail"), "");
	proto_wipe(&m);
	assert_int_equal(m.nargs, 0);
}

static void refuses(void **state)
{
	static const char *const bad[] = {
		"", " status", "Status", "1x", "status ", "status  a=b",
		"status a", "status =b", "status a=", "status A=b",
		"status a=b a=c", "status a=%zz", "status a=%00", "status a=%4",
		"status a=\tb", "status a=\xc3\xa9", "verb-with-a-name-over-31-bytes-long",
		"status a=1 b=1 c=1 d=1 e=1 f=1 g=1 h=1 i=1 j=1 k=1 l=1 m=1 n=1 o=1 p=1 q=1",
	};
	char longline[PROTO_LINE_MAX + 8];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		print_message("%s\n", bad[i]);
		assert_int_equal(parse(bad[i]), -1);
	}
	memset(longline, 'a', sizeof(longline) - 1);
	longline[sizeof(longline) - 1] = '\0';
	memcpy(longline, "status v=", 9);
	assert_int_equal(parse(longline), -1);
}

static void builds(void **state)
{
	char big[PROTO_LINE_MAX];

	(void)state;
	proto_start(&b, "rec");
	proto_add(&b, "name", "al ice");
	proto_add(&b, "empty", "");
	proto_addu(&b, "n", 42);
	assert_int_equal(proto_finish(&b), 0);
	assert_string_equal(b.line, "rec name=al%20ice empty=- n=42\n");
	assert_int_equal(proto_parse(b.line, b.len - 1, &m, &(const char *){ NULL }), 0);
	assert_string_equal(proto_get(&m, "name"), "al ice");
	/* a value that does not fit fails the whole line */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	proto_start(&b, "rec");
	proto_add(&b, "v", big);
	proto_add(&b, "w", "1");
	assert_int_equal(proto_finish(&b), -1);
}

static void json(void **state)
{
	char out[256];

	(void)state;
	assert_int_equal(parse("rec name=a%22b n=12 z=012 e=-"), 0);
	assert_true(proto_json(&m, out, sizeof(out)) > 0);
	assert_string_equal(out, "{\"name\":\"a\\\"b\",\"n\":12,\"z\":\"012\",\"e\":\"\"}");
	assert_int_equal(parse("ok"), 0);
	assert_true(proto_json(&m, out, sizeof(out)) > 0);
	assert_string_equal(out, "{}");
	assert_int_equal(proto_json(&m, out, 1), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses),
		cmocka_unit_test(refuses),
		cmocka_unit_test(builds),
		cmocka_unit_test(json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
