/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsecd - "run": programs started for a session, with its role in the
 * LSM, ended with it.
 */
#ifndef CAMSECD_RUN_H
#define CAMSECD_RUN_H

#include <sys/types.h>

struct camsecd;
struct request;
struct session;

void op_run(struct request *r);
/* @pid ended with @status: if it was a program, its caller is replied. */
void run_reaped(struct camsecd *d, pid_t pid, int status);
/* @s ended (sessions.on_end): the LSM kills the programs it started. */
void run_end_session_programs(const struct session *s, void *arg);
/* At start: the programs of an earlier daemon's sessions end. */
void run_end_orphans(struct camsecd *d);
/* In a child about to run a program: the "run" uid, nothing more. */
int run_drop_privileges(const struct camsecd *d);

#endif
