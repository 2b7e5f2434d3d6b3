// SPDX-License-Identifier: GPL-2.0-only
/*
 * conn: the network side of the camsec_nf tests.
 *
 *   conn serve PORT...                 TCP (held until the peer closes) and
 *                                      UDP echo on every PORT, IPv4 and IPv6
 *   conn try [-u] [-s SRC] ADDR PORT   one TCP connection (or UDP echo):
 *                                      prints ok, timeout or refused
 *   conn send ADDR PORT N              N UDP datagrams, not waiting
 *   conn blast ADDR PORT N             the same, batched: prints the seconds
 *   conn sink PORT                     read UDP datagrams on PORT, no answer
 *   conn connects ADDR PORT N          N TCP connections opened and closed
 *                                      one after the other: prints seconds
 *   conn hold-range BASE N ADDR PORT SECS  one TCP connection from each of N
 *                                      IPv4 sources from BASE up, kept SECS
 *   conn hold [-s SRC] ADDR PORT N SECS   open N TCP connections one after
 *                                      the other, print how many succeeded,
 *                                      keep them SECS seconds
 *
 * Exit status of try: 0 if ok, 1 otherwise. Timeouts are 1.5 s: a packet
 * camsec_nf drops never answers.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define TIMEOUT_MS	1500
#define PORTS_MAX	16
#define FDS_MAX		4096

static int addr_of(const char *text, int port, struct sockaddr_storage *ss,
		   socklen_t *len)
{
	struct sockaddr_in *in = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, text, &in->sin_addr) == 1) {
		in->sin_family = AF_INET;
		in->sin_port = htons(port);
		*len = sizeof(*in);
		return 0;
	}
	if (inet_pton(AF_INET6, text, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(port);
		*len = sizeof(*in6);
		return 0;
	}
	fprintf(stderr, "conn: bad address %s\n", text);
	return -1;
}

/* A socket to @dst (from @src if given); -1, or -2 on a timeout. */
static int connect_to(const char *src, const char *dst, int port, int type)
{
	struct sockaddr_storage ss;
	struct pollfd pfd;
	socklen_t len;
	int fd, err = 0;

	if (addr_of(dst, port, &ss, &len))
		return -1;
	fd = socket(ss.ss_family, type | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -1;
	if (src) {
		struct sockaddr_storage s;
		socklen_t slen;

		if (addr_of(src, 0, &s, &slen) ||
		    bind(fd, (struct sockaddr *)&s, slen)) {
			perror("conn: bind");
			close(fd);
			return -1;
		}
	}
	if (connect(fd, (struct sockaddr *)&ss, len) && errno != EINPROGRESS) {
		close(fd);
		return -1;
	}
	if (type == SOCK_DGRAM)
		return fd;
	pfd.fd = fd;
	pfd.events = POLLOUT;
	if (poll(&pfd, 1, TIMEOUT_MS) != 1) {
		close(fd);
		return -2;
	}
	len = sizeof(err);
	getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
	if (err) {
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

static int udp_echo(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	char buf[8];

	if (send(fd, "ping", 4, 0) != 4)
		return -1;
	if (poll(&pfd, 1, TIMEOUT_MS) != 1)
		return -2;
	return recv(fd, buf, sizeof(buf), 0) == 4 ? 0 : -1;
}

static int try(int argc, char **argv)
{
	const char *src = NULL;
	int type = SOCK_STREAM, opt, fd;

	while ((opt = getopt(argc, argv, "us:")) != -1) {
		if (opt == 'u')
			type = SOCK_DGRAM;
		else if (opt == 's')
			src = optarg;
		else
			return 2;
	}
	if (argc - optind != 2)
		return 2;
	fd = connect_to(src, argv[optind], atoi(argv[optind + 1]), type);
	if (fd >= 0 && type == SOCK_DGRAM) {
		int r = udp_echo(fd);

		close(fd);
		fd = r ? r : 0;
	} else if (fd >= 0) {
		close(fd);
		fd = 0;
	}
	puts(fd == 0 ? "ok" : fd == -2 ? "timeout" : "refused");
	return fd != 0;
}

static int hold(int argc, char **argv)
{
	const char *src = NULL;
	int opt, i, n, ok = 0;

	while ((opt = getopt(argc, argv, "s:")) != -1) {
		if (opt != 's')
			return 2;
		src = optarg;
	}
	if (argc - optind != 4)
		return 2;
	n = atoi(argv[optind + 2]);
	for (i = 0; i < n; i++)
		if (connect_to(src, argv[optind], atoi(argv[optind + 1]),
			       SOCK_STREAM) >= 0)
			ok++;
	printf("%d\n", ok);
	fflush(stdout);
	sleep(atoi(argv[optind + 3]));
	return 0;
}

static int send_n(int argc, char **argv)
{
	int fd, i, n;

	if (argc != 4)
		return 2;
	fd = connect_to(NULL, argv[1], atoi(argv[2]), SOCK_DGRAM);
	if (fd < 0)
		return 1;
	n = atoi(argv[3]);
	for (i = 0; i < n; i++)
		send(fd, "x", 1, 0);
	close(fd);
	return 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void more_files(void)
{
	struct rlimit r = { FDS_MAX + 64, FDS_MAX + 64 };

	setrlimit(RLIMIT_NOFILE, &r);
}

#define BATCH	64

static int blast(int argc, char **argv)
{
	static char payload[64];
	struct iovec iov = { payload, sizeof(payload) };
	struct mmsghdr msgs[BATCH] = {};
	struct pollfd pfd = { .events = POLLOUT };
	int fd, i, n, sent = 0, r;
	double t0;

	if (argc != 4)
		return 2;
	fd = connect_to(NULL, argv[1], atoi(argv[2]), SOCK_DGRAM);
	if (fd < 0)
		return 1;
	for (i = 0; i < BATCH; i++) {
		msgs[i].msg_hdr.msg_iov = &iov;
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	n = atoi(argv[3]);
	pfd.fd = fd;
	t0 = now();
	while (sent < n) {
		r = sendmmsg(fd, msgs, n - sent < BATCH ? n - sent : BATCH, 0);
		if (r > 0)
			sent += r;
		else if (errno == EAGAIN || errno == ENOBUFS)
			poll(&pfd, 1, 10);
		else
			return 1;
	}
	printf("%.6f\n", now() - t0);
	close(fd);
	return 0;
}

static int connects(int argc, char **argv)
{
	int fd, i, n, failed = 0;
	double t0;

	if (argc != 4)
		return 2;
	n = atoi(argv[3]);
	t0 = now();
	for (i = 0; i < n; i++) {
		fd = connect_to(NULL, argv[1], atoi(argv[2]), SOCK_STREAM);
		if (fd < 0 && ++failed > 3)
			return 1;	/* a lost SYN now and then is TCG's */
		if (fd >= 0)
			close(fd);
	}
	printf("%.6f\n", now() - t0);
	return 0;
}

static int hold_range(int argc, char **argv)
{
	struct in_addr base;
	char src[INET_ADDRSTRLEN];
	int i, n, ok = 0;

	if (argc != 6 || inet_pton(AF_INET, argv[1], &base) != 1)
		return 2;
	more_files();
	n = atoi(argv[2]);
	for (i = 0; i < n; i++) {
		struct in_addr a = { htonl(ntohl(base.s_addr) + i) };
		int tries = 10;

		inet_ntop(AF_INET, &a, src, sizeof(src));
		/*
		 * A burst can overflow the accept queue, for seconds on a slow
		 * emulated CPU (989 of 1,000 with 3 tries on arm64 TCG): try again.
		 */
		while (tries-- && connect_to(src, argv[3], atoi(argv[4]),
					     SOCK_STREAM) < 0)
			;
		ok += tries >= 0;
	}
	printf("%d\n", ok);
	fflush(stdout);
	sleep(atoi(argv[5]));
	return 0;
}

static int listen_on(int port, int type)
{
	struct sockaddr_in6 a = {
		.sin6_family = AF_INET6, .sin6_port = htons(port),
		.sin6_addr = IN6ADDR_ANY_INIT,
	};
	int one = 1, zero = 0, fd = socket(AF_INET6, type | SOCK_NONBLOCK, 0);

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) ||
	    (type == SOCK_STREAM && listen(fd, 128))) {
		perror("conn: listen");
		close(fd);
		return -1;
	}
	return fd;
}

/* Close a connection when its peer does, so that conntrack sees it end. */
static void peer_data(struct pollfd *pfd, int *n, int i)
{
	char buf[64];

	if (read(pfd[i].fd, buf, sizeof(buf)) > 0)
		return;
	close(pfd[i].fd);
	pfd[i] = pfd[--*n];
}

static void datagram(int fd)
{
	struct sockaddr_storage from;
	socklen_t len = sizeof(from);
	char buf[64];
	ssize_t got;

	got = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);
	if (got > 0)
		sendto(fd, buf, got, 0, (struct sockaddr *)&from, len);
}

static int sink(int argc, char **argv)
{
	char buf[2048];
	int fd;

	if (argc != 2)
		return 2;
	fd = listen_on(atoi(argv[1]), SOCK_DGRAM);
	if (fd < 0)
		return 1;
	fcntl(fd, F_SETFL, 0);		/* blocking */
	printf("sinking\n");
	fflush(stdout);
	for (;;)
		if (recv(fd, buf, sizeof(buf), 0) < 0 && errno != EINTR)
			return 1;
}

/* Listeners first: [0, 2 * ports), TCP at even, UDP at odd indexes. */
static int serve(int argc, char **argv)
{
	static struct pollfd pfd[FDS_MAX];
	int i, n = 0, listeners, fd;

	more_files();
	for (i = 1; i < argc && n < 2 * PORTS_MAX; i++) {
		pfd[n].fd = listen_on(atoi(argv[i]), SOCK_STREAM);
		pfd[n++].events = POLLIN;
		pfd[n].fd = listen_on(atoi(argv[i]), SOCK_DGRAM);
		pfd[n++].events = POLLIN;
		if (pfd[n - 1].fd < 0 || pfd[n - 2].fd < 0)
			return 1;
	}
	listeners = n;
	printf("serving\n");
	fflush(stdout);
	for (;;) {
		if (poll(pfd, n, -1) < 0)
			return 1;
		for (i = n - 1; i >= 0; i--) {
			if (!(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			if (i >= listeners) {
				peer_data(pfd, &n, i);
			} else if (i % 2) {
				datagram(pfd[i].fd);
			} else {
				fd = accept(pfd[i].fd, NULL, NULL);
				if (fd >= 0 && n < FDS_MAX) {
					pfd[n].fd = fd;
					pfd[n++].events = POLLIN;
				} else if (fd >= 0) {
					close(fd);
				}
			}
		}
	}
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "serve"))
		return serve(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "try"))
		return try(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "send"))
		return send_n(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "sink"))
		return sink(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "blast"))
		return blast(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "connects"))
		return connects(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "hold-range"))
		return hold_range(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "hold"))
		return hold(argc - 1, argv + 1);
	fprintf(stderr, "usage: see the comment in conn.c\n");
	return 2;
}
