// SPDX-License-Identifier: GPL-2.0-only
/*
 * loginflood CA ADDR:PORT FIRST-SOURCE COUNT SECONDS PROCS: a password-
 * guessing flood on camsecd's TLS interface from COUNT source addresses
 * (FIRST-SOURCE and the ones after it, which must be local), by PROCS
 * processes, for SECONDS. Each try connects from the next source, logs in
 * with a wrong password and reads the reply. Prints
 *   tries N failed N refused_connections N seconds S
 * "failed" counts the replies "user name or password error".
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <openssl/ssl.h>

struct counts {
	unsigned long tries, failed, refused;
};

static int connect_from(uint32_t src, const struct sockaddr_in *dst)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(src) };
	struct timeval tv = { .tv_sec = 2 };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    connect(fd, (const struct sockaddr *)dst, sizeof(*dst))) {
		close(fd);
		return -1;
	}
	return fd;
}

static void try_once(SSL_CTX *ctx, uint32_t src, const struct sockaddr_in *dst,
		     unsigned long n, struct counts *c)
{
	char line[256], reply[256];
	int fd, len, got;
	SSL *ssl;

	c->tries++;
	fd = connect_from(src, dst);
	if (fd < 0) {
		c->refused++;
		return;
	}
	ssl = SSL_new(ctx);
	SSL_set_fd(ssl, fd);
	len = snprintf(line, sizeof(line), "login user=guess%lu password=Wrong-Guess%lu\n", n, n);
	if (SSL_connect(ssl) == 1 && SSL_write(ssl, line, len) == len) {
		got = SSL_read(ssl, reply, sizeof(reply) - 1);
		if (got > 0 && !strncmp(reply, "err code=EACCES msg=user%20name%20or%20password%20error\n",
					(size_t)got))
			c->failed++;
	}
	SSL_free(ssl);
	close(fd);
}

static void worker(SSL_CTX *ctx, const struct sockaddr_in *dst, uint32_t first,
		   unsigned int count, unsigned int procs, unsigned int w,
		   time_t end, int out)
{
	struct counts c = { 0 };
	unsigned long n;

	for (n = w; time(NULL) < end; n += procs)
		try_once(ctx, first + (uint32_t)(n % count), dst, n, &c);
	if (write(out, &c, sizeof(c)) != sizeof(c))
		_exit(1);
	_exit(0);
}

int main(int argc, char **argv)
{
	struct sockaddr_in dst = { .sin_family = AF_INET };
	struct counts sum = { 0 }, c;
	unsigned int count, procs, i;
	struct in_addr first;
	SSL_CTX *ctx;
	char *colon;
	time_t end;
	int p[2];

	if (argc != 7 || !(colon = strchr(argv[2], ':')) ||
	    inet_pton(AF_INET, argv[3], &first) != 1) {
		fprintf(stderr, "usage: loginflood CA ADDR:PORT FIRST-SOURCE COUNT SECONDS PROCS\n");
		return 2;
	}
	*colon = '\0';
	inet_pton(AF_INET, argv[2], &dst.sin_addr);
	dst.sin_port = htons((uint16_t)atoi(colon + 1));
	count = (unsigned int)atoi(argv[4]);
	procs = (unsigned int)atoi(argv[6]);
	ctx = SSL_CTX_new(TLS_client_method());
	if (!ctx || SSL_CTX_load_verify_locations(ctx, argv[1], NULL) != 1 ||
	    !count || !procs || pipe(p))
		return 1;
	SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
	end = time(NULL) + atoi(argv[5]);
	for (i = 0; i < procs; i++) {
		if (fork() == 0)
			worker(ctx, &dst, ntohl(first.s_addr), count, procs, i, end, p[1]);
	}
	close(p[1]);
	while (read(p[0], &c, sizeof(c)) == sizeof(c)) {
		sum.tries += c.tries;
		sum.failed += c.failed;
		sum.refused += c.refused;
	}
	while (wait(NULL) > 0)
		;
	printf("tries %lu failed %lu refused_connections %lu seconds %s\n",
	       sum.tries, sum.failed, sum.refused, argv[5]);
	return 0;
}
