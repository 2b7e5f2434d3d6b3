// SPDX-License-Identifier: GPL-2.0-only
/*
 * A kernel image for kexec_file_load(2) must be signed like any code. The
 * image here is not a kernel: signed, it gets past camsec and the kernel's
 * loader refuses it as no kernel; unsigned, camsec refuses it first. A
 * kernel without the call skips both: ENOSYS would pass the signed case.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kselftest_harness.h"

#define IMAGE "/tmp/kexec-image"

#ifndef KEXEC_FILE_NO_INITRAMFS
#define KEXEC_FILE_NO_INITRAMFS 0x00000004
#endif

static int load(void)
{
	int fd = open(IMAGE, O_RDONLY), ret;

	if (fd < 0)
		return -1;
	ret = syscall(SYS_kexec_file_load, fd, -1, 1, "", KEXEC_FILE_NO_INITRAMFS);
	close(fd);
	return ret;
}

/* A kernel without KEXEC_FILE (32-bit ARM has none) has no call to check. */
static int kexec_file_missing(void)
{
	return syscall(SYS_kexec_file_load, -1, -1, 0, "",
		       KEXEC_FILE_NO_INITRAMFS) == -1 && errno == ENOSYS;
}

FIXTURE(kexec) {
	int missing;
};

/* 6.1's harness runs the test after a setup that skipped: each test asks. */
#define SKIP_WITHOUT_KEXEC_FILE() do {					\
	if (self->missing)						\
		SKIP(return, "no kexec_file_load(2) in this kernel");	\
} while (0)

FIXTURE_SETUP(kexec)
{
	char buf[8192];
	int fd;

	self->missing = kexec_file_missing();
	if (self->missing)
		return;
	fd = open(IMAGE, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	memset(buf, 0x5a, sizeof(buf));
	ASSERT_EQ((ssize_t)sizeof(buf), write(fd, buf, sizeof(buf)));
	close(fd);
	ASSERT_EQ(0, system("keyctl padd asymmetric '' %:.camsec < /etc/camsec/test-pki/signer.der >/dev/null"
			    " && echo enforce > /sys/kernel/security/camsec/appsig/mode"));
}

FIXTURE_TEARDOWN(kexec)
{
	unlink(IMAGE);
}

TEST_F(kexec, unsigned_image_refused)
{
	SKIP_WITHOUT_KEXEC_FILE();
	ASSERT_EQ(-1, load());
	ASSERT_EQ(EACCES, errno);
}

TEST_F(kexec, signed_image_reaches_the_loader)
{
	SKIP_WITHOUT_KEXEC_FILE();
	ASSERT_EQ(0, system("evmctl ima_sign --hashalgo sha256 --key "
			    "/etc/camsec/test-pki/signer.key " IMAGE " >/dev/null 2>&1"));
	ASSERT_EQ(-1, load());
	ASSERT_NE(EACCES, errno) TH_LOG("refused although signed");
	TH_LOG("loader: %s", strerror(errno));
}

TEST_HARNESS_MAIN
