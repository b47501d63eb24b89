/* SPDX-License-Identifier: MIT */
/* A growable byte buffer on the allocator hooks. */
#ifndef POSTPARSE_BUFFER_H
#define POSTPARSE_BUFFER_H

#include "alloc.h"

typedef struct postparse__buffer {
    char *data; /* NUL-terminated when len > 0 or after reserve */
    size_t len;
    size_t cap;
} postparse__buffer;

/* Make room for extra more bytes plus a terminating NUL. false: out of
 * memory (the buffer is unchanged). */
bool postparse__buffer_reserve(postparse__buffer *b,
                               const postparse_allocator *a, size_t extra);
bool postparse__buffer_append(postparse__buffer *b,
                              const postparse_allocator *a, const void *data,
                              size_t len);
void postparse__buffer_free(postparse__buffer *b, const postparse_allocator *a);

#endif
