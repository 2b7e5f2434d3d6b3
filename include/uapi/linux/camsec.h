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
 * per open file. Frames come out as SRTP (RFC 3711, RFC 7714) packets of
 * a standard RTP payload format, sealed in the kernel.
 *
 * CAMSEC_VCRYPT_SETUP binds the stream to a logon key ("camsec:..."), an
 * SRTP protection profile, an RTP payload format and a ring. Frames go in
 * by dma-buf (CAMSEC_VCRYPT_SUBMIT) or by write(2); each comes out as one
 * record in the next slot of the ring, which mmap(2) maps read-only at
 * offset 0: a struct camsec_vcrypt_ring page, then nr_slots slots of
 * slot_size bytes. Records [tail, head) are readable (index i is in slot
 * i % nr_slots); a reader gives them back with CAMSEC_VCRYPT_CONSUME.
 * poll(2) reports EPOLLIN when head != tail. In drop-oldest mode the
 * kernel may reuse an unread record's slot: copy the record out, then
 * check that tail has not passed its index. The n-th frame accepted
 * becomes record n; its dma-buf may take a new frame once head has
 * passed n.
 *
 * A record is a struct camsec_vcrypt_record, then npackets packets, each
 * a struct camsec_vcrypt_packet and length bytes of SRTP packet, the next
 * one at the following 4-byte boundary: the datagrams to send, in order.
 * A void record (a frame that failed to seal) has no packets; the sequence
 * numbers it had taken are lost to the receiver, as in a lossy network.
 *
 * The kernel owns what must never repeat: it draws the SSRC, the initial
 * sequence number (below 2^15) and the RTP timestamp's base at setup; the
 * 48-bit packet index (ROC || SEQ) rises by one per packet over the
 * stream's life, across rekeys. The RTP timestamp of a frame is base +
 * timestamp_ns * clock_rate / 10^9; the marker bit is set on its last
 * packet. Every packet is at most mtu bytes, the SRTP packet (the UDP
 * payload) whole.
 *
 * Key schedule. The logon key is a CAMSEC_VCRYPT_KDK_LEN-byte key
 * derivation key, never an SRTP key. Each setup and each rekey draws
 * CAMSEC_VCRYPT_KEY_RAND_LEN random bytes (key_rand, in the ring page and
 * in every record) and derives the SRTP master key and master salt with
 * the counter mode KDF of NIST SP 800-108r1 over HMAC-SHA256 (the
 * kernel's crypto_kdf108_ctr_generate, OpenSSL's KBKDF):
 *
 *   master key || master salt = KDF(logon key, Label || 0x00 || Context || L)
 *   Label   = CAMSEC_VCRYPT_KDF_LABEL (no NUL)
 *   Context = profile (16-bit big endian) || key_rand
 *   L       = output bits, 32-bit big endian
 *
 * The holder of the logon key (camsecd, a test) gives a receiver the
 * master key and salt by a standard path (SDES, MIKEY); the session keys
 * come from them by the SRTP KDF (RFC 3711 4.3, key derivation rate 0).
 * With an MKI (mki_len 4), each packet carries the key epoch, 0 and one
 * more per rekey, 32-bit big endian: after the payload for AES-CM (RFC
 * 3711), after the tag for AEAD (RFC 7714). Two master keys are the same
 * only if their key_rand are (a chance of n^2 / 2^129 in n setups and
 * rekeys), and an index never repeats under one: no (key, IV) pair
 * repeats across restarts, rekeys and module reloads.
 *
 * A master key protects at most max_records packets (EKEYEXPIRED after,
 * counted in budget_refused) until a rekey: 2^48 for AES-CM (RFC 3711
 * 9.2), 2^32 packets and 2^36 AES blocks for AES-GCM
 * (draft-irtf-cfrg-aead-limits). A frame submitted once the logon key is
 * revoked (EKEYREVOKED), invalidated (ENOKEY), timed out (EKEYEXPIRED) or
 * updated (EKEYREJECTED) is refused and counted in key_refused, as is
 * every frame after it until a rekey to a valid key.
 */
#define CAMSEC_VCRYPT_DEVICE		"/dev/camsec_vcrypt"
#define CAMSEC_VCRYPT_VERSION		3
#define CAMSEC_VCRYPT_MAGIC		0x33565343	/* "CSV3", little endian */
#define CAMSEC_VCRYPT_KEY_PREFIX	"camsec:"
#define CAMSEC_VCRYPT_KEY_DESC_MAX	64
#define CAMSEC_VCRYPT_KDK_LEN		32
#define CAMSEC_VCRYPT_KEY_RAND_LEN	16
#define CAMSEC_VCRYPT_KDF_LABEL		"camsec srtp master key"
#define CAMSEC_VCRYPT_MAX_FRAME		(64U << 20)
#define CAMSEC_VCRYPT_MAX_SLOTS		1024
#define CAMSEC_VCRYPT_MAX_DEPTH		8
#define CAMSEC_VCRYPT_MKI_LEN		4	/* or 0: no MKI */
#define CAMSEC_VCRYPT_MIN_MTU		64
#define CAMSEC_VCRYPT_MAX_MTU		9000
#define CAMSEC_VCRYPT_MAX_PACKETS	65536	/* per frame */

/* SRTP protection profiles, by their IANA numbers (RFC 5764, RFC 7714). */
enum camsec_vcrypt_profile {
	CAMSEC_SRTP_AES128_CM_HMAC_SHA1_80 = 0x0001,	/* key 16, salt 14 */
	CAMSEC_SRTP_AEAD_AES_128_GCM = 0x0007,		/* key 16, salt 12 */
	CAMSEC_SRTP_AEAD_AES_256_GCM = 0x0008,		/* key 32, salt 12 */
};

/* RTP payload formats. */
enum camsec_vcrypt_payload {
	CAMSEC_RTP_RAW = 1,	/* RFC 4175 uncompressed video, progressive */
	CAMSEC_RTP_H264,	/* RFC 6184 from Annex B: single NAL unit, FU-A */
	CAMSEC_RTP_H265,	/* RFC 7798 from Annex B: single NAL unit, FU */
};

/* What a full ring does with the next frame. */
enum camsec_vcrypt_overflow {
	CAMSEC_VCRYPT_DROP_OLDEST,	/* overwrite the oldest unread record */
	CAMSEC_VCRYPT_REFUSE_NEWEST,	/* refuse the frame: ENOBUFS */
};

/*
 * An RFC 4175 picture: width x height pixels, each line stride bytes in
 * the buffer (0: packed), pixels in pixel groups of pgroup_bytes bytes
 * for pgroup_pixels pixels in the payload's order (UYVY, YCbCr-4:2:2
 * 8 bit: 4 bytes for 2 pixels; RGB 8 bit: 3 for 1). A frame is exactly
 * height lines.
 */
struct camsec_vcrypt_raw {
	__u32 width;
	__u32 height;
	__u32 stride;
	__u16 pgroup_bytes;
	__u16 pgroup_pixels;
};

struct camsec_vcrypt_setup {
	char key_desc[CAMSEC_VCRYPT_KEY_DESC_MAX];	/* NUL-terminated */
	__u32 stream_id;	/* copied into every record */
	__u16 profile;		/* enum camsec_vcrypt_profile */
	__u16 overflow;		/* enum camsec_vcrypt_overflow */
	__u32 nr_slots;		/* a power of two, > depth */
	__u32 max_frame;	/* bytes, at most CAMSEC_VCRYPT_MAX_FRAME */
	__u32 depth;		/* frames in flight, 1..MAX_DEPTH; 0: 2 */
	__u32 flags;		/* 0 */
	__u64 max_records;	/* packets per master key; 0: the profile's */
	__u16 payload;		/* enum camsec_vcrypt_payload */
	__u8 payload_type;	/* RTP PT, 0..127 (96..127: dynamic) */
	__u8 mki_len;		/* 0 or CAMSEC_VCRYPT_MKI_LEN */
	__u16 mtu;		/* largest SRTP packet, MIN_MTU..MAX_MTU */
	__u16 reserved;		/* 0 */
	__u32 clock_rate;	/* RTP clock, Hz, to 1 MHz (90000 for video) */
	__u32 max_packets;	/* per frame, to MAX_PACKETS; 0: max_frame's */
	struct camsec_vcrypt_raw raw;	/* CAMSEC_RTP_RAW only, else 0 */
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
	__u64 errors;		/* frames that failed to seal (void records) */
	__u64 bytes;		/* frame bytes sealed */
	__u64 rekeys;
	__u64 key_refused;	/* frames refused: logon key revoked etc. */
	__u64 budget_refused;	/* frames refused: master key budget spent */
	__u64 packets;		/* SRTP packets sealed */
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
	__u32 ssrc;
	__u16 profile;
	__u8 mki_len;
	__u8 reserved;
	__u8 key_rand[CAMSEC_VCRYPT_KEY_RAND_LEN];	/* of key_epoch */
};

#define CAMSEC_VCRYPT_REC_VOID	0x1	/* sealing failed: no packets */

struct camsec_vcrypt_record {
	__le32 magic;		/* CAMSEC_VCRYPT_MAGIC */
	__u8 version;		/* CAMSEC_VCRYPT_VERSION */
	__u8 reserved;		/* 0 */
	__le16 flags;		/* CAMSEC_VCRYPT_REC_* */
	__le32 stream_id;
	__le32 key_epoch;	/* 0, then one more per rekey; the MKI */
	__le64 timestamp_ns;
	__le64 first_index;	/* ROC || SEQ of the first packet */
	__le32 npackets;
	__le32 length;		/* bytes of packets after the header */
	__le32 ssrc;
	__le32 rtp_timestamp;
	__le16 profile;		/* enum camsec_vcrypt_profile */
	__le16 reserved2;	/* 0 */
	__u8 key_rand[CAMSEC_VCRYPT_KEY_RAND_LEN];	/* of the master key */
	__le32 reserved3;	/* 0: 72 bytes on every ABI */
};

struct camsec_vcrypt_packet {
	__le16 length;		/* of the SRTP packet that follows */
	__le16 reserved;	/* 0 */
};

#define CAMSEC_VCRYPT_IOC		0xC6	/* free in ioctl-number.rst */
#define CAMSEC_VCRYPT_SETUP	_IOW(CAMSEC_VCRYPT_IOC, 1, struct camsec_vcrypt_setup)
#define CAMSEC_VCRYPT_SUBMIT	_IOW(CAMSEC_VCRYPT_IOC, 2, struct camsec_vcrypt_frame)
#define CAMSEC_VCRYPT_REKEY	_IOW(CAMSEC_VCRYPT_IOC, 3, struct camsec_vcrypt_rekey)
/* Give back the records before the new tail (a __u64 index). */
#define CAMSEC_VCRYPT_CONSUME	_IOW(CAMSEC_VCRYPT_IOC, 4, __u64)

#endif /* _UAPI_LINUX_CAMSEC_H */
