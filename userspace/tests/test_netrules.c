// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "netrules.h"

static void ports(void **state)
{
	struct nr_error err;
	struct nr_port p;

	(void)state;
	assert_int_equal(nr_parse_port("tcp/443", &p, &err), 0);
	assert_int_equal(p.proto, IPPROTO_TCP);
	assert_int_equal(p.num, 443);
	assert_int_equal(p.scope, 0);
	assert_false(p.risk);
	assert_int_equal(nr_parse_port("udp/5353@2", &p, &err), 0);
	assert_int_equal(p.proto, IPPROTO_UDP);
	assert_int_equal(p.scope, 2);
	assert_int_equal(nr_parse_port("tcp/23@1:risk", &p, &err), 0);
	assert_true(p.risk);
	assert_int_equal(p.num, 23);
	assert_int_equal(nr_parse_port("tcp/0", &p, &err), -1);
	assert_int_equal(err.col, 5);
	assert_int_equal(nr_parse_port("tcp/65536", &p, &err), -1);
	assert_int_equal(nr_parse_port("sctp/1", &p, &err), -1);
	assert_string_equal(err.msg, "protocol must be tcp or udp");
	assert_int_equal(nr_parse_port("tcp/80@16", &p, &err), -1);
	assert_int_equal(err.col, 8);
	assert_int_equal(nr_parse_port("tcp/80:yes", &p, &err), -1);
	assert_int_equal(nr_parse_port("tcp443", &p, &err), -1);
}

static void cidrs(void **state)
{
	static const uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8 };
	struct nr_error err;
	struct nr_cidr c;
	char text[80];

	(void)state;
	assert_int_equal(nr_parse_cidr("10.0.0.0/8", &c, &err), 0);
	assert_int_equal(c.len, 4);
	assert_int_equal(c.prefix, 8);
	assert_int_equal(c.addr[0], 10);
	assert_int_equal(nr_parse_cidr("192.0.2.7", &c, &err), 0);
	assert_int_equal(c.prefix, 32);
	assert_int_equal(nr_parse_cidr("2001:db8::/32@3", &c, &err), 0);
	assert_int_equal(c.len, 16);
	assert_memory_equal(c.addr, v6, 16);
	assert_int_equal(c.scope, 3);
	nr_format_cidr(&c, text, sizeof(text));
	assert_string_equal(text, "2001:db8::/32@3");
	assert_int_equal(nr_parse_cidr("10.0.0.1/8", &c, &err), -1);
	assert_string_equal(err.msg, "address has bits set past /8");
	assert_int_equal(nr_parse_cidr("10.0.0.0/33", &c, &err), -1);
	assert_int_equal(err.col, 10);
	assert_int_equal(nr_parse_cidr("::/129", &c, &err), -1);
	assert_int_equal(nr_parse_cidr("10.0.0/8", &c, &err), -1);
	assert_int_equal(nr_parse_cidr("0.0.0.0/0", &c, &err), 0);
}

static int collect(const struct nr_cidr *c, void *arg)
{
	int *n = arg;

	(void)c;
	return ++*n > 3;
}

static void lists(void **state)
{
	const char ok[] = "# allowed\n10.0.0.0/8\n\n  192.168.0.0/16@1 # lan\r\n::1\n";
	const char bad[] = "10.0.0.0/8\n  10.1.0.0/33\n";
	const char two[] = "10.0.0.0/8 10.1.0.0/16\n";
	const char many[] = "1.0.0.0/8\n2.0.0.0/8\n3.0.0.0/8\n4.0.0.0/8\n";
	struct nr_error err;
	int n = 0;

	(void)state;
	assert_int_equal(nr_parse_cidr_list(ok, sizeof(ok) - 1, collect, &n, &err), 0);
	assert_int_equal(n, 3);
	n = 0;
	assert_int_equal(nr_parse_cidr_list(bad, sizeof(bad) - 1, collect, &n, &err), -1);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 12);
	assert_int_equal(nr_parse_cidr_list(two, sizeof(two) - 1, collect, &n, &err), -1);
	assert_int_equal(err.col, 11);
	assert_string_equal(err.msg, "one entry per line");
	n = 0;
	assert_int_equal(nr_parse_cidr_list(many, sizeof(many) - 1, collect, &n, &err), -1);
	assert_int_equal(err.line, 4);
	assert_int_equal(nr_parse_cidr_list("1.2.3.4\0/8", 10, collect, &n, &err), -1);
}

static int keep(const struct nr_option *o, void *arg)
{
	struct nr_option *opts = arg;
	int i = 0;

	while (opts[i].kind != (enum nr_kind)-1)
		i++;
	if (i == 7)
		return -1;
	opts[i] = *o;
	opts[i + 1].kind = (enum nr_kind)-1;
	return 0;
}

static void options(void **state)
{
	struct nr_error err;
	struct nr_option o;

	(void)state;
	assert_int_equal(nr_parse_option("port", "tcp/554", &o, &err), 0);
	assert_int_equal(o.kind, NR_PORT);
	assert_int_equal(o.port.num, 554);
	assert_int_equal(nr_parse_option("filter", "deny", &o, &err), 0);
	assert_int_equal(o.kind, NR_FILTER);
	assert_int_equal(nr_parse_option("v6-prefix", "56", &o, &err), 0);
	assert_int_equal(o.value, 56);
	assert_int_equal(nr_parse_option("ping", NULL, &o, &err), 0);
	assert_int_equal(o.kind, NR_PING);
	assert_int_equal(nr_parse_option("ping", "yes", &o, &err), -1);
	assert_int_equal(nr_parse_option("port", NULL, &o, &err), -1);
	assert_int_equal(nr_parse_option("v6-prefix", "129", &o, &err), -1);
	assert_int_equal(nr_parse_option("conn-max", "4294967296", &o, &err), -1);
	assert_int_equal(nr_parse_option("conn-max", "-1", &o, &err), -1);
	assert_int_equal(nr_parse_option("filter", "maybe", &o, &err), -1);
	assert_int_equal(nr_parse_option("cidr-file", "x", &o, &err), -1);
	assert_int_equal(err.col, 0);
}

static void rulesets(void **state)
{
	static const char good[] =
		"# the camera's\n--port tcp/8443\n  --port udp/5353@2  # mdns\n"
		"--filter allow\n--cidr 10.0.0.0/8\n--ping\n\n--conn-max 64";
	struct nr_option opts[8] = { { .kind = (enum nr_kind)-1 } };
	struct nr_error err;

	(void)state;
	assert_int_equal(nr_parse_ruleset(good, strlen(good), keep, opts, &err), 0);
	assert_int_equal(opts[1].kind, NR_PORT);
	assert_int_equal(opts[1].port.scope, 2);
	assert_int_equal(opts[3].cidr.prefix, 8);
	assert_int_equal(opts[5].value, 64);
	assert_int_equal(opts[6].kind, (enum nr_kind)-1);
	opts[0].kind = (enum nr_kind)-1;
	assert_int_equal(nr_parse_ruleset("--port tcp/1\n--port tcp/99999", 29,
					  keep, opts, &err), -1);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 12);
	assert_int_equal(nr_parse_ruleset("\n  port tcp/1", 13, keep, opts, &err), -1);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 3);
	assert_int_equal(nr_parse_ruleset("--port tcp/1 tcp/2", 18, keep, opts, &err), -1);
	assert_int_equal(err.col, 8);
	assert_int_equal(nr_parse_ruleset("--portal tcp/1", 14, keep, opts, &err), -1);
	assert_int_equal(nr_parse_ruleset("--ping\0", 7, keep, opts, &err), -1);
	opts[0].kind = (enum nr_kind)-1;
	assert_int_equal(nr_parse_ruleset("--ping\n--ping\n--ping\n--ping\n--ping\n"
					  "--ping\n--ping\n--ping", 55, keep, opts, &err), -1);
	assert_string_equal(err.msg, "too many rules");
	assert_int_equal(err.line, 8);
}

static void services(void **state)
{
	(void)state;
	assert_string_equal(nr_service_name(IPPROTO_TCP, 23), "telnet");
	assert_string_equal(nr_service_name(IPPROTO_TCP, 443), "https");
	assert_null(nr_service_name(IPPROTO_UDP, 443));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ports),
		cmocka_unit_test(cidrs),
		cmocka_unit_test(lists),
		cmocka_unit_test(options),
		cmocka_unit_test(rulesets),
		cmocka_unit_test(services),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
