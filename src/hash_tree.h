/* SPDX-License-Identifier: MIT */
/* Where a hash table goes when a probe runs too long: an AVL tree ordered
 * by the keys' full 64-bit hashes, items of one hash chained. Linear
 * probing costs O(n) a lookup when keys share their low bits, which is
 * cheap to arrange for anyone who knows the hash key (a caller's fixed
 * seed, or a leaked one); sharing all 64 bits is not (a birthday search
 * of 2^32 for two keys, far more for many). So a table that falls back
 * here costs O(log n) a lookup with any key. */
#ifndef POSTPARSE_HASH_TREE_H
#define POSTPARSE_HASH_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "alloc.h"

/* Probe steps after which a table falls back to the tree. With a random
 * key and a load of at most one half, a probe this long is never seen. */
#define POSTPARSE__PROBE_LIMIT 64

typedef struct postparse__hash_tree_node {
    uint64_t hash;
    size_t item;
    uint32_t left, right, next; /* node index + 1; 0: none */
    int height;
} postparse__hash_tree_node;

typedef struct postparse__hash_tree {
    postparse__hash_tree_node *nodes;
    size_t n, cap;
    uint32_t root;
} postparse__hash_tree;

/* Does the table's item equal the key being looked up? */
typedef bool (*postparse__hash_tree_eq)(void *ctx, size_t item);

/* The item of hash h that eq accepts: *found is it, and true. Otherwise,
 * when add is true, item is added and *found is SIZE_MAX. Returns false
 * only when out of memory. */
bool postparse__hash_tree_find_or_add(postparse__hash_tree *t,
                                      const postparse_allocator *a, uint64_t h,
                                      postparse__hash_tree_eq eq, void *ctx,
                                      bool add, size_t item, size_t *found);

void postparse__hash_tree_free(postparse__hash_tree *t,
                               const postparse_allocator *a);

#endif
