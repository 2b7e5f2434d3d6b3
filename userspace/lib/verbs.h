/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The verbs of the daemon's protocol (proto.h), written once for camsecd,
 * which serves them, and for camsecctl and camsec-login, which send them;
 * and the verbs of the replies.
 */
#ifndef CAMSEC_VERBS_H
#define CAMSEC_VERBS_H

/* Requests */
#define VERB_STATUS		"status"
#define VERB_IDENTITY		"identity"
#define VERB_ACTIVATE		"activate"
#define VERB_LOGIN		"login"
#define VERB_LOGOUT		"logout"
#define VERB_WHOAMI		"whoami"
#define VERB_PASSWD		"passwd"
#define VERB_SESSION_LIST	"session-list"
#define VERB_SESSION_END	"session-end"
#define VERB_RUN		"run"
#define VERB_AUDIT_SHOW		"audit-show"
#define VERB_AUDIT_VERIFY	"audit-verify"
#define VERB_USER_ADD		"user-add"
#define VERB_USER_MOD		"user-mod"
#define VERB_USER_DEL		"user-del"
#define VERB_USER_LIST		"user-list"
#define VERB_LOCK_LIST		"lock-list"
#define VERB_LOCK_LIFT		"lock-lift"
#define VERB_CONFIG_GET		"config-get"
#define VERB_CONFIG_SET		"config-set"
#define VERB_CONFIG_EXPORT	"config-export"
#define VERB_CONFIG_IMPORT	"config-import"
#define VERB_FACTORY_RESET	"factory-reset"
#define VERB_NET_SET		"net-set"
#define VERB_NET_SHOW		"net-show"
#define VERB_REBOOT		"reboot"
#define VERB_STREAM_KEY		"stream-key"
#define VERB_VERSION		"version"
#define VERB_FIRMWARE_STATUS	"firmware-status"
#define VERB_FIRMWARE_BEGIN	"firmware-begin"
#define VERB_FIRMWARE_CHUNK	"firmware-chunk"
#define VERB_FIRMWARE_INSTALL	"firmware-install"

/* Replies: records, then ok or err */
#define REPLY_REC		"rec"
#define REPLY_OK		"ok"
#define REPLY_ERR		"err"

#endif
