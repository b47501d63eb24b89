/* SPDX-License-Identifier: MIT */
/* Anchors: name -> value, a hash index over a list of them (so that the
 * tree a long probe falls back to can name them by index). */
#include "yaml_anchor.h"

#include <string.h>

typedef struct anchor_lookup {
    const postparse__anchor_table *t;
    const postparse__hash_key *key;
    const char *name;
    size_t len;
} anchor_lookup;

static bool anchor_eq(void *ctx, size_t index)
{
    const anchor_lookup *l = ctx;
    const postparse__anchor *a =
        (const postparse__anchor *)l->t->list.p + index;
    return a->len == l->len && !memcmp(a->name, l->name, l->len);
}

static uint64_t anchor_hash(void *ctx, size_t index)
{
    const anchor_lookup *l = ctx;
    const postparse__anchor *a =
        (const postparse__anchor *)l->t->list.p + index;
    return postparse__hash_bytes(l->key, a->name, a->len);
}

/* The anchor of that name, or NULL. With add, a missing one is added
 * (name NULL: the caller names it); NULL then means out of memory. */
postparse__anchor *postparse__anchor_get(postparse__anchor_table *t,
                                         const postparse__hash_key *key,
                                         const postparse_allocator *a,
                                         const char *name, bool add)
{
    size_t len = strlen(name);
    anchor_lookup l = {t, key, name, len};
    postparse__hash_index_ops ops = {anchor_eq, anchor_hash, &l};
    size_t at;
    if (!postparse__hash_index_find(&t->index, a, &ops,
                                    postparse__hash_bytes(key, name, len),
                                    t->list.n, add, &at))
        return NULL;
    if (at != SIZE_MAX)
        return (postparse__anchor *)t->list.p + at;
    if (!add)
        return NULL;
    postparse__anchor fresh = {NULL, len, NULL};
    if (!postparse__vec_push(&t->list, a, &fresh))
        return NULL;
    return (postparse__anchor *)t->list.p + t->list.n - 1;
}

bool postparse__anchor_set(postparse__anchor_table *t,
                           const postparse__hash_key *key,
                           const postparse_allocator *a,
                           postparse__arena *arena, const char *name,
                           postparse_value *v)
{
    postparse__anchor *s = postparse__anchor_get(t, key, a, name, true);
    if (!s)
        return false;
    if (!s->name) {
        s->name = postparse__arena_strndup(arena, name, s->len);
        if (!s->name)
            return false;
    }
    s->v = v; /* Psych: a later anchor of the same name replaces it */
    return true;
}

void postparse__anchor_free(postparse__anchor_table *t,
                            const postparse_allocator *a)
{
    postparse__vec_free(&t->list, a);
    postparse__hash_index_free(&t->index, a);
}
