// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sessions: see session.h. Tokens come from getrandom(); a lookup
 * compares every live token in full, so its time says nothing about how
 * much of a guess was right. A closed slot is wiped.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "session.h"

int sessions_limits_check(unsigned int idle_s, unsigned int per_user,
			  unsigned int max, const char **why)
{
	if (!idle_s || idle_s > 86400) {
		*why = "the idle timeout is 1 s to 1 day";
		return -1;
	}
	if (!max || max > SESSION_MAX || !per_user || per_user > max) {
		*why = "session limits: 1 <= per user <= total <= 64";
		return -1;
	}
	return 0;
}

int sessions_init(struct sessions *t, unsigned int idle_s,
		  unsigned int per_user, unsigned int max, const char **why)
{
	if (sessions_limits_check(idle_s, per_user, max, why))
		return -1;
	memset(t, 0, sizeof(*t));
	t->idle_s = idle_s;
	t->per_user = per_user;
	t->max = max;
	return 0;
}

static void end(struct sessions *t, struct session *s)
{
	if (t->on_end)
		t->on_end(s, t->on_end_arg);
	explicit_bzero(s, sizeof(*s));
}

unsigned int session_expire(struct sessions *t, int64_t now)
{
	unsigned int i, n = 0;

	for (i = 0; i < SESSION_MAX; i++) {
		if (t->s[i].token[0] && now - t->s[i].last_used >= t->idle_s) {
			end(t, &t->s[i]);
			n++;
		}
	}
	return n;
}

int session_open(struct sessions *t, const char *account, int role,
		 const char *source, int64_t now, char *token)
{
	static const char hex[] = "0123456789abcdef";
	unsigned int i, live = 0, mine = 0;
	struct session *free_slot = NULL;
	uint8_t rnd[SESSION_TOKEN_HEX / 2];

	session_expire(t, now);
	for (i = 0; i < SESSION_MAX; i++) {
		if (!t->s[i].token[0]) {
			if (!free_slot)
				free_slot = &t->s[i];
			continue;
		}
		live++;
		mine += !strcmp(t->s[i].account, account);
	}
	if (mine >= t->per_user)
		return -EUSERS;
	if (live >= t->max || !free_slot)
		return -EMFILE;
	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
		return -EIO;
	for (i = 0; i < sizeof(rnd); i++) {
		free_slot->token[2 * i] = hex[rnd[i] >> 4];
		free_slot->token[2 * i + 1] = hex[rnd[i] & 15];
	}
	explicit_bzero(rnd, sizeof(rnd));
	free_slot->token[SESSION_TOKEN_HEX] = '\0';
	strncpy(free_slot->account, account, sizeof(free_slot->account) - 1);
	strncpy(free_slot->source, source, sizeof(free_slot->source) - 1);
	free_slot->role = role;
	if (!++t->last_id || t->last_id == SESSION_ID_RESERVED)
		t->last_id = 1;
	free_slot->id = t->last_id;
	free_slot->last_used = now;
	memcpy(token, free_slot->token, SESSION_TOKEN_HEX + 1);
	return 0;
}

/* The slot of @token: every live slot compared in full, no early exit. */
static struct session *find(struct sessions *t, const char *token)
{
	struct session *hit = NULL;
	unsigned int i, j;

	if (strlen(token) != SESSION_TOKEN_HEX)
		return NULL;
	for (i = 0; i < SESSION_MAX; i++) {
		unsigned char d = 0;

		for (j = 0; j < SESSION_TOKEN_HEX; j++)
			d |= (unsigned char)(t->s[i].token[j] ^ token[j]);
		if (!d && t->s[i].token[0])
			hit = &t->s[i];
	}
	return hit;
}

const struct session *session_use(struct sessions *t, const char *token,
				  int64_t now)
{
	struct session *s;

	session_expire(t, now);
	s = find(t, token);
	if (s)
		s->last_used = now;
	return s;
}

const struct session *session_by_id(const struct sessions *t, uint32_t id)
{
	unsigned int i;

	for (i = 0; id && i < SESSION_MAX; i++) {
		if (t->s[i].token[0] && t->s[i].id == id)
			return &t->s[i];
	}
	return NULL;
}

int session_close(struct sessions *t, const char *token)
{
	struct session *s = find(t, token);

	if (!s)
		return -1;
	end(t, s);
	return 0;
}

unsigned int session_close_account(struct sessions *t, const char *account,
				   const char *keep)
{
	unsigned int i, n = 0;

	for (i = 0; i < SESSION_MAX; i++) {
		if (t->s[i].token[0] && !strcmp(t->s[i].account, account) &&
		    (!keep || strcmp(t->s[i].token, keep))) {
			end(t, &t->s[i]);
			n++;
		}
	}
	return n;
}
