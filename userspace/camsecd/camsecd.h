/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsecd: the device's authority. One process, one event loop; each
 * part in its own file, with a header of its own declaring what it
 * offers the others. This one holds what they all share: the daemon's
 * state, its clients, and the request being served.
 *
 *   main.c    options, start-up, the loop
 *   clock.c   the monotonic seconds that sessions and locks count in
 *   server.c  the Unix socket: peers, lines in, dispatch
 *   clients.c the client slots: taken, evicted, closed
 *   reply.c   replies out: queued, sent as the peer takes them
 *   ops.c     the operations, each with the role it needs
 *   users.c   activation, and the accounts' operations
 *   config.c  the settings' operations, and profiles
 *   auth.c    login: failures alike, lockout
 *   store.c   accounts and settings on disk
 *   seal.c    the state files, sealed under the device key
 *   kernel.c  every request camsecd makes of the kernel
 *   firmware.c  version, lifetime, the floor, a bundle's upload
 *   trail.c   the audit trail, and the kernel's events into it
 *   run.c     programs started for a session, with its role (the LSM)
 *   tls.c     remote management: the same protocol over TLS
 *   identity.c the device's key and certificate, which TLS presents
 *   console.c the console login: the tty, held for an administrator
 *   network.c the network ruleset (camsec_nf), stored and applied; bans
 *   stream.c  the video stream's key, for session programs and viewers
 */
#ifndef CAMSECD_H
#define CAMSECD_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include <openssl/ssl.h>

#include "accounts.h"
#include "auditlog.h"
#include "fwmanifest.h"
#include "genl.h"
#include "kernel.h"
#include "lockout.h"
#include "proto.h"
#include "session.h"
#include "settings.h"

#define CLIENTS_MAX 32
/*
 * Replies wait here while a peer does not read them, and no request of
 * that peer is read meanwhile; past this, the peer is closed. The longest
 * reply is a page of the audit trail or every lock (lockout.h).
 */
#define OUT_MAX (512 * 1024)
#define OUT_STALL_S 10		/* a queue that long without progress: closed */
/* Requests a connection makes before it logs in (logins aside): a client
 * needs a few ("status", "activate"); a flood of them is closed. */
#define ANONYMOUS_MAX 64
#define SOCKET_SNDBUF 16384	/* so that a peer that never reads stops soon */
#define KNOWN_SOURCES 16
#define SOURCE_MAX 48		/* an IPv6 address in text, and its NUL */

struct client {
	int fd;				/* -1: a free slot */
	char source[SOURCE_MAX];	/* "local", or the peer's address */
	char token[SESSION_TOKEN_HEX + 1];	/* "": not logged in */
	int fds[3];			/* passed with the request being read */
	unsigned int nfds;
	pid_t child;			/* a "run" in progress: no reading */
	SSL *ssl;			/* a remote peer; NULL: the Unix socket */
	bool handshaking;
	short want;			/* POLLIN or POLLOUT, while handshaking */
	int64_t since;			/* accepted at (now_s) */
	char in[PROTO_LINE_MAX];
	size_t inlen;
	char *out;			/* replies the peer has not taken yet */
	size_t outlen, outcap;
	int64_t out_since;		/* the queue's last progress (now_s) */
	bool broken;			/* over OUT_MAX, or a send failed */
	unsigned int anonymous;		/* requests without a login but logins */
	bool console;			/* camsec-login's: an administrator's tty */
	bool lent;			/* a session's program's: its closing
					 * leaves the session open */
};

/* The A/B pair: which slot runs, which boots next, the rollback floor. */
#define STREAM_KEY_LEN 32		/* camsec_vcrypt's logon key */

#define DUMMY_HASHES 4		/* hashing costs in use at once, at most */

struct camsecd {
	const char *statedir;
	const char *socket_path;
	uid_t allowed_uid;		/* besides root */
	uid_t run_uid;			/* what "run" runs as */
	gid_t run_gid;
	int listen_fd;
	const char *tls_listen;		/* ADDRESS:PORT, or NULL */
	const char *tls_cert, *tls_key;	/* NULL: the identity's */
	int tls_fd;
	SSL_CTX *tls;
	EVP_PKEY *id_key;		/* the device's identity */
	X509 *id_cert;
	struct client clients[CLIENTS_MAX];
	struct accounts accounts;
	struct settings settings;
	struct lockout lockout;
	char boot_id[LOCKOUT_BOOT_ID_MAX];	/* the locks' clock's boot */
	struct sessions sessions;
	/* Verified for unknown users: a hash shaped like an account's. */
	struct dummy_hash {
		char params[32];		/* password_params(); "": free */
		char hash[ACCOUNT_HASH_MAX];
	} dummies[DUMMY_HASHES];
	unsigned int dummy_next;
	char known[KNOWN_SOURCES][SOURCE_MAX];	/* addresses that logged in */
	unsigned int known_next;
	struct auditlog audit;
	bool audit_open;
	struct camsec_genl genl;	/* requests to the kernel, if any */
	bool have_genl;
	struct kernel_events events;	/* the kernel's event groups */
	bool authority;			/* the LSM made us the authority */
	bool sealed;			/* the state is sealed (the authority) */
	const char *master_key;		/* the device key's, "type:name" */
	const char *factory_settings;	/* the integrator's, plain */
	const char *factory_manifest;	/* the factory image's manifest */
	unsigned int floor[4], nfloor;	/* nothing older installs */
	struct fw_manifest running;	/* the running image's manifest */
	const struct client *upload_owner;	/* NULL: no upload */
	const char *console_tty;	/* -L: the login's tty, or NULL */
	pid_t console_pid;		/* its camsec-login; 0: none */
	int64_t console_started;	/* now_s() of the last one */
	const char *restart_note;	/* -R: why the supervisor restarted us */
	const char *bootenv_config;	/* -E: fw_env.config of U-Boot's env */
	char boot_slot;			/* the A/B slot booted; 0: none */
	const char *factory_network;	/* -N: the factory's network ruleset */
	bool reboot_by_init;		/* -b: "reboot" signals init */
	uint8_t stream_key[STREAM_KEY_LEN];
	bool have_stream_key;
	char *network;			/* the administrator's; NULL: factory's */
	size_t network_len;
	int upload_fd;
	uint64_t upload_size, upload_got;
};

/* The one request being served: who asks, and their session if any. */
struct request {
	struct camsecd *d;
	struct client *c;
	const struct proto_msg *m;
	const struct session *s;	/* NULL: not logged in */
	char account[USERNAME_MAX + 1];	/* s's, kept should s end */
};

/* The caller's account, even after an operation ended its session. */
static inline const char *account_of(const struct request *r)
{
	return r->account;
}

#endif
