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

#include "hash_tree.h" /* POSTPARSE__PROBE_LIMIT */
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
        size_t cap = 2 * l->cap;
        postparse_value **p;
        if (l->items == l->inline_items) {
            p = postparse__malloc(l->a, cap * sizeof(*p));
            if (p)
                memcpy(p, l->items, l->n * sizeof(*p));
        } else {
            p = postparse__realloc(l->a, l->items, l->cap * sizeof(*p),
                                   cap * sizeof(*p));
        }
        if (!p) {
            l->failed = true;
            return;
        }
        l->items = p;
        l->cap = cap;
    }
    l->items[l->n++] = v;
}

static void list_free(list *l)
{
    if (l->items != l->inline_items)
        postparse__free(l->a, l->items, l->cap * sizeof(*l->items));
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
        while (i < n && strchr(" \t\n\v\f\r", p[i]) && p[i])
            i++;
        size_t start = i;
        while (i < n && !(strchr(" \t\n\v\f\r", p[i]) && p[i]))
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

typedef struct hashed {
    uint64_t hash;
    size_t index;
} hashed;

static int hashed_cmp(const void *a, const void *b)
{
    const hashed *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* uniq by sorting on the full 64-bit hashes, for when a probe ran too long
 * (keys that share their low bits, which anyone who knows the hash key can
 * arrange): O(n log n) whatever the key, since keys that share all 64
 * bits cannot be made in numbers. Items of one hash are compared in
 * turn. */
static void uniq_sorted(list *out, const list *in,
                        const postparse__hash_key *key)
{
    out->n = 0;
    hashed *h = postparse__malloc(in->a, in->n * sizeof(*h));
    bool *keep = postparse__malloc(in->a, in->n * sizeof(*keep));
    if (!h || !keep) {
        out->failed = true;
        goto done;
    }
    for (size_t i = 0; i < in->n; i++) {
        h[i] = (hashed){postparse__value_key_hash(key, in->items[i]), i};
        keep[i] = false;
    }
    qsort(h, in->n, sizeof(*h), hashed_cmp);
    for (size_t i = 0; i < in->n; i++) {
        size_t run = i; /* first of this hash */
        while (run > 0 && h[run - 1].hash == h[i].hash)
            run--;
        bool first = true;
        for (size_t k = run; k < i && first; k++)
            first = !postparse__value_key_equal(in->items[h[k].index],
                                                in->items[h[i].index]);
        keep[h[i].index] = first;
    }
    for (size_t i = 0; i < in->n; i++)
        if (keep[i])
            list_push(out, in->items[i]);
done:
    postparse__free(in->a, h, in->n * sizeof(*h));
    postparse__free(in->a, keep, in->n * sizeof(*keep));
}

#define UNIQ_LINEAR 8

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
    size_t cap = 16;
    while (cap < 2 * (out->n + n))
        cap *= 2;
    postparse_value *small_set[64];
    postparse_value **set =
        cap <= 64 ? small_set : postparse__malloc(a, cap * sizeof(*set));
    if (!set) {
        out->failed = true;
        return;
    }
    memset(set, 0, cap * sizeof(*set));
    list in = {.a = a};
    for (size_t i = 0; i < out->n; i++)
        list_push(&in, out->items[i]);
    for (size_t i = 0; i < n; i++)
        list_push(&in, items[i]);
    if (in.failed)
        out->failed = true;
    out->n = 0;
    bool sorted = false;
    for (size_t i = 0; i < in.n && !out->failed && !sorted; i++) {
        postparse_value *v = in.items[i];
        size_t h = (size_t)postparse__value_key_hash(key, v) & (cap - 1);
        bool seen = false;
        int step = 0;
        while (set[h] && !seen) {
            if (postparse__value_key_equal(set[h], v))
                seen = true;
            else if (++step == POSTPARSE__PROBE_LIMIT)
                sorted = true;
            else
                h = (h + 1) & (cap - 1);
        }
        if (sorted)
            uniq_sorted(out, &in, key);
        else if (!seen) {
            set[h] = v;
            list_push(out, v);
        }
    }
    list_free(&in);
    if (set != small_set)
        postparse__free(a, set, cap * sizeof(*set));
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
    const postparse_value *c = postparse_value_get(fm, "categories", 10);
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
    const postparse_value *c = postparse_value_get(data, "categories", 10);
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
    const postparse_value *cat = postparse_value_get(data, "category", 8);
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
            : postparse_value_get(data, "categories", 10);
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
    const postparse_value *tag = postparse_value_get(data, "tag", 3);
    const postparse_value *tags = postparse_value_get(data, "tags", 4);
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
    const postparse_value *tags = postparse_value_get(data, "tags", 4);
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
