/* SPDX-License-Identifier: MIT */
/* The anchors of a YAML document: each name to the value it was last
 * set on. */
#ifndef POSTPARSE_YAML_ANCHOR_H
#define POSTPARSE_YAML_ANCHOR_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "base_array.h"
#include "hash.h"
#include "hash_index.h"
#include "value.h"

typedef struct postparse__anchor {
    const char *name;
    size_t len;
    postparse_value *v;
} postparse__anchor;

typedef struct postparse__anchor_table {
    postparse__vec list; /* of anchor */
    postparse__hash_index index;
} postparse__anchor_table;

/* The anchor of that name, or NULL. With add, a missing one is added
 * (name NULL: the caller names it); NULL then means out of memory. */
postparse__anchor *postparse__anchor_get(postparse__anchor_table *t,
                                         const postparse__hash_key *key,
                                         const postparse_allocator *a,
                                         const char *name, bool add);

/* name -> v (a later anchor of the same name replaces it, as in Psych);
 * the name is copied into the arena. false: out of memory. */
bool postparse__anchor_set(postparse__anchor_table *t,
                           const postparse__hash_key *key,
                           const postparse_allocator *a,
                           postparse__arena *arena, const char *name,
                           postparse_value *v);

void postparse__anchor_free(postparse__anchor_table *t,
                            const postparse_allocator *a);

#endif
