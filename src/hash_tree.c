/* SPDX-License-Identifier: MIT */
#include "hash_tree.h"

#include <string.h>

#include "base_array.h"

#define NODE(t, i) (&(t)->nodes[(i)-1])

static int height(const postparse__hash_tree *t, uint32_t i)
{
    return i ? NODE(t, i)->height : 0;
}

static void update(postparse__hash_tree *t, uint32_t i)
{
    int l = height(t, NODE(t, i)->left), r = height(t, NODE(t, i)->right);
    NODE(t, i)->height = 1 + (l > r ? l : r);
}

static uint32_t rotate_right(postparse__hash_tree *t, uint32_t i)
{
    uint32_t l = NODE(t, i)->left;
    NODE(t, i)->left = NODE(t, l)->right;
    NODE(t, l)->right = i;
    update(t, i);
    update(t, l);
    return l;
}

static uint32_t rotate_left(postparse__hash_tree *t, uint32_t i)
{
    uint32_t r = NODE(t, i)->right;
    NODE(t, i)->right = NODE(t, r)->left;
    NODE(t, r)->left = i;
    update(t, i);
    update(t, r);
    return r;
}

static uint32_t balance(postparse__hash_tree *t, uint32_t i)
{
    update(t, i);
    int b = height(t, NODE(t, i)->left) - height(t, NODE(t, i)->right);
    if (b > 1) {
        uint32_t l = NODE(t, i)->left;
        if (height(t, NODE(t, l)->left) < height(t, NODE(t, l)->right))
            NODE(t, i)->left = rotate_left(t, l);
        return rotate_right(t, i);
    }
    if (b < -1) {
        uint32_t r = NODE(t, i)->right;
        if (height(t, NODE(t, r)->right) < height(t, NODE(t, r)->left))
            NODE(t, i)->right = rotate_right(t, r);
        return rotate_left(t, i);
    }
    return i;
}

/* Inserts node k (a new hash) below i; returns the subtree's new root. */
static uint32_t insert(postparse__hash_tree *t, uint32_t i, uint32_t k)
{
    if (!i)
        return k;
    if (NODE(t, k)->hash < NODE(t, i)->hash)
        NODE(t, i)->left = insert(t, NODE(t, i)->left, k);
    else
        NODE(t, i)->right = insert(t, NODE(t, i)->right, k);
    return balance(t, i);
}

bool postparse__hash_tree_find_or_add(postparse__hash_tree *t,
                                      const postparse_allocator *a, uint64_t h,
                                      postparse__hash_tree_eq eq, void *ctx,
                                      bool add, size_t item, size_t *found)
{
    uint32_t i = t->root;
    while (i && NODE(t, i)->hash != h)
        i = h < NODE(t, i)->hash ? NODE(t, i)->left : NODE(t, i)->right;
    for (uint32_t c = i; c; c = NODE(t, c)->next)
        if (eq(ctx, NODE(t, c)->item)) {
            *found = NODE(t, c)->item;
            return true;
        }
    *found = SIZE_MAX;
    if (!add)
        return true;
    if (t->n == t->cap) {
        void *nodes = t->nodes;
        /* Nodes are named by 32-bit indexes. */
        if (t->cap >= UINT32_MAX / 2 ||
            !postparse__array_grow(a, &nodes, &t->cap, t->n, t->n + 1,
                                   sizeof(*t->nodes), 64, NULL))
            return false;
        t->nodes = nodes;
    }
    uint32_t k = (uint32_t)++t->n;
    *NODE(t, k) = (postparse__hash_tree_node){h, item, 0, 0, 0, 1};
    if (i) {
        /* The same hash: chained after the first node of it. */
        NODE(t, k)->next = NODE(t, i)->next;
        NODE(t, i)->next = k;
    } else {
        t->root = insert(t, t->root, k);
    }
    return true;
}

void postparse__hash_tree_free(postparse__hash_tree *t,
                               const postparse_allocator *a)
{
    postparse__free(a, t->nodes, t->cap * sizeof(*t->nodes));
    memset(t, 0, sizeof(*t));
}
