// SPDX-License-Identifier: GPL-2.0-only
/*
 * camsec-vsend: stream frames through the kernel's encrypted video path
 * (/dev/camsec_vcrypt) and send the sealed records over UDP or to a file.
 * The plaintext stays in the kernel: this program hands over dma-buf file
 * descriptors and reads ciphertext from the ring the kernel maps.
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
#include <unistd.h>

#include "source.h"
#include "udpsock.h"
#include "vrecord.h"

struct opts {
	struct camsec_vcrypt_setup setup;
	const char *src_spec, *udp, *out, *dump, *rekey_key;
	int src_kind;
	unsigned int frames, rekey_at, linger;
	bool no_consume;
};

struct sender {
	int dev, sock, out, dump;
	struct camsec_vcrypt_ring *ring;
	uint8_t *slots;
	size_t map_len;
	uint64_t tail;			/* next record to send */
	uint64_t sent;
	uint8_t *copy;			/* a record copied out of the ring */
};

static void usage(void)
{
	fprintf(stderr,
"usage: camsec-vsend --key DESC SOURCE DEST [options]\n"
"  SOURCE: --heap WxH | --vivid DEV:WxH | --write WxH   (NV12 frames)\n"
"  DEST:   --udp ADDR:PORT | --out FILE\n"
"  --aead aes-128-gcm|aes-256-gcm|chacha20-poly1305\n"
"  --stream-id N  --slots N  --depth N\n"
"  --overflow drop-oldest|refuse-newest  --max-records N  --frames N\n"
"  --rekey-at N --rekey-key DESC   rekey before frame N\n"
"  --no-consume       submit every frame, then read the ring\n"
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

static void parse(int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
		{ "key", 1, NULL, 'k' }, { "heap", 1, NULL, 'H' },
		{ "vivid", 1, NULL, 'V' }, { "write", 1, NULL, 'W' },
		{ "udp", 1, NULL, 'u' }, { "out", 1, NULL, 'o' },
		{ "aead", 1, NULL, 'a' }, { "stream-id", 1, NULL, 'i' },
		{ "slots", 1, NULL, 's' }, { "depth", 1, NULL, 'd' },
		{ "overflow", 1, NULL, 'O' }, { "max-records", 1, NULL, 'm' },
		{ "frames", 1, NULL, 'n' }, { "rekey-at", 1, NULL, 'r' },
		{ "rekey-key", 1, NULL, 'R' }, { "no-consume", 0, NULL, 'N' },
		{ "linger", 1, NULL, 'l' }, { "dump-source", 1, NULL, 'D' },
		{ 0 },
	};
	int c;

	o->setup.aead = CAMSEC_VCRYPT_AES_128_GCM;
	o->setup.nr_slots = 8;
	o->frames = 30;
	o->src_kind = -1;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'k':
			if (strlen(optarg) >= sizeof(o->setup.key_desc))
				usage();
			strcpy(o->setup.key_desc, optarg);
			break;
		case 'H': o->src_kind = SRC_HEAP; o->src_spec = optarg; break;
		case 'V': o->src_kind = SRC_VIVID; o->src_spec = optarg; break;
		case 'W': o->src_kind = SRC_WRITE; o->src_spec = optarg; break;
		case 'u': o->udp = optarg; break;
		case 'o': o->out = optarg; break;
		case 'a':
			if (!strcmp(optarg, "aes-128-gcm"))
				o->setup.aead = CAMSEC_VCRYPT_AES_128_GCM;
			else if (!strcmp(optarg, "aes-256-gcm"))
				o->setup.aead = CAMSEC_VCRYPT_AES_256_GCM;
			else if (!strcmp(optarg, "chacha20-poly1305"))
				o->setup.aead = CAMSEC_VCRYPT_CHACHA20_POLY1305;
			else
				usage();
			break;
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
		case 'l': o->linger = (unsigned int)num(optarg); break;
		case 'D': o->dump = optarg; break;
		default: usage();
		}
	}
	if (optind != argc || !o->setup.key_desc[0] || o->src_kind < 0 ||
	    !o->udp == !o->out || (o->rekey_at && !o->rekey_key))
		usage();
}

static int send_record(struct sender *t, const uint8_t *rec, size_t len,
		       uint64_t seq)
{
	uint8_t dgram[sizeof(struct vchunk_hdr) + VCHUNK_PAYLOAD];
	struct vchunk_hdr h = {
		.magic = htole32(VCHUNK_MAGIC),
		.record_len = htole32((uint32_t)len),
		.seq = htole64(seq),
	};
	size_t off, n;

	if (t->out >= 0)
		return write(t->out, rec, len) == (ssize_t)len ? 0 : -errno;
	for (off = 0; off < len; off += n) {
		n = len - off < VCHUNK_PAYLOAD ? len - off : VCHUNK_PAYLOAD;
		h.offset = htole32((uint32_t)off);
		memcpy(dgram, &h, sizeof(h));
		memcpy(dgram + sizeof(h), rec + off, n);
		while (send(t->sock, dgram, sizeof(h) + n, 0) < 0) {
			if (errno != ENOBUFS && errno != EAGAIN)
				return -errno;
			usleep(1000);
		}
	}
	/* Let a receiver on the same machine keep up: no loss to test around. */
	usleep(2000);
	return 0;
}

/*
 * Send the records the ring holds. A record is copied out first, then
 * checked against tail: in drop-oldest mode the kernel may have reused
 * its slot meanwhile.
 */
static int drain(struct sender *t)
{
	uint64_t head = __atomic_load_n(&t->ring->head, __ATOMIC_ACQUIRE);
	uint64_t kernel_tail;
	struct vrecord rec;
	const char *why;
	size_t len;
	int err;

	for (; t->tail < head; t->tail++) {
		const uint8_t *slot;
		uint32_t rlen;

		kernel_tail = __atomic_load_n(&t->ring->tail, __ATOMIC_ACQUIRE);
		if (kernel_tail > t->tail)
			t->tail = kernel_tail;
		if (t->tail >= head)
			break;
		slot = t->slots + (t->tail % t->ring->nr_slots) * t->ring->slot_size;
		memcpy(&rlen, slot + offsetof(struct camsec_vcrypt_record, length),
		       sizeof(rlen));
		len = VRECORD_OVERHEAD + le32toh(rlen);
		if (len > t->ring->slot_size)
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
		/* A void record goes too: the viewer verifies it, counts it lost. */
		err = send_record(t, t->copy, len, rec.seq);
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

static int rekey(struct sender *t, const char *desc)
{
	struct camsec_vcrypt_rekey rk;

	memset(&rk, 0, sizeof(rk));
	snprintf(rk.key_desc, sizeof(rk.key_desc), "%s", desc);
	return ioctl(t->dev, CAMSEC_VCRYPT_REKEY, &rk) < 0 ? -errno : 0;
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
	printf("frames %u accepted %llu refused %llu sent %llu\n", o->frames,
	       (unsigned long long)accepted, (unsigned long long)refused,
	       (unsigned long long)t->sent);
	return err;
}

static void print_stats(const struct camsec_vcrypt_ring *r)
{
	const struct camsec_vcrypt_stats *s = &r->stats;

	printf("stats submitted %llu sealed %llu dropped_oldest %llu refused_newest %llu errors %llu bytes %llu rekeys %llu key_refused %llu budget_refused %llu\n",
	       (unsigned long long)s->submitted, (unsigned long long)s->sealed,
	       (unsigned long long)s->dropped_oldest,
	       (unsigned long long)s->refused_newest,
	       (unsigned long long)s->errors, (unsigned long long)s->bytes,
	       (unsigned long long)s->rekeys,
	       (unsigned long long)s->key_refused,
	       (unsigned long long)s->budget_refused);
}

int main(int argc, char **argv)
{
	struct sender t = { .dev = -1, .sock = -1, .out = -1, .dump = -1 };
	struct opts o;
	struct source src;
	size_t page, slot;
	int err;

	memset(&o, 0, sizeof(o));
	parse(argc, argv, &o);
	err = source_open(&src, o.src_spec, o.src_kind);
	if (err) {
		fprintf(stderr, "camsec-vsend: source %s: %s\n", o.src_spec,
			strerror(-err));
		return 1;
	}
	o.setup.max_frame = (uint32_t)src.frame_size;
	t.dev = open(CAMSEC_VCRYPT_DEVICE, O_RDWR | O_CLOEXEC);
	if (t.dev < 0 || ioctl(t.dev, CAMSEC_VCRYPT_SETUP, &o.setup) < 0) {
		fprintf(stderr, "camsec-vsend: %s: %s\n", CAMSEC_VCRYPT_DEVICE,
			strerror(errno));
		return 1;
	}
	page = (size_t)sysconf(_SC_PAGESIZE);
	slot = (VRECORD_OVERHEAD + src.frame_size + page - 1) & ~(page - 1);
	t.map_len = page + (size_t)o.setup.nr_slots * slot;
	t.ring = mmap(NULL, t.map_len, PROT_READ, MAP_SHARED, t.dev, 0);
	/* One record at a time is copied out of the ring. */
	t.copy = malloc(slot);
	if (t.ring == MAP_FAILED || !t.copy) {
		perror("camsec-vsend: ring");
		return 1;
	}
	t.slots = (uint8_t *)t.ring + page;
	if (o.udp && (t.sock = udp_socket(o.udp, false)) < 0) {
		fprintf(stderr, "camsec-vsend: cannot reach %s\n", o.udp);
		return 1;
	}
	if (o.out && (t.out = open(o.out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0) {
		perror(o.out);
		return 1;
	}
	if (o.dump && (t.dump = open(o.dump, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0) {
		perror(o.dump);
		return 1;
	}
	err = run(&o, &t, &src);
	print_stats(t.ring);
	fflush(stdout);
	if (o.linger)
		sleep(o.linger);
	source_close(&src);
	return err ? 1 : 0;
}
