/* SPDX-License-Identifier: MIT */
#include "buffer.h"

#include <string.h>

#include "base_array.h"

#define BUFFER_FIRST_CAP 64

bool postparse__buffer_reserve(postparse__buffer *b,
                               const postparse_allocator *a, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        return false;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return true;
    void *data = b->data;
    if (!postparse__array_grow(a, &data, &b->cap, b->len, need, 1,
                               b->first_cap ? b->first_cap : BUFFER_FIRST_CAP,
                               NULL))
        return false;
    b->data = data;
    b->data[b->len] = '\0';
    return true;
}

bool postparse__buffer_append(postparse__buffer *b,
                              const postparse_allocator *a, const void *data,
                              size_t len)
{
    if (!postparse__buffer_reserve(b, a, len))
        return false;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return true;
}

void postparse__buffer_free(postparse__buffer *b, const postparse_allocator *a)
{
    postparse__free(a, b->data, b->cap);
    b->data = NULL;
    b->len = b->cap = 0;
}
