// SPDX-License-Identifier: GPL-2.0-only
/*
 * srtprecv: a viewer built on libsrtp2, which no one here wrote: it
 * takes a camsec stream's SRTP packets (from UDP, or an rtpdump file),
 * the keys from the SDP's SDES attribute (RFC 4568), unprotects every
 * packet with libsrtp and depacketizes the frames: RFC 4175 raw video,
 * RFC 6184 H.264, RFC 7798 H.265 (as Annex B, a 4-byte start code per
 * NAL unit). It counts what libsrtp refused, and why.
 *
 *   srtprecv (--udp ADDR:PORT [--idle MS] | --rtpdump FILE) --sdp FILE
 *            [--format raw:WxH|h264|h265] [--out FILE] [--save FILE]
 *            [--flip N:OFFSET]... [--dup N]...
 *   srtprecv --normalize < annexb > annexb
 *
 * With --udp it receives until the stream has been quiet for MS, then
 * waits for the SDP (the keys come when the sender is done), then
 * unprotects. --save keeps the packets as they came (rtpdump). --flip
 * and --dup play the attacker on the path: flip a byte of packet N, or
 * send packet N again after the last.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <srtp2/srtp.h>

#include "rtpdump.h"
#include "sdp.h"
#include "srtpkey.h"
#include "udpsock.h"

#define MAX_PKT 9216
#define MAX_FRAME (64 << 20)

struct packet {
	size_t len;
	uint32_t ms;
	uint8_t *data;
};

static struct packet *pkts;
static size_t npkts, cap_pkts;

struct counts {
	unsigned long received, ok, auth_fail, replay, bad_mki, other;
	unsigned long frames, lost, bad_payload, max_len;
};

enum format { FMT_NONE, FMT_RAW, FMT_H264, FMT_H265 };

struct depay {
	enum format fmt;
	unsigned int width, height;
	uint8_t *frame;
	size_t len, raw_bytes;
	bool in_fu, broken;
	FILE *out;
};

static void die(const char *msg)
{
	fprintf(stderr, "srtprecv: %s\n", msg);
	exit(1);
}

static void keep(const uint8_t *data, size_t len, uint32_t ms)
{
	if (npkts == cap_pkts) {
		cap_pkts = cap_pkts ? 2 * cap_pkts : 1024;
		pkts = realloc(pkts, cap_pkts * sizeof(*pkts));
		if (!pkts)
			die("out of memory");
	}
	pkts[npkts].data = malloc(len ? len : 1);
	if (!pkts[npkts].data)
		die("out of memory");
	memcpy(pkts[npkts].data, data, len);
	pkts[npkts].len = len;
	pkts[npkts++].ms = ms;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Datagrams until none came for @idle ms (after the first: 30 s). */
static void receive_udp(const char *spec, unsigned int idle)
{
	int fd = udp_socket(spec, true);
	struct pollfd p = { .fd = fd, .events = POLLIN };
	uint8_t buf[MAX_PKT];
	uint64_t start = now_ms();
	ssize_t n;

	if (fd < 0)
		die("cannot listen");
	printf("listening on %s\n", spec);
	fflush(stdout);
	while (poll(&p, 1, npkts ? (int)idle : 30000) > 0) {
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0)
			die("recv failed");
		keep(buf, (size_t)n, (uint32_t)(now_ms() - start));
	}
	close(fd);
}

static uint8_t *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) || !(buf = malloc((size_t)n + 1)) ||
	    fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "srtprecv: %s: cannot read\n", path);
		exit(1);
	}
	fclose(f);
	buf[n] = 0;
	*len = (size_t)n;
	return buf;
}

static void receive_rtpdump(const char *path)
{
	struct rtpdump_reader r;
	const uint8_t *pkt;
	const char *why;
	size_t len, plen;
	uint8_t *buf = slurp(path, &len);
	uint32_t ms;
	int got;

	if (rtpdump_open(&r, buf, len, &why))
		die(why);
	while ((got = rtpdump_next(&r, &pkt, &plen, &ms, &why)) > 0)
		keep(pkt, plen, ms);
	if (got < 0)
		die(why);
	free(buf);
}

static void save(const char *path)
{
	FILE *f = fopen(path, "wb");

	if (!f || rtpdump_write_header(f, "0.0.0.0", 0, 0))
		die("cannot save");
	for (size_t i = 0; i < npkts; i++)
		if (rtpdump_write_packet(f, pkts[i].ms, pkts[i].data, pkts[i].len))
			die("cannot save");
	if (fclose(f))
		die("cannot save");
}

/* The SDP, once it is there: the keys come after the stream. */
static void read_sdp(const char *path, struct sdp_session *s)
{
	char err[128];
	struct stat st;
	size_t len;
	uint8_t *text;

	for (int i = 0; stat(path, &st) && i < 100; i++)
		usleep(100000);
	text = slurp(path, &len);
	if (sdp_parse_crypto((char *)text, s, err, sizeof(err))) {
		fprintf(stderr, "srtprecv: %s: %s\n", path, err);
		exit(1);
	}
	free(text);
}

static srtp_t session(const struct sdp_session *s)
{
	srtp_master_key_t keys[SDP_MAX_KEYS], *kp[SDP_MAX_KEYS];
	uint8_t mki[SDP_MAX_KEYS][4];
	srtp_policy_t policy;
	srtp_t ctx;

	memset(&policy, 0, sizeof(policy));
	switch (s->profile->id) {
	case CAMSEC_SRTP_AES128_CM_HMAC_SHA1_80:
		srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtp);
		break;
	case CAMSEC_SRTP_AEAD_AES_128_GCM:
		srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp);
		break;
	default:
		srtp_crypto_policy_set_aes_gcm_256_16_auth(&policy.rtp);
		break;
	}
	policy.rtcp = policy.rtp;
	policy.ssrc.type = ssrc_any_inbound;
	policy.window_size = 1024;
	if (!s->mki_len) {
		policy.key = (unsigned char *)s->keys[0].master;
	} else {
		for (unsigned int i = 0; i < s->nkeys; i++) {
			for (unsigned int b = 0; b < s->mki_len; b++)
				mki[i][b] = (uint8_t)(s->keys[i].epoch >>
						      (8 * (s->mki_len - 1 - b)));
			keys[i].key = (unsigned char *)s->keys[i].master;
			keys[i].mki_id = mki[i];
			keys[i].mki_size = s->mki_len;
			kp[i] = &keys[i];
		}
		policy.keys = kp;
		policy.num_master_keys = s->nkeys;
	}
	if (srtp_create(&ctx, &policy))
		die("libsrtp refused the keys");
	return ctx;
}

static void emit(struct depay *d, struct counts *c)
{
	if (d->fmt == FMT_RAW && d->raw_bytes != (size_t)d->width * d->height * 2)
		d->broken = true;
	if (d->broken || !d->len) {
		c->lost++;
	} else {
		c->frames++;
		if (d->out && fwrite(d->frame, 1, d->len, d->out) != d->len)
			die("cannot write frames");
	}
	d->len = 0;
	d->raw_bytes = 0;
	d->broken = false;
	d->in_fu = false;
}

static void append(struct depay *d, const uint8_t *p, size_t n)
{
	if (d->len + n > MAX_FRAME) {
		d->broken = true;
		return;
	}
	memcpy(d->frame + d->len, p, n);
	d->len += n;
}

static void start_nal(struct depay *d)
{
	static const uint8_t sc[4] = { 0, 0, 0, 1 };

	append(d, sc, sizeof(sc));
}

/* RFC 4175: line headers, then their segments, into the picture. */
static int depay_raw(struct depay *d, const uint8_t *p, size_t n)
{
	size_t line_bytes = (size_t)d->width * 2, hdrs = 2, data, i;
	unsigned int len, line, off;

	while (hdrs + 6 <= n && (p[hdrs + 4] & 0x80))
		hdrs += 6;
	if (hdrs + 6 > n)
		return -1;
	hdrs += 6;
	d->len = line_bytes * d->height;
	for (i = 2, data = hdrs; i < hdrs; i += 6) {
		len = (unsigned int)p[i] << 8 | p[i + 1];
		line = ((unsigned int)p[i + 2] << 8 | p[i + 3]) & 0x7fff;
		off = ((unsigned int)p[i + 4] << 8 | p[i + 5]) & 0x7fff;
		if (data + len > n || line >= d->height ||
		    (size_t)off * 2 + len > line_bytes)
			return -1;
		memcpy(d->frame + line * line_bytes + off * 2, p + data, len);
		data += len;
		d->raw_bytes += len;
	}
	return data == n ? 0 : -1;
}

/* RFC 6184 single NAL unit and FU-A; RFC 7798 single NAL unit and FU. */
static int depay_nal(struct depay *d, const uint8_t *p, size_t n)
{
	bool h264 = d->fmt == FMT_H264;
	unsigned int hlen = h264 ? 1 : 2;
	unsigned int type = h264 ? p[0] & 0x1f : (p[0] >> 1) & 0x3f;
	uint8_t fu, hdr[2];

	if (n < hlen)
		return -1;
	if (type != (h264 ? 28u : 49u)) {
		if (d->in_fu)
			return -1;
		start_nal(d);
		append(d, p, n);
		return 0;
	}
	if (n < hlen + 2)
		return -1;
	fu = p[hlen];
	if (fu & 0x80) {
		if (d->in_fu)
			return -1;
		hdr[0] = h264 ? (uint8_t)((p[0] & 0xe0) | (fu & 0x1f)) :
				(uint8_t)((p[0] & 0x81) | ((fu & 0x3f) << 1));
		hdr[1] = p[1];
		start_nal(d);
		append(d, hdr, hlen);
		d->in_fu = true;
	} else if (!d->in_fu) {
		return -1;
	}
	append(d, p + hlen + 1, n - hlen - 1);
	if (fu & 0x40)
		d->in_fu = false;
	return 0;
}

static void depay(struct depay *d, const uint8_t *pkt, size_t len,
		  struct counts *c)
{
	size_t hdr = 12 + 4 * (pkt[0] & 0x0f);
	int err;

	if (d->fmt == FMT_NONE)
		return;
	if (len < hdr || (pkt[0] & 0x30)) {	/* no padding or extensions sent */
		c->bad_payload++;
		d->broken = true;
		return;
	}
	err = d->fmt == FMT_RAW ? depay_raw(d, pkt + hdr, len - hdr) :
				  depay_nal(d, pkt + hdr, len - hdr);
	if (err) {
		c->bad_payload++;
		d->broken = true;
	}
	if (pkt[1] & 0x80)
		emit(d, c);
}

static void unprotect_all(srtp_t ctx, bool mki, struct depay *d,
			  struct counts *c)
{
	int have_seq = 0;
	uint16_t next = 0, seq;

	for (size_t i = 0; i < npkts; i++) {
		int len = (int)pkts[i].len;
		srtp_err_status_t st;

		c->received++;
		if (pkts[i].len > c->max_len)
			c->max_len = pkts[i].len;
		st = srtp_unprotect_mki(ctx, pkts[i].data, &len, mki);
		switch (st) {
		case srtp_err_status_ok:
			break;
		case srtp_err_status_auth_fail:
			c->auth_fail++;
			continue;
		case srtp_err_status_replay_fail:
		case srtp_err_status_replay_old:
			c->replay++;
			continue;
		case srtp_err_status_bad_mki:
			c->bad_mki++;
			continue;
		default:
			c->other++;
			continue;
		}
		c->ok++;
		seq = (uint16_t)(pkts[i].data[2] << 8 | pkts[i].data[3]);
		if (have_seq && seq != next)
			d->broken = true;	/* a packet lost in between */
		have_seq = 1;
		next = (uint16_t)(seq + 1);
		depay(d, pkts[i].data, (size_t)len, c);
	}
}

/* The attacker: byte @spec's OFFSET of packet N flipped. */
static void flip(const char *spec)
{
	unsigned long n, off;

	if (sscanf(spec, "%lu:%lu", &n, &off) != 2 || n >= npkts ||
	    off >= pkts[n].len)
		die("bad --flip");
	pkts[n].data[off] ^= 0x01;
}

static void dup_packet(unsigned long n)
{
	if (n >= npkts)
		die("bad --dup");
	keep(pkts[n].data, pkts[n].len, pkts[n].ms);
}

/* Annex B as the depacketizer writes it: what a lossless path yields. */
static int normalize(void)
{
	static uint8_t in[MAX_FRAME];
	size_t n = fread(in, 1, sizeof(in), stdin), i = 0, start, end;
	static const uint8_t sc[4] = { 0, 0, 0, 1 };

	while (i + 3 <= n && !(in[i] == 0 && in[i + 1] == 0 && in[i + 2] == 1))
		i++;
	while (i + 3 <= n) {
		start = i + 3;
		for (i = start; i + 3 <= n; i++)
			if (in[i] == 0 && in[i + 1] == 0 && in[i + 2] == 1)
				break;
		end = i + 3 <= n ? i : n;
		while (end > start && !in[end - 1])
			end--;
		if (end > start && (fwrite(sc, 1, 4, stdout) != 4 ||
				    fwrite(in + start, 1, end - start, stdout) != end - start))
			return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "udp", 1, NULL, 'u' }, { "idle", 1, NULL, 'i' },
		{ "rtpdump", 1, NULL, 'r' }, { "sdp", 1, NULL, 's' },
		{ "format", 1, NULL, 'f' }, { "out", 1, NULL, 'o' },
		{ "save", 1, NULL, 'S' }, { "normalize", 0, NULL, 'N' },
		{ "flip", 1, NULL, 'F' }, { "dup", 1, NULL, 'D' },
		{ 0 },
	};
	const char *flips[16], *dups[16];
	unsigned int nflips = 0, ndups = 0;
	const char *udp = NULL, *dump = NULL, *sdp = NULL, *out = NULL, *sv = NULL;
	struct depay d = { .fmt = FMT_NONE };
	unsigned int idle = 2000;
	struct sdp_session s;
	struct counts c = { 0 };
	srtp_t ctx;
	int opt;

	while ((opt = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (opt) {
		case 'u': udp = optarg; break;
		case 'i': idle = (unsigned int)atoi(optarg); break;
		case 'r': dump = optarg; break;
		case 's': sdp = optarg; break;
		case 'o': out = optarg; break;
		case 'S': sv = optarg; break;
		case 'N': return normalize();
		case 'F':
			if (nflips == 16)
				die("too many --flip");
			flips[nflips++] = optarg;
			break;
		case 'D':
			if (ndups == 16)
				die("too many --dup");
			dups[ndups++] = optarg;
			break;
		case 'f':
			if (!strcmp(optarg, "h264"))
				d.fmt = FMT_H264;
			else if (!strcmp(optarg, "h265"))
				d.fmt = FMT_H265;
			else if (sscanf(optarg, "raw:%ux%u", &d.width, &d.height) == 2 &&
				 d.width && d.height && d.width <= 8192 && d.height <= 8192)
				d.fmt = FMT_RAW;
			else
				die("bad --format");
			break;
		default:
			die("see the usage at the top of srtprecv.c");
		}
	}
	if (!sdp || !udp == !dump)
		die("give --sdp and one of --udp, --rtpdump");
	if (udp)
		receive_udp(udp, idle);
	else
		receive_rtpdump(dump);
	if (sv)
		save(sv);
	for (unsigned int i = 0; i < nflips; i++)
		flip(flips[i]);
	for (unsigned int i = 0; i < ndups; i++)
		dup_packet(strtoul(dups[i], NULL, 10));
	read_sdp(sdp, &s);
	d.frame = malloc(MAX_FRAME);
	d.out = out ? fopen(out, "wb") : NULL;
	if (!d.frame || (out && !d.out))
		die("cannot open the output");
	if (srtp_init())
		die("libsrtp failed to start");
	ctx = session(&s);
	unprotect_all(ctx, s.mki_len != 0, &d, &c);
	if (d.len)
		emit(&d, &c);	/* a frame without its marker: incomplete */
	printf("received %lu ok %lu auth_fail %lu replay %lu bad_mki %lu other %lu frames %lu lost %lu bad_payload %lu max_len %lu\n",
	       c.received, c.ok, c.auth_fail, c.replay, c.bad_mki, c.other,
	       c.frames, c.lost, c.bad_payload, c.max_len);
	if (d.out && fclose(d.out))
		die("cannot write frames");
	srtp_dealloc(ctx);
	srtp_shutdown();
	return 0;
}
