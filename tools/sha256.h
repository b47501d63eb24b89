/* SPDX-License-Identifier: MIT */
/* SHA-256 of a byte stream, through OpenSSL's libcrypto (EVP). */
#ifndef POSTPARSE_TOOLS_SHA256_H
#define POSTPARSE_TOOLS_SHA256_H

#include <stdbool.h>
#include <stddef.h>

#define SHA256_HEX_SIZE 65 /* 64 hex digits and a NUL */

typedef struct sha256 {
    void *ctx; /* EVP_MD_CTX, owned */
} sha256;

/* Each returns false on failure (out of memory inside libcrypto). */
bool sha256_init(sha256 *h);
/* Starts a new digest; a sha256 is reused across files. */
bool sha256_begin(sha256 *h);
bool sha256_update(sha256 *h, const void *data, size_t len);
/* The digest of everything since sha256_begin, as lowercase hex. */
bool sha256_end(sha256 *h, char hex[SHA256_HEX_SIZE]);
void sha256_dispose(sha256 *h);

#endif
