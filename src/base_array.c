/* SPDX-License-Identifier: MIT */
#include "base_array.h"

#include <stdint.h>

bool postparse__array_grow(const postparse_allocator *a, void **p, size_t *cap,
                           size_t n, size_t need, size_t elem, size_t first_cap,
                           const void *lent)
{
    if (need <= *cap)
        return true;
    size_t c = *cap ? *cap : first_cap ? first_cap : 1;
    while (c < need)
        c = c > SIZE_MAX / 2 ? need : c * 2;
    if (c > SIZE_MAX / elem)
        return false;
    void *np;
    if (!*p || *p == lent) {
        np = postparse__malloc(a, c * elem);
        if (np && n)
            memcpy(np, *p, n * elem);
    } else {
        np = postparse__realloc(a, *p, *cap * elem, c * elem);
    }
    if (!np)
        return false;
    *p = np;
    *cap = c;
    return true;
}

void postparse__array_free(const postparse_allocator *a, void *p, size_t cap,
                           size_t elem, const void *lent)
{
    if (p != lent)
        postparse__free(a, p, cap * elem);
}
