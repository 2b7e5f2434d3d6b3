// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec-vrecv: receive camsec video records (UDP or a file), verify and
 * decrypt them, refuse forgeries and replays, and report reordering and
 * loss. Keys are given per key epoch as files of raw key bytes, the same
 * 32 bytes the camera's logon key holds; each record's traffic key is
 * derived from them and its key_rand. Sequence numbers are checked per
 * traffic key, so a camera that restarts its stream is no replay; the
 * last SESSIONS traffic keys are remembered.
 */
#define _GNU_SOURCE
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "udpsock.h"
#include "vrecord.h"

#define MAX_KEYS 16
#define SESSIONS 16

struct key {
	uint32_t epoch;
	uint8_t bytes[CAMSEC_VCRYPT_KDK_LEN];
};

/* One traffic key seen authentic, and its sequence numbers. */
struct session {
	uint32_t epoch;
	struct vtraffic traffic;
	struct vrx_window win;
	unsigned long long used;	/* when last, for eviction */
};

struct receiver {
	struct key keys[MAX_KEYS];
	unsigned int nkeys;
	struct session sessions[SESSIONS];
	unsigned int nsessions;
	unsigned long long clock;
	bool check_stream;
	uint32_t stream_id;
	int out;
	uint8_t *plain;
	unsigned long long accepted, late, lost, rejected, replayed, voided;
};

static void usage(void)
{
	fprintf(stderr,
"usage: camsec-vrecv --key EPOCH:FILE... (--udp ADDR:PORT | --in FILE)\n"
"       [--out FILE] [--stream-id N] [--count N] [--timeout MS]\n");
	exit(2);
}

static void add_key(struct receiver *r, const char *spec)
{
	struct key *k = &r->keys[r->nkeys];
	uint8_t buf[sizeof(k->bytes) + 1];	/* one more: a longer file */
	char *file;
	ssize_t n;
	int fd;

	if (r->nkeys == MAX_KEYS)
		usage();
	k->epoch = (uint32_t)strtoul(spec, &file, 0);
	if (*file != ':')
		usage();
	fd = open(file + 1, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		perror(file + 1);
		exit(2);
	}
	n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n != CAMSEC_VCRYPT_KDK_LEN) {
		fprintf(stderr, "camsec-vrecv: %s: a key is %d bytes\n",
			file + 1, CAMSEC_VCRYPT_KDK_LEN);
		exit(2);
	}
	memcpy(k->bytes, buf, sizeof(k->bytes));
	r->nkeys++;
}

static const struct key *key_of(const struct receiver *r, uint32_t epoch)
{
	unsigned int i;

	for (i = 0; i < r->nkeys; i++)
		if (r->keys[i].epoch == epoch)
			return &r->keys[i];
	return NULL;
}

static void reject(struct receiver *r, uint64_t seq, const char *why)
{
	r->rejected++;
	fprintf(stderr, "camsec-vrecv: record %llu rejected: %s\n",
		(unsigned long long)seq, why);
}

static struct session *session_of(struct receiver *r,
				  const struct vrecord *rec)
{
	struct session *sn;
	unsigned int i;

	for (i = 0; i < r->nsessions; i++) {
		sn = &r->sessions[i];
		if (sn->epoch == rec->key_epoch && sn->traffic.aead == rec->aead &&
		    !memcmp(sn->traffic.rand, rec->key_rand, sizeof(sn->traffic.rand)))
			return sn;
	}
	return NULL;
}

/* Room for a session: a free one, or the one least recently used. */
static struct session *session_new(struct receiver *r)
{
	struct session *sn = &r->sessions[0];
	unsigned int i;

	if (r->nsessions < SESSIONS)
		return &r->sessions[r->nsessions++];
	for (i = 1; i < SESSIONS; i++)
		if (r->sessions[i].used < sn->used)
			sn = &r->sessions[i];
	return sn;
}

/*
 * Verify @rec under its traffic key: a known session's, or one derived
 * now, which becomes a session only once a record proves it authentic
 * (forgeries evict nothing). NULL, with *why, if it is not authentic.
 */
static struct session *open_record(struct receiver *r, const struct vrecord *rec,
				   const char **why)
{
	struct session *sn = session_of(r, rec), fresh = { 0 };
	const struct key *k;

	if (sn)
		return vrecord_open(rec, &sn->traffic, r->plain, why) ? NULL : sn;
	k = key_of(r, rec->key_epoch);
	if (!k) {
		*why = "no key for its epoch";
		return NULL;
	}
	if (vtraffic_derive(&fresh.traffic, rec, k->bytes, why) ||
	    vrecord_open(rec, &fresh.traffic, r->plain, why))
		return NULL;
	fresh.epoch = rec->key_epoch;
	sn = session_new(r);
	*sn = fresh;
	return sn;
}

/* One whole record. */
static void take(struct receiver *r, const uint8_t *buf, size_t len)
{
	struct session *sn;
	struct vrecord rec;
	const char *why;
	uint64_t top;
	bool started;

	if (vrecord_parse(buf, len, &rec, &why))
		return reject(r, 0, why);
	if (r->check_stream && rec.stream_id != r->stream_id)
		return reject(r, rec.seq, "another stream");
	sn = open_record(r, &rec, &why);
	if (!sn)
		return reject(r, rec.seq, why);
	sn->used = ++r->clock;
	top = sn->win.top;
	started = sn->win.started;
	switch (vrx_window_check(&sn->win, rec.seq)) {
	case VRX_REPLAY:
	case VRX_STALE:
		r->replayed++;
		return reject(r, rec.seq, "replayed");
	case VRX_LATE:
		r->late++;
		if (r->lost)
			r->lost--;
		break;
	case VRX_NEXT:
		if (started)
			r->lost += rec.seq - top - 1;
		break;
	}
	if (rec.flags & CAMSEC_VCRYPT_REC_VOID) {
		/* The camera's AEAD failed this frame: authentic, but lost. */
		r->voided++;
		r->lost++;
		return;
	}
	r->accepted++;
	if (r->out >= 0 && write(r->out, r->plain, rec.length) != (ssize_t)rec.length) {
		perror("camsec-vrecv: out");
		exit(1);
	}
}

static void from_udp(struct receiver *r, int fd, unsigned long long count,
		     int timeout_ms)
{
	static uint8_t dgram[65536];
	struct vasm a = { .buf = malloc(VCHUNK_MAX_RECORD) };
	struct pollfd p = { .fd = fd, .events = POLLIN };
	const char *why;
	ssize_t n;

	if (!a.buf)
		exit(1);
	printf("listening\n");
	fflush(stdout);
	while (!count || r->accepted + r->voided + r->rejected < count) {
		if (poll(&p, 1, timeout_ms) <= 0)
			break;
		n = recv(fd, dgram, sizeof(dgram), 0);
		if (n < 0)
			continue;
		switch (vasm_add(&a, dgram, (size_t)n, &why)) {
		case 1:
			take(r, a.buf, a.len);
			break;
		case -1:
			reject(r, 0, why);
			break;
		}
	}
	r->lost += a.abandoned;
	free(a.buf);
}

/* A file of records one after another, as camsec-vsend --out writes. */
static void from_file(struct receiver *r, const char *path)
{
	uint8_t hdr[VRECORD_HDR_LEN], *buf = malloc(VCHUNK_MAX_RECORD);
	FILE *f = fopen(path, "re");
	struct camsec_vcrypt_record h;
	size_t len;

	if (!f || !buf) {
		perror(path);
		exit(2);
	}
	while (fread(hdr, 1, sizeof(hdr), f) == sizeof(hdr)) {
		memcpy(&h, hdr, sizeof(h));
		len = VRECORD_OVERHEAD + le32toh(h.length);
		if (len > VCHUNK_MAX_RECORD) {
			reject(r, 0, "record longer than any frame");
			break;
		}
		memcpy(buf, hdr, sizeof(hdr));
		if (fread(buf + sizeof(hdr), 1, len - sizeof(hdr), f) !=
		    len - sizeof(hdr)) {
			reject(r, 0, "truncated record");
			break;
		}
		take(r, buf, len);
	}
	fclose(f);
	free(buf);
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "key", 1, NULL, 'k' }, { "udp", 1, NULL, 'u' },
		{ "in", 1, NULL, 'i' }, { "out", 1, NULL, 'o' },
		{ "stream-id", 1, NULL, 's' }, { "count", 1, NULL, 'c' },
		{ "timeout", 1, NULL, 't' }, { 0 },
	};
	struct receiver r = { .out = -1 };
	const char *udp = NULL, *in = NULL;
	unsigned long long count = 0;
	int c, fd, timeout_ms = 5000;

	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'k': add_key(&r, optarg); break;
		case 'u': udp = optarg; break;
		case 'i': in = optarg; break;
		case 'o':
			r.out = open(optarg, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
			if (r.out < 0) {
				perror(optarg);
				return 2;
			}
			break;
		case 's':
			r.check_stream = true;
			r.stream_id = (uint32_t)strtoul(optarg, NULL, 0);
			break;
		case 'c': count = strtoull(optarg, NULL, 0); break;
		case 't': timeout_ms = atoi(optarg); break;
		default: usage();
		}
	}
	if (optind != argc || !r.nkeys || !udp == !in)
		usage();
	r.plain = malloc(CAMSEC_VCRYPT_MAX_FRAME);
	if (!r.plain)
		return 1;
	if (in) {
		from_file(&r, in);
	} else {
		fd = udp_socket(udp, true);
		if (fd < 0) {
			fprintf(stderr, "camsec-vrecv: cannot listen on %s\n", udp);
			return 2;
		}
		from_udp(&r, fd, count, timeout_ms);
	}
	printf("accepted %llu late %llu lost %llu rejected %llu replayed %llu void %llu\n",
	       r.accepted, r.late, r.lost, r.rejected, r.replayed, r.voided);
	return 0;
}
