// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec-vsend: stream frames through the kernel's encrypted video path
 * (/dev/camsec_vcrypt) and send the SRTP packets it makes over RTP/UDP,
 * as a camera's RTP sender would, or record them (rtpdump). The plaintext
 * stays in the kernel: this program hands over dma-buf file descriptors
 * and sends packets from the ring the kernel maps read-only. It writes
 * the session's SDP without keys, which it cannot know (camsec-sdes adds
 * them).
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
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "rtpdump.h"
#include "sdp.h"
#include "source.h"
#include "srtpkey.h"
#include "udpsock.h"
#include "vrecord.h"

#define BATCH 64

struct opts {
	struct camsec_vcrypt_setup setup;
	const char *src_spec, *udp, *rtpdump, *sdp, *dump, *rekey_key;
	int src_kind;
	unsigned int frames, rekey_at, linger, gap_us;
	bool no_consume, hold;
};

struct sender {
	int dev, sock, dump;
	FILE *rtpdump;
	uint64_t start_us;
	struct camsec_vcrypt_ring *ring;
	uint8_t *slots;
	size_t map_len;
	uint64_t tail;			/* next record to send */
	uint64_t sent, packets;
	unsigned int gap_us;
	uint8_t *copy;			/* a record copied out of the ring */
	struct sdp_session sdp;
	const char *sdp_path;
};

static void usage(void)
{
	fprintf(stderr,
"usage: camsec-vsend --key DESC SOURCE DEST [options]\n"
"  SOURCE: --heap WxH | --vivid DEV:WxH | --write WxH   (UYVY, RFC 4175)\n"
"          --h264 FILE | --h265 FILE  (Annex B with access unit delimiters)\n"
"  DEST:   --udp ADDR:PORT and/or --rtpdump FILE\n"
"  --profile AES_CM_128_HMAC_SHA1_80|AEAD_AES_128_GCM|AEAD_AES_256_GCM\n"
"  --no-mki  --pt N  --mtu N  --sdp FILE|- (the SDP, without keys)\n"
"  --hold             after the SDP, wait for a line on stdin to start\n"
"  --stream-id N  --slots N  --depth N  --max-packets N\n"
"  --overflow drop-oldest|refuse-newest  --max-records N  --frames N\n"
"  --rekey-at N --rekey-key DESC   rekey before frame N\n"
"  --no-consume       submit every frame, then read the ring\n"
"  --gap-us N         pause after each frame's packets (default 2000)\n"
"  --linger SEC       keep the stream open at the end\n"
"  --dump-source FILE write the source frames (for tests)\n");
	exit(2);
}

static unsigned long num(const char *s)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || *end || end == s) {
		fprintf(stderr, "camsec-vsend: not a number: %s\n", s);
		exit(2);
	}
	return v;
}

static void set_source(struct opts *o, int kind, const char *spec)
{
	o->src_kind = kind;
	o->src_spec = spec;
	o->setup.payload = kind == SRC_H264 ? CAMSEC_RTP_H264 :
			   kind == SRC_H265 ? CAMSEC_RTP_H265 : CAMSEC_RTP_RAW;
}

static void parse_opt(struct opts *o, int c)
{
	const struct srtp_profile *p;

	switch (c) {
	case 'k':
		if (strlen(optarg) >= sizeof(o->setup.key_desc))
			usage();
		strcpy(o->setup.key_desc, optarg);
		break;
	case 'H': set_source(o, SRC_HEAP, optarg); break;
	case 'V': set_source(o, SRC_VIVID, optarg); break;
	case 'W': set_source(o, SRC_WRITE, optarg); break;
	case '4': set_source(o, SRC_H264, optarg); break;
	case '5': set_source(o, SRC_H265, optarg); break;
	case 'u': o->udp = optarg; break;
	case 'o': o->rtpdump = optarg; break;
	case 'S': o->sdp = optarg; break;
	case 'p':
		p = srtp_profile_by_name(optarg);
		if (!p)
			usage();
		o->setup.profile = p->id;
		break;
	case 'M': o->setup.mki_len = 0; break;
	case 't': o->setup.payload_type = (uint8_t)num(optarg); break;
	case 'T': o->setup.mtu = (uint16_t)num(optarg); break;
	case 'P': o->setup.max_packets = (uint32_t)num(optarg); break;
	case 'i': o->setup.stream_id = (uint32_t)num(optarg); break;
	case 's': o->setup.nr_slots = (uint32_t)num(optarg); break;
	case 'd': o->setup.depth = (uint32_t)num(optarg); break;
	case 'O':
		if (!strcmp(optarg, "drop-oldest"))
			o->setup.overflow = CAMSEC_VCRYPT_DROP_OLDEST;
		else if (!strcmp(optarg, "refuse-newest"))
			o->setup.overflow = CAMSEC_VCRYPT_REFUSE_NEWEST;
		else
			usage();
		break;
	case 'm': o->setup.max_records = num(optarg); break;
	case 'n': o->frames = (unsigned int)num(optarg); break;
	case 'r': o->rekey_at = (unsigned int)num(optarg); break;
	case 'R': o->rekey_key = optarg; break;
	case 'N': o->no_consume = true; break;
	case 'h': o->hold = true; break;
	case 'g': o->gap_us = (unsigned int)num(optarg); break;
	case 'l': o->linger = (unsigned int)num(optarg); break;
	case 'D': o->dump = optarg; break;
	default: usage();
	}
}

static void parse(int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
		{ "key", 1, NULL, 'k' }, { "heap", 1, NULL, 'H' },
		{ "vivid", 1, NULL, 'V' }, { "write", 1, NULL, 'W' },
		{ "h264", 1, NULL, '4' }, { "h265", 1, NULL, '5' },
		{ "udp", 1, NULL, 'u' }, { "rtpdump", 1, NULL, 'o' },
		{ "sdp", 1, NULL, 'S' }, { "profile", 1, NULL, 'p' },
		{ "no-mki", 0, NULL, 'M' }, { "pt", 1, NULL, 't' },
		{ "mtu", 1, NULL, 'T' }, { "max-packets", 1, NULL, 'P' },
		{ "stream-id", 1, NULL, 'i' },
		{ "slots", 1, NULL, 's' }, { "depth", 1, NULL, 'd' },
		{ "overflow", 1, NULL, 'O' }, { "max-records", 1, NULL, 'm' },
		{ "frames", 1, NULL, 'n' }, { "rekey-at", 1, NULL, 'r' },
		{ "rekey-key", 1, NULL, 'R' }, { "no-consume", 0, NULL, 'N' },
		{ "hold", 0, NULL, 'h' },
		{ "gap-us", 1, NULL, 'g' },
		{ "linger", 1, NULL, 'l' }, { "dump-source", 1, NULL, 'D' },
		{ 0 },
	};
	int c;

	o->setup.profile = CAMSEC_SRTP_AES128_CM_HMAC_SHA1_80;
	o->setup.mki_len = CAMSEC_VCRYPT_MKI_LEN;
	o->setup.payload_type = 96;
	o->setup.mtu = 1400;
	o->setup.clock_rate = 90000;
	o->setup.nr_slots = 8;
	o->frames = 30;
	o->gap_us = 2000;
	o->src_kind = -1;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1)
		parse_opt(o, c);
	if (optind != argc || !o->setup.key_desc[0] || o->src_kind < 0 ||
	    (!o->udp && !o->rtpdump) || (o->rekey_at && !o->rekey_key))
		usage();
}

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

/* @n datagrams, all of them: a full socket buffer is waited out. */
static int flush(struct sender *t, struct mmsghdr *msgs, unsigned int n)
{
	unsigned int i = 0;
	int r;

	while (t->sock >= 0 && i < n) {
		r = sendmmsg(t->sock, msgs + i, n - i, 0);
		if (r > 0) {
			i += (unsigned int)r;
			continue;
		}
		/* No receiver yet (ICMP unreachable) is not the sender's fault. */
		if (errno != ENOBUFS && errno != EAGAIN && errno != ECONNREFUSED)
			return -errno;
		usleep(1000);
	}
	return 0;
}

/* The record's packets, to the socket in batches and to the recording. */
static int send_packets(struct sender *t, const struct vrecord *rec)
{
	struct mmsghdr msgs[BATCH];
	struct iovec iov[BATCH];
	const uint8_t *pkt;
	size_t off = 0, len;
	unsigned int n = 0;
	uint32_t ms;
	int err;

	while (vrecord_packet(rec, &off, &pkt, &len)) {
		ms = (uint32_t)((now_us() - t->start_us) / 1000);
		if (t->rtpdump && rtpdump_write_packet(t->rtpdump, ms, pkt, len))
			return -EIO;
		iov[n] = (struct iovec){ (void *)pkt, len };
		msgs[n] = (struct mmsghdr){ .msg_hdr = { .msg_iov = &iov[n],
							 .msg_iovlen = 1 } };
		t->packets++;
		if (++n == BATCH) {
			err = flush(t, msgs, n);
			if (err)
				return err;
			n = 0;
		}
	}
	err = flush(t, msgs, n);
	if (!err && t->gap_us)
		usleep(t->gap_us);
	return err;
}

/*
 * Send the records the ring holds. A record is copied out first, then
 * checked against tail: in drop-oldest mode the kernel may have reused
 * its slot meanwhile.
 */
static int drain(struct sender *t)
{
	uint64_t head = __atomic_load_n(&t->ring->head, __ATOMIC_ACQUIRE);
	struct vrecord rec;
	const char *why;
	size_t len;
	int err;

	for (; t->tail < head; t->tail++) {
		const uint8_t *slot;
		uint64_t kernel_tail = __atomic_load_n(&t->ring->tail,
						       __ATOMIC_ACQUIRE);

		if (kernel_tail > t->tail)
			t->tail = kernel_tail;
		if (t->tail >= head)
			break;
		slot = t->slots + (t->tail % t->ring->nr_slots) * t->ring->slot_size;
		len = vrecord_size(slot, t->ring->slot_size);
		if (!len)
			return -EIO;
		memcpy(t->copy, slot, len);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (__atomic_load_n(&t->ring->tail, __ATOMIC_ACQUIRE) > t->tail)
			continue;	/* overwritten while copied */
		if (vrecord_parse(t->copy, len, &rec, &why)) {
			fprintf(stderr, "camsec-vsend: ring record %llu: %s\n",
				(unsigned long long)t->tail, why);
			return -EIO;
		}
		err = send_packets(t, &rec);
		if (err)
			return err;
		t->sent++;
		if (ioctl(t->dev, CAMSEC_VCRYPT_CONSUME, &(uint64_t){ t->tail + 1 }))
			return -errno;
	}
	return 0;
}

/* Wait until the ring has published @index; send what comes meanwhile. */
static int wait_sealed(struct sender *t, uint64_t index, bool send)
{
	struct pollfd p = { .fd = t->dev, .events = POLLIN };
	int err;

	while (__atomic_load_n(&t->ring->head, __ATOMIC_ACQUIRE) <= index) {
		if (poll(&p, 1, 5000) <= 0)
			return -ETIMEDOUT;
		if (send && (err = drain(t)))
			return err;
	}
	return send ? drain(t) : 0;
}

static int submit(struct sender *t, struct source *src, const struct frame *f)
{
	struct camsec_vcrypt_frame fr = {
		.fd = f->buf >= 0 ? src->dmabuf[f->buf] : -1,
		.length = f->length,
		.timestamp_ns = f->timestamp_ns,
	};

	if (src->kind == SRC_WRITE)
		return write(t->dev, f->data, f->length) < 0 ? -errno : 0;
	return ioctl(t->dev, CAMSEC_VCRYPT_SUBMIT, &fr) < 0 ? -errno : 0;
}

/* The SDP with the current key's key_rand added; replaced whole. */
static int write_sdp(struct sender *t)
{
	struct sdp_key *k = &t->sdp.keys[t->sdp.nkeys];
	char tmp[4096];
	FILE *f;
	int err;

	if (!t->sdp_path)
		return 0;
	if (t->sdp.nkeys == SDP_MAX_KEYS)
		return -E2BIG;
	k->epoch = t->ring->key_epoch;
	memcpy(k->rand, t->ring->key_rand, sizeof(k->rand));
	t->sdp.nkeys++;
	if (!strcmp(t->sdp_path, "-"))
		return sdp_write(stdout, &t->sdp) ? -EIO : 0;
	snprintf(tmp, sizeof(tmp), "%s.tmp", t->sdp_path);
	f = fopen(tmp, "w");
	if (!f)
		return -errno;
	err = sdp_write(f, &t->sdp);
	if (fclose(f) || err || rename(tmp, t->sdp_path))
		return -EIO;
	return 0;
}

static int rekey(struct sender *t, const char *desc)
{
	struct camsec_vcrypt_rekey rk;

	memset(&rk, 0, sizeof(rk));
	snprintf(rk.key_desc, sizeof(rk.key_desc), "%s", desc);
	if (ioctl(t->dev, CAMSEC_VCRYPT_REKEY, &rk) < 0)
		return -errno;
	return write_sdp(t);
}

static int run(struct opts *o, struct sender *t, struct source *src)
{
	uint64_t accepted = 0, refused = 0;
	struct frame f;
	unsigned int n;
	int err;

	for (n = 0; n < o->frames; n++) {
		if (o->rekey_at && n == o->rekey_at && (err = rekey(t, o->rekey_key))) {
			fprintf(stderr, "camsec-vsend: rekey: %s\n", strerror(-err));
			return err;
		}
		err = source_next(src, n, &f);
		if (err) {
			fprintf(stderr, "camsec-vsend: frame %u: %s\n", n, strerror(-err));
			return err;
		}
		if (t->dump >= 0 &&
		    write(t->dump, f.data, f.length) != (ssize_t)f.length)
			return -errno;
		err = submit(t, src, &f);
		if (err == -ENOBUFS) {
			refused++;
		} else if (err) {
			fprintf(stderr, "camsec-vsend: submit frame %u: %s\n", n,
				strerror(-err));
			return err;
		} else {
			/* The buffer is the kernel's until its record is out. */
			err = wait_sealed(t, accepted++, !o->no_consume);
			if (err)
				return err;
		}
		err = source_done(src, &f);
		if (err)
			return err;
	}
	err = drain(t);
	printf("frames %u accepted %llu refused %llu sent %llu packets %llu\n",
	       o->frames, (unsigned long long)accepted,
	       (unsigned long long)refused, (unsigned long long)t->sent,
	       (unsigned long long)t->packets);
	return err;
}

static void print_stats(const struct camsec_vcrypt_ring *r)
{
	const struct camsec_vcrypt_stats *s = &r->stats;

	printf("stats submitted %llu sealed %llu dropped_oldest %llu refused_newest %llu errors %llu bytes %llu rekeys %llu key_refused %llu budget_refused %llu packets %llu\n",
	       (unsigned long long)s->submitted, (unsigned long long)s->sealed,
	       (unsigned long long)s->dropped_oldest,
	       (unsigned long long)s->refused_newest,
	       (unsigned long long)s->errors, (unsigned long long)s->bytes,
	       (unsigned long long)s->rekeys,
	       (unsigned long long)s->key_refused,
	       (unsigned long long)s->budget_refused,
	       (unsigned long long)s->packets);
}

/* The session as the SDP tells it: where to, what, and how sealed. */
static void describe(struct sender *t, const struct opts *o,
		     const struct source *src)
{
	struct sdp_session *s = &t->sdp;
	const char *colon = o->udp ? strrchr(o->udp, ':') : NULL;

	snprintf(s->dest, sizeof(s->dest), "%.*s",
		 colon ? (int)(colon - o->udp) : 7, colon ? o->udp : "0.0.0.0");
	s->port = colon ? (unsigned int)atoi(colon + 1) : 5004;
	s->payload = o->setup.payload;
	s->pt = o->setup.payload_type;
	s->clock_rate = o->setup.clock_rate;
	s->width = src->width;
	s->height = src->height;
	s->ssrc = t->ring->ssrc;
	s->profile = srtp_profile_by_id(t->ring->profile);
	s->mki_len = t->ring->mki_len;
	t->sdp_path = o->sdp;
}

static int open_outputs(struct sender *t, const struct opts *o)
{
	if (o->udp && (t->sock = udp_socket(o->udp, false)) < 0) {
		fprintf(stderr, "camsec-vsend: cannot reach %s\n", o->udp);
		return -1;
	}
	t->start_us = now_us();
	if (o->rtpdump) {
		t->rtpdump = fopen(o->rtpdump, "we");
		if (!t->rtpdump || rtpdump_write_header(t->rtpdump, t->sdp.dest,
							t->sdp.port, t->start_us)) {
			perror(o->rtpdump);
			return -1;
		}
	}
	if (o->dump && (t->dump = open(o->dump, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0) {
		perror(o->dump);
		return -1;
	}
	return 0;
}

static void raw_setup(struct camsec_vcrypt_setup *set, const struct source *src)
{
	if (set->payload != CAMSEC_RTP_RAW)
		return;
	set->raw.width = src->width;
	set->raw.height = src->height;
	set->raw.stride = src->stride;
	set->raw.pgroup_bytes = 4;	/* UYVY: YCbCr-4:2:2, 8 bits */
	set->raw.pgroup_pixels = 2;
}

int main(int argc, char **argv)
{
	struct sender t = { .dev = -1, .sock = -1, .dump = -1 };
	struct opts o;
	struct source src;
	size_t page;
	int err;

	memset(&o, 0, sizeof(o));
	parse(argc, argv, &o);
	t.gap_us = o.gap_us;
	err = source_open(&src, o.src_spec, o.src_kind);
	if (err) {
		fprintf(stderr, "camsec-vsend: source %s: %s\n", o.src_spec,
			strerror(-err));
		return 1;
	}
	o.setup.max_frame = (uint32_t)src.frame_size;
	raw_setup(&o.setup, &src);
	t.dev = open(CAMSEC_VCRYPT_DEVICE, O_RDWR | O_CLOEXEC);
	if (t.dev < 0 || ioctl(t.dev, CAMSEC_VCRYPT_SETUP, &o.setup) < 0) {
		fprintf(stderr, "camsec-vsend: %s: %s\n", CAMSEC_VCRYPT_DEVICE,
			strerror(errno));
		return 1;
	}
	page = (size_t)sysconf(_SC_PAGESIZE);
	t.ring = mmap(NULL, page, PROT_READ, MAP_SHARED, t.dev, 0);
	if (t.ring == MAP_FAILED) {
		perror("camsec-vsend: ring");
		return 1;
	}
	t.map_len = page + (size_t)t.ring->nr_slots * t.ring->slot_size;
	munmap(t.ring, page);
	t.ring = mmap(NULL, t.map_len, PROT_READ, MAP_SHARED, t.dev, 0);
	/* One record at a time is copied out of the ring. */
	t.copy = t.ring == MAP_FAILED ? NULL : malloc(t.ring->slot_size);
	if (!t.copy) {
		perror("camsec-vsend: ring");
		return 1;
	}
	t.slots = (uint8_t *)t.ring + page;
	describe(&t, &o, &src);
	if (open_outputs(&t, &o))
		return 1;
	err = write_sdp(&t);
	if (err) {
		fprintf(stderr, "camsec-vsend: %s: %s\n", o.sdp, strerror(-err));
		return 1;
	}
	printf("ssrc %08x profile %s mki %u\n", t.ring->ssrc,
	       t.sdp.profile->name, t.ring->mki_len);
	if (o.hold) {
		/* As RTSP's DESCRIBE before PLAY: the viewer has the SDP first. */
		char line[16];

		printf("waiting: press Enter to start\n");
		fflush(stdout);
		if (!fgets(line, sizeof(line), stdin))
			return 1;
	}
	err = run(&o, &t, &src);
	print_stats(t.ring);
	if (t.rtpdump && fclose(t.rtpdump))
		err = -EIO;
	fflush(stdout);
	if (o.linger)
		sleep(o.linger);
	source_close(&src);
	return err ? 1 : 0;
}
