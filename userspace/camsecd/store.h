/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsecd - accounts, settings and login locks on disk (seal.h).
 */
#ifndef CAMSECD_STORE_H
#define CAMSECD_STORE_H

struct camsecd;

/* The factory settings, then the stored settings, accounts and locks. */
int store_load(struct camsecd *d);
int store_save_accounts(struct camsecd *d);
int store_save_settings(struct camsecd *d);
int store_save_locks(struct camsecd *d);
/* Back to the factory state: no account, default settings, no session. */
int store_factory_reset(struct camsecd *d);
/* The settings, in force: lockout, sessions, the trail's limits. */
void store_apply_settings(struct camsecd *d);

#endif
