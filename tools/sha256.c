/* SPDX-License-Identifier: MIT */
#include "sha256.h"

#include <openssl/evp.h>

bool sha256_init(sha256 *h)
{
    h->ctx = EVP_MD_CTX_new();
    return h->ctx != NULL;
}

bool sha256_begin(sha256 *h)
{
    return EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL) == 1;
}

bool sha256_update(sha256 *h, const void *data, size_t len)
{
    return EVP_DigestUpdate(h->ctx, data, len) == 1;
}

bool sha256_end(sha256 *h, char hex[SHA256_HEX_SIZE])
{
    static const char digits[] = "0123456789abcdef";
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;

    if (EVP_DigestFinal_ex(h->ctx, md, &n) != 1 || n != 32)
        return false;
    for (unsigned int i = 0; i < n; i++) {
        hex[2 * i] = digits[md[i] >> 4];
        hex[2 * i + 1] = digits[md[i] & 15];
    }
    hex[2 * n] = '\0';
    return true;
}

void sha256_dispose(sha256 *h)
{
    EVP_MD_CTX_free(h->ctx);
    h->ctx = NULL;
}
