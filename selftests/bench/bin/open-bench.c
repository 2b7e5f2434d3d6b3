// SPDX-License-Identifier: GPL-2.0-only
/*
 * open-bench FILE N: seconds per open()+close() of FILE over N calls, the
 * median of 5 rounds. access.sh runs it with and without a policy.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	double t[5], x;
	int i, j, k, n, fd;

	if (argc != 3)
		return 2;
	n = atoi(argv[2]);
	for (k = 0; k < 5; k++) {
		t[k] = now();
		for (i = 0; i < n; i++) {
			fd = open(argv[1], O_RDONLY);
			if (fd < 0) {
				perror(argv[1]);
				return 1;
			}
			close(fd);
		}
		t[k] = (now() - t[k]) / n;
	}
	for (i = 1; i < 5; i++)
		for (j = i; j > 0 && t[j - 1] > t[j]; j--) {
			x = t[j]; t[j] = t[j - 1]; t[j - 1] = x;
		}
	printf("%.9f\n", t[2]);
	return 0;
}
