/* SPDX-License-Identifier: MIT */
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <string.h>

struct postparse__arena_block {
    postparse__arena_block *next;
    size_t size; /* usable bytes after the header */
    alignas(max_align_t) unsigned char data[];
};

/* Small enough that a short front matter costs one allocation, large enough
 * that a big one needs few. */
#define ARENA_BLOCK_MIN 8192u

void postparse__arena_init(postparse__arena *a,
                           const postparse_allocator *alloc)
{
    a->alloc = alloc;
    a->head = NULL;
    a->used = 0;
    a->total = 0;
}

static size_t align_up(size_t n)
{
    size_t al = alignof(max_align_t);
    return (n + al - 1) & ~(al - 1);
}

void *postparse__arena_alloc(postparse__arena *a, size_t size)
{
    if (size > SIZE_MAX / 2)
        return NULL;
    size = align_up(size ? size : 1);
    if (a->head && a->head->size - a->used >= size) {
        void *p = a->head->data + a->used;
        a->used += size;
        return p;
    }
    /* Blocks double with the arena so that the count of blocks stays
     * logarithmic in its size. */
    size_t want = a->total > ARENA_BLOCK_MIN ? a->total : ARENA_BLOCK_MIN;
    if (want < size)
        want = size;
    if (want > SIZE_MAX - sizeof(postparse__arena_block))
        return NULL;
    postparse__arena_block *b =
        postparse__malloc(a->alloc, sizeof(postparse__arena_block) + want);
    if (!b)
        return NULL;
    b->size = want;
    b->next = a->head;
    a->head = b;
    a->total += want;
    a->used = size;
    return b->data;
}

char *postparse__arena_strndup(postparse__arena *a, const char *s, size_t n)
{
    if (n == SIZE_MAX)
        return NULL;
    char *p = postparse__arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static void free_blocks(postparse__arena *a, postparse__arena_block *b)
{
    while (b) {
        postparse__arena_block *next = b->next;
        postparse__free(a->alloc, b, sizeof(*b) + b->size);
        b = next;
    }
}

void postparse__arena_reset(postparse__arena *a)
{
    if (!a->head)
        return;
    postparse__arena_block *last = a->head;
    postparse__arena_block *prev = NULL;
    while (last->next) {
        prev = last;
        last = last->next;
    }
    if (prev) {
        prev->next = NULL;
        free_blocks(a, a->head);
    }
    a->head = last;
    a->total = last->size;
    a->used = 0;
}

void postparse__arena_free(postparse__arena *a)
{
    free_blocks(a, a->head);
    postparse__arena_init(a, a->alloc);
}
