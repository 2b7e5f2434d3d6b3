/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsecd - every request it makes of the kernel, in one place:
 *
 *   the LSM's generic netlink family ("camsec"): sealing and opening
 *   under the device key;
 *   camsec_nf's family, opened for each request (the module may be
 *   loaded, unloaded or replaced while camsecd runs): the ruleset, the
 *   open ports, bans;
 *   both families' event groups, parsed into struct kernel_event;
 *   the LSM's securityfs files: who camsecd is, role grants, the end of
 *   a session's programs;
 *   the keyrings: the device key, the stream key, a program's keyring.
 *
 * Each returns 0 or -errno unless it says otherwise.
 */
#ifndef CAMSECD_KERNEL_H
#define CAMSECD_KERNEL_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "genl.h"

#define STREAM_KEY_DESC "camsec:stream"	/* camsec_vcrypt's logon key */

/* The LSM's family, opened once: @g's error holds a refusal's reason. */
int kernel_lsm_connect(struct camsec_genl *g);
void kernel_lsm_disconnect(struct camsec_genl *g);

/* Seal @len bytes for @use under the device key: a malloc'd *out. */
int kernel_seal(struct camsec_genl *g, const char *use, const void *in,
		size_t len, uint8_t **out, size_t *outlen);
/* Open what kernel_seal() sealed for @use: a malloc'd, NUL-ended *out. */
int kernel_unseal(struct camsec_genl *g, const char *use, const void *in,
		  size_t len, uint8_t **out, size_t *outlen);

/*
 * Replace the ruleset with @text (netrules.h, parsed already): 0, or
 * -errno with @why (EOPNOTSUPP: camsec_nf is not loaded).
 */
int kernel_nf_set(const char *text, size_t len, char *why, size_t whylen);

/* The ports open now, as "tcp/443,udp/5353", "none" or "unknown". */
void kernel_nf_ports(char *out, size_t outlen);

/*
 * Ban the block @prefix of @addr (4 or 16 bytes) for @secs, or lift the
 * bans that cover it when @secs is 0: 0 or -errno, with @why.
 */
int kernel_nf_ban(const unsigned char *addr, int addrlen, uint8_t prefix,
		  unsigned int secs, char *why, size_t whylen);

enum kernel_event_kind {
	KERNEL_EVENT_LSM,		/* an access or appsig decision */
	KERNEL_EVENT_NF,		/* a packet camsec_nf refused or logged */
	KERNEL_EVENT_NF_BAN,		/* a ban widened, or gave way */
	KERNEL_EVENT_NF_UNJOINED,	/* camsec_nf came, its events not joined */
	KERNEL_EVENT_LOST,		/* the socket overran: events were lost */
};

/* An event; its strings last as long as the call that delivers it. */
struct kernel_event {
	enum kernel_event_kind kind;
	unsigned int reason;		/* CAMSEC_REASON_ or CAMSEC_NF_REASON_ */
	/* The LSM's */
	bool denied;
	unsigned int op, pid, uid, role, session;
	const char *class;		/* an access decision's; NULL: appsig */
	const char *comm, *path;	/* "-" when absent */
	/* camsec_nf's */
	char addr[INET6_ADDRSTRLEN];	/* "-" when absent */
	unsigned int proto, port, suppressed, prefix;
};

/* The event groups, joined: the LSM's, and camsec_nf's whenever loaded. */
struct kernel_events {
	struct nl_sock *sk;		/* NULL: not joined */
	int lsm_family, nf_family;	/* their senders; -1: none */
	void (*deliver)(const struct kernel_event *e, void *arg);
	void *arg;
};

/* Join the groups, each event to @deliver: -ENOENT without camsec. */
int kernel_events_open(struct kernel_events *ev,
		       void (*deliver)(const struct kernel_event *e, void *arg),
		       void *arg);
/* Deliver the events waiting on the socket. */
void kernel_events_read(struct kernel_events *ev);
/* The socket to poll, or -1. */
int kernel_events_fd(const struct kernel_events *ev);
void kernel_events_close(struct kernel_events *ev);

/* Did the LSM make this process its authority? */
bool kernel_is_authority(void);
/* Give @pid @role in session @session (before it runs its program). */
int kernel_grant(pid_t pid, const char *role, unsigned int session);
/* End the programs of session @session (-ESRCH: none ran). */
int kernel_end_session(unsigned int session);
/* End the programs of every session an earlier daemon granted. */
int kernel_end_all_sessions(void);

#define DEVICE_KEY_BLOB_MAX 4096

/* Is the device key in our keyrings already (the integrator's)? */
bool kernel_has_device_key(void);
/* Load the device key from its blob (its master key must be loaded). */
int kernel_load_device_key(const char *blob);
/* A new device key under @master ("type:name"): its blob, malloc'd. */
int kernel_new_device_key(const char *master, void **blob, size_t *len);
/* In a child: a session keyring of its own, none of ours. */
int kernel_new_session_keyring(void);
/* In a child: the stream key as the logon key camsec_vcrypt finds. */
int kernel_give_stream_key(const uint8_t *key, size_t len);

#endif
