/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec_vcrypt - sealing frames into records of SRTP packets
 */

#ifndef _CAMSEC_VCRYPT_SEAL_H
#define _CAMSEC_VCRYPT_SEAL_H

#include <linux/init.h>
#include <linux/types.h>

struct vcrypt_req;
struct vcrypt_stream;

int __init vcrypt_seal_init(void);
void vcrypt_seal_exit(void);
int vcrypt_seal_reqs_alloc(struct vcrypt_stream *s);
int vcrypt_seal(struct vcrypt_stream *s, struct vcrypt_req *rq, u32 npkts,
		u32 len, u64 timestamp_ns);

#endif /* _CAMSEC_VCRYPT_SEAL_H */
