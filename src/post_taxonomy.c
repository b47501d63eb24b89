/* SPDX-License-Identifier: MIT */
/* Categories and tags, in Jekyll 4.3's order of operations:
 *  - the front matter merge (merge_categories!): a string `categories` is
 *    split on whitespace, a list is united with the file path's categories
 *    ([] | list, so duplicates go), anything else raises TypeError and the
 *    read ends with no data;
 *  - populate_categories: Array(categories) + the singular `category` (kept
 *    whole) or else the plural list again, every item to_s, uniq, then
 *    united with the merged list once more, so that [2024, null] becomes
 *    [2024, null, "2024", ""];
 *  - populate_tags: the singular `tag` wins over the plural `tags`; nested
 *    lists are flattened, nils dropped, types kept. */
#include "post.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base_array.h"
#include "base_ctype.h"
#include "hash_index.h"
#include "schema.h"
#include "value.h"

/* A growable list of value pointers on the allocator hooks. The first
 * items live in the struct: most posts have a few tags, and each list
 * would otherwise cost an allocation. Never copy a list by value. */
#define LIST_INLINE 16

typedef struct list {
    postparse_value **items;
    size_t n, cap;
    const postparse_allocator *a;
    bool failed;
    postparse_value *inline_items[LIST_INLINE];
} list;

static void list_push(list *l, postparse_value *v)
{
    if (l->failed)
        return;
    if (!l->items) {
        l->items = l->inline_items;
        l->cap = LIST_INLINE;
    }
    if (l->n == l->cap) {
        void *p = l->items;
        if (!postparse__array_grow(l->a, &p, &l->cap, l->n, l->n + 1,
                                   sizeof(*l->items), LIST_INLINE,
                                   l->inline_items)) {
            l->failed = true;
            return;
        }
        l->items = p;
    }
    l->items[l->n++] = v;
}

static void list_free(list *l)
{
    postparse__array_free(l->a, l->items, l->cap, sizeof(*l->items),
                          l->inline_items);
    l->items = NULL;
    l->n = l->cap = 0;
    l->failed = false;
}

static postparse_value_kind kind(const postparse_value *v)
{
    return postparse_value_kind_of(v);
}

static bool is_string(const postparse_value *v)
{
    return kind(v) == POSTPARSE_VALUE_STRING ||
           kind(v) == POSTPARSE_VALUE_BINARY;
}

/* Ruby's String#split with no argument: runs of ASCII whitespace. */
static void split(postparse_post *post, list *out, const postparse_value *s)
{
    size_t n;
    const char *p = postparse_value_string(s, &n);
    size_t i = 0;
    while (i < n) {
        while (i < n && postparse__is_space(p[i]))
            i++;
        size_t start = i;
        while (i < n && !postparse__is_space(p[i]))
            i++;
        if (i > start) {
            postparse_value *v =
                postparse__post_string(post, p + start, i - start);
            if (v)
                v->kind = s->kind;
            else
                out->failed = true;
            list_push(out, v);
        }
    }
}

/* [v].flatten.compact. Ruby raises ArgumentError ("tried to flatten
 * recursive array") on meeting a list it is inside of: false then, and the
 * caller raises it. Deeper than POSTPARSE__FLATTEN_DEPTH (only aliases
 * lead there) the list is cut. */
static bool flatten_compact(list *out, const postparse_value *v)
{
    if (postparse__schema_flatten_raises(v, NULL))
        return false;
    const postparse_value *stack[POSTPARSE__FLATTEN_DEPTH + 1];
    size_t idx[POSTPARSE__FLATTEN_DEPTH + 1];
    size_t depth = 0;
    for (;;) {
        if (kind(v) == POSTPARSE_VALUE_SEQUENCE &&
            depth < POSTPARSE__FLATTEN_DEPTH) {
            stack[depth] = v;
            idx[depth++] = 0;
        } else if (kind(v) != POSTPARSE_VALUE_NULL &&
                   kind(v) != POSTPARSE_VALUE_SEQUENCE) {
            list_push(out, (postparse_value *)v);
        }
        while (depth > 0 && idx[depth - 1] == stack[depth - 1]->u.c.n)
            depth--;
        if (depth == 0)
            return true;
        v = stack[depth - 1]->u.c.items[idx[depth - 1]++];
    }
}

static postparse_status raise_recursive(postparse_post *post)
{
    return postparse__post_raise(post, "ArgumentError", false,
                                 "tried to flatten recursive array");
}

#define UNIQ_LINEAR 8
/* Index slots on the stack: lists of up to half as many items need no
 * allocation for it. */
#define UNIQ_LENT_SLOTS 64

typedef struct uniq_lookup {
    const list *out;
    const postparse__hash_key *key;
    const postparse_value *v; /* the item looked up */
} uniq_lookup;

static bool uniq_eq(void *ctx, size_t item)
{
    const uniq_lookup *l = ctx;
    return postparse__value_key_equal(l->out->items[item], l->v);
}

static uint64_t uniq_hash(void *ctx, size_t item)
{
    const uniq_lookup *l = ctx;
    return postparse__value_key_hash(l->key, l->out->items[item]);
}

/* Ruby's Array#uniq / #| by eql?: first occurrences kept, in order. A
 * small open-addressing set keeps long lists linear. */
static void uniq_into(list *out, postparse_value *const *items, size_t n,
                      const postparse_allocator *a,
                      const postparse__hash_key *key)
{
    /* A short list (most are) is compared item by item: cheaper than
     * hashing, and at most UNIQ_LINEAR^2 / 2 comparisons. */
    if (out->n + n <= UNIQ_LINEAR) {
        for (size_t i = 0; i < n; i++) {
            bool seen = false;
            for (size_t k = 0; k < out->n && !seen; k++)
                seen = postparse__value_key_equal(out->items[k], items[i]);
            if (!seen)
                list_push(out, items[i]);
        }
        return;
    }
    /* An index over out's items: those kept so far, out's own first. */
    size_t lent[UNIQ_LENT_SLOTS] = {0};
    postparse__hash_index index;
    memset(&index, 0, sizeof index);
    postparse__hash_index_lend(&index, lent, UNIQ_LENT_SLOTS);
    uniq_lookup l = {out, key, NULL};
    postparse__hash_index_ops ops = {uniq_eq, uniq_hash, &l};
    size_t kept = 0, old_n = out->n;
    for (size_t i = 0; i < old_n + n && !out->failed; i++) {
        postparse_value *v = i < old_n ? out->items[i] : items[i - old_n];
        size_t at;
        l.v = v;
        out->n = kept;
        if (!postparse__hash_index_find(&index, a, &ops,
                                        postparse__value_key_hash(key, v), kept,
                                        true, &at)) {
            out->failed = true;
        } else if (at == SIZE_MAX) {
            if (i < old_n)
                out->items[out->n++] = v; /* never past i */
            else
                list_push(out, v);
            kept = out->n;
        }
    }
    out->n = kept;
    postparse__hash_index_free(&index, a);
}

static const char *ruby_class(const postparse_value *v)
{
    switch (kind(v)) {
    case POSTPARSE_VALUE_INT:
        return "Integer";
    case POSTPARSE_VALUE_FLOAT:
        return "Float";
    case POSTPARSE_VALUE_BOOL:
        return postparse_value_bool(v) ? "true" : "false";
    case POSTPARSE_VALUE_TIMESTAMP:
        return "Time";
    case POSTPARSE_VALUE_DATE:
        return "Date";
    case POSTPARSE_VALUE_MAPPING:
        return "Hash";
    default:
        return NULL;
    }
}

bool postparse__post_categories_type_error(postparse_post *post,
                                           const postparse_value *fm)
{
    if (kind(fm) != POSTPARSE_VALUE_MAPPING)
        return false;
    const postparse_value *c =
        postparse_value_get(fm, POSTPARSE__LIT("categories"));
    const char *cls = ruby_class(c);
    if (!cls)
        return false;
    if (post) {
        char found[96];
        postparse__schema_describe(c, found, sizeof(found));
        postparse__post_raise(post, "TypeError", false,
                              "no implicit conversion of %s into Array", cls);
        postparse__diag_add(
            post->diags, POSTPARSE_SEVERITY_ERROR,
            POSTPARSE_DIAG_CATEGORIES_TYPE_ERROR, postparse_value_pos(c),
            "categories",
            "categories is %s; expected a list ([a, b]) or a "
            "space-separated string; Jekyll raises TypeError (no implicit "
            "conversion of %s into Array) and drops every front matter "
            "field of this post",
            found, cls);
    }
    return true;
}

/* A list of more than max_taxonomy_items items (once flattened): the
 * first time, the post's fatal limit error, and true. */
static bool taxonomy_limit(postparse_post *post, size_t n, const char *key,
                           const postparse_value *v)
{
    if (n <= post->max_taxonomy_items)
        return false;
    if (!post->limit.code) {
        post->limit.code = POSTPARSE_ERR_TAXONOMY_LIMIT;
        post->limit.pos = postparse_value_pos(v);
        snprintf(post->limit.message, sizeof post->limit.message,
                 "%s holds %zu items, more than max_taxonomy_items (%zu)", key,
                 n, post->max_taxonomy_items);
    }
    return true;
}

/* data["categories"] after the front matter merge: *is_nil when the
 * front matter set it to null. */
static void merged_categories(postparse_post *post, list *out,
                              const postparse_value *data, bool *is_nil)
{
    const postparse_value *c =
        postparse_value_get(data, POSTPARSE__LIT("categories"));
    *is_nil = c && kind(c) == POSTPARSE_VALUE_NULL;
    if (is_string(c)) {
        list parts = {.a = post->alloc};
        split(post, &parts, c);
        if (!taxonomy_limit(post, parts.n, "categories", c))
            uniq_into(out, parts.items, parts.n, post->alloc, post->hash_key);
        out->failed |= parts.failed;
        list_free(&parts);
    } else if (kind(c) == POSTPARSE_VALUE_SEQUENCE) {
        if (!taxonomy_limit(post, c->u.c.n, "categories", c))
            uniq_into(out, c->u.c.items, c->u.c.n, post->alloc, post->hash_key);
    }
}

static postparse_status finish_list(postparse_post *post, list *l,
                                    const postparse_value **out)
{
    for (size_t i = 0; i < l->n && !l->failed; i++)
        if (!(l->items[i] = postparse__post_zoned(post, l->items[i])))
            l->failed = true;
    if (!l->failed)
        *out = postparse__post_sequence(post, l->items, l->n);
    bool ok = !l->failed && *out;
    list_free(l);
    return ok ? POSTPARSE_OK : POSTPARSE_ERR_NOMEM;
}

static postparse_status populate_categories(postparse_post *post,
                                            const postparse_value *data)
{
    list m = {.a = post->alloc};
    bool is_nil;
    merged_categories(post, &m, data, &is_nil);
    list all = {.a = post->alloc};
    for (size_t i = 0; i < m.n; i++)
        list_push(&all, m.items[i]);
    const postparse_value *cat =
        postparse_value_get(data, POSTPARSE__LIT("category"));
    bool flat = true;
    if (postparse__ruby_truthy(cat)) {
        flat = flatten_compact(&all, cat);
    } else {
        for (size_t i = 0; i < m.n && flat; i++)
            flat = flatten_compact(&all, m.items[i]);
    }
    if (!flat) {
        /* The read stops: data keeps the merged categories and the tags as
         * written. */
        list_free(&all);
        list_free(&m);
        post->taxonomy_raised = true;
        postparse_status st = raise_recursive(post);
        return st == POSTPARSE_OK ? postparse__post_taxonomy_merged(post, data)
                                  : st;
    }
    /* map!(&:to_s): strings stay themselves, the rest become strings. */
    for (size_t i = 0; i < all.n && !all.failed; i++) {
        if (is_string(all.items[i]))
            continue;
        postparse__buffer b = {0};
        postparse_value *z = postparse__post_zoned(post, all.items[i]);
        if (!z || !postparse__ruby_to_s(&b, post->alloc, z))
            all.failed = true;
        else if (!(all.items[i] = postparse__post_string(
                       post, b.len ? b.data : "", b.len)))
            all.failed = true;
        postparse__buffer_free(&b, post->alloc);
    }
    list strings = {.a = post->alloc};
    /* The list as written counts, not the merged one the flattened items
     * are appended to. */
    const postparse_value *where =
        postparse__ruby_truthy(cat)
            ? cat
            : postparse_value_get(data, POSTPARSE__LIT("categories"));
    if (!taxonomy_limit(post, all.n - m.n, "categories", where))
        uniq_into(&strings, all.items, all.n, post->alloc, post->hash_key);
    strings.failed |= all.failed;
    list_free(&all);
    list final = {.a = post->alloc};
    if (!is_nil)
        uniq_into(&final, m.items, m.n, post->alloc, post->hash_key);
    uniq_into(&final, strings.items, strings.n, post->alloc, post->hash_key);
    final.failed |= strings.failed || m.failed;
    list_free(&strings);
    list_free(&m);
    if (post->limit.code) {
        list_free(&final);
        return post->limit.code;
    }
    return finish_list(post, &final, &post->categories);
}

static postparse_status populate_tags(postparse_post *post,
                                      const postparse_value *data)
{
    list l = {.a = post->alloc};
    const postparse_value *tag =
        postparse_value_get(data, POSTPARSE__LIT("tag"));
    const postparse_value *tags =
        postparse_value_get(data, POSTPARSE__LIT("tags"));
    bool flat = true;
    if (postparse__ruby_truthy(tag)) {
        flat = flatten_compact(&l, tag);
    } else if (is_string(tags)) {
        split(post, &l, tags);
    } else if (kind(tags) == POSTPARSE_VALUE_SEQUENCE) {
        flat = flatten_compact(&l, tags);
    }
    if (!flat) {
        list_free(&l);
        post->taxonomy_raised = true;
        post->tags = kind(tags) == POSTPARSE_VALUE_NULL ? NULL : tags;
        return raise_recursive(post);
    }
    bool singular = postparse__ruby_truthy(tag);
    if (taxonomy_limit(post, l.n, singular ? "tag" : "tags",
                       singular ? tag : tags)) {
        list_free(&l);
        return post->limit.code;
    }
    return finish_list(post, &l, &post->tags);
}

postparse_status postparse__post_taxonomy(postparse_post *post,
                                          const postparse_value *data)
{
    postparse_status st = populate_categories(post, data);
    return st == POSTPARSE_OK && !post->taxonomy_raised
               ? populate_tags(post, data)
               : st;
}

postparse_status postparse__post_taxonomy_merged(postparse_post *post,
                                                 const postparse_value *data)
{
    list m = {.a = post->alloc};
    bool is_nil;
    merged_categories(post, &m, data, &is_nil);
    const postparse_value *tags =
        postparse_value_get(data, POSTPARSE__LIT("tags"));
    post->tags = kind(tags) == POSTPARSE_VALUE_NULL ? NULL : tags;
    if (is_nil) {
        list_free(&m);
        post->categories = NULL;
        return POSTPARSE_OK;
    }
    return finish_list(post, &m, &post->categories);
}

postparse_value *postparse__post_categories_union(postparse_post *post,
                                                  const postparse_value *old,
                                                  const postparse_value *other)
{
    list all = {.a = post->alloc};
    if (kind(old) == POSTPARSE_VALUE_SEQUENCE)
        for (size_t i = 0; i < old->u.c.n; i++)
            list_push(&all, old->u.c.items[i]);
    if (is_string(other)) {
        split(post, &all, other);
    } else if (kind(other) == POSTPARSE_VALUE_SEQUENCE) {
        for (size_t i = 0; i < other->u.c.n; i++)
            list_push(&all, other->u.c.items[i]);
    }
    list u = {.a = post->alloc};
    uniq_into(&u, all.items, all.n, post->alloc, post->hash_key);
    u.failed |= all.failed;
    list_free(&all);
    postparse_value *out =
        u.failed ? NULL : postparse__post_sequence(post, u.items, u.n);
    list_free(&u);
    return out;
}
