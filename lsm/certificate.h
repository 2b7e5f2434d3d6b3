/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * camsec LSM - what a certificate is for
 */

#ifndef _SECURITY_CAMSEC_CERTIFICATE_H
#define _SECURITY_CAMSEC_CERTIFICATE_H

#include <linux/types.h>

bool camsec_cert_for_code_signing(const void *data, size_t len);

#endif /* _SECURITY_CAMSEC_CERTIFICATE_H */
