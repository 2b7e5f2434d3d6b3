// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec LSM - the verdict cache of an inode's code
 *
 * A verdict holds until the inode's content or signature changes, and any
 * change drops it: nothing compares generation numbers, so no number of
 * changes can bring an old verdict back. The 64-bit generation only tells
 * a verification whether something changed while it ran.
 */

#include "verdict.h"

/*
 * The cached verdict of @ci in @verdict; or false, with the generation a
 * verification starting now must store its verdict at, and whether the
 * kernel unpacked the content from the initramfs.
 */
bool camsec_verdict_get(struct camsec_inode *ci, u8 *verdict, u64 *gen,
			bool *initramfs)
{
	bool cached;

	spin_lock(&ci->lock);
	cached = ci->cached;
	*verdict = ci->verdict;
	*gen = ci->gen;
	*initramfs = ci->initramfs;
	spin_unlock(&ci->lock);
	return cached;
}

/* Cache @verdict, reached from @gen on, unless a change overtook it. */
void camsec_verdict_put(struct camsec_inode *ci, u8 verdict, u64 gen)
{
	spin_lock(&ci->lock);
	if (ci->gen == gen) {
		ci->verdict = verdict;
		ci->cached = true;
	}
	spin_unlock(&ci->lock);
}

/*
 * A change of content (@content) or of the signature: the verdict goes.
 * Written content also loses the initramfs' trust.
 */
void camsec_verdict_drop(struct camsec_inode *ci, bool content)
{
	spin_lock(&ci->lock);
	ci->gen++;
	ci->cached = false;
	if (content)
		ci->initramfs = false;
	spin_unlock(&ci->lock);
}

/* The kernel itself is writing the content, from the initramfs. */
void camsec_verdict_initramfs(struct camsec_inode *ci)
{
	spin_lock(&ci->lock);
	ci->initramfs = true;
	spin_unlock(&ci->lock);
}
