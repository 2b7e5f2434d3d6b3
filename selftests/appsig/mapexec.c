// SPDX-License-Identifier: GPL-2.0-only
/*
 * Executable memory: every PROT_EXEC mapping needs signed file content;
 * code that is mapped cannot be rewritten underneath.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"

#define DIR "/tmp/appsig-mapexec"
#define SIGNED DIR "/signed"
#define UNSIGNED DIR "/unsigned"
#define LEN 4096

static void write_file(const char *path)
{
	char buf[LEN];
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);

	memset(buf, 0xc3, sizeof(buf));	/* ret */
	if (fd < 0 || write(fd, buf, sizeof(buf)) != sizeof(buf))
		exit(1);
	close(fd);
}

static void *map(const char *path, int prot, int flags, int *err)
{
	int fd = open(path, (prot & PROT_WRITE) && (flags & MAP_SHARED) ?
			    O_RDWR : O_RDONLY);
	void *p;

	if (fd < 0) {
		*err = errno;
		return MAP_FAILED;
	}
	p = mmap(NULL, LEN, prot, flags, fd, 0);
	*err = p == MAP_FAILED ? errno : 0;
	close(fd);
	return p;
}

FIXTURE(mapexec) {};

FIXTURE_SETUP(mapexec)
{
	char cmd[256];

	mkdir(DIR, 0755);
	write_file(SIGNED);
	write_file(UNSIGNED);
	snprintf(cmd, sizeof(cmd),
		 "keyctl padd asymmetric '' %%:.camsec < /etc/camsec/test-pki/signer.der >/dev/null && "
		 "evmctl ima_sign --hashalgo sha256 --key /etc/camsec/test-pki/signer.key %s >/dev/null && "
		 "echo enforce > /sys/kernel/security/camsec/appsig/mode", SIGNED);
	ASSERT_EQ(0, system(cmd));
}

FIXTURE_TEARDOWN(mapexec)
{
	unlink(SIGNED);
	unlink(UNSIGNED);
	rmdir(DIR);
}

TEST_F(mapexec, signed_file_maps_executable)
{
	int err;
	void *p = map(SIGNED, PROT_READ | PROT_EXEC, MAP_PRIVATE, &err);

	ASSERT_TRUE(p != MAP_FAILED) TH_LOG("mmap: %s", strerror(err));
	munmap(p, LEN);
}

TEST_F(mapexec, unsigned_file_refused)
{
	int err;

	ASSERT_TRUE(map(UNSIGNED, PROT_READ | PROT_EXEC, MAP_PRIVATE, &err) == MAP_FAILED);
	ASSERT_EQ(EACCES, err);
}

TEST_F(mapexec, mprotect_unsigned_refused)
{
	int err;
	void *p = map(UNSIGNED, PROT_READ, MAP_PRIVATE, &err);

	ASSERT_TRUE(p != MAP_FAILED);
	ASSERT_EQ(-1, mprotect(p, LEN, PROT_READ | PROT_EXEC));
	ASSERT_EQ(EACCES, errno);
	munmap(p, LEN);
}

TEST_F(mapexec, mprotect_signed_allowed)
{
	int err;
	void *p = map(SIGNED, PROT_READ, MAP_PRIVATE, &err);

	ASSERT_TRUE(p != MAP_FAILED);
	ASSERT_EQ(0, mprotect(p, LEN, PROT_READ | PROT_EXEC));
	munmap(p, LEN);
}

/* Private pages of a signed file, written, then made executable. */
TEST_F(mapexec, written_private_pages_refused)
{
	int err;
	char *p = map(SIGNED, PROT_READ | PROT_WRITE, MAP_PRIVATE, &err);

	ASSERT_TRUE(p != MAP_FAILED);
	p[0] = 0x90;
	ASSERT_EQ(-1, mprotect(p, LEN, PROT_READ | PROT_EXEC));
	ASSERT_EQ(EACCES, errno);
	munmap(p, LEN);
}

TEST_F(mapexec, writable_and_executable_refused)
{
	int err;

	ASSERT_TRUE(map(SIGNED, PROT_READ | PROT_WRITE | PROT_EXEC,
			MAP_PRIVATE, &err) == MAP_FAILED);
	ASSERT_EQ(EACCES, err);
}

TEST_F(mapexec, anonymous_executable_refused)
{
	void *p = mmap(NULL, LEN, PROT_READ | PROT_EXEC,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT_TRUE(p == MAP_FAILED);
	ASSERT_EQ(EACCES, errno);
	p = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(p != MAP_FAILED);
	ASSERT_EQ(-1, mprotect(p, LEN, PROT_READ | PROT_EXEC));
	ASSERT_EQ(EACCES, errno);
	munmap(p, LEN);
}

TEST_F(mapexec, device_mapping_refused)
{
	int err;

	ASSERT_TRUE(map("/dev/zero", PROT_READ | PROT_EXEC, MAP_PRIVATE, &err) == MAP_FAILED);
	ASSERT_EQ(EACCES, err);
}

TEST_F(mapexec, memfd_refused)
{
	static char *const argv[] = { "memfd", NULL };
	int src = open("/bin/busybox", O_RDONLY);
	int fd = memfd_create("payload", 0);
	struct stat st;
	void *p;

	ASSERT_LE(0, src);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, fstat(src, &st));
	ASSERT_EQ(st.st_size, sendfile(fd, src, NULL, st.st_size));
	p = mmap(NULL, LEN, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
	ASSERT_TRUE(p == MAP_FAILED);
	ASSERT_EQ(EACCES, errno);
	ASSERT_EQ(-1, syscall(SYS_execveat, fd, "", argv, NULL, AT_EMPTY_PATH));
	ASSERT_EQ(EACCES, errno);
	close(fd);
	close(src);
}

/* mmap does not deny writes as exec does; camsec does, for code. */
TEST_F(mapexec, mapped_code_cannot_be_rewritten)
{
	int err;
	void *p = map(SIGNED, PROT_READ | PROT_EXEC, MAP_PRIVATE, &err);

	ASSERT_TRUE(p != MAP_FAILED);
	ASSERT_EQ(-1, open(SIGNED, O_WRONLY));
	ASSERT_EQ(ETXTBSY, errno);
	ASSERT_EQ(-1, truncate(SIGNED, 1));
	ASSERT_EQ(ETXTBSY, errno);
	munmap(p, LEN);
	/* Released: writing is possible again, and the verdict is gone. */
	write_file(SIGNED);
	p = map(SIGNED, PROT_READ, MAP_PRIVATE, &err);
	ASSERT_TRUE(p != MAP_FAILED);
	munmap(p, LEN);
}

TEST_F(mapexec, rewritten_code_refused)
{
	char buf[16] = "rewritten";
	int err, fd;
	void *p = map(SIGNED, PROT_READ | PROT_EXEC, MAP_PRIVATE, &err);

	ASSERT_TRUE(p != MAP_FAILED);
	munmap(p, LEN);
	fd = open(SIGNED, O_WRONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)sizeof(buf), write(fd, buf, sizeof(buf)));
	close(fd);
	ASSERT_TRUE(map(SIGNED, PROT_READ | PROT_EXEC, MAP_PRIVATE, &err) == MAP_FAILED);
	ASSERT_EQ(EACCES, err);
}

/* Permissive lets the write through, and must not keep the old verdict. */
TEST_F(mapexec, permissive_write_drops_verdict)
{
	char buf[16] = "rewritten";
	int err, fd;
	void *p = map(SIGNED, PROT_READ | PROT_EXEC, MAP_PRIVATE, &err);

	ASSERT_TRUE(p != MAP_FAILED);
	ASSERT_EQ(0, system("echo permissive > /sys/kernel/security/camsec/appsig/mode"));
	fd = open(SIGNED, O_WRONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)sizeof(buf), write(fd, buf, sizeof(buf)));
	close(fd);
	munmap(p, LEN);
	ASSERT_EQ(0, system("echo enforce > /sys/kernel/security/camsec/appsig/mode"));
	ASSERT_TRUE(map(SIGNED, PROT_READ | PROT_EXEC, MAP_PRIVATE, &err) == MAP_FAILED);
	ASSERT_EQ(EACCES, err);
}

TEST_F(mapexec, open_writer_blocks_mapping)
{
	int err, fd = open(SIGNED, O_WRONLY);

	ASSERT_LE(0, fd);
	ASSERT_TRUE(map(SIGNED, PROT_READ | PROT_EXEC, MAP_PRIVATE, &err) == MAP_FAILED);
	ASSERT_EQ(EACCES, err);
	close(fd);
}

/* "dd of=/proc/$$/mem": writing a process's memory writes its code. */
TEST_F(mapexec, proc_mem_write_refused)
{
	ASSERT_EQ(-1, open("/proc/self/mem", O_RDWR));
	ASSERT_EQ(EACCES, errno);
}

TEST_F(mapexec, ptrace_attach_refused)
{
	pid_t child = fork();
	int status;

	ASSERT_LE(0, child);
	if (!child) {
		pause();
		_exit(0);
	}
	ASSERT_EQ(-1, ptrace(PTRACE_ATTACH, child, NULL, NULL));
	ASSERT_EQ(EPERM, errno);
	kill(child, SIGKILL);
	waitpid(child, &status, 0);
}

TEST_HARNESS_MAIN
