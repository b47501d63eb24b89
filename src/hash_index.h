/* SPDX-License-Identifier: MIT */
/* The one hash map of the library: an index over a list the owner keeps
 * (items 0..n-1, in the owner's order), by open addressing on the keyed
 * hash (hash.h) with a bounded probe. A probe longer than
 * POSTPARSE__PROBE_LIMIT moves every item to the tree of full hashes
 * (hash_tree.h) for good, so that keys aimed at one slot cost O(log n) a
 * lookup, not O(n). */
#ifndef POSTPARSE_HASH_INDEX_H
#define POSTPARSE_HASH_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "hash_tree.h"

/* The owner's side: ctx is its list and the key being looked up. */
typedef struct postparse__hash_index_ops {
    /* Is item the key being looked up? */
    bool (*eq)(void *ctx, size_t item);
    /* The hash of item, to place it again when the index grows. */
    uint64_t (*hash)(void *ctx, size_t item);
    void *ctx;
} postparse__hash_index_ops;

typedef struct postparse__hash_index {
    size_t *slots;      /* item + 1; 0: empty */
    size_t cap;         /* power of two, or 0 */
    const size_t *lent; /* the owner's slots, never freed */
    bool treed;         /* a probe ran past the limit: the tree holds them */
    postparse__hash_tree tree;
} postparse__hash_index;

/* The first capacity of an index that was lent nothing. */
#define POSTPARSE__HASH_INDEX_FIRST_CAP 16

/* slots: cap (a power of two) slots of the owner's, used until the index
 * outgrows them; all 0, or filled by postparse__hash_index_place. */
void postparse__hash_index_lend(postparse__hash_index *x, size_t *slots,
                                size_t cap);

/* Places items 0..n-1 (distinct keys) into an empty index. false: out of
 * memory. */
bool postparse__hash_index_place(postparse__hash_index *x,
                                 const postparse_allocator *a,
                                 const postparse__hash_index_ops *ops,
                                 size_t n);

/* The item whose key is the one of hash h that ops->eq accepts, among the
 * n items indexed: *found is it. Otherwise *found is SIZE_MAX and, with
 * add, item n is indexed (the owner appends it to its list). The index
 * grows to keep at most half its slots full. false: out of memory. */
bool postparse__hash_index_find(postparse__hash_index *x,
                                const postparse_allocator *a,
                                const postparse__hash_index_ops *ops,
                                uint64_t h, size_t n, bool add, size_t *found);

void postparse__hash_index_free(postparse__hash_index *x,
                                const postparse_allocator *a);

#endif
