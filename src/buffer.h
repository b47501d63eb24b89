/* SPDX-License-Identifier: MIT */
/* A growable byte buffer on the allocator hooks. */
#ifndef POSTPARSE_BUFFER_H
#define POSTPARSE_BUFFER_H

#include "alloc.h"

typedef struct postparse__buffer {
    char *data; /* NUL-terminated when len > 0 or after reserve */
    size_t len;
    size_t cap;
    /* The capacity of the first allocation when it is 0 (64 then): a buffer
     * handed on (postparse_parser_take_doc) leaves its size here, so that
     * the next one of the same size is allocated once, when it is needed. */
    size_t first_cap;
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
