/* SPDX-License-Identifier: MIT */
#include "buffer.h"

#include <string.h>

bool postparse__buffer_reserve(postparse__buffer *b,
                               const postparse_allocator *a, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        return false;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : b->first_cap ? b->first_cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *data = postparse__realloc(a, b->data, b->cap, cap);
    if (!data)
        return false;
    b->data = data;
    b->cap = cap;
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
