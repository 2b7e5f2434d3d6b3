/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Sessions (draft 6.4.4a/b/d): a token per login, ended by its user, by
 * idleness past idle_s, or with every session of an account deleted;
 * at most per_user sessions for one account and max in all.
 */
#ifndef CAMSEC_SESSION_H
#define CAMSEC_SESSION_H

#include <stddef.h>
#include <stdint.h>

#define SESSION_TOKEN_HEX 64	/* 256 random bits */
#define SESSION_MAX 64
/* No account's session: the updater's (camsecd/updater.c). */
#define SESSION_ID_RESERVED 0xffffffffu

struct session {
	char token[SESSION_TOKEN_HEX + 1];	/* "" : a free slot */
	char account[33];
	char source[64];
	int role;
	uint32_t id;			/* never 0, not reused while running */
	int64_t last_used;
};

struct sessions {
	unsigned int idle_s, per_user, max;
	uint32_t last_id;
	/* Called as each session ends, however it ends; may be NULL. */
	void (*on_end)(const struct session *s, void *arg);
	void *on_end_arg;
	struct session s[SESSION_MAX];
};

/* 0, or -1 with *why: limits out of range. */
int sessions_limits_check(unsigned int idle_s, unsigned int per_user,
			  unsigned int max, const char **why);
int sessions_init(struct sessions *t, unsigned int idle_s,
		  unsigned int per_user, unsigned int max, const char **why);

/*
 * A new session for @account: its token copied to @token, 0; or -EUSERS
 * (the account has per_user sessions), -EMFILE (max in all), -EIO (no
 * randomness). Idle sessions are ended first.
 */
int session_open(struct sessions *t, const char *account, int role,
		 const char *source, int64_t now, char *token);

/* The live session of @token (its idle clock restarted), or NULL. */
const struct session *session_use(struct sessions *t, const char *token,
				  int64_t now);

/* The live session numbered @id, or NULL. */
const struct session *session_by_id(const struct sessions *t, uint32_t id);

/* End @token's session: 0, or -1 if there is none. */
int session_close(struct sessions *t, const char *token);

/* End every session of @account but @keep's (a token, or NULL): how many. */
unsigned int session_close_account(struct sessions *t, const char *account,
				   const char *keep);

/* End sessions idle past idle_s: how many. */
unsigned int session_expire(struct sessions *t, int64_t now);

#endif
