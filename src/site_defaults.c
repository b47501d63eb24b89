/* SPDX-License-Identifier: MIT */
/* Front matter defaults as Jekyll 4.3's FrontmatterDefaults#all(path,
 * :posts) computes them: the valid sets (a mapping with a `values`
 * mapping) whose scope applies, in config order, each merged over the
 * result so far when its scope has precedence (a longer scope path, then a
 * scope with a type), under it otherwise.
 *
 * Scope matching keeps Jekyll's quirks: a path scope is a plain prefix
 * ("blog" applies to "blog2/_posts/x.md"), the scope path is not stripped
 * of a leading '/' (so "/blog" never applies), a path with '*' is globbed
 * on the disk once (here with glob(3): "**" is one level, as "*"), and a
 * type must be "posts" (drafts are posts too: `type: drafts` never
 * applies). The merged result is cached per combination of matching sets,
 * so a site of any size costs one merge per combination. */
#include "site.h"

#include <glob.h>
#include <string.h>

#include "alloc.h"
#include "base_array.h"
#include "value.h"

static const char *string_of(const postparse_value *v, size_t *n)
{
    return postparse_value_string(v, n);
}

static postparse_status invalid(postparse_site *site, const char *file,
                                const postparse_value *set, const char *what)
{
    return postparse__site_diag_add(
        site, file, POSTPARSE_SEVERITY_WARNING, POSTPARSE_DIAG_CONFIG_DEFAULTS_INVALID,
        postparse_value_pos(set),
        "defaults entry %s; Jekyll warns \"An invalid front-matter default "
        "set was found\" and skips it",
        what);
}

postparse_status postparse__site_defaults_load(postparse_site *site,
                                               const postparse_value *defaults,
                                               const char *file)
{
    size_t n = postparse_value_kind_of(defaults) == POSTPARSE_VALUE_SEQUENCE
                   ? postparse_value_length(defaults)
                   : 0;
    if (n == 0)
        return POSTPARSE_OK;
    site->sets = postparse__arena_alloc(&site->arena, n * sizeof(*site->sets));
    if (!site->sets)
        return POSTPARSE_ERR_NOMEM;
    bool scoped_before = false;
    for (size_t i = 0; i < n; i++) {
        const postparse_value *set = postparse_value_index(defaults, i);
        postparse_status st = POSTPARSE_OK;
        if (postparse_value_kind_of(set) != POSTPARSE_VALUE_MAPPING) {
            st = invalid(site, file, set,
                         "is not a mapping of scope and values");
            if (st != POSTPARSE_OK)
                return st;
            continue;
        }
        const postparse_value *values =
            postparse_value_get(set, POSTPARSE__LIT("values"));
        if (postparse_value_kind_of(values) != POSTPARSE_VALUE_MAPPING) {
            st = invalid(site, file, set,
                         values ? "has `values` that is not a mapping"
                                : "has no `values`");
            if (st != POSTPARSE_OK)
                return st;
            continue;
        }
        postparse__site_default_set *d = &site->sets[site->set_count];
        memset(d, 0, sizeof(*d));
        d->values = values;
        const postparse_value *scope =
            postparse_value_get(set, POSTPARSE__LIT("scope"));
        d->has_scope = scope != NULL;
        if (!scope) {
            st = postparse__site_diag_add(
                site, file, POSTPARSE_SEVERITY_WARNING,
                POSTPARSE_DIAG_CONFIG_DEFAULTS_NO_SCOPE, postparse_value_pos(set),
                "defaults entry has no `scope`: it applies to every file%s",
                scoped_before ? "; after a set with a scope, Jekyll 4.3 "
                                "raises NoMethodError (has_precedence? on "
                                "nil) for every file both apply to"
                              : "");
        } else if (postparse_value_kind_of(scope) != POSTPARSE_VALUE_MAPPING) {
            st = postparse__site_diag_add(
                site, file, POSTPARSE_SEVERITY_WARNING,
                POSTPARSE_DIAG_CONFIG_DEFAULTS_INVALID, postparse_value_pos(scope),
                "defaults scope is %s, expected a mapping with `path` and "
                "`type`; Jekyll fails on it, postparse skips the set",
                postparse_value_kind_name(postparse_value_kind_of(scope)));
            if (st != POSTPARSE_OK)
                return st;
            continue;
        } else {
            scoped_before = true;
            const postparse_value *path =
                postparse_value_get(scope, POSTPARSE__LIT("path"));
            d->scope_path = string_of(path, &d->scope_path_len);
            if (path && !d->scope_path &&
                postparse_value_kind_of(path) != POSTPARSE_VALUE_NULL)
                st = postparse__site_diag_add(
                    site, file, POSTPARSE_SEVERITY_WARNING, POSTPARSE_DIAG_CONFIG_WRONG_TYPE,
                    postparse_value_pos(path),
                    "defaults scope path is %s, expected a string; the set "
                    "applies to every path",
                    postparse_value_kind_name(postparse_value_kind_of(path)));
            d->glob = d->scope_path &&
                      memchr(d->scope_path, '*', d->scope_path_len) != NULL;
            const postparse_value *type =
                postparse_value_get(scope, POSTPARSE__LIT("type"));
            d->has_type = type != NULL;
            d->type = string_of(type, &d->type_len);
        }
        if (st != POSTPARSE_OK)
            return st;
        site->set_count++;
    }
    return POSTPARSE_OK;
}

void postparse__site_defaults_free(postparse_site *site)
{
    for (size_t i = 0; i < site->set_count; i++) {
        postparse__site_default_set *d = &site->sets[i];
        for (size_t j = 0; j < d->glob_count; j++)
            postparse__free(&site->opt.allocator, d->glob_matches[j],
                            strlen(d->glob_matches[j]) + 1);
        postparse__free(&site->opt.allocator, d->glob_matches,
                        d->glob_count * sizeof(char *));
    }
    size_t words = (site->set_count + 63) / 64;
    for (size_t i = 0; i < site->cache_count; i++)
        postparse__free(&site->opt.allocator, site->cache[i].mask,
                        words * sizeof(uint64_t));
    postparse__free(&site->opt.allocator, site->cache,
                    site->cache_cap * sizeof(*site->cache));
}

/* strip_collections_dir: "coll/x" -> "x" when collections_dir is "coll". */
static const char *strip_collections_dir(const postparse_site *site,
                                         const char *p, size_t *n)
{
    const char *dir = site->settings.collections_dir;
    size_t dn = strlen(dir);
    if (dn && *n > dn && strncmp(p, dir, dn) == 0 && p[dn] == '/') {
        *n -= dn + 1;
        return p + dn + 1;
    }
    return p;
}

static bool starts_with(const char *s, size_t sn, const char *p, size_t pn)
{
    return sn >= pn && memcmp(s, p, pn) == 0;
}

/* Dir.glob of the scope, once; the matches relative to the source. */
static postparse_status glob_scope(postparse_site *site,
                                   postparse__site_default_set *d)
{
    d->globbed = true;
    char *scope =
        postparse__malloc(&site->opt.allocator, d->scope_path_len + 1);
    if (!scope)
        return POSTPARSE_ERR_NOMEM;
    memcpy(scope, d->scope_path, d->scope_path_len);
    scope[d->scope_path_len] = '\0';
    /* Jekyll's Pathname#join lets an absolute scope (or one with "..")
     * glob outside the source, where nothing it finds can be a prefix of a
     * post's relative path; postparse does not glob there (a config could
     * otherwise make it list the whole disk). */
    bool outside = scope[0] == '/' ||
                   strncmp(scope, POSTPARSE__LIT("../")) == 0 ||
                   strstr(scope, "/../") != NULL || strcmp(scope, "..") == 0;
    if (outside) {
        postparse__free(&site->opt.allocator, scope, d->scope_path_len + 1);
        return POSTPARSE_OK;
    }
    char *pattern = postparse__site_path_join(site, site->source, scope);
    postparse_status st = pattern ? POSTPARSE_OK : POSTPARSE_ERR_NOMEM;
    glob_t g;
    memset(&g, 0, sizeof(g));
    int rc = st == POSTPARSE_OK ? glob(pattern, GLOB_NOSORT, NULL, &g) : -1;
    if (rc == 0 && g.gl_pathc > 0) {
        d->glob_matches = postparse__malloc(&site->opt.allocator,
                                            g.gl_pathc * sizeof(char *));
        if (!d->glob_matches)
            st = POSTPARSE_ERR_NOMEM;
        for (size_t i = 0; st == POSTPARSE_OK && i < g.gl_pathc; i++) {
            const char *m = g.gl_pathv[i];
            size_t sl = site->source_len;
            if (strncmp(m, site->source, sl) == 0 && m[sl] == '/')
                m += sl + 1;
            size_t ml = strlen(m);
            char *c = postparse__malloc(&site->opt.allocator, ml + 1);
            if (!c) {
                st = POSTPARSE_ERR_NOMEM;
                break;
            }
            memcpy(c, m, ml + 1);
            d->glob_matches[d->glob_count++] = c;
        }
    }
    if (rc != -1)
        globfree(&g);
    postparse__site_path_free(site, pattern);
    postparse__free(&site->opt.allocator, scope, d->scope_path_len + 1);
    return st;
}

static postparse_status applies(postparse_site *site,
                                postparse__site_default_set *d,
                                const char *path, size_t pn, bool *out)
{
    *out = false;
    if (!d->has_scope) {
        *out = true;
        return POSTPARSE_OK;
    }
    if (d->has_type &&
        !(d->type && d->type_len == sizeof("posts") - 1 &&
          memcmp(d->type, POSTPARSE__LIT("posts")) == 0))
        return POSTPARSE_OK;
    if (!d->scope_path || d->scope_path_len == 0) {
        *out = true;
        return POSTPARSE_OK;
    }
    /* sanitize_path(path): a leading '/' goes (the scope keeps its own). */
    if (pn && path[0] == '/') {
        path++;
        pn--;
    }
    if (!d->glob) {
        size_t sn = d->scope_path_len;
        const char *s = strip_collections_dir(site, d->scope_path, &sn);
        *out = starts_with(path, pn, s, sn);
        return POSTPARSE_OK;
    }
    if (!d->globbed) {
        postparse_status st = glob_scope(site, d);
        if (st != POSTPARSE_OK)
            return st;
    }
    for (size_t i = 0; i < d->glob_count && !*out; i++) {
        size_t mn = strlen(d->glob_matches[i]);
        const char *m = strip_collections_dir(site, d->glob_matches[i], &mn);
        *out = starts_with(path, pn, m, mn);
    }
    return POSTPARSE_OK;
}

/* sanitize_path of a scope's path: "" for none, one leading '/' off. */
static size_t sanitized_len(const postparse__site_default_set *d)
{
    if (!d || !d->scope_path || d->scope_path_len == 0)
        return 0;
    return d->scope_path[0] == '/' ? d->scope_path_len - 1 : d->scope_path_len;
}

/* has_precedence?(old_scope, new_scope). */
static bool has_precedence(const postparse__site_default_set *old,
                           const postparse__site_default_set *new_set)
{
    if (!old || !old->has_scope)
        return true;
    size_t nl = sanitized_len(new_set), ol = sanitized_len(old);
    if (nl != ol)
        return nl >= ol;
    if (new_set->has_type)
        return true;
    return !old->has_type;
}

postparse_status postparse_site_defaults_for(postparse_site *site,
                                             const char *relative_path,
                                             const postparse_value **out)
{
    if (!out)
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    *out = NULL;
    if (!site || !relative_path || site->set_count == 0)
        return POSTPARSE_OK;
    size_t words = (site->set_count + 63) / 64;
    uint64_t small[4] = {0};
    uint64_t *mask = words <= 4 ? small
                                : postparse__malloc(&site->opt.allocator,
                                                    words * sizeof(uint64_t));
    if (!mask)
        return POSTPARSE_ERR_NOMEM;
    memset(mask, 0, words * sizeof(uint64_t));
    size_t pn = strlen(relative_path);
    bool any = false;
    postparse_status st = POSTPARSE_OK;
    for (size_t i = 0; i < site->set_count && st == POSTPARSE_OK; i++) {
        bool a;
        st = applies(site, &site->sets[i], relative_path, pn, &a);
        if (a) {
            mask[i / 64] |= (uint64_t)1 << (i % 64);
            any = true;
        }
    }
    if (st != POSTPARSE_OK || !any)
        goto done;
    for (size_t i = 0; i < site->cache_count; i++) {
        if (memcmp(site->cache[i].mask, mask, words * sizeof(uint64_t)) == 0) {
            *out = site->cache[i].merged;
            goto done;
        }
    }
    /* FrontmatterDefaults#all, over the matching sets in order. */
    const postparse_value *merged = NULL;
    const postparse__site_default_set *old = NULL;
    bool first = true;
    for (size_t i = 0; i < site->set_count; i++) {
        if (!(mask[i / 64] >> (i % 64) & 1))
            continue;
        const postparse__site_default_set *d = &site->sets[i];
        postparse_value *m;
        if (first || has_precedence(old, d)) {
            m = postparse__value_deep_merge(&site->arena, merged, d->values);
            old = d;
        } else {
            m = postparse__value_deep_merge(&site->arena, d->values, merged);
        }
        first = false;
        if (!m) {
            st = POSTPARSE_ERR_NOMEM;
            goto done;
        }
        merged = m;
    }
    if (site->cache_count == site->cache_cap) {
        void *c = site->cache;
        if (!postparse__array_grow(&site->opt.allocator, &c, &site->cache_cap,
                                   site->cache_count, site->cache_count + 1,
                                   sizeof(*site->cache), 8, NULL)) {
            st = POSTPARSE_ERR_NOMEM;
            goto done;
        }
        site->cache = c;
    }
    uint64_t *kept =
        postparse__malloc(&site->opt.allocator, words * sizeof(uint64_t));
    if (!kept) {
        st = POSTPARSE_ERR_NOMEM;
        goto done;
    }
    memcpy(kept, mask, words * sizeof(uint64_t));
    site->cache[site->cache_count].mask = kept;
    site->cache[site->cache_count].merged = merged;
    site->cache_count++;
    *out = merged;
done:
    if (mask != small)
        postparse__free(&site->opt.allocator, mask, words * sizeof(uint64_t));
    return st;
}
