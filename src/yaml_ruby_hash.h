/* SPDX-License-Identifier: MIT */
/* A mapping's entries as Psych builds its Ruby Hash: keys compared by
 * eql?, insertion order kept, a key set again taking the new value. */
#ifndef POSTPARSE_YAML_RUBY_HASH_H
#define POSTPARSE_YAML_RUBY_HASH_H

#include <stdbool.h>
#include <stddef.h>

#include "base_array.h"
#include "hash.h"
#include "hash_index.h"
#include "value.h"

/* Entries and slots lent by the builder's owner: a mapping of up to 15
 * keys is built without an allocation. */
enum { POSTPARSE__RUBY_HASH_LENT = 32, POSTPARSE__RUBY_HASH_LINEAR = 8 };

typedef struct postparse__ruby_hash {
    const postparse__hash_key *key;
    postparse__vec entries;      /* of postparse_value *, key then value */
    postparse__hash_index index; /* item: entry pair */
    postparse_value *lent_entries[POSTPARSE__RUBY_HASH_LENT];
    size_t lent_slots[POSTPARSE__RUBY_HASH_LENT];
    /* The index is in use: the first POSTPARSE__RUBY_HASH_LINEAR keys are found
     * by comparing them in turn, cheaper than hashing them (most mappings of a
     * front matter are that small). */
    bool indexed;
} postparse__ruby_hash;

void postparse__ruby_hash_init(postparse__ruby_hash *h,
                               const postparse__hash_key *key);
void postparse__ruby_hash_free(postparse__ruby_hash *h,
                               const postparse_allocator *a);

/* hash[key] = value. *old (may be NULL): the key it replaced (for the
 * diagnostic), or NULL. false: out of memory. */
bool postparse__ruby_hash_set(postparse__ruby_hash *h,
                              const postparse_allocator *a,
                              postparse_value *key, postparse_value *value,
                              postparse_value **old);

/* Every entry of the mapping src, in its order (a merge key's <<). */
bool postparse__ruby_hash_merge(postparse__ruby_hash *h,
                                const postparse_allocator *a,
                                const postparse_value *src);

#endif
