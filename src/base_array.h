/* SPDX-License-Identifier: MIT */
/* The one growable array of the library, on the allocator hooks. Every
 * list grows by the same rule (postparse__array_grow); postparse__vec is
 * the list for owners that keep nothing else beside it. */
#ifndef POSTPARSE_BASE_ARRAY_H
#define POSTPARSE_BASE_ARRAY_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "alloc.h"

/* The number of elements of an array (not of a pointer). */
#define POSTPARSE__COUNT(a) (sizeof(a) / sizeof(*(a)))

/* A string literal and its length, for the calls that take both: no
 * length counted by hand ("published", 9). */
#define POSTPARSE__LIT(s) (s), (sizeof(s) - 1)

/* Room for need elements of elem bytes in *p (*cap of them now, n in use):
 * the capacity doubles, from *cap or else from first_cap, until it holds
 * need. The first allocation is a malloc (an allocator's realloc hook
 * need not take NULL). Storage the owner lent (lent: on its stack or inside a
 * struct, so that a short list costs no allocation) is copied out, never
 * reallocated or freed. false, with *p and *cap unchanged: out of memory, or a
 * size past SIZE_MAX. */
bool postparse__array_grow(const postparse_allocator *a, void **p, size_t *cap,
                           size_t n, size_t need, size_t elem, size_t first_cap,
                           const void *lent);

/* Frees *p unless it is the lent storage. */
void postparse__array_free(const postparse_allocator *a, void *p, size_t cap,
                           size_t elem, const void *lent);

/* A list of elements of one size. The first elements may live in storage
 * the owner lends (postparse__vec_lend): the arrays of a front matter of
 * usual size then cost no allocation (they were about a third of a post's
 * mallocs). */
typedef struct postparse__vec {
    void *p;
    size_t n, cap, elem;
    void *lent; /* the owner's storage; p is it until the array outgrows it */
} postparse__vec;

/* The first capacity of a vec that was lent nothing. */
#define POSTPARSE__VEC_FIRST_CAP 16

static inline void postparse__vec_init(postparse__vec *v, size_t elem)
{
    *v = (postparse__vec){NULL, 0, 0, elem, NULL};
}

static inline void postparse__vec_lend(postparse__vec *v, void *storage,
                                       size_t cap)
{
    v->p = v->lent = storage;
    v->cap = cap;
}

/* Appends the elem bytes at x. false: out of memory (v unchanged). */
static inline bool postparse__vec_push(postparse__vec *v,
                                       const postparse_allocator *a,
                                       const void *x)
{
    if (v->n == v->cap &&
        !postparse__array_grow(a, &v->p, &v->cap, v->n, v->n + 1, v->elem,
                               POSTPARSE__VEC_FIRST_CAP, v->lent))
        return false;
    memcpy((char *)v->p + v->n * v->elem, x, v->elem);
    v->n++;
    return true;
}

static inline void postparse__vec_free(postparse__vec *v,
                                       const postparse_allocator *a)
{
    postparse__array_free(a, v->p, v->cap, v->elem, v->lent);
    v->p = v->lent = NULL;
    v->n = v->cap = 0;
}

#endif
