/* SPDX-License-Identifier: MIT */
/* A post read as part of a site: the data Jekyll 4.3's Document holds
 * before and after its front matter is merged.
 *
 * Document#initialize merges the categories of the folders above `_posts`
 * (categories_from_path), Document#read then merges the front matter
 * defaults (merge_defaults) and only then the file's front matter. Each
 * merge is merge_data!: merge_categories! (the new `categories`, split when
 * a string, united with the old ones), then Utils.deep_merge_hashes!, in
 * which a nil value keeps the old one and two hashes merge key by key. A
 * read error (YAML, a scalar `categories`, invalid UTF-8) stops before the
 * front matter merge, so the data keeps the folder categories and the
 * defaults: layout from the defaults survives a YAML error. */
#include "post.h"

#include <string.h>

#include "base_array.h"
#include "value.h"

static postparse_value_kind kind(const postparse_value *v)
{
    return postparse_value_kind_of(v);
}

/* A mapping of n pairs in the arena, items copied. */
static postparse_value *mapping(postparse_post *post, postparse_value **items,
                                size_t n)
{
    postparse_value *v =
        postparse__value_new(post->arena, POSTPARSE_VALUE_MAPPING);
    if (!v)
        return NULL;
    if (n > 0) {
        v->u.c.items =
            postparse__arena_alloc(post->arena, 2 * n * sizeof(*items));
        if (!v->u.c.items)
            return NULL;
        memcpy(v->u.c.items, items, 2 * n * sizeof(*items));
    }
    v->u.c.n = n;
    return v;
}

/* merge_categories!(other): other with its non-nil `categories` replaced by
 * (data["categories"] || []) | other["categories"]. A scalar that is not a
 * string raises TypeError in Jekyll; the caller has checked it. */
static postparse_value *with_united_categories(postparse_post *post,
                                               const postparse_value *data,
                                               const postparse_value *other)
{
    size_t n = other->u.c.n;
    for (size_t i = 0; i < n; i++) {
        const postparse_value *k = other->u.c.items[2 * i];
        size_t klen;
        const char *ks = postparse_value_string(k, &klen);
        if (!ks || klen != 10 || memcmp(ks, POSTPARSE__LIT("categories")) != 0)
            continue;
        postparse_value *v = other->u.c.items[2 * i + 1];
        if (kind(v) == POSTPARSE_VALUE_NULL)
            return (postparse_value *)other;
        postparse_value *u = postparse__post_categories_union(
            post, postparse_value_get(data, POSTPARSE__LIT("categories")), v);
        postparse_value *copy = u ? mapping(post, other->u.c.items, n) : NULL;
        if (!copy)
            return NULL;
        copy->u.c.items[2 * i + 1] = u;
        return copy;
    }
    return (postparse_value *)other;
}

static postparse_value *merge_data(postparse_post *post,
                                   const postparse_value *data,
                                   const postparse_value *other)
{
    postparse_value *o = with_united_categories(post, data, other);
    return o ? postparse__value_deep_merge(post->arena, data, o) : NULL;
}

/* categories_from_path(special_dir): the path with the first occurrence
 * of special_dir and all after it cut off (Jekyll's unanchored
 * %r!#{special_dir}.*!), split on '/', without empty parts, special_dir
 * itself and the file's basename; none when the path starts with it. */
static postparse_value *folder_categories(postparse_post *post, const char *rel)
{
    const char *special = strstr(rel, "_posts") ? "_posts" : "_drafts";
    size_t slen = strlen(special);
    postparse_value *items[64];
    size_t n = 0;
    const char *cut = strstr(rel, special);
    if (strncmp(rel, special, slen) == 0 || !cut)
        return postparse__post_sequence(post, NULL, 0);
    const char *base = strrchr(rel, '/');
    base = base ? base + 1 : rel;
    for (const char *p = rel; p < cut;) {
        const char *e = memchr(p, '/', (size_t)(cut - p));
        if (!e)
            e = cut;
        size_t len = (size_t)(e - p);
        bool skip = len == 0 || (len == slen && !memcmp(p, special, len)) ||
                    (len == strlen(base) && !memcmp(p, base, len));
        /* Ruby's `|` drops repeated folder names. */
        for (size_t i = 0; i < n && !skip; i++)
            skip = items[i]->u.s.n == len && !memcmp(items[i]->u.s.p, p, len);
        if (!skip && n < sizeof(items) / sizeof(items[0])) {
            items[n] = postparse__post_string(post, p, len);
            if (!items[n++])
                return NULL;
        }
        p = e + 1;
    }
    return postparse__post_sequence(post, items, n);
}

static bool front_matter_merges(postparse_post *post,
                                const postparse__post_input *in)
{
    return in->yaml_error_class == NULL && in->content_valid_utf8 &&
           kind(in->front_matter) == POSTPARSE_VALUE_MAPPING &&
           !postparse__post_categories_type_error(NULL, in->front_matter) &&
           post != NULL;
}

postparse_status postparse__post_site_merge(postparse_post *post,
                                            const postparse__post_input *in)
{
    post->site_base = post->site_data = NULL;
    if (!in->relative_path && !in->defaults)
        return POSTPARSE_OK;
    postparse_value *cats =
        folder_categories(post, in->relative_path ? in->relative_path : "");
    postparse_value *key =
        postparse__post_string(post, POSTPARSE__LIT("categories"));
    if (!cats || !key)
        return POSTPARSE_ERR_NOMEM;
    postparse_value *pair[2] = {key, cats};
    postparse_value *base = mapping(post, pair, 1);
    if (!base)
        return POSTPARSE_ERR_NOMEM;
    if (kind(in->defaults) == POSTPARSE_VALUE_MAPPING &&
        in->defaults->u.c.n > 0 &&
        !postparse__post_categories_type_error(NULL, in->defaults)) {
        base = merge_data(post, base, in->defaults);
        if (!base)
            return POSTPARSE_ERR_NOMEM;
    }
    postparse_value *data = base;
    if (front_matter_merges(post, in)) {
        data = merge_data(post, base, in->front_matter);
        if (!data)
            return POSTPARSE_ERR_NOMEM;
    }
    post->site_base = base;
    post->site_data = data;
    return POSTPARSE_OK;
}

bool postparse__post_is_draft(const postparse__post_input *in,
                              const postparse_value *data)
{
    if (postparse__ruby_truthy(
            postparse_value_get(data, POSTPARSE__LIT("draft"))))
        return true;
    return in->relative_path && !strstr(in->relative_path, "_posts");
}
