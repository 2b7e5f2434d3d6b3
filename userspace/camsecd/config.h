/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsecd - the settings' operations, and profiles.
 */
#ifndef CAMSECD_CONFIG_H
#define CAMSECD_CONFIG_H

#include <stdbool.h>

struct request;

void op_config_get(struct request *r);
void op_config_set(struct request *r);
/* Does @r (a config-set) change what makes room in a full trail? */
bool config_makes_audit_room(const struct request *r);
void op_config_export(struct request *r);
void op_config_import(struct request *r);

#endif
