// SPDX-License-Identifier: GPL-2.0-only
/*
 * appsig benchmark: ratios against baselines measured in the same run.
 *
 *   cached:  execve of a signed 1 MiB program, verdict cached, against the
 *            same with appsig off                      (goal: under 1.03)
 *   first:   the first verification (exec after the signature was set
 *            again, minus a cached exec) against the kernel's SHA-256 of
 *            the file through AF_ALG                  (goal: within 1.2)
 *   ima:     the same first verification against IMA appraisal
 *            (appraise_type=imasig) of a copy         (goal: no slower)
 *
 * Each ratio is taken per round, the rounds interleaving the cases, and
 * reported as its median with its spread (min to max); a goal is met
 * only when the whole spread is on its side. Prints "# bench: ..." lines
 * and one TAP result per figure that could be measured; the figures are
 * reported, not asserted.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <linux/if_alg.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

#define DIR "/tmp/bench"
#define PROG DIR "/prog"
#define IMA_PROG DIR "/prog-ima"
#define IMA_OWNER 4242
#define MODE "/sys/kernel/security/camsec/appsig/mode"
#define IMA_POLICY "/sys/kernel/security/ima/policy"
#define ROUNDS 7
#define EXECS 200
#define FIRSTS 20

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int put(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	ssize_t n = -1;

	if (fd >= 0) {
		n = write(fd, text, strlen(text));
		close(fd);
	}
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

static int run(const char *prog)
{
	char *argv[] = { (char *)prog, NULL };
	int status;
	pid_t pid;

	if (posix_spawn(&pid, prog, NULL, NULL, argv, NULL))
		return -1;
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		return -1;
	return 0;
}

/* Seconds per exec of @prog, over @n execs. */
static double exec_time(const char *prog, int n)
{
	double t = now();
	int i;

	for (i = 0; i < n; i++)
		if (run(prog))
			return -1;
	return (now() - t) / n;
}

static unsigned char sig[1024];
static ssize_t sig_len;

/* Setting the signature again drops camsec's and IMA's cached verdicts. */
static int invalidate(const char *prog)
{
	return setxattr(prog, "security.ima", sig, sig_len, 0);
}

/* Seconds per first (uncached) exec of @prog. */
static double first_exec_time(const char *prog, int n)
{
	double total = 0, t;
	int i;

	for (i = 0; i < n; i++) {
		if (invalidate(prog))
			return -1;
		t = now();
		if (run(prog))
			return -1;
		total += now() - t;
	}
	return total / n;
}

/* Seconds to SHA-256 the file in the kernel (AF_ALG), page cache warm. */
static double kernel_hash_time(const char *path, int n)
{
	struct sockaddr_alg sa = {
		.salg_family = AF_ALG, .salg_type = "hash", .salg_name = "sha256",
	};
	unsigned char digest[32];
	double total = 0, t;
	int tfm, op, fd, i;
	struct stat st;
	off_t off;

	tfm = socket(AF_ALG, SOCK_SEQPACKET, 0);
	if (tfm < 0 || bind(tfm, (struct sockaddr *)&sa, sizeof(sa)))
		return -1;
	fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st))
		return -1;
	for (i = 0; i < n; i++) {
		op = accept(tfm, NULL, NULL);
		if (op < 0)
			return -1;
		t = now();
		for (off = 0; off < st.st_size;)
			if (sendfile(op, fd, &off, st.st_size - off) <= 0)
				return -1;
		if (read(op, digest, sizeof(digest)) != sizeof(digest))
			return -1;
		total += now() - t;
		close(op);
	}
	close(fd);
	close(tfm);
	return total / n;
}

static int tap_n;

static void sort(double *v, int n)
{
	int i, j;
	double x;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
			x = v[j]; v[j] = v[j - 1]; v[j - 1] = x;
		}
}

static double median(const double *v, int n)
{
	double c[ROUNDS];

	memcpy(c, v, n * sizeof(*v));
	sort(c, n);
	return c[n / 2];
}

/* @ratio[r] per round: median [min, max], met only if max <= goal. */
static void report(const char *name, double *ratio, double goal,
		   const char *how)
{
	sort(ratio, ROUNDS);
	printf("# bench: %s = %.3f [%.3f, %.3f] (goal %s %.2f) %s\n", name,
	       ratio[ROUNDS / 2], ratio[0], ratio[ROUNDS - 1],
	       ratio[ROUNDS - 1] <= goal ? "met," : "MISSED,", goal, how);
	printf("ok %d %s\n", ++tap_n, name);
}

int main(void)
{
	double on[ROUNDS], off[ROUNDS], first[ROUNDS], hash[ROUNDS];
	double ima_first[ROUNDS], ima_cached[ROUNDS], ratio[ROUNDS];
	bool ima;
	int r;

	printf("TAP version 13\n1..4\n");
	sig_len = getxattr(PROG, "security.ima", sig, sizeof(sig));
	if (sig_len <= 0) {
		printf("# bench: %s is not signed\nnot ok 1 setup\n", PROG);
		return 1;
	}
	ima = !access(IMA_PROG, X_OK) && !invalidate(IMA_PROG);

	/* Rounds interleave the cases, so that drift hits them alike. */
	for (r = 0; r < ROUNDS; r++) {
		put(MODE, "off");
		run(PROG);
		off[r] = exec_time(PROG, EXECS);
		if (ima) {
			ima_first[r] = first_exec_time(IMA_PROG, FIRSTS);
			ima_cached[r] = exec_time(IMA_PROG, EXECS);
		}
		put(MODE, "enforce");
		run(PROG);
		on[r] = exec_time(PROG, EXECS);
		first[r] = first_exec_time(PROG, FIRSTS);
		hash[r] = kernel_hash_time(PROG, FIRSTS);
		if (off[r] < 0 || on[r] < 0 || first[r] < 0 || hash[r] < 0 ||
		    (ima && (ima_first[r] < 0 || ima_cached[r] < 0))) {
			printf("# bench: a run failed: %s\nnot ok 1 run\n",
			       strerror(errno));
			return 1;
		}
	}
	printf("# bench: exec, appsig off:      %8.1f us\n", median(off, ROUNDS) * 1e6);
	printf("# bench: exec, cached verdict:  %8.1f us\n", median(on, ROUNDS) * 1e6);
	printf("# bench: exec, first verify:    %8.1f us\n", median(first, ROUNDS) * 1e6);
	printf("# bench: kernel sha256 of file: %8.1f us\n", median(hash, ROUNDS) * 1e6);
	for (r = 0; r < ROUNDS; r++)
		ratio[r] = on[r] / off[r];
	report("cached_exec_vs_off", ratio, 1.03,
	       "(execve, signed 1 MiB program)");
	for (r = 0; r < ROUNDS; r++)
		ratio[r] = (first[r] - on[r]) / hash[r];
	report("first_verify_vs_kernel_sha256", ratio, 1.2,
	       "(verification time / AF_ALG sha256 time)");
	if (ima) {
		printf("# bench: exec, IMA first:       %8.1f us\n", median(ima_first, ROUNDS) * 1e6);
		printf("# bench: exec, IMA cached:      %8.1f us\n", median(ima_cached, ROUNDS) * 1e6);
		for (r = 0; r < ROUNDS; r++)
			ratio[r] = (first[r] - on[r]) /
				   (ima_first[r] - ima_cached[r]);
		report("first_verify_vs_ima", ratio, 1.0,
		       "(camsec / IMA appraisal, verification time)");
		for (r = 0; r < ROUNDS; r++)
			ratio[r] = on[r] / ima_cached[r];
		report("cached_exec_vs_ima_cached", ratio, 1.03,
		       "(camsec cached / IMA cached, execve)");
	} else {
		printf("ok 3 first_verify_vs_ima # SKIP kernel without IMA appraisal\n");
		printf("ok 4 cached_exec_vs_ima_cached # SKIP kernel without IMA appraisal\n");
	}
	put(MODE, "enforce");
	return 0;
}
