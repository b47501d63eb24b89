/* SPDX-License-Identifier: MIT */
#include "alloc.h"

#include <stdlib.h>

static bool hooks_set(const postparse_allocator *a)
{
    return a && a->malloc && a->realloc && a->free;
}

bool postparse__allocator_valid(const postparse_allocator *a)
{
    if (!a)
        return true;
    bool any = a->malloc || a->realloc || a->free;
    return !any || hooks_set(a);
}

void *postparse__malloc(const postparse_allocator *a, size_t size)
{
    if (size == 0)
        size = 1;
    return hooks_set(a) ? a->malloc(a->ctx, size) : malloc(size);
}

void *postparse__realloc(const postparse_allocator *a, void *p, size_t old_size,
                         size_t new_size)
{
    if (new_size == 0)
        new_size = 1;
    return hooks_set(a) ? a->realloc(a->ctx, p, old_size, new_size)
                        : realloc(p, new_size);
}

void postparse__free(const postparse_allocator *a, void *p, size_t size)
{
    if (!p)
        return;
    if (hooks_set(a))
        a->free(a->ctx, p, size);
    else
        free(p);
}
