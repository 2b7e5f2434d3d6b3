// SPDX-License-Identifier: GPL-2.0-only
/* Sessions: limits per user and in all, idle end, logout, account deletion. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "session.h"

static struct sessions t;

static void limits(void **state)
{
	char tok[4][SESSION_TOKEN_HEX + 1];
	const char *why;

	(void)state;
	assert_int_equal(sessions_init(&t, 300, 2, 3, &why), 0);
	assert_int_equal(session_open(&t, "admin", 2, "local", 0, tok[0]), 0);
	assert_int_equal(session_open(&t, "admin", 2, "local", 1, tok[1]), 0);
	assert_string_not_equal(tok[0], tok[1]);
	assert_int_equal(strlen(tok[0]), SESSION_TOKEN_HEX);
	assert_int_equal(session_open(&t, "admin", 2, "local", 2, tok[2]), -EUSERS);
	assert_int_equal(session_open(&t, "viewer", 1, "local", 2, tok[2]), 0);
	assert_int_equal(session_open(&t, "op", 1, "local", 3, tok[3]), -EMFILE);
	/* a logout frees a place */
	assert_int_equal(session_close(&t, tok[0]), 0);
	assert_int_equal(session_close(&t, tok[0]), -1);
	assert_null(session_use(&t, tok[0], 4));
	assert_int_equal(session_open(&t, "op", 1, "local", 4, tok[3]), 0);
	assert_int_equal(sessions_init(&t, 300, 4, 3, &why), -1);
	assert_int_equal(sessions_init(&t, 0, 1, 1, &why), -1);
}

static void idle_and_use(void **state)
{
	char a[SESSION_TOKEN_HEX + 1], b[SESSION_TOKEN_HEX + 1];
	const struct session *s;
	const char *why;

	(void)state;
	assert_int_equal(sessions_init(&t, 60, 2, 4, &why), 0);
	assert_int_equal(session_open(&t, "admin", 2, "local", 0, a), 0);
	assert_int_equal(session_open(&t, "viewer", 1, "local", 0, b), 0);
	/* use restarts the idle clock */
	s = session_use(&t, a, 50);
	assert_non_null(s);
	assert_string_equal(s->account, "admin");
	assert_int_equal(s->role, 2);
	assert_non_null(session_use(&t, a, 100));
	/* b was idle 60 s */
	assert_null(session_use(&t, b, 60));
	assert_null(session_use(&t, a, 160));
	/* a wrong or short token finds nothing */
	assert_int_equal(session_open(&t, "admin", 2, "local", 200, a), 0);
	a[10] ^= 1;
	assert_null(session_use(&t, a, 201));
	assert_null(session_use(&t, "abc", 201));
	assert_null(session_use(&t, "", 201));
}

static void account_deleted(void **state)
{
	char a[SESSION_TOKEN_HEX + 1], b[SESSION_TOKEN_HEX + 1],
	     c[SESSION_TOKEN_HEX + 1];
	const char *why;

	(void)state;
	assert_int_equal(sessions_init(&t, 60, 2, 4, &why), 0);
	assert_int_equal(session_open(&t, "op", 1, "local", 0, a), 0);
	assert_int_equal(session_open(&t, "op", 1, "local", 0, b), 0);
	assert_int_equal(session_open(&t, "admin", 2, "local", 0, c), 0);
	assert_int_equal(session_close_account(&t, "op", NULL), 2);
	assert_null(session_use(&t, a, 1));
	assert_null(session_use(&t, b, 1));
	assert_non_null(session_use(&t, c, 1));
}

/* A password change ends the account's other sessions, not its own. */
static void all_but_one_ended(void **state)
{
	char a[SESSION_TOKEN_HEX + 1], b[SESSION_TOKEN_HEX + 1],
	     c[SESSION_TOKEN_HEX + 1];
	const char *why;

	(void)state;
	assert_int_equal(sessions_init(&t, 60, 3, 4, &why), 0);
	assert_int_equal(session_open(&t, "op", 1, "local", 0, a), 0);
	assert_int_equal(session_open(&t, "op", 1, "local", 0, b), 0);
	assert_int_equal(session_open(&t, "admin", 2, "local", 0, c), 0);
	assert_int_equal(session_close_account(&t, "op", b), 1);
	assert_null(session_use(&t, a, 1));
	assert_non_null(session_use(&t, b, 1));
	assert_non_null(session_use(&t, c, 1));
	assert_int_equal(session_close_account(&t, "admin", a), 1);
	assert_null(session_use(&t, c, 1));
}

static unsigned int ended_ids;

static void count_end(const struct session *s, void *arg)
{
	(void)arg;
	ended_ids += s->id;
}

/* Ids are distinct and found; every way of ending reports the session. */
static void ids_and_end_hook(void **state)
{
	char a[SESSION_TOKEN_HEX + 1], b[SESSION_TOKEN_HEX + 1],
	     c[SESSION_TOKEN_HEX + 1];
	const struct session *s;
	const char *why;

	(void)state;
	assert_int_equal(sessions_init(&t, 60, 4, 4, &why), 0);
	t.on_end = count_end;
	ended_ids = 0;
	assert_int_equal(session_open(&t, "op", 1, "10.0.0.1", 0, a), 0);
	assert_int_equal(session_open(&t, "op", 1, "local", 50, b), 0);
	assert_int_equal(session_open(&t, "admin", 2, "local", 50, c), 0);
	s = session_by_id(&t, 2);
	assert_non_null(s);
	assert_string_equal(s->source, "local");
	assert_string_equal(s->token, b);
	assert_null(session_by_id(&t, 0));
	assert_null(session_by_id(&t, 4));
	assert_int_equal(session_expire(&t, 60), 1);	/* id 1 */
	assert_int_equal(ended_ids, 1);
	assert_int_equal(session_close(&t, c), 0);	/* id 3 */
	assert_int_equal(ended_ids, 4);
	assert_int_equal(session_close_account(&t, "op", NULL), 1);	/* id 2 */
	assert_int_equal(ended_ids, 6);
	assert_null(session_by_id(&t, 2));
	assert_int_equal(session_open(&t, "op", 1, "local", 70, a), 0);
	assert_non_null(session_by_id(&t, 4));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(limits),
		cmocka_unit_test(idle_and_use),
		cmocka_unit_test(account_deleted),
		cmocka_unit_test(all_but_one_ended),
		cmocka_unit_test(ids_and_end_hook),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
