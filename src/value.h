/* SPDX-License-Identifier: MIT */
/* The value tree's representation, shared by the loader, the resolver and
 * the JSON writer. Public accessors are in <postparse/value.h>. */
#ifndef POSTPARSE_VALUE_INTERNAL_H
#define POSTPARSE_VALUE_INTERNAL_H

#include <postparse/value.h>

#include "arena.h"
#include "hash.h"

enum {
    POSTPARSE__VALUE_BIG = 1u << 0,         /* int beyond int64: digits in s */
    POSTPARSE__VALUE_QUOTED = 1u << 1,      /* non-plain scalar */
    POSTPARSE__VALUE_RECURSIVE = 1u << 2,   /* contains itself */
    POSTPARSE__VALUE_INVALID_UTF8 = 1u << 3 /* string bytes not UTF-8 */
};

struct postparse_value {
    uint8_t kind; /* postparse_value_kind */
    uint8_t flags;
    postparse_pos pos;
    const char *text; /* scalar text as read, NUL-terminated, or NULL */
    size_t text_len;
    const char *tag; /* NULL when untagged */
    /* Nodes this value stands for once aliases are expanded (itself and
     * everything below it): what the alias budget counts. */
    uint64_t weight;
    union {
        bool b;
        int64_t i;
        double f;
        struct {
            const char *p; /* NUL-terminated */
            size_t n;
        } s;
        postparse_datetime dt; /* timestamps and dates */
        struct {
            /* sequence: n items; mapping: 2n pointers, key then value */
            postparse_value **items;
            size_t n;
        } c;
    } u;
};

/* A zeroed value of kind in the arena, or NULL. */
postparse_value *postparse__value_new(postparse__arena *arena,
                                      postparse_value_kind kind);

/* Ruby's Hash#eql? view of two keys: same kind and same content (1 and 1.0
 * differ, two dates of the same day do not). */
bool postparse__value_key_equal(const postparse_value *a,
                                const postparse_value *b);
/* A keyed hash consistent with postparse__value_key_equal, by content
 * (collections by their items, recursively). */
uint64_t postparse__value_key_hash(const postparse__hash_key *key,
                                   const postparse_value *v);

/* Jekyll's Utils.deep_merge_hashes(target, over) of two mappings (either
 * may be NULL: empty): a new mapping in the arena with target's keys in
 * their order, over's new keys after them; a null in over keeps target's
 * value; two mappings under one key merge the same way (to a depth of
 * 200: deeper, over's mapping replaces). Values are shared, not copied.
 * NULL when out of memory. */
postparse_value *postparse__value_deep_merge(postparse__arena *arena,
                                             const postparse_value *target,
                                             const postparse_value *over);

#endif
