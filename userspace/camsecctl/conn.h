/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsecctl's connection to camsecd: its Unix socket, or TLS to a remote
 * camera, with the server's certificate checked against a CA and the
 * address the caller named, or pinned.
 */
#ifndef CAMSECCTL_CONN_H
#define CAMSECCTL_CONN_H

#include <stddef.h>

#include <openssl/ssl.h>

#include "proto.h"

struct conn {
	int fd;
	SSL_CTX *ctx;
	SSL *ssl;
	char buf[PROTO_LINE_MAX];
	size_t len;
};

/* 0, or -1 with the reason printed. */
int conn_unix(struct conn *k, const char *path);
/* A connection to camsecd already open on @fd (camsec-login's): 0 or -1. */
int conn_fd(struct conn *k, const char *fd_text);
/* Checked against @ca_file's CAs and the address, or pinned to the
 * certificate in @device_file (the camera's identity): one of the two. */
int conn_tls(struct conn *k, const char *address_port, const char *ca_file,
	     const char *device_file);

/* Send @len bytes, and @nfds descriptors (Unix socket only): 0 or -1. */
int conn_send(struct conn *k, const void *buf, size_t len, const int *fds,
	      int nfds);

/* The next line, with its newline and a NUL, as fgets(3); NULL at the end. */
char *conn_getline(struct conn *k, char *line, size_t size);

void conn_close(struct conn *k);

#endif
