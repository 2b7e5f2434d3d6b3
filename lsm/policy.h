/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec LSM - the access policy: object classes and what each role may do
 */

#ifndef _SECURITY_CAMSEC_POLICY_H
#define _SECURITY_CAMSEC_POLICY_H

#include <linux/rcupdate.h>
#include <linux/types.h>
#include <crypto/sha2.h>
#include <uapi/linux/camsec.h>

#define CAMSEC_ROLE_COUNT	(CAMSEC_ROLE_UPDATER + 1)
#define CAMSEC_NAME_MAX		32
#define CAMSEC_POLICY_MAX	(64 * 1024)
#define CAMSEC_CLASSES_MAX	64
#define CAMSEC_BINDINGS_MAX	8
#define CAMSEC_PERM_ALL		(CAMSEC_PERM_READ | CAMSEC_PERM_WRITE | \
				 CAMSEC_PERM_EXEC)

enum camsec_binding_kind { CAMSEC_BIND_DEV, CAMSEC_BIND_LABEL, CAMSEC_BIND_BDEV };

/*
 * How objects join a class: a char device range, a file label, or a block
 * device range (the devices, and the files of filesystems on them).
 */
struct camsec_binding {
	u8 kind;
	u32 major, minor_lo, minor_hi;
	char label[CAMSEC_NAME_MAX + 1];
};

struct camsec_class {
	char name[CAMSEC_NAME_MAX + 1];
	u8 perms[CAMSEC_ROLE_COUNT];
	unsigned int nbindings;
	struct camsec_binding bindings[CAMSEC_BINDINGS_MAX];
};

struct camsec_policy {
	struct rcu_head rcu;
	u32 seq;			/* numbers the policies loaded */
	char *authority;		/* path of the authority's program */
	u8 authority_digest[SHA256_DIGEST_SIZE];	/* and its content */
	unsigned int nclasses;
	struct camsec_class *classes;
	char *text;			/* as loaded, for reading back */
	size_t len;
	u8 hash[SHA256_DIGEST_SIZE];
};

/* The first fault of a policy text, 1-based. */
struct camsec_policy_error {
	unsigned int line, col;
	char msg[96];
};

extern const char *const camsec_role_names[CAMSEC_ROLE_COUNT];

struct camsec_policy *camsec_policy_parse(const char *text, size_t len,
					  struct camsec_policy_error *err);
void camsec_policy_free(struct camsec_policy *policy);
int camsec_policy_lookup(const struct camsec_policy *policy,
			 const struct camsec_binding *key);

#endif /* _SECURITY_CAMSEC_POLICY_H */
