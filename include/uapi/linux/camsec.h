/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * camsec - interface shared by the kernel parts and userspace
 */

#ifndef _UAPI_LINUX_CAMSEC_H
#define _UAPI_LINUX_CAMSEC_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define CAMSEC_LSM_NAME		"camsec"

/* The LSM's generic netlink family. */
#define CAMSEC_GENL_NAME	"camsec"
#define CAMSEC_GENL_VERSION	1
/* Multicast group of the LSM's events; joining needs CAP_SYS_ADMIN. */
#define CAMSEC_MCGRP_EVENTS	"events"

/* Every request needs CAP_NET_ADMIN. */
enum camsec_cmd {
	CAMSEC_CMD_UNSPEC,
	CAMSEC_CMD_APPSIG_GET,		/* mode, lock and counters */
	CAMSEC_CMD_APPSIG_EVENT,	/* notification: a refusal or change */
	CAMSEC_CMD_SEAL,		/* the authority seals data (below) */
	CAMSEC_CMD_OPEN,		/* and opens what it sealed */
	__CAMSEC_CMD_MAX,
};

#define CAMSEC_CMD_MAX (__CAMSEC_CMD_MAX - 1)

enum camsec_attr {
	CAMSEC_A_UNSPEC,
	CAMSEC_A_APPSIG_MODE,		/* u8, enum camsec_appsig_mode */
	CAMSEC_A_APPSIG_LOCKED,		/* u8, 0 or 1 */
	CAMSEC_A_APPSIG_VERIFIED,	/* u64, signatures checked */
	CAMSEC_A_APPSIG_CACHE_HITS,	/* u64 */
	CAMSEC_A_APPSIG_DENIED,		/* u64, refusals in enforce mode */
	CAMSEC_A_APPSIG_LOGGED,		/* u64, failures let through (permissive) */
	CAMSEC_A_APPSIG_SUPPRESSED,	/* u64, events lost to the rate limit */
	CAMSEC_A_EVENT_OP,		/* u8, enum camsec_op */
	CAMSEC_A_EVENT_REASON,		/* u8, enum camsec_reason */
	CAMSEC_A_EVENT_DENIED,		/* u8, 1 if the operation was refused */
	CAMSEC_A_EVENT_PATH,		/* string */
	CAMSEC_A_EVENT_PID,		/* u32, in the initial pid namespace */
	CAMSEC_A_EVENT_COMM,		/* string */
	CAMSEC_A_EVENT_UID,		/* u32, in the initial user namespace */
	CAMSEC_A_EVENT_OLD_MODE,	/* u8, on CAMSEC_OP_MODE */
	CAMSEC_A_PAD,
	CAMSEC_A_EVENT_ROLE,		/* u8, enum camsec_role of the task */
	CAMSEC_A_EVENT_SESSION,		/* u32 */
	CAMSEC_A_EVENT_CLASS,		/* string, object class (access) */
	CAMSEC_A_EVENT_NEED,		/* u8, CAMSEC_PERM_* refused */
	CAMSEC_A_SEAL_CONTEXT,		/* string: what the data is for */
	CAMSEC_A_SEAL_DATA,		/* binary: plaintext in, sealed out */
	CAMSEC_A_APPSIG_TRUST,		/* u32, CAMSEC_TRUST_* in force */
	__CAMSEC_A_MAX,
};

#define CAMSEC_A_MAX (__CAMSEC_A_MAX - 1)

/*
 * Sealing: the authority's state at rest (CAMSEC_CMD_SEAL, _OPEN), under
 * the device key, an "encrypted" key (its master a trusted key where the
 * hardware has one) named CAMSEC_SEAL_KEY in the authority's keyrings;
 * userspace never holds it in the clear. AES-256-GCM; the context is
 * authenticated, so that data sealed for one use opens for no other:
 *
 *   magic (4) | nonce (12) | ciphertext | tag (16)
 *   additional data: magic | context, NUL-padded to 32 bytes
 */
#define CAMSEC_SEAL_KEY		"camsec:store"
/*
 * The user key a boot loads as its master where no TPM or TEE seals one:
 * the kernel reads it, no process does (KEYCTL_READ is refused).
 */
#define CAMSEC_SEAL_MASTER	"camsec-kmk"
#define CAMSEC_SEAL_KEY_LEN	32
#define CAMSEC_SEAL_MAGIC	"CSL1"
#define CAMSEC_SEAL_CONTEXT_MAX	31
#define CAMSEC_SEAL_NONCE	12
#define CAMSEC_SEAL_TAG		16
#define CAMSEC_SEAL_OVERHEAD	(4 + CAMSEC_SEAL_NONCE + CAMSEC_SEAL_TAG)
#define CAMSEC_SEAL_MAX		32768	/* plaintext bytes */

enum camsec_appsig_mode {
	CAMSEC_APPSIG_OFF,		/* no checks */
	CAMSEC_APPSIG_PERMISSIVE,	/* check, report, allow */
	CAMSEC_APPSIG_ENFORCE,		/* check, report, refuse */
};

/*
 * The names events, logs and tools give the values of this header: each
 * table is indexed by the value, so that none shifts if an enum grows.
 *   static const char *const names[] = CAMSEC_APPSIG_MODE_NAMES;
 */
#define CAMSEC_APPSIG_MODE_NAMES {				\
	[CAMSEC_APPSIG_OFF] = "off",				\
	[CAMSEC_APPSIG_PERMISSIVE] = "permissive",		\
	[CAMSEC_APPSIG_ENFORCE] = "enforce",			\
}

/* What the refused task was doing: an event's CAMSEC_A_EVENT_OP. */
enum camsec_op {
	CAMSEC_OP_EXEC,
	CAMSEC_OP_MMAP,
	CAMSEC_OP_MPROTECT,
	CAMSEC_OP_MODULE,
	CAMSEC_OP_FIRMWARE,
	CAMSEC_OP_KEXEC,
	CAMSEC_OP_WRITE,		/* write to code that is mapped */
	CAMSEC_OP_SETXATTR,		/* change of a signature */
	CAMSEC_OP_PTRACE,		/* code injection while locked */
	CAMSEC_OP_MODE,			/* mode change (not a refusal) */
	CAMSEC_OP_OPEN,			/* access control: open of an object */
	CAMSEC_OP_TRUNCATE,
	CAMSEC_OP_UNLINK,
	CAMSEC_OP_RENAME,
	CAMSEC_OP_LINK,
	CAMSEC_OP_CREATE,		/* in a protected directory */
	CAMSEC_OP_LABEL,		/* change of a security.camsec label */
	CAMSEC_OP_MOUNT,		/* of a block device of a class */
	CAMSEC_OP_CONNECT,		/* to a socket file of a class */
};

#define CAMSEC_OP_NAMES {					\
	[CAMSEC_OP_EXEC] = "exec",				\
	[CAMSEC_OP_MMAP] = "mmap",				\
	[CAMSEC_OP_MPROTECT] = "mprotect",			\
	[CAMSEC_OP_MODULE] = "module",				\
	[CAMSEC_OP_FIRMWARE] = "firmware",			\
	[CAMSEC_OP_KEXEC] = "kexec",				\
	[CAMSEC_OP_WRITE] = "write",				\
	[CAMSEC_OP_SETXATTR] = "setxattr",			\
	[CAMSEC_OP_PTRACE] = "ptrace",				\
	[CAMSEC_OP_MODE] = "mode",				\
	[CAMSEC_OP_OPEN] = "open",				\
	[CAMSEC_OP_TRUNCATE] = "truncate",			\
	[CAMSEC_OP_UNLINK] = "unlink",				\
	[CAMSEC_OP_RENAME] = "rename",				\
	[CAMSEC_OP_LINK] = "link",				\
	[CAMSEC_OP_CREATE] = "create",				\
	[CAMSEC_OP_LABEL] = "label",				\
	[CAMSEC_OP_MOUNT] = "mount",				\
	[CAMSEC_OP_CONNECT] = "connect",			\
}

/* Why: an event's CAMSEC_A_EVENT_REASON. */
enum camsec_reason {
	CAMSEC_REASON_NONE,		/* valid signature */
	CAMSEC_REASON_NO_SIGNATURE,	/* no security.ima, or no xattrs */
	CAMSEC_REASON_BAD_FORMAT,	/* security.ima is not a v2 signature */
	CAMSEC_REASON_UNKNOWN_KEY,	/* key not in the .camsec keyring */
	CAMSEC_REASON_BAD_SIGNATURE,	/* signature malformed for the key */
	CAMSEC_REASON_HASH_MISMATCH,	/* content differs from what was signed */
	CAMSEC_REASON_UNSUPPORTED_HASH,	/* hash algorithm too weak or absent */
	CAMSEC_REASON_READ_ERROR,	/* file could not be read */
	CAMSEC_REASON_OPEN_FOR_WRITE,	/* someone may be changing it */
	CAMSEC_REASON_UNTRUSTED_FS,	/* content can change behind the kernel */
	CAMSEC_REASON_NOT_REGULAR,	/* exec mapping of a device */
	CAMSEC_REASON_ANONYMOUS,	/* executable memory without a file */
	CAMSEC_REASON_WRITABLE_EXEC,	/* writable and executable at once */
	CAMSEC_REASON_MODIFIED_MAPPING,	/* private pages written, then exec */
	CAMSEC_REASON_NO_FILE,		/* kernel given a buffer, not a file */
	CAMSEC_REASON_MAPPED_EXEC,	/* write to code that is mapped */
	CAMSEC_REASON_NOT_PERMITTED,	/* policy forbids this task */
	CAMSEC_REASON_LOCKED,		/* forbidden while enforce is locked */
	CAMSEC_REASON_ROLE,		/* the task's role lacks the permission */
	CAMSEC_REASON_UNTRUSTED_INODE,	/* memfd, shared memory, kernel-private */
	CAMSEC_REASON_PAGE_TAIL,	/* bytes past the end in the last page */
	CAMSEC_REASON_NOT_VERITY,	/* not on a signed dm-verity device */
};

#define CAMSEC_REASON_NAMES {					\
	[CAMSEC_REASON_NONE] = "none",				\
	[CAMSEC_REASON_NO_SIGNATURE] = "no_signature",		\
	[CAMSEC_REASON_BAD_FORMAT] = "bad_format",		\
	[CAMSEC_REASON_UNKNOWN_KEY] = "unknown_key",		\
	[CAMSEC_REASON_BAD_SIGNATURE] = "bad_signature",	\
	[CAMSEC_REASON_HASH_MISMATCH] = "hash_mismatch",	\
	[CAMSEC_REASON_UNSUPPORTED_HASH] = "unsupported_hash",	\
	[CAMSEC_REASON_READ_ERROR] = "read_error",		\
	[CAMSEC_REASON_OPEN_FOR_WRITE] = "open_for_write",	\
	[CAMSEC_REASON_UNTRUSTED_FS] = "untrusted_fs",		\
	[CAMSEC_REASON_NOT_REGULAR] = "not_regular",		\
	[CAMSEC_REASON_ANONYMOUS] = "anonymous",		\
	[CAMSEC_REASON_WRITABLE_EXEC] = "writable_exec",	\
	[CAMSEC_REASON_MODIFIED_MAPPING] = "modified_mapping",	\
	[CAMSEC_REASON_NO_FILE] = "no_file",			\
	[CAMSEC_REASON_MAPPED_EXEC] = "mapped_exec",		\
	[CAMSEC_REASON_NOT_PERMITTED] = "not_permitted",	\
	[CAMSEC_REASON_LOCKED] = "locked",			\
	[CAMSEC_REASON_ROLE] = "role",				\
	[CAMSEC_REASON_UNTRUSTED_INODE] = "untrusted_inode",	\
	[CAMSEC_REASON_PAGE_TAIL] = "page_tail",		\
	[CAMSEC_REASON_NOT_VERITY] = "not_verity",		\
}

/*
 * What vouches for code (CAMSEC_A_APPSIG_TRUST, securityfs appsig/trust,
 * camsec.appsig_trust=): a file's own signature in security.ima, a
 * dm-verity device whose root hash signature the kernel verified, or
 * either. Files the kernel unpacked from the initramfs are trusted always.
 */
#define CAMSEC_TRUST_XATTR	0x1
#define CAMSEC_TRUST_VERITY	0x2

/* Access control: the label xattr that puts a file in a policy class. */
#define XATTR_NAME_CAMSEC	"security.camsec"

/* Access control: permissions a policy gives a role on a class. */
#define CAMSEC_PERM_READ	0x1
#define CAMSEC_PERM_WRITE	0x2
#define CAMSEC_PERM_EXEC	0x4		/* run, or map executable */

/* Access control: the role a task holds, granted only by the authority. */
enum camsec_role {
	CAMSEC_ROLE_NONE,		/* not vouched for by the authority */
	CAMSEC_ROLE_USER,
	CAMSEC_ROLE_ADMIN,
	CAMSEC_ROLE_AUTHORITY,		/* camsecd, the daemon */
	CAMSEC_ROLE_UPDATER,		/* the updater camsecd runs */
};

#define CAMSEC_ROLE_NAMES {					\
	[CAMSEC_ROLE_NONE] = "none",				\
	[CAMSEC_ROLE_USER] = "user",				\
	[CAMSEC_ROLE_ADMIN] = "admin",				\
	[CAMSEC_ROLE_AUTHORITY] = "authority",			\
	[CAMSEC_ROLE_UPDATER] = "updater",			\
}

/*
 * The netfilter module's generic netlink family (camsec_nf), there while
 * the module is loaded. Every request needs CAP_NET_ADMIN and acts on the
 * caller's network namespace; events go to that namespace's listeners.
 * The spec: docs/netlink/camsec_nf.yaml.
 */
#define CAMSEC_NF_GENL_NAME	"camsec_nf"
#define CAMSEC_NF_GENL_VERSION	1
#define CAMSEC_NF_MCGRP_EVENTS	"events"

enum camsec_nf_cmd {
	CAMSEC_NF_CMD_UNSPEC,
	CAMSEC_NF_CMD_SET,		/* replace the netns's ruleset whole */
	CAMSEC_NF_CMD_GET,		/* dump: the ruleset and its counters */
	CAMSEC_NF_CMD_BAN_ADD,		/* ban an address for a time */
	CAMSEC_NF_CMD_BAN_DEL,		/* lift a ban */
	CAMSEC_NF_CMD_BAN_GET,		/* dump: the bans in force */
	CAMSEC_NF_CMD_EVENT,		/* notification: drop or risk */
	__CAMSEC_NF_CMD_MAX,
};

#define CAMSEC_NF_CMD_MAX (__CAMSEC_NF_CMD_MAX - 1)

/* Filter scopes: 0 applies to every port, 1-15 to the ports that name it. */
#define CAMSEC_NF_SCOPES	16

/*
 * Netfilter module (camsec_nf): a ruleset per network namespace. Inbound
 * traffic to the device reaches only the open ports, from the addresses
 * the filter lets through, within the connection limits, unless banned.
 * Addresses are 4 or 16 bytes (CAMSEC_NF_A_ADDR); an IPv4-mapped IPv6
 * address is its IPv4 address. A source that embeds an IPv4 address
 * (IPv4-compatible, NAT64, 6to4, Teredo) is dropped when that address is
 * denied or banned, and passes an allow list only as itself.
 *
 * A ban covers a block: CAMSEC_NF_A_BAN_PREFIX, by default 32 for IPv4
 * and 64 for IPv6. The third ban within an hour inside the next block up
 * (IPv4 /24; IPv6 /64, /56, /48) bans that block instead (an event with
 * CAMSEC_NF_REASON_BAN_ESCALATED). A full table never refuses a ban: the
 * ban that ends soonest gives way (CAMSEC_NF_REASON_BAN_EVICTED). Lifting
 * a ban without a prefix lifts every ban that covers the address.
 */
enum camsec_nf_attr {
	CAMSEC_NF_A_UNSPEC,
	CAMSEC_NF_A_PAD,
	CAMSEC_NF_A_PORT,		/* nest, repeated: an open port */
	CAMSEC_NF_A_FILTER_MODE,	/* u8, enum camsec_nf_filter_mode */
	CAMSEC_NF_A_FILTER,		/* nest, repeated: a CIDR entry */
	CAMSEC_NF_A_CONN_MAX,		/* u32, TCP connections; 0: no limit */
	CAMSEC_NF_A_CONN_MAX_PER_SRC,	/* u32, per source; 0: no limit */
	CAMSEC_NF_A_V6_PREFIX,		/* u8, IPv6 prefix of a source (64) */
	CAMSEC_NF_A_ACCEPT_PING,	/* flag: answer ICMP echo */
	CAMSEC_NF_A_ADDR,		/* binary, 4 or 16 bytes */
	CAMSEC_NF_A_TIMEOUT,		/* u32, seconds (ban) */
	CAMSEC_NF_A_REMAINING,		/* u32, ms left on a ban */
	CAMSEC_NF_A_COUNTERS,		/* nest: CAMSEC_NF_C_* */
	CAMSEC_NF_A_EVENT_REASON,	/* u8, enum camsec_nf_reason */
	CAMSEC_NF_A_EVENT_PROTO,	/* u8, IPPROTO_* */
	CAMSEC_NF_A_EVENT_PORT,		/* u16, destination port */
	CAMSEC_NF_A_EVENT_SUPPRESSED,	/* u32, events lost to the rate limit */
	CAMSEC_NF_A_BAN_PREFIX,		/* u8, of a ban: 8-32 or 16-128 */
	CAMSEC_NF_A_UDP_MAX_PER_SRC,	/* u32, UDP flows per source; 0: none */
	__CAMSEC_NF_A_MAX,
};

#define CAMSEC_NF_A_MAX (__CAMSEC_NF_A_MAX - 1)

/* In CAMSEC_NF_A_PORT. */
enum camsec_nf_port_attr {
	CAMSEC_NF_PORT_UNSPEC,
	CAMSEC_NF_PORT_PAD,
	CAMSEC_NF_PORT_PROTO,		/* u8, IPPROTO_TCP or IPPROTO_UDP */
	CAMSEC_NF_PORT_NUM,		/* u16, 1-65535 */
	CAMSEC_NF_PORT_SCOPE,		/* u8, filter scope 0-15 (0: global) */
	CAMSEC_NF_PORT_ACCEPT_RISK,	/* flag: open an insecure service */
	CAMSEC_NF_PORT_PACKETS,		/* u64, accepted (read only) */
	__CAMSEC_NF_PORT_MAX,
};

#define CAMSEC_NF_PORT_MAX (__CAMSEC_NF_PORT_MAX - 1)

/* In CAMSEC_NF_A_FILTER. */
enum camsec_nf_filter_attr {
	CAMSEC_NF_FILTER_UNSPEC,
	CAMSEC_NF_FILTER_PAD,
	CAMSEC_NF_FILTER_ADDR,		/* binary, 4 or 16 bytes */
	CAMSEC_NF_FILTER_PREFIX,	/* u8, 0-32 or 0-128 */
	CAMSEC_NF_FILTER_SCOPE,		/* u8, 0-15: 0 applies to every port */
	CAMSEC_NF_FILTER_HITS,		/* u64, packets matched (read only) */
	__CAMSEC_NF_FILTER_MAX,
};

#define CAMSEC_NF_FILTER_MAX (__CAMSEC_NF_FILTER_MAX - 1)

/* In CAMSEC_NF_A_COUNTERS: packets dropped, by reason, and accepted. */
enum camsec_nf_counter_attr {
	CAMSEC_NF_C_UNSPEC,
	CAMSEC_NF_C_PAD,
	CAMSEC_NF_C_ACCEPTED,		/* u64, each */
	CAMSEC_NF_C_CLOSED_PORT,
	CAMSEC_NF_C_FILTERED,
	CAMSEC_NF_C_CONN_LIMIT,
	CAMSEC_NF_C_SRC_LIMIT,
	CAMSEC_NF_C_BANNED,
	__CAMSEC_NF_C_MAX,
};

#define CAMSEC_NF_C_MAX (__CAMSEC_NF_C_MAX - 1)

#define CAMSEC_NF_COUNTER_NAMES {				\
	[CAMSEC_NF_C_ACCEPTED] = "accepted",			\
	[CAMSEC_NF_C_CLOSED_PORT] = "closed_port",		\
	[CAMSEC_NF_C_FILTERED] = "filtered",			\
	[CAMSEC_NF_C_CONN_LIMIT] = "conn_limit",		\
	[CAMSEC_NF_C_SRC_LIMIT] = "src_limit",			\
	[CAMSEC_NF_C_BANNED] = "banned",			\
}

enum camsec_nf_filter_mode {
	CAMSEC_NF_FILTER_OFF,		/* every address */
	CAMSEC_NF_FILTER_ALLOW,		/* only the listed addresses */
	CAMSEC_NF_FILTER_DENY,		/* all but the listed addresses */
};

#define CAMSEC_NF_FILTER_MODE_NAMES {				\
	[CAMSEC_NF_FILTER_OFF] = "off",				\
	[CAMSEC_NF_FILTER_ALLOW] = "allow",			\
	[CAMSEC_NF_FILTER_DENY] = "deny",			\
}

/* Why a packet was dropped, or a risk was taken (CAMSEC_NF_CMD_EVENT). */
enum camsec_nf_reason {
	CAMSEC_NF_REASON_NONE,
	CAMSEC_NF_REASON_CLOSED_PORT,
	CAMSEC_NF_REASON_FILTERED,
	CAMSEC_NF_REASON_CONN_LIMIT,	/* the device's ceiling */
	CAMSEC_NF_REASON_SRC_LIMIT,	/* the source's ceiling */
	CAMSEC_NF_REASON_BANNED,
	CAMSEC_NF_REASON_RISK,		/* an insecure service was opened */
	CAMSEC_NF_REASON_BAN_ESCALATED,	/* a repeat offender's ban widened */
	CAMSEC_NF_REASON_BAN_EVICTED,	/* a full table: this ban gave way */
};

#define CAMSEC_NF_REASON_NAMES {				\
	[CAMSEC_NF_REASON_NONE] = "none",			\
	[CAMSEC_NF_REASON_CLOSED_PORT] = "closed_port",		\
	[CAMSEC_NF_REASON_FILTERED] = "filtered",		\
	[CAMSEC_NF_REASON_CONN_LIMIT] = "conn_limit",		\
	[CAMSEC_NF_REASON_SRC_LIMIT] = "src_limit",		\
	[CAMSEC_NF_REASON_BANNED] = "banned",			\
	[CAMSEC_NF_REASON_RISK] = "risk",			\
	[CAMSEC_NF_REASON_BAN_ESCALATED] = "ban_escalated",	\
	[CAMSEC_NF_REASON_BAN_EVICTED] = "ban_evicted",		\
}

/*
 * The encrypted video path (camsec_vcrypt): /dev/camsec_vcrypt, one stream
 * per open file.
 *
 * CAMSEC_VCRYPT_SETUP binds the stream to a logon key ("camsec:..."), an
 * AEAD and a ring. Frames go in by dma-buf (CAMSEC_VCRYPT_SUBMIT) or by
 * write(2); each comes out as one record in the next slot of the ring,
 * which mmap(2) maps read-only at offset 0: a struct camsec_vcrypt_ring
 * page, then nr_slots slots of slot_size bytes. Records [tail, head) are
 * readable (index i is in slot i % nr_slots); a reader gives them back
 * with CAMSEC_VCRYPT_CONSUME. poll(2) reports EPOLLIN when head != tail.
 * In drop-oldest mode the kernel may reuse an unread record's slot: copy
 * the record out, then check that tail has not passed its index. The
 * n-th frame accepted becomes record n; its dma-buf may take a new frame
 * once head has passed n.
 *
 * A record is a struct camsec_vcrypt_record, then length bytes of
 * ciphertext, then the CAMSEC_VCRYPT_TAG_LEN-byte tag. The whole header is
 * the associated data. A void record (a frame the AEAD failed) has no
 * ciphertext; its tag authenticates its header all the same.
 *
 * Key schedule. The logon key is a CAMSEC_VCRYPT_KDK_LEN-byte key
 * derivation key, never an AEAD key. Each setup and each rekey draws
 * CAMSEC_VCRYPT_KEY_RAND_LEN random bytes, carried in every record as
 * key_rand, and derives a traffic key and a 12-byte IV with the counter
 * mode KDF of NIST SP 800-108r1 over HMAC-SHA256 (the kernel's
 * crypto_kdf108_ctr_generate, OpenSSL's KBKDF):
 *
 *   traffic key || IV = KDF(logon key, Label || 0x00 || Context || L)
 *   Label   = CAMSEC_VCRYPT_KDF_LABEL (no NUL)
 *   Context = aead (one byte) || key_rand
 *   L       = output bits, 32-bit big endian
 *
 * The nonce of a record is IV XOR (domain || seq), domain a 32-bit and seq
 * a 64-bit big-endian number: CAMSEC_VCRYPT_DOMAIN_FRAME for a sealed
 * frame, CAMSEC_VCRYPT_DOMAIN_VOID for a void record. Sequence numbers
 * rise by one per record over the stream's life, across rekeys: no nonce
 * repeats under a traffic key, and two traffic keys are the same only if
 * their key_rand are (a chance of n^2 / 2^129 in n setups and rekeys).
 *
 * A traffic key seals at most max_records records (EKEYEXPIRED after,
 * counted in budget_refused) until a rekey. A frame submitted once the
 * logon key is revoked (EKEYREVOKED), invalidated (ENOKEY), timed out
 * (EKEYEXPIRED) or updated (EKEYREJECTED) is refused and counted in
 * key_refused, as is every frame after it until a rekey to a valid key.
 */
#define CAMSEC_VCRYPT_DEVICE		"/dev/camsec_vcrypt"
#define CAMSEC_VCRYPT_VERSION		2
#define CAMSEC_VCRYPT_MAGIC		0x32565343	/* "CSV2", little endian */
#define CAMSEC_VCRYPT_KEY_PREFIX	"camsec:"
#define CAMSEC_VCRYPT_KEY_DESC_MAX	64
#define CAMSEC_VCRYPT_KDK_LEN		32
#define CAMSEC_VCRYPT_KEY_RAND_LEN	16
#define CAMSEC_VCRYPT_KDF_LABEL		"camsec vcrypt traffic key"
#define CAMSEC_VCRYPT_NONCE_LEN		12
#define CAMSEC_VCRYPT_DOMAIN_FRAME	0
#define CAMSEC_VCRYPT_DOMAIN_VOID	1
#define CAMSEC_VCRYPT_TAG_LEN		16
#define CAMSEC_VCRYPT_MAX_FRAME		(64U << 20)
#define CAMSEC_VCRYPT_MAX_SLOTS		1024
#define CAMSEC_VCRYPT_MAX_DEPTH		8

enum camsec_vcrypt_aead {
	CAMSEC_VCRYPT_AES_128_GCM = 1,		/* gcm(aes), 16-byte traffic key */
	CAMSEC_VCRYPT_CHACHA20_POLY1305,	/* rfc7539, 32-byte traffic key */
	CAMSEC_VCRYPT_AES_256_GCM,		/* gcm(aes), 32-byte traffic key */
};

/* What a full ring does with the next frame. */
enum camsec_vcrypt_overflow {
	CAMSEC_VCRYPT_DROP_OLDEST,	/* overwrite the oldest unread record */
	CAMSEC_VCRYPT_REFUSE_NEWEST,	/* refuse the frame: ENOBUFS */
};

struct camsec_vcrypt_setup {
	char key_desc[CAMSEC_VCRYPT_KEY_DESC_MAX];	/* NUL-terminated */
	__u32 stream_id;	/* copied into every record */
	__u16 aead;		/* enum camsec_vcrypt_aead */
	__u16 overflow;		/* enum camsec_vcrypt_overflow */
	__u32 nr_slots;		/* a power of two, > depth */
	__u32 max_frame;	/* bytes, at most CAMSEC_VCRYPT_MAX_FRAME */
	__u32 depth;		/* requests in flight, 1..MAX_DEPTH; 0: 2 */
	__u32 flags;		/* 0 */
	__u64 max_records;	/* per traffic key; 0: the AEAD's limit */
};

struct camsec_vcrypt_frame {
	__s32 fd;		/* dma-buf */
	__u32 flags;		/* 0 */
	__u64 offset;		/* of the frame in the buffer */
	__u64 length;
	__u64 timestamp_ns;	/* 0: the kernel's CLOCK_REALTIME */
};

struct camsec_vcrypt_rekey {
	char key_desc[CAMSEC_VCRYPT_KEY_DESC_MAX];
};

/* Per stream; also in /sys/class/misc/camsec_vcrypt/streams. */
struct camsec_vcrypt_stats {
	__u64 submitted;	/* frames accepted */
	__u64 sealed;		/* records published */
	__u64 dropped_oldest;	/* records overwritten unread */
	__u64 refused_newest;	/* frames refused on a full ring */
	__u64 errors;		/* frames the AEAD failed (void records) */
	__u64 bytes;		/* plaintext bytes sealed */
	__u64 rekeys;
	__u64 key_refused;	/* frames refused: logon key revoked etc. */
	__u64 budget_refused;	/* frames refused: traffic key budget spent */
};

/* The first page of the mapping. The kernel writes it; readers only read. */
struct camsec_vcrypt_ring {
	__u32 version;
	__u32 nr_slots;
	__u32 slot_size;
	__u32 key_epoch;	/* of the next record */
	__u64 head;		/* records published */
	__u64 tail;		/* records given back or dropped */
	struct camsec_vcrypt_stats stats;
};

#define CAMSEC_VCRYPT_REC_VOID	0x1	/* sealing failed: no payload, skip */

struct camsec_vcrypt_record {
	__le32 magic;		/* CAMSEC_VCRYPT_MAGIC */
	__u8 version;		/* CAMSEC_VCRYPT_VERSION */
	__u8 aead;		/* enum camsec_vcrypt_aead */
	__le16 flags;		/* CAMSEC_VCRYPT_REC_* */
	__le32 stream_id;
	__le32 key_epoch;	/* 0, then one more per rekey */
	__le64 seq;
	__le64 timestamp_ns;
	__le32 length;		/* of the ciphertext; the tag follows it */
	__le32 reserved;	/* 0 */
	__u8 key_rand[CAMSEC_VCRYPT_KEY_RAND_LEN];	/* of the traffic key */
};

#define CAMSEC_VCRYPT_IOC		0xC6	/* free in ioctl-number.rst */
#define CAMSEC_VCRYPT_SETUP	_IOW(CAMSEC_VCRYPT_IOC, 1, struct camsec_vcrypt_setup)
#define CAMSEC_VCRYPT_SUBMIT	_IOW(CAMSEC_VCRYPT_IOC, 2, struct camsec_vcrypt_frame)
#define CAMSEC_VCRYPT_REKEY	_IOW(CAMSEC_VCRYPT_IOC, 3, struct camsec_vcrypt_rekey)
/* Give back the records before the new tail (a __u64 index). */
#define CAMSEC_VCRYPT_CONSUME	_IOW(CAMSEC_VCRYPT_IOC, 4, __u64)

#endif /* _UAPI_LINUX_CAMSEC_H */
