/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsecd - the settings' operations, and profiles.
 */
#ifndef CAMSECD_CONFIG_H
#define CAMSECD_CONFIG_H

struct request;

void op_config_get(struct request *r);
void op_config_set(struct request *r);
void op_config_export(struct request *r);
void op_config_import(struct request *r);

#endif
