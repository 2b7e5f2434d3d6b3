// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ground: the camsec LSM is built in and active.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/types.h>

#include "kselftest_harness.h"

#ifndef __NR_lsm_list_modules
#define __NR_lsm_list_modules 461
#endif
#define CAMSEC_LSM_ID 900

static int lsm_list_has(const char *name)
{
	char buf[512], *tok, *save;
	FILE *f = fopen("/sys/kernel/security/lsm", "r");

	if (!f)
		return -errno;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	for (tok = strtok_r(buf, ",\n", &save); tok; tok = strtok_r(NULL, ",\n", &save))
		if (!strcmp(tok, name))
			return 1;
	return 0;
}

TEST(securityfs_lists_camsec)
{
	ASSERT_EQ(1, lsm_list_has("camsec"));
}

TEST(securityfs_does_not_list_unknown)
{
	/* Guards the parser above: a name that is not an LSM is not found. */
	ASSERT_EQ(0, lsm_list_has("camse"));
}

TEST(lsm_list_modules_reports_camsec_id)
{
	__u64 ids[32];
	__u32 size = sizeof(ids);
	long n, i;

	n = syscall(__NR_lsm_list_modules, ids, &size, 0);
	if (n < 0 && errno == ENOSYS)
		SKIP(return, "kernel before 6.8 has no lsm_list_modules()");
	ASSERT_GT(n, 0);
	for (i = 0; i < n; i++)
		if (ids[i] == CAMSEC_LSM_ID)
			return;
	ASSERT_TRUE(0) TH_LOG("camsec id %d not among %ld LSM ids", CAMSEC_LSM_ID, n);
}

TEST_HARNESS_MAIN
