// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec LSM - parsing the access policy
 *
 * One statement per line; '#' starts a comment:
 *
 *   authority /usr/sbin/camsecd sha256:<64 hex digits>
 *                                        the authority: its program's path
 *                                        and the SHA-256 of its content
 *   class video dev 81:*                 char devices, major:minor|lo-hi|*
 *   class flash bdev 179:0-6             block devices, and the files of
 *                                        filesystems on them (unlabelled)
 *   class config label config            files labelled security.camsec
 *   allow user,admin video read,write    roles, one class, permissions
 *                                        (read, write, exec)
 *
 * Names are [a-z0-9_-], at most 32 bytes. A class is defined before it is
 * used, once; no two classes bind the same device or label. The first
 * fault is reported with its line and column.
 */

#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "policy.h"

struct cursor {
	const char *p, *end;
	unsigned int line, col;
};

struct token {
	const char *s;
	size_t len;
	unsigned int line, col;
};

struct parser {
	struct cursor c;
	struct camsec_policy *policy;
	struct camsec_policy_error *err;
};

const char *const camsec_role_names[CAMSEC_ROLE_COUNT] = CAMSEC_ROLE_NAMES;

static __printf(3, 4) int fail(struct parser *ps, const struct token *t,
			       const char *fmt, ...)
{
	va_list args;

	ps->err->line = t->line;
	ps->err->col = t->col;
	va_start(args, fmt);
	vsnprintf(ps->err->msg, sizeof(ps->err->msg), fmt, args);
	va_end(args);
	return -EINVAL;
}

static bool at_line_end(const struct cursor *c)
{
	return c->p == c->end || *c->p == '\n' || *c->p == '#';
}

static void skip_blanks(struct cursor *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\r')) {
		c->p++;
		c->col++;
	}
}

/* The next token of the current line; false at its end. */
static bool next_token(struct cursor *c, struct token *t)
{
	skip_blanks(c);
	t->s = c->p;
	t->line = c->line;
	t->col = c->col;
	if (at_line_end(c))
		return false;
	while (c->p < c->end && !isspace(*c->p) && *c->p != '#') {
		c->p++;
		c->col++;
	}
	t->len = c->p - t->s;
	return true;
}

static void next_line(struct cursor *c)
{
	while (c->p < c->end && *c->p != '\n')
		c->p++;
	if (c->p < c->end)
		c->p++;
	c->line++;
	c->col = 1;
}

static bool token_is(const struct token *t, const char *word)
{
	return t->len == strlen(word) && !memcmp(t->s, word, t->len);
}

/* A required argument: a token, or the position where it is missing. */
static int expect(struct parser *ps, struct token *t, const char *what)
{
	if (next_token(&ps->c, t))
		return 0;
	return fail(ps, t, "missing %s", what);
}

static int expect_end(struct parser *ps)
{
	struct token t;

	if (!next_token(&ps->c, &t))
		return 0;
	return fail(ps, &t, "unexpected '%.*s'", (int)min_t(size_t, t.len, 32),
		    t.s);
}

static int copy_name(struct parser *ps, const struct token *t, char *out)
{
	size_t i;

	if (t->len > CAMSEC_NAME_MAX)
		return fail(ps, t, "name longer than %d bytes",
			    CAMSEC_NAME_MAX);
	for (i = 0; i < t->len; i++)
		if (!islower(t->s[i]) && !isdigit(t->s[i]) &&
		    t->s[i] != '_' && t->s[i] != '-')
			return fail(ps, t, "bad character in name '%.*s'",
				    (int)t->len, t->s);
	memcpy(out, t->s, t->len);
	out[t->len] = '\0';
	return 0;
}

static struct camsec_class *find_class(struct camsec_policy *policy,
				       const char *s, size_t len)
{
	unsigned int i;

	for (i = 0; i < policy->nclasses; i++)
		if (strlen(policy->classes[i].name) == len &&
		    !memcmp(policy->classes[i].name, s, len))
			return &policy->classes[i];
	return NULL;
}

static int parse_authority(struct parser *ps, const struct token *kw)
{
	struct token t;
	int err;

	if (ps->policy->authority)
		return fail(ps, kw, "authority already set");
	err = expect(ps, &t, "authority path");
	if (err)
		return err;
	if (t.s[0] != '/' || t.len >= PATH_MAX)
		return fail(ps, &t, "authority must be an absolute path");
	ps->policy->authority = kmemdup_nul(t.s, t.len, GFP_KERNEL);
	if (!ps->policy->authority)
		return -ENOMEM;
	err = expect(ps, &t, "sha256:<digest> of the authority's program");
	if (err)
		return err;
	if (t.len != 7 + 2 * SHA256_DIGEST_SIZE || memcmp(t.s, "sha256:", 7) ||
	    hex2bin(ps->policy->authority_digest, t.s + 7, SHA256_DIGEST_SIZE))
		return fail(ps, &t, "want sha256:<64 hex digits> of the program");
	return expect_end(ps);
}

/* major:minor, major:lo-hi or major:* */
static int parse_dev(struct parser *ps, const struct token *t,
		     struct camsec_binding *b)
{
	char buf[32], *minor, *hi;

	if (t->len >= sizeof(buf))
		goto bad;
	memcpy(buf, t->s, t->len);
	buf[t->len] = '\0';
	minor = strchr(buf, ':');
	if (!minor)
		goto bad;
	*minor++ = '\0';
	if (kstrtou32(buf, 10, &b->major) || b->major >= (1U << 12))
		goto bad;
	if (!strcmp(minor, "*")) {
		b->minor_lo = 0;
		b->minor_hi = (1U << 20) - 1;
		return 0;
	}
	hi = strchr(minor, '-');
	if (hi)
		*hi++ = '\0';
	if (kstrtou32(minor, 10, &b->minor_lo) ||
	    (hi && kstrtou32(hi, 10, &b->minor_hi)))
		goto bad;
	if (!hi)
		b->minor_hi = b->minor_lo;
	if (b->minor_lo > b->minor_hi || b->minor_hi >= (1U << 20))
		goto bad;
	return 0;
bad:
	return fail(ps, t, "bad device '%.*s': want major:minor, major:lo-hi or major:*",
		    (int)min_t(size_t, t->len, 24), t->s);
}

static bool bindings_overlap(const struct camsec_binding *a,
			     const struct camsec_binding *b)
{
	if (a->kind != b->kind)
		return false;
	if (a->kind == CAMSEC_BIND_LABEL)
		return !strcmp(a->label, b->label);
	return a->major == b->major && a->minor_lo <= b->minor_hi &&
	       b->minor_lo <= a->minor_hi;
}

/*
 * The class with a binding that overlaps @key, or -1: the class of an
 * object (a device number or a label), or a clash while parsing.
 */
int camsec_policy_lookup(const struct camsec_policy *policy,
			 const struct camsec_binding *key)
{
	unsigned int i, j;

	for (i = 0; i < policy->nclasses; i++)
		for (j = 0; j < policy->classes[i].nbindings; j++)
			if (bindings_overlap(&policy->classes[i].bindings[j],
					     key))
				return i;
	return -1;
}

static int parse_binding(struct parser *ps, struct camsec_class *cls,
			 const struct token *kind)
{
	struct camsec_binding *b = &cls->bindings[cls->nbindings];
	struct token t;
	int err, other;

	if (cls->nbindings == CAMSEC_BINDINGS_MAX)
		return fail(ps, kind, "more than %d bindings",
			    CAMSEC_BINDINGS_MAX);
	if (token_is(kind, "dev"))
		b->kind = CAMSEC_BIND_DEV;
	else if (token_is(kind, "bdev"))
		b->kind = CAMSEC_BIND_BDEV;
	else if (token_is(kind, "label"))
		b->kind = CAMSEC_BIND_LABEL;
	else
		return fail(ps, kind, "expected 'dev', 'bdev' or 'label'");
	err = expect(ps, &t, b->kind == CAMSEC_BIND_LABEL ? "label" : "device");
	if (!err)
		err = b->kind == CAMSEC_BIND_LABEL ? copy_name(ps, &t, b->label) :
						     parse_dev(ps, &t, b);
	if (err)
		return err;
	other = camsec_policy_lookup(ps->policy, b);
	if (other >= 0)
		return fail(ps, &t, "already bound to class '%s'",
			    ps->policy->classes[other].name);
	cls->nbindings++;
	return 0;
}

static int parse_class(struct parser *ps)
{
	struct camsec_policy *policy = ps->policy;
	struct camsec_class *classes, *cls;
	struct token name, t;
	int err;

	err = expect(ps, &name, "class name");
	if (err)
		return err;
	if (find_class(policy, name.s, name.len))
		return fail(ps, &name, "class '%.*s' defined twice",
			    (int)min_t(size_t, name.len, 32), name.s);
	if (policy->nclasses == CAMSEC_CLASSES_MAX)
		return fail(ps, &name, "more than %d classes",
			    CAMSEC_CLASSES_MAX);
	classes = krealloc_array(policy->classes, policy->nclasses + 1,
				 sizeof(*classes), GFP_KERNEL);
	if (!classes)
		return -ENOMEM;
	policy->classes = classes;
	cls = &classes[policy->nclasses];
	memset(cls, 0, sizeof(*cls));
	err = copy_name(ps, &name, cls->name);
	if (err)
		return err;
	err = expect(ps, &t, "binding ('dev', 'bdev' or 'label')");
	while (!err) {
		err = parse_binding(ps, cls, &t);
		if (!err && !next_token(&ps->c, &t))
			break;
	}
	if (!err)
		policy->nclasses++;
	return err;
}

/* A comma-separated list of words from @names; a bit per word. */
static int parse_set(struct parser *ps, const struct token *t,
		     const char *const *names, unsigned int n,
		     const char *what, unsigned int *set)
{
	const char *s = t->s, *end = t->s + t->len, *comma;
	struct token item = *t;
	unsigned int i;

	*set = 0;
	for (;;) {
		comma = memchr(s, ',', end - s);
		item.s = s;
		item.len = (comma ? comma : end) - s;
		item.col = t->col + (s - t->s);
		for (i = 0; i < n; i++)
			if (token_is(&item, names[i]))
				break;
		if (i == n)
			return fail(ps, &item, "unknown %s '%.*s'", what,
				    (int)min_t(size_t, item.len, 32), item.s);
		*set |= BIT(i);
		if (!comma)
			return 0;
		s = comma + 1;
	}
}

static const char *const perm_names[] = { "read", "write", "exec" };

static int parse_allow(struct parser *ps)
{
	struct token roles, cname, perms;
	unsigned int role_set, perm_set, r;
	struct camsec_class *cls;
	int err;

	err = expect(ps, &roles, "roles");
	if (!err)
		err = parse_set(ps, &roles, camsec_role_names, CAMSEC_ROLE_COUNT,
				"role", &role_set);
	if (!err)
		err = expect(ps, &cname, "class");
	if (err)
		return err;
	cls = find_class(ps->policy, cname.s, cname.len);
	if (!cls)
		return fail(ps, &cname, "unknown class '%.*s'",
			    (int)min_t(size_t, cname.len, 32), cname.s);
	err = expect(ps, &perms, "permissions");
	if (!err)
		err = parse_set(ps, &perms, perm_names, ARRAY_SIZE(perm_names),
				"permission", &perm_set);
	if (err)
		return err;
	for (r = 0; r < CAMSEC_ROLE_COUNT; r++)
		if (role_set & BIT(r))
			cls->perms[r] |= perm_set;
	return expect_end(ps);
}

static int parse_statement(struct parser *ps)
{
	struct token kw;

	if (!next_token(&ps->c, &kw))
		return 0;	/* blank or comment */
	if (token_is(&kw, "authority"))
		return parse_authority(ps, &kw);
	if (token_is(&kw, "class"))
		return parse_class(ps);
	if (token_is(&kw, "allow"))
		return parse_allow(ps);
	return fail(ps, &kw, "unknown statement '%.*s'",
		    (int)min_t(size_t, kw.len, 32), kw.s);
}

void camsec_policy_free(struct camsec_policy *policy)
{
	if (!policy)
		return;
	kfree(policy->authority);
	kfree(policy->classes);
	kvfree(policy->text);
	kfree(policy);
}

/* A policy from its text, or an ERR_PTR with @err saying where and why. */
struct camsec_policy *camsec_policy_parse(const char *text, size_t len,
					  struct camsec_policy_error *err)
{
	struct token start = { .line = 1, .col = 1 };
	struct parser ps = {
		.c = { .p = text, .end = text + len, .line = 1, .col = 1 },
		.err = err,
	};
	const char *nul;
	int ret = 0;

	memset(err, 0, sizeof(*err));
	/* Checked first: the text of an oversized write is not copied in. */
	if (len > CAMSEC_POLICY_MAX)
		return ERR_PTR(fail(&ps, &start, "policy larger than %d bytes",
				    CAMSEC_POLICY_MAX));
	nul = memchr(text, '\0', len);
	if (nul) {
		ps.c.p = text;
		while (ps.c.p < nul) {
			if (*ps.c.p++ == '\n') {
				start.line++;
				start.col = 1;
			} else {
				start.col++;
			}
		}
		return ERR_PTR(fail(&ps, &start, "NUL byte in policy"));
	}
	ps.policy = kzalloc(sizeof(*ps.policy), GFP_KERNEL);
	if (!ps.policy)
		return ERR_PTR(-ENOMEM);
	while (!ret && ps.c.p < ps.c.end) {
		ret = parse_statement(&ps);
		next_line(&ps.c);
	}
	if (!ret && !ps.policy->authority)
		ret = fail(&ps, &start, "no authority statement");
	if (!ret) {
		ps.policy->text = kvmalloc(len, GFP_KERNEL);
		if (ps.policy->text)
			memcpy(ps.policy->text, text, len);
		else
			ret = -ENOMEM;
	}
	if (ret) {
		camsec_policy_free(ps.policy);
		return ERR_PTR(ret);
	}
	ps.policy->len = len;
	sha256(text, len, ps.policy->hash);
	return ps.policy;
}
