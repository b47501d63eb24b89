/* SPDX-License-Identifier: MIT */
/* A bump arena on the allocator hooks: the value tree of one parse lives in
 * it and goes away all at once on reset or free. */
#ifndef POSTPARSE_ARENA_H
#define POSTPARSE_ARENA_H

#include "alloc.h"

typedef struct postparse__arena_block postparse__arena_block;

typedef struct postparse__arena {
    const postparse_allocator *alloc; /* borrowed; must outlive the arena */
    postparse__arena_block *head;     /* newest block first */
    size_t used;                      /* bytes handed out in head */
    size_t total;                     /* bytes of all blocks, for stats */
} postparse__arena;

void postparse__arena_init(postparse__arena *a,
                           const postparse_allocator *alloc);
/* size bytes aligned for any scalar type; NULL when out of memory. */
void *postparse__arena_alloc(postparse__arena *a, size_t size);
/* A NUL-terminated copy of n bytes (which may contain NULs). */
char *postparse__arena_strndup(postparse__arena *a, const char *s, size_t n);
/* Frees every block but the first, which is kept for the next parse. */
void postparse__arena_reset(postparse__arena *a);
void postparse__arena_free(postparse__arena *a);

#endif
