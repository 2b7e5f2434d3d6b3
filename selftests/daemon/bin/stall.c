// SPDX-License-Identifier: GPL-2.0-only
/*
 * stall unix SOCKET N SECONDS READY [LOGIN]
 * stall tls CA ADDR:PORT N SECONDS READY [LOGIN]
 *
 * N connections to camsecd that send requests ("status") as fast as the
 * daemon takes them and never read a reply, for SECONDS; each first sends
 * the line LOGIN ("login user=U password=P"), if given. The file READY
 * is made once a second has passed in which the daemon took no request
 * of them. Each TCP connection takes the smallest receive buffer, so that
 * what the daemon answers piles up on its side, not in the kernel's. Ends
 * after SECONDS, or once the daemon has closed them all. Prints
 *   connections N requests M closed K
 * with M the requests the connections got out, K the connections the
 * daemon closed.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <openssl/ssl.h>

#define MAX_CONNS 64

static const char request[] = "status\n";

struct stalled {
	int fd;
	SSL *ssl;
	size_t off;		/* into request: a line is sent whole */
	int closed;		/* the daemon closed it */
};

static int connect_unix(const char *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&sun, sizeof(sun))) {
		close(fd);
		return -1;
	}
	return fd;
}

static int connect_tcp(const char *addr_port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	char host[64];
	const char *colon = strrchr(addr_port, ':');
	int fd, rcvbuf = 1;

	if (!colon || (size_t)(colon - addr_port) >= sizeof(host))
		return -1;
	snprintf(host, sizeof(host), "%.*s", (int)(colon - addr_port), addr_port);
	sa.sin_port = htons((unsigned short)atoi(colon + 1));
	if (inet_pton(AF_INET, host, &sa.sin_addr) != 1)
		return -1;
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	/* Before connect: the window offered is the buffer's (clamped up). */
	if (fd >= 0 && (setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf)) ||
			connect(fd, (struct sockaddr *)&sa, sizeof(sa)))) {
		close(fd);
		return -1;
	}
	return fd;
}

/* @line and its newline, on the connection still blocking. */
static int say(struct stalled *s, const char *line)
{
	char buf[256];
	int len = snprintf(buf, sizeof(buf), "%s\n", line);

	if (len <= 0 || len >= (int)sizeof(buf))
		return 0;
	return s->ssl ? SSL_write(s->ssl, buf, len) == len :
			send(s->fd, buf, (size_t)len, MSG_NOSIGNAL) == len;
}

/* As many whole requests as the connection takes now. */
static unsigned long push(struct stalled *s)
{
	unsigned long lines = 0;
	ssize_t n;

	while (!s->closed) {
		if (s->ssl) {
			int w = SSL_write(s->ssl, request + s->off,
					  (int)(sizeof(request) - 1 - s->off));
			int e = w > 0 ? 0 : SSL_get_error(s->ssl, w);

			n = w > 0 ? w : -1;
			s->closed = w <= 0 && e != SSL_ERROR_WANT_WRITE &&
				    e != SSL_ERROR_WANT_READ;
		} else {
			n = send(s->fd, request + s->off,
				 sizeof(request) - 1 - s->off,
				 MSG_DONTWAIT | MSG_NOSIGNAL);
			s->closed = n < 0 && errno != EAGAIN && errno != EINTR;
		}
		if (n <= 0)
			return lines;
		s->off += (size_t)n;
		if (s->off == sizeof(request) - 1) {
			s->off = 0;
			lines++;
		}
	}
	return lines;
}

int main(int argc, char **argv)
{
	static struct stalled conns[MAX_CONNS];
	unsigned long requests = 0, pushed;
	int n, seconds, i, tls, idle = 0, closed, args;
	const char *login;
	SSL_CTX *ctx = NULL;
	const char *ready;
	time_t end;

	tls = argc >= 2 && !strcmp(argv[1], "tls");
	args = tls ? 7 : 6;
	if ((!tls && strcmp(argv[1], "unix")) || argc < args || argc > args + 1) {
		fprintf(stderr, "usage: stall unix SOCKET N SECONDS READY [LOGIN] | stall tls CA ADDR:PORT N SECONDS READY [LOGIN]\n");
		return 2;
	}
	n = atoi(argv[args - 3]);
	seconds = atoi(argv[args - 2]);
	ready = argv[args - 1];
	login = argc > args ? argv[args] : NULL;
	if (n < 1 || n > MAX_CONNS)
		return 2;
	if (tls) {
		ctx = SSL_CTX_new(TLS_client_method());
		if (!ctx || SSL_CTX_load_verify_locations(ctx, argv[2], NULL) != 1)
			return 1;
		SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
		SSL_CTX_set_mode(ctx, SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER |
				 SSL_MODE_ENABLE_PARTIAL_WRITE);
	}
	for (i = 0; i < n; i++) {
		conns[i].fd = tls ? connect_tcp(argv[3]) : connect_unix(argv[2]);
		if (conns[i].fd < 0) {
			perror("stall: connect");
			return 1;
		}
		if (tls) {
			conns[i].ssl = SSL_new(ctx);
			if (!conns[i].ssl || !SSL_set_fd(conns[i].ssl, conns[i].fd) ||
			    SSL_connect(conns[i].ssl) != 1) {
				fprintf(stderr, "stall: TLS handshake failed\n");
				return 1;
			}
		}
		if (login && !say(&conns[i], login)) {
			fprintf(stderr, "stall: the login was not sent\n");
			return 1;
		}
		if (tls)
			fcntl(conns[i].fd, F_SETFL, O_NONBLOCK);
	}
	end = time(NULL) + seconds;
	closed = 0;
	while (time(NULL) < end && !(idle >= 10 && closed == n)) {
		for (i = 0, pushed = 0, closed = 0; i < n; i++) {
			pushed += push(&conns[i]);
			closed += conns[i].closed;
		}
		requests += pushed;
		idle = pushed ? 0 : idle + 1;
		if (idle == 10)
			close(open(ready, O_CREAT | O_WRONLY | O_CLOEXEC, 0644));
		usleep(100000);
	}
	printf("connections %d requests %lu closed %d\n", n, requests, closed);
	return 0;
}
