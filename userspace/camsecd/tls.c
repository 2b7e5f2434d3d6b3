// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsecd - remote management (draft 6.6a/b/d, 6.4.5): the protocol of the
 * Unix socket over TLS 1.2 or 1.3 (1.3 preferred; 1.2 with ECDHE and an
 * AEAD only). A peer's source is its address, which the login lock counts
 * and camsec_nf bans. Sockets are non-blocking: a slow handshake holds
 * up no one; a reply waits at most 2 s for the peer to read.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <syslog.h>
#include <unistd.h>

#include <openssl/err.h>

#include "camsecd.h"
#include "hostport.h"
#include "tls.h"

#define TLS12_CIPHERS "ECDHE+AESGCM:ECDHE+CHACHA20"

static int parse_listen(const char *spec, struct sockaddr_in6 *sa)
{
	char host[64];
	int port;

	if (hostport_split(spec, host, sizeof(host), &port))
		return -1;
	memset(sa, 0, sizeof(*sa));
	sa->sin6_family = AF_INET6;
	sa->sin6_port = htons((uint16_t)port);
	if (inet_pton(AF_INET6, host, &sa->sin6_addr) == 1)
		return 0;
	/* An IPv4 address, as the dual-stack socket sees it. */
	sa->sin6_addr.s6_addr[10] = sa->sin6_addr.s6_addr[11] = 0xff;
	return inet_pton(AF_INET, host, &sa->sin6_addr.s6_addr[12]) == 1 ? 0 : -1;
}

static SSL_CTX *make_ctx(const struct camsecd *d)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

	if (!ctx)
		return NULL;
	if (!SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) ||
	    !SSL_CTX_set_cipher_list(ctx, TLS12_CIPHERS) ||
	    (d->tls_cert ?
	     SSL_CTX_use_certificate_chain_file(ctx, d->tls_cert) != 1 ||
	     SSL_CTX_use_PrivateKey_file(ctx, d->tls_key, SSL_FILETYPE_PEM) != 1 :
	     SSL_CTX_use_certificate(ctx, d->id_cert) != 1 ||
	     SSL_CTX_use_PrivateKey(ctx, d->id_key) != 1) ||
	    SSL_CTX_check_private_key(ctx) != 1) {
		syslog(LOG_ERR, "TLS: %s",
		       ERR_reason_error_string(ERR_get_error()) ?: "bad certificate or key");
		SSL_CTX_free(ctx);
		return NULL;
	}
	SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION |
			    SSL_OP_CIPHER_SERVER_PREFERENCE);
	SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
	/* Replies go out as the peer takes them, from a queue that grows. */
	SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE |
			 SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
	SSL_CTX_set_num_tickets(ctx, 0);
	return ctx;
}

int tls_start(struct camsecd *d)
{
	struct sockaddr_in6 sa;
	int off = 0, on = 1;

	d->tls_fd = -1;
	if (!d->tls_listen)
		return 0;
	if (parse_listen(d->tls_listen, &sa)) {
		syslog(LOG_ERR, "-t %s: not ADDRESS:PORT", d->tls_listen);
		return -EINVAL;
	}
	if (!d->tls_cert && !d->id_cert) {
		syslog(LOG_ERR, "-t %s: no identity to present: not listening",
		       d->tls_listen);
		return 0;
	}
	d->tls = make_ctx(d);
	if (!d->tls)
		return -EINVAL;
	d->tls_fd = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (d->tls_fd < 0 ||
	    setsockopt(d->tls_fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof(off)) ||
	    setsockopt(d->tls_fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) ||
	    bind(d->tls_fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    listen(d->tls_fd, 64)) {
		syslog(LOG_ERR, "-t %s: %m", d->tls_listen);
		return -errno;
	}
	return 0;
}

void tls_stop(struct camsecd *d)
{
	if (d->tls_fd >= 0)
		close(d->tls_fd);
	d->tls_fd = -1;
	SSL_CTX_free(d->tls);
	d->tls = NULL;
}

/* The peer's address as text; an IPv4-mapped one as IPv4. */
static void peer_source(const struct sockaddr_in6 *sa, char *out, size_t len)
{
	if (IN6_IS_ADDR_V4MAPPED(&sa->sin6_addr))
		inet_ntop(AF_INET, &sa->sin6_addr.s6_addr[12], out, (socklen_t)len);
	else
		inet_ntop(AF_INET6, &sa->sin6_addr, out, (socklen_t)len);
}

int tls_accept(struct camsecd *d, char *source, size_t len)
{
	struct sockaddr_in6 sa;
	socklen_t salen = sizeof(sa);
	int fd;

	fd = accept4(d->tls_fd, (struct sockaddr *)&sa, &salen,
		     SOCK_CLOEXEC | SOCK_NONBLOCK);
	if (fd >= 0)
		peer_source(&sa, source, len);
	return fd;
}

int tls_attach(const struct camsecd *d, struct client *c)
{
	c->ssl = SSL_new(d->tls);
	if (!c->ssl || !SSL_set_fd(c->ssl, c->fd))
		return -1;
	c->handshaking = true;
	c->want = POLLIN;
	return 0;
}

/* Where an operation stands: 0 done, -EAGAIN (c->want set), -EIO. */
static int progress(struct client *c, int ret)
{
	switch (SSL_get_error(c->ssl, ret)) {
	case SSL_ERROR_NONE:
		return 0;
	case SSL_ERROR_WANT_READ:
		c->want = POLLIN;
		return -EAGAIN;
	case SSL_ERROR_WANT_WRITE:
		c->want = POLLOUT;
		return -EAGAIN;
	default:
		ERR_clear_error();
		return -EIO;
	}
}

void tls_handshake(struct client *c)
{
	int err = progress(c, SSL_accept(c->ssl));

	if (!err)
		c->handshaking = false;
	else if (err != -EAGAIN)
		c->handshaking = false, c->want = -1;	/* to be closed */
}

ssize_t tls_recv(struct client *c, void *buf, size_t len)
{
	int n = SSL_read(c->ssl, buf, (int)len);

	if (n > 0)
		return n;
	return progress(c, n) == -EAGAIN ? -EAGAIN : 0;
}

/* Bytes taken (a part, perhaps), -EAGAIN (c->want set), or -EIO. */
ssize_t tls_send(struct client *c, const void *buf, size_t len)
{
	int n = SSL_write(c->ssl, buf, (int)len);

	if (n > 0)
		return n;
	return progress(c, n) == -EAGAIN ? -EAGAIN : -EIO;
}
