/* SPDX-License-Identifier: MIT */
/* Every allocation of postparse goes through the caller's hooks. */
#ifndef POSTPARSE_ALLOC_H
#define POSTPARSE_ALLOC_H

#include <postparse/common.h>

/* a may be NULL or have NULL hooks: the C library is used then. */
void *postparse__malloc(const postparse_allocator *a, size_t size);
void *postparse__realloc(const postparse_allocator *a, void *p, size_t old_size,
                         size_t new_size);
void postparse__free(const postparse_allocator *a, void *p, size_t size);

/* false for a half-set allocator (some hooks NULL, some not): mixing two
 * heaps would corrupt memory, so all three are set or none is. */
bool postparse__allocator_valid(const postparse_allocator *a);

#endif
