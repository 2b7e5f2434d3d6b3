// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec LSM - KUnit tests of the verdict cache: no change, and no number
 * of changes, leaves a verdict behind.
 */

#include <kunit/test.h>
#include <linux/string.h>

#include "verdict.h"

static void fresh(struct camsec_inode *ci)
{
	memset(ci, 0, sizeof(*ci));
	spin_lock_init(&ci->lock);
}

/* Verify once, as appsig does: look up, then store at the gen seen. */
static void verified(struct camsec_inode *ci, u8 verdict)
{
	bool initramfs;
	u64 gen;
	u8 v;

	camsec_verdict_get(ci, &v, &gen, &initramfs);
	camsec_verdict_put(ci, verdict, gen);
}

static bool cached(struct camsec_inode *ci)
{
	bool initramfs;
	u64 gen;
	u8 v;

	return camsec_verdict_get(ci, &v, &gen, &initramfs);
}

static void kept_until_changed(struct kunit *test)
{
	struct camsec_inode ci;
	bool initramfs;
	u64 gen;
	u8 v;

	fresh(&ci);
	KUNIT_EXPECT_FALSE(test, cached(&ci));
	verified(&ci, CAMSEC_REASON_NONE);
	KUNIT_EXPECT_TRUE(test, camsec_verdict_get(&ci, &v, &gen, &initramfs));
	KUNIT_EXPECT_EQ(test, v, CAMSEC_REASON_NONE);
	camsec_verdict_drop(&ci, false);
	KUNIT_EXPECT_FALSE(test, cached(&ci));
}

/*
 * Issue 16: a rewrite, then 2^32 - 1 truncations, brought a 32-bit
 * generation back to the one a "valid" verdict was cached at.
 */
static void no_number_of_changes_revives(struct kunit *test)
{
	struct camsec_inode ci;
	u64 at;

	fresh(&ci);
	verified(&ci, CAMSEC_REASON_NONE);
	at = ci.gen;
	camsec_verdict_drop(&ci, true);
	/* The truncations that follow, as the counter would count them. */
	ci.gen += U32_MAX;
	KUNIT_EXPECT_EQ(test, (u32)ci.gen, (u32)at);
	KUNIT_EXPECT_FALSE(test, cached(&ci));
}

/* A verification that a change overtook is used once, not cached. */
static void overtaken_not_cached(struct kunit *test)
{
	struct camsec_inode ci;
	bool initramfs;
	u64 gen;
	u8 v;

	fresh(&ci);
	camsec_verdict_get(&ci, &v, &gen, &initramfs);
	camsec_verdict_drop(&ci, true);
	camsec_verdict_put(&ci, CAMSEC_REASON_NONE, gen);
	KUNIT_EXPECT_FALSE(test, cached(&ci));
}

static bool from_initramfs(struct camsec_inode *ci)
{
	bool initramfs;
	u64 gen;
	u8 v;

	camsec_verdict_get(ci, &v, &gen, &initramfs);
	return initramfs;
}

/* The initramfs' trust goes with a write, not with a signature change. */
static void initramfs_trust_ends_with_a_write(struct kunit *test)
{
	struct camsec_inode ci;

	fresh(&ci);
	camsec_verdict_initramfs(&ci);
	camsec_verdict_drop(&ci, false);
	KUNIT_EXPECT_TRUE(test, from_initramfs(&ci));
	camsec_verdict_drop(&ci, true);
	KUNIT_EXPECT_FALSE(test, from_initramfs(&ci));
}

static struct kunit_case verdict_cases[] = {
	KUNIT_CASE(kept_until_changed),
	KUNIT_CASE(no_number_of_changes_revives),
	KUNIT_CASE(overtaken_not_cached),
	KUNIT_CASE(initramfs_trust_ends_with_a_write),
	{}
};

static struct kunit_suite verdict_suite = {
	.name = "camsec_verdict",
	.test_cases = verdict_cases,
};

kunit_test_suite(verdict_suite);
