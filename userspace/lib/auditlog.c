// SPDX-License-Identifier: GPL-2.0-only
/* The audit trail on disk: see auditlog.h. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomicfile.h"
#include "auditlog.h"

static const char zeros[AUDIT_MAC_HEX + 1] =
	"0000000000000000000000000000000000000000000000000000000000000000";

static void sys_rec(struct audit_rec *r, int64_t now_ns, const char *op,
		    const char *detail)
{
	memset(r, 0, sizeof(*r));
	r->time_ns = now_ns;
	strcpy(r->timesrc, "local");
	snprintf(r->op, sizeof(r->op), "%s", op);
	strcpy(r->result, "ok");
	strcpy(r->source, "camsecd");
	snprintf(r->detail, sizeof(r->detail), "%s", detail);
}

/* The anchor line that starts a file whose chain continues from @prev. */
static int anchor(int fd, const struct auditlog *l, uint64_t seq,
		  const char *prev, int64_t now_ns, uint64_t *len)
{
	char line[AUDIT_LINE_MAX + 1], detail[80];
	struct audit_rec r;
	int n;

	snprintf(detail, sizeof(detail), "prev=%s", prev);
	sys_rec(&r, now_ns, "audit-start", detail);
	r.seq = seq;
	n = audit_format(&r, prev, l->key, l->keylen, line, sizeof(line) - 1);
	if (n < 0)
		return -EINVAL;
	line[n++] = '\n';
	*len = (uint64_t)n;
	return write_all(fd, line, (size_t)n);
}

/* Check @buf (a whole file): the anchor, then the chain it names. */
static int verify_file(struct auditlog *l, const char *buf, size_t len,
		       uint64_t *good_bytes, const char **why)
{
	const char *nl = memchr(buf, '\n', len), *p, *line;
	struct audit_rec a, first;
	uint64_t count, i;
	int err;

	*good_bytes = 0;
	if (!nl || audit_parse(buf, (size_t)(nl - buf), &a, why) ||
	    strcmp(a.op, "audit-start") || strncmp(a.detail, "prev=", 5) ||
	    strlen(a.detail) != 5 + AUDIT_MAC_HEX) {
		*why = "the file does not begin with an audit-start anchor";
		return -1;
	}
	/* The anchor is MAC'd from the MAC it names, as the next line is. */
	if (audit_verify(buf, (size_t)(nl - buf) + 1, a.detail + 5, l->key,
			 l->keylen, &count, why))
		return -1;
	p = nl + 1;
	if (p < buf + len) {
		line = p;
		nl = memchr(line, '\n', (size_t)(buf + len - line));
		if (nl && !audit_parse(line, (size_t)(nl - line), &first, why) &&
		    first.seq != a.seq + 1) {
			*why = "sequence number does not follow the anchor";
			return -1;
		}
	}
	err = audit_verify(p, (size_t)(buf + len - p), a.detail + 5, l->key,
			   l->keylen, &count, why);
	/* The good lines: the anchor and @count after it. */
	for (i = 0, line = p; i < count; i++)
		line = (const char *)memchr(line, '\n', (size_t)(buf + len - line)) + 1;
	*good_bytes = (uint64_t)(line - buf);
	l->next_seq = a.seq + count + 1;
	memcpy(l->prev_mac, a.detail + 5, AUDIT_MAC_HEX + 1);
	if (count) {
		nl = line - 1;
		memcpy(l->prev_mac, nl - AUDIT_MAC_HEX, AUDIT_MAC_HEX);
	}
	return err;
}

static int read_file(int fd, char **buf, size_t *len)
{
	struct stat st;
	ssize_t n;

	if (fstat(fd, &st))
		return -errno;
	*len = (size_t)st.st_size;
	*buf = malloc(*len + 1);
	if (!*buf)
		return -ENOMEM;
	n = pread(fd, *buf, *len, 0);
	if (n != (ssize_t)*len) {
		free(*buf);
		return n < 0 ? -errno : -EIO;
	}
	return 0;
}

int auditlog_open(struct auditlog *l, const char *path, const uint8_t *key,
		  size_t keylen, uint64_t max_bytes, enum audit_full full,
		  unsigned int warn_percent, int64_t now_ns, const char **why)
{
	uint64_t good = 0;
	struct audit_rec r;
	const char *label;
	size_t len;
	char *buf;
	int err;

	label = l->label;
	memset(l, 0, sizeof(*l));
	l->label = label;
	if (keylen > sizeof(l->key) || strlen(path) >= sizeof(l->path) ||
	    max_bytes < 16 * AUDIT_LINE_MAX || warn_percent > 100) {
		*why = "bad audit log settings";
		return -1;
	}
	memcpy(l->key, key, keylen);
	l->keylen = keylen;
	strcpy(l->path, path);
	l->max_bytes = max_bytes;
	l->full = full;
	l->warn_percent = warn_percent;
	l->fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (l->fd >= 0 && l->label && set_label(l->fd, l->label)) {
		close(l->fd);
		l->fd = -1;
	}
	if (l->fd < 0 || read_file(l->fd, &buf, &len)) {
		*why = "cannot open the audit log";
		goto fail;
	}
	/* Not even the anchor was written whole: nothing to keep. */
	if (len && !memchr(buf, '\n', len)) {
		if (ftruncate(l->fd, 0)) {
			*why = "cannot cut the torn anchor";
			free(buf);
			goto fail;
		}
		len = 0;
	}
	if (!len) {
		free(buf);
		err = anchor(l->fd, l, 0, zeros, now_ns, &l->size);
		if (err || fdatasync(l->fd) || sync_dir_of(path)) {
			*why = "cannot write the audit log";
			goto fail;
		}
		memcpy(l->prev_mac, zeros, sizeof(zeros));
		l->next_seq = 1;
		return 0;
	}
	err = verify_file(l, buf, len, &good, why);
	free(buf);
	if (err && strcmp(*why, "the last line is cut short"))
		goto fail;
	l->size = good;
	if (err) {
		/* A write cut short by a power loss or a kill: say so. */
		if (ftruncate(l->fd, (off_t)good)) {
			*why = "cannot cut the torn line";
			goto fail;
		}
		sys_rec(&r, now_ns, "audit-recovered", "a torn last line was cut off");
		if (auditlog_append(l, &r)) {
			*why = "cannot write the audit log";
			goto fail;
		}
	}
	return 0;
fail:
	if (l->fd >= 0)
		close(l->fd);
	l->fd = -1;
	return -1;
}

/*
 * Keep the newest half: written beside the file with an anchor from the
 * last line dropped, then renamed over it; an audit-wrapped record says
 * how many lines went.
 */
static int wrap(struct auditlog *l, int64_t now_ns)
{
	char tmp[sizeof(l->path) + 8], *buf, *cut, *nl, detail[96];
	uint64_t dropped = 0, first_seq = 0, anchor_len;
	const char *prev = NULL;
	struct audit_rec r;
	size_t len;
	int fd, err;

	err = read_file(l->fd, &buf, &len);
	if (err)
		return err;
	cut = memchr(buf, '\n', len) + 1;	/* past the anchor */
	while (cut < buf + len && (uint64_t)(buf + len - cut) > l->max_bytes / 2) {
		nl = memchr(cut, '\n', (size_t)(buf + len - cut));
		if (!audit_parse(cut, (size_t)(nl - cut), &r, &(const char *){ NULL }) &&
		    !dropped)
			first_seq = r.seq;
		prev = nl - AUDIT_MAC_HEX;
		cut = nl + 1;
		dropped++;
	}
	snprintf(tmp, sizeof(tmp), "%s.wrap", l->path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd >= 0 && l->label && set_label(fd, l->label)) {
		close(fd);
		fd = -1;
	}
	if (fd < 0) {
		free(buf);
		return -errno;
	}
	{
		char p[AUDIT_MAC_HEX + 1];

		memcpy(p, prev ? prev : l->prev_mac, AUDIT_MAC_HEX);
		p[AUDIT_MAC_HEX] = '\0';
		err = anchor(fd, l, first_seq + dropped - 1, p, now_ns, &anchor_len) ?:
		      write_all(fd, cut, (size_t)(buf + len - cut));
	}
	if (!err && fdatasync(fd))
		err = -errno;
	close(fd);
	if (!err && rename(tmp, l->path))
		err = -errno;
	if (!err)
		err = sync_dir_of(l->path);
	if (!err) {
		close(l->fd);
		l->fd = open(l->path, O_RDWR | O_APPEND | O_CLOEXEC);
		if (l->fd < 0)
			err = -errno;
	}
	l->size = anchor_len + (uint64_t)(buf + len - cut);
	free(buf);
	if (err)
		return err;
	snprintf(detail, sizeof(detail), "dropped %" PRIu64 " lines from %" PRIu64,
		 dropped, first_seq);
	sys_rec(&r, now_ns, "audit-wrapped", detail);
	return auditlog_append(l, &r);
}

int auditlog_append(struct auditlog *l, struct audit_rec *r)
{
	char line[AUDIT_LINE_MAX + 1];
	struct audit_rec w;
	int n, err;

	if (l->fd < 0)
		return -EBADF;
	r->seq = l->next_seq;
	n = audit_format(r, l->prev_mac, l->key, l->keylen, line, sizeof(line) - 1);
	if (n < 0)
		return -EINVAL;
	line[n++] = '\n';
	if (l->size + (uint64_t)n > l->max_bytes) {
		if (l->full == AUDIT_FULL_WARN)
			return -ENOSPC;
		err = wrap(l, r->time_ns);
		if (err)
			return err;
		return auditlog_append(l, r);
	}
	err = write_all(l->fd, line, (size_t)n);
	if (!err && fdatasync(l->fd))
		err = -errno;
	if (err)
		return err;
	l->size += (uint64_t)n;
	l->next_seq++;
	memcpy(l->prev_mac, r->mac, sizeof(l->prev_mac));
	if (l->full == AUDIT_FULL_WARN && !l->warned &&
	    l->size * 100 >= l->max_bytes * l->warn_percent) {
		l->warned = true;
		sys_rec(&w, r->time_ns, "audit-full-warning", "the audit log is nearly full");
		/* Best effort: @r itself is written. */
		auditlog_append(l, &w);
	}
	return 0;
}

int auditlog_verify(const struct auditlog *l, uint64_t *lines,
		    const char **why)
{
	struct auditlog scratch = *l;
	uint64_t good;
	size_t len;
	char *buf;
	int err;

	err = read_file(l->fd, &buf, &len);
	if (err) {
		*why = "the file cannot be read";
		return -1;
	}
	err = verify_file(&scratch, buf, len, &good, why);
	*lines = scratch.next_seq;
	if (!err && good != len) {
		*why = "the last line is torn";
		err = -1;
	}
	free(buf);
	explicit_bzero(&scratch, sizeof(scratch));
	return err ? -1 : 0;
}

bool auditlog_full(const struct auditlog *l)
{
	return l->full == AUDIT_FULL_WARN &&
	       l->size + AUDIT_LINE_MAX > l->max_bytes;
}

void auditlog_close(struct auditlog *l)
{
	if (l->fd >= 0)
		close(l->fd);
	l->fd = -1;
	explicit_bzero(l->key, sizeof(l->key));
}
