/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsecd - the updater: firmware bundles installed by RAUC on the A/B
 * card (see updater.c).
 */
#ifndef CAMSECD_UPDATER_H
#define CAMSECD_UPDATER_H

struct request;

/*
 * Install the RAUC bundle at @bundle into the slot that does not run, if
 * its version is not below the floor; reply to @r, audit, and return 0 or
 * a negative errno.
 */
int updater_install(struct request *r, const char *bundle);

#endif
