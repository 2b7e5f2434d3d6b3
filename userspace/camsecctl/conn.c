// SPDX-License-Identifier: GPL-2.0-only
/* camsecctl's connection to camsecd: see conn.h. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "conn.h"
#include "hostport.h"

int conn_unix(struct conn *k, const char *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };

	memset(k, 0, sizeof(*k));
	k->fd = -1;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		fprintf(stderr, "camsecctl: %s: path too long\n", path);
		return -1;
	}
	strcpy(sun.sun_path, path);
	k->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (k->fd < 0 || connect(k->fd, (struct sockaddr *)&sun, sizeof(sun))) {
		fprintf(stderr, "camsecctl: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

int conn_fd(struct conn *k, const char *fd_text)
{
	char *end;
	long fd = strtol(fd_text, &end, 10);

	memset(k, 0, sizeof(*k));
	k->fd = -1;
	if (!*fd_text || *end || fd < 3 || fd > 1023 ||
	    fcntl((int)fd, F_SETFD, FD_CLOEXEC)) {
		fprintf(stderr, "camsecctl: %s (CAMSEC_FD or CAMSEC_SESSION_FD) is no open descriptor\n", fd_text);
		return -1;
	}
	k->fd = (int)fd;
	return 0;
}

static int tcp_connect(const char *host, int port)
{
	struct sockaddr_in6 sa6 = { .sin6_family = AF_INET6, .sin6_port = htons((uint16_t)port) };
	struct sockaddr_in sa4 = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	struct sockaddr *sa = (struct sockaddr *)&sa4;
	struct timeval timeout = { .tv_sec = 5 };
	socklen_t len = sizeof(sa4);
	int fd;

	if (inet_pton(AF_INET6, host, &sa6.sin6_addr) == 1) {
		sa = (struct sockaddr *)&sa6;
		len = sizeof(sa6);
	} else if (inet_pton(AF_INET, host, &sa4.sin_addr) != 1) {
		return -1;
	}
	fd = socket(sa->sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	/* A camera that drops us (a ban) fails the connect in 5 s. */
	if (fd >= 0 && (setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout)) ||
			connect(fd, sa, len))) {
		close(fd);
		return -1;
	}
	return fd;
}

static int tls_fail(const char *what)
{
	unsigned long e = ERR_get_error();

	fprintf(stderr, "camsecctl: TLS: %s%s%s\n", what, e ? ": " : "",
		e ? ERR_reason_error_string(e) : "");
	return -1;
}

/* Is the camera's certificate the one in @file? 0, or -1 said why. */
static int check_pinned(const struct conn *k, const char *file)
{
	X509 *peer = SSL_get1_peer_certificate(k->ssl), *pinned = NULL;
	FILE *f = fopen(file, "re");
	int same;

	if (f) {
		pinned = PEM_read_X509(f, NULL, NULL, NULL);
		fclose(f);
	}
	same = peer && pinned && !X509_cmp(peer, pinned);
	X509_free(peer);
	X509_free(pinned);
	if (same)
		return 0;
	fprintf(stderr, "camsecctl: TLS: the camera's certificate is not %s\n", file);
	return -1;
}

int conn_tls(struct conn *k, const char *address_port, const char *ca_file,
	     const char *device_file)
{
	const char *anchor = device_file ?: ca_file;
	char host[64];
	int port;

	memset(k, 0, sizeof(*k));
	k->fd = -1;
	if (hostport_split(address_port, host, sizeof(host), &port)) {
		fprintf(stderr, "camsecctl: --remote %s: not ADDRESS:PORT\n", address_port);
		return -1;
	}
	if (!ca_file == !device_file) {
		fprintf(stderr, "camsecctl: --remote needs --ca FILE, the camera's CA, or --device FILE, its own certificate\n");
		return -1;
	}
	k->fd = tcp_connect(host, port);
	if (k->fd < 0) {
		fprintf(stderr, "camsecctl: %s: %s\n", address_port,
			errno ? strerror(errno) : "not an IP address");
		return -1;
	}
	k->ctx = SSL_CTX_new(TLS_client_method());
	if (!k->ctx || !SSL_CTX_set_min_proto_version(k->ctx, TLS1_2_VERSION) ||
	    SSL_CTX_load_verify_locations(k->ctx, anchor, NULL) != 1)
		return tls_fail(anchor);
	SSL_CTX_set_verify(k->ctx, SSL_VERIFY_PEER, NULL);
	k->ssl = SSL_new(k->ctx);
	if (!k->ssl || !SSL_set_fd(k->ssl, k->fd))
		return tls_fail("setup");
	/* A CA vouches for an address; a pinned device is its own key. */
	if (!device_file &&
	    !X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(k->ssl), host))
		return tls_fail("setup");
	if (SSL_connect(k->ssl) != 1)
		return tls_fail(X509_verify_cert_error_string(SSL_get_verify_result(k->ssl)));
	return device_file ? check_pinned(k, device_file) : 0;
}

int conn_send(struct conn *k, const void *buf, size_t len, const int *fds,
	      int nfds)
{
	union {
		char buf[CMSG_SPACE(3 * sizeof(int))];
		struct cmsghdr align;
	} ctl;
	struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *cm;

	if (k->ssl) {
		if (nfds) {
			fprintf(stderr, "camsecctl: this command works on the camera only\n");
			return -1;
		}
		return SSL_write(k->ssl, buf, (int)len) == (int)len ? 0 : -1;
	}
	if (nfds > 0 && nfds <= 3) {
		mh.msg_control = ctl.buf;
		mh.msg_controllen = CMSG_SPACE((size_t)nfds * sizeof(int));
		cm = CMSG_FIRSTHDR(&mh);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN((size_t)nfds * sizeof(int));
		memcpy(CMSG_DATA(cm), fds, (size_t)nfds * sizeof(int));
	}
	return sendmsg(k->fd, &mh, MSG_NOSIGNAL) == (ssize_t)len ? 0 : -1;
}

static ssize_t fill(struct conn *k)
{
	size_t room = sizeof(k->buf) - k->len;

	if (k->ssl) {
		int n = SSL_read(k->ssl, k->buf + k->len, (int)room);

		return n > 0 ? n : -1;
	}
	return read(k->fd, k->buf + k->len, room);
}

char *conn_getline(struct conn *k, char *line, size_t size)
{
	char *nl;
	size_t n;
	ssize_t got;

	while (!(nl = memchr(k->buf, '\n', k->len))) {
		if (k->len == sizeof(k->buf))
			return NULL;	/* no reply line is that long */
		got = fill(k);
		if (got <= 0)
			return NULL;
		k->len += (size_t)got;
	}
	n = (size_t)(nl - k->buf) + 1;
	if (n + 1 > size)
		return NULL;
	memcpy(line, k->buf, n);
	line[n] = '\0';
	memmove(k->buf, k->buf + n, k->len - n);
	k->len -= n;
	return line;
}

void conn_close(struct conn *k)
{
	if (k->ssl)
		SSL_shutdown(k->ssl);
	SSL_free(k->ssl);
	SSL_CTX_free(k->ctx);
	if (k->fd >= 0)
		close(k->fd);
	k->fd = -1;
	k->ssl = NULL;
	k->ctx = NULL;
}
