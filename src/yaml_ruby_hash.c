/* SPDX-License-Identifier: MIT */
/* Building a Ruby Hash: insertion order, a key set again keeps its place
 * and takes the new value. */
#include "yaml_ruby_hash.h"

#include <string.h>

void postparse__ruby_hash_init(postparse__ruby_hash *h,
                               const postparse__hash_key *key)
{
    h->key = key;
    postparse__vec_init(&h->entries, sizeof(postparse_value *));
    postparse__vec_lend(&h->entries, h->lent_entries,
                        POSTPARSE__RUBY_HASH_LENT);
    memset(&h->index, 0, sizeof h->index);
    postparse__hash_index_lend(&h->index, h->lent_slots,
                               POSTPARSE__RUBY_HASH_LENT);
    h->indexed = false;
}

void postparse__ruby_hash_free(postparse__ruby_hash *h,
                               const postparse_allocator *a)
{
    postparse__vec_free(&h->entries, a);
    postparse__hash_index_free(&h->index, a);
}

typedef struct hb_lookup {
    const postparse__ruby_hash *h;
    const postparse_value *key;
} hb_lookup;

static bool hb_eq(void *ctx, size_t index)
{
    const hb_lookup *l = ctx;
    postparse_value *const *e = l->h->entries.p;
    return postparse__value_key_equal(e[2 * index], l->key);
}

static uint64_t hb_hash(void *ctx, size_t index)
{
    const hb_lookup *l = ctx;
    postparse_value *const *e = l->h->entries.p;
    return postparse__value_key_hash(l->h->key, e[2 * index]);
}

/* hash[key] = value. *old: the key it replaced (for the diagnostic), or
 * NULL. */
bool postparse__ruby_hash_set(postparse__ruby_hash *h,
                              const postparse_allocator *a,
                              postparse_value *key, postparse_value *value,
                              postparse_value **old)
{
    size_t n = h->entries.n / 2;
    size_t at = SIZE_MAX; /* the entry of an equal key */
    if (!h->indexed && n < POSTPARSE__RUBY_HASH_LINEAR) {
        postparse_value **e = h->entries.p;
        for (size_t k = 0; k < n && at == SIZE_MAX; k++)
            if (postparse__value_key_equal(e[2 * k], key))
                at = k;
    } else {
        hb_lookup l = {h, key};
        postparse__hash_index_ops ops = {hb_eq, hb_hash, &l};
        /* The lent slots (POSTPARSE__RUBY_HASH_LENT > 2 *
         * POSTPARSE__RUBY_HASH_LINEAR) take the keys so far. */
        if (!h->indexed && !postparse__hash_index_place(&h->index, a, &ops, n))
            return false;
        h->indexed = true;
        if (!postparse__hash_index_find(&h->index, a, &ops,
                                        postparse__value_key_hash(h->key, key),
                                        n, true, &at))
            return false;
    }
    postparse_value **e = h->entries.p;
    if (at != SIZE_MAX) {
        if (old)
            *old = e[2 * at];
        e[2 * at + 1] = value;
        return true;
    }
    if (old)
        *old = NULL;
    return postparse__vec_push(&h->entries, a, &key) &&
           postparse__vec_push(&h->entries, a, &value);
}

bool postparse__ruby_hash_merge(postparse__ruby_hash *h,
                                const postparse_allocator *a,
                                const postparse_value *src)
{
    for (size_t k = 0; k < src->u.c.n; k++)
        if (!postparse__ruby_hash_set(h, a, src->u.c.items[2 * k],
                                      src->u.c.items[2 * k + 1], NULL))
            return false;
    return true;
}
