/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsecd - firmware: version and lifetime, and the signed A/B upgrade.
 */
#ifndef CAMSECD_FIRMWARE_H
#define CAMSECD_FIRMWARE_H

#include <stdbool.h>

struct camsecd;
struct client;
struct request;

/* The boot state and the running image's manifest: 0 or -errno. */
int firmware_init(struct camsecd *d);
void firmware_running_is_good(struct camsecd *d);
/* Is the running firmware past its end of support? */
bool firmware_unsupported(const struct camsecd *d);
/* @c's upload, if it has one (NULL: anyone's), is dropped. */
void firmware_abort(struct camsecd *d, const struct client *c);
void op_version(struct request *r);
void op_firmware_status(struct request *r);
void op_firmware_begin(struct request *r);
void op_firmware_chunk(struct request *r);
void op_firmware_install(struct request *r);

#endif
