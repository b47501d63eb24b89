/* SPDX-License-Identifier: MIT */
#include "hash_index.h"

#include <string.h>

void postparse__hash_index_lend(postparse__hash_index *x, size_t *slots,
                                size_t cap)
{
    x->slots = slots;
    x->lent = slots;
    x->cap = cap;
}

/* Every item into the tree, for good. */
static bool never_equal(void *ctx, size_t item)
{
    (void)ctx;
    (void)item;
    return false;
}

static bool to_tree(postparse__hash_index *x, const postparse_allocator *a,
                    const postparse__hash_index_ops *ops, size_t n)
{
    x->treed = true;
    for (size_t k = 0; k < n; k++) {
        size_t found;
        if (!postparse__hash_tree_find_or_add(
                &x->tree, a, ops->hash(ops->ctx, k), never_equal, NULL, true, k,
                &found))
            return false;
    }
    return true;
}

bool postparse__hash_index_place(postparse__hash_index *x,
                                 const postparse_allocator *a,
                                 const postparse__hash_index_ops *ops, size_t n)
{
    memset(x->slots, 0, x->cap * sizeof(*x->slots));
    size_t mask = x->cap - 1;
    for (size_t k = 0; k < n; k++) {
        size_t i = ops->hash(ops->ctx, k) & mask;
        int step = 0;
        while (x->slots[i] && ++step < POSTPARSE__PROBE_LIMIT)
            i = (i + 1) & mask;
        if (x->slots[i])
            return to_tree(x, a, ops, n);
        x->slots[i] = k + 1;
    }
    return true;
}

static bool grow(postparse__hash_index *x, const postparse_allocator *a,
                 const postparse__hash_index_ops *ops, size_t n)
{
    size_t cap = x->cap ? x->cap * 2 : POSTPARSE__HASH_INDEX_FIRST_CAP;
    if (cap > SIZE_MAX / sizeof(size_t))
        return false;
    size_t *slots = postparse__malloc(a, cap * sizeof(size_t));
    if (!slots)
        return false;
    if (x->slots != x->lent)
        postparse__free(a, x->slots, x->cap * sizeof(size_t));
    x->slots = slots;
    x->cap = cap;
    return postparse__hash_index_place(x, a, ops, n);
}

bool postparse__hash_index_find(postparse__hash_index *x,
                                const postparse_allocator *a,
                                const postparse__hash_index_ops *ops,
                                uint64_t h, size_t n, bool add, size_t *found)
{
    *found = SIZE_MAX;
    if (add && !x->treed && (n + 1) * 2 > x->cap && !grow(x, a, ops, n))
        return false;
    if (!x->treed) {
        if (!x->cap)
            return true;
        size_t mask = x->cap - 1;
        size_t i = h & mask;
        for (int step = 0; step < POSTPARSE__PROBE_LIMIT;
             step++, i = (i + 1) & mask) {
            if (!x->slots[i]) {
                if (add)
                    x->slots[i] = n + 1;
                return true;
            }
            if (ops->eq(ops->ctx, x->slots[i] - 1)) {
                *found = x->slots[i] - 1;
                return true;
            }
        }
        if (!to_tree(x, a, ops, n))
            return false;
    }
    return postparse__hash_tree_find_or_add(&x->tree, a, h, ops->eq, ops->ctx,
                                            add, n, found);
}

void postparse__hash_index_free(postparse__hash_index *x,
                                const postparse_allocator *a)
{
    if (x->slots != x->lent)
        postparse__free(a, x->slots, x->cap * sizeof(*x->slots));
    postparse__hash_tree_free(&x->tree, a);
    memset(x, 0, sizeof(*x));
}
