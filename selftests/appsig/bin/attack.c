// SPDX-License-Identifier: GPL-2.0-only
/*
 * attack: ways to get bytes no signature covers into executable memory,
 * each tried as an attacker would. Exit 0: camsec refused it (EACCES or
 * ETXTBSY, as stated); 1: the attack worked; 2: it could not be tried
 * (its control step failed), so it proves nothing; 3: this kernel lacks
 * the system call it needs.
 *
 *   attack tail FILE
 *	FILE is signed and shorter than a page. Map it executable (control),
 *	write code past its end through a shared writable mapping, then map
 *	it executable again.
 *   attack hold MAPPED WRITABLE
 *	Map MAPPED executable (control), close its descriptor, then open
 *	WRITABLE, the file holding its bytes, for writing.
 *   attack memfd PROGRAM SIGFILE
 *	A memfd with PROGRAM's bytes and the signature in SIGFILE (the raw
 *	security.ima value): run it with execveat(), then map it executable.
 *   attack private FILE SIGFILE
 *	Shared anonymous memory with FILE's bytes (a whole number of pages),
 *	the signature set through /proc/self/map_files, then mprotect()ed
 *	executable.
 *   attack implied FILE
 *	With the READ_IMPLIES_EXEC personality, map FILE (unsigned) with
 *	PROT_READ only: the kernel makes that executable.
 *   attack vmwrite
 *	Write into a child's memory with process_vm_writev(), as a loader of
 *	code into another process would (EPERM expected).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#define REFUSED 0
#define WORKED 1
#define UNTRIED 2
#define UNAVAILABLE 3
#define PAGE 4096
#define TAIL_OFFSET 128

/* x86-64 "mov eax, 42; ret": any bytes would do, these would run. */
static const unsigned char code[] = { 0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3 };

static int untried(const char *what)
{
	fprintf(stderr, "attack: %s: %s\n", what, strerror(errno));
	return UNTRIED;
}

static int outcome(const char *what, int err, int refusal)
{
	if (!err) {
		printf("attack worked: %s\n", what);
		return WORKED;
	}
	if (err == refusal) {
		printf("refused: %s: %s\n", what, strerror(err));
		return REFUSED;
	}
	errno = err;
	return untried(what);
}

/* mmap(PROT_READ | PROT_EXEC, MAP_PRIVATE) of @path: 0 or an errno. */
static int map_exec(const char *path, void **addr)
{
	int fd = open(path, O_RDONLY);
	int err = 0;

	if (fd < 0)
		return errno;
	*addr = mmap(NULL, PAGE, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
	if (*addr == MAP_FAILED)
		err = errno;
	close(fd);
	return err;
}

static int tail(const char *path)
{
	unsigned char *p;
	struct stat st;
	int err, fd;

	if (stat(path, &st) || st.st_size + TAIL_OFFSET + sizeof(code) > PAGE)
		return untried("tail: a file shorter than a page");
	if (map_exec(path, (void **)&p))
		return untried("tail: control: the signed file maps executable");
	munmap(p, PAGE);

	fd = open(path, O_RDWR);
	if (fd < 0)
		return untried("tail: open for writing");
	p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return untried("tail: shared writable mapping");
	memcpy(p + st.st_size + TAIL_OFFSET, code, sizeof(code));
	munmap(p, PAGE);
	close(fd);

	err = map_exec(path, (void **)&p);
	if (!err && memcmp(p + st.st_size + TAIL_OFFSET, code, sizeof(code)))
		return untried("tail: the code past the end did not stay");
	return outcome("executable mapping with code past the end", err,
		       EACCES);
}

static int hold(const char *mapped, const char *writable)
{
	void *p;
	int fd;

	if (map_exec(mapped, &p))
		return untried("hold: control: maps executable");
	fd = open(writable, O_WRONLY | O_APPEND);
	if (fd >= 0)
		close(fd);
	return outcome("open for writing of mapped code", fd < 0 ? errno : 0,
		       ETXTBSY);
}

static ssize_t read_all(const char *path, void *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size);
	close(fd);
	return n;
}

static int copy_into(int dst, const char *path)
{
	char buf[65536];
	int src = open(path, O_RDONLY);
	ssize_t n;

	if (src < 0)
		return -1;
	while ((n = read(src, buf, sizeof(buf))) > 0)
		if (write(dst, buf, n) != n) {
			n = -1;
			break;
		}
	close(src);
	return n;
}

/* Run @fd with execveat() in a child: 0 if it ran, else the errno. */
static int exec_fd(int fd)
{
	static char *const argv[] = { "true", NULL };
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return errno;
	if (!pid) {
		syscall(SYS_execveat, fd, "", argv, NULL, AT_EMPTY_PATH);
		_exit(errno == EACCES ? 100 : 101);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return ECHILD;
	switch (WEXITSTATUS(status)) {
	case 0:
		return 0;
	case 100:
		return EACCES;
	default:
		return ECHILD;
	}
}

static int memfd(const char *program, const char *sigfile)
{
	char sig[1024];
	ssize_t len = read_all(sigfile, sig, sizeof(sig));
	int fd = memfd_create("attack", 0), r;
	void *p;

	if (fd < 0 || len <= 0 || copy_into(fd, program))
		return untried("memfd: a copy of the program");
	if (fsetxattr(fd, "security.ima", sig, len, 0))
		return untried("memfd: its signature");
	r = outcome("execveat of a signed memfd", exec_fd(fd), EACCES);
	if (r != REFUSED)
		return r;
	p = mmap(NULL, PAGE, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
	return outcome("executable mapping of a signed memfd",
		       p == MAP_FAILED ? errno : 0, EACCES);
}

static int shared_anon(const char *path, const char *sigfile)
{
	char sig[1024], name[64];
	ssize_t len = read_all(sigfile, sig, sizeof(sig));
	struct stat st;
	char *p;
	int fd;

	if (stat(path, &st) || !st.st_size || st.st_size % PAGE || len <= 0)
		return untried("private: a signed file of whole pages");
	p = mmap(NULL, st.st_size, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || read_all(path, p, st.st_size) != st.st_size)
		return untried("private: shared memory with the file's bytes");
	snprintf(name, sizeof(name), "/proc/self/map_files/%lx-%lx",
		 (unsigned long)p, (unsigned long)p + st.st_size);
	fd = open(name, O_RDONLY);
	if (fd < 0 || fsetxattr(fd, "security.ima", sig, len, 0))
		return untried("private: the signature through map_files");
	close(fd);
	return outcome("mprotect(PROT_EXEC) of signed shared memory",
		       mprotect(p, st.st_size, PROT_READ | PROT_EXEC) ?
		       errno : 0, EACCES);
}

static int implied(const char *path)
{
	int fd = open(path, O_RDONLY);
	void *p;

	if (fd < 0 || personality(READ_IMPLIES_EXEC) < 0)
		return untried("implied: READ_IMPLIES_EXEC");
	p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	return outcome("PROT_READ mapping made executable by the personality",
		       p == MAP_FAILED ? errno : 0, EACCES);
}

static char vmwrite_target[PAGE];

static int vmwrite(void)
{
	struct iovec local = { .iov_base = (void *)code, .iov_len = 1 };
	struct iovec remote = { .iov_base = vmwrite_target, .iov_len = 1 };
	pid_t child = fork();
	ssize_t n;
	int err;

	if (child < 0)
		return untried("vmwrite: fork");
	if (!child) {
		pause();
		_exit(0);
	}
	n = process_vm_writev(child, &local, 1, &remote, 1, 0);
	err = n < 0 ? errno : 0;
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	if (err == ENOSYS)	/* CONFIG_CROSS_MEMORY_ATTACH=n */
		return UNAVAILABLE;
	return outcome("process_vm_writev into another process", err, EPERM);
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "tail"))
		return tail(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "hold"))
		return hold(argv[2], argv[3]);
	if (argc == 4 && !strcmp(argv[1], "memfd"))
		return memfd(argv[2], argv[3]);
	if (argc == 4 && !strcmp(argv[1], "private"))
		return shared_anon(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "implied"))
		return implied(argv[2]);
	if (argc == 2 && !strcmp(argv[1], "vmwrite"))
		return vmwrite();
	fprintf(stderr, "usage: attack tail FILE | hold MAPPED WRITABLE |\n"
		"       memfd PROGRAM SIGFILE | private FILE SIGFILE |\n"
		"       implied FILE | vmwrite\n");
	return UNTRIED;
}
