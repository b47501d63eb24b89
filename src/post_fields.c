/* SPDX-License-Identifier: MIT */
/* The order of Jekyll 4.3's Document#read, which decides every derived
 * field: merge the front matter (categories first, then the date), then
 * read_post_data (title and slug with the file name's date, categories,
 * tags, excerpt), then PostReader#processable?. An exception anywhere stops
 * the sequence and leaves data as it was at that point, which is why a YAML
 * error or a scalar `categories` loses every field. */
#include "post.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base_array.h"
#include "value.h"

void postparse__post_init(postparse_post *post, postparse__arena *arena,
                          const postparse_allocator *alloc,
                          postparse__diag_list *diags)
{
    memset(post, 0, sizeof(*post));
    post->arena = arena;
    post->alloc = alloc;
    post->diags = diags;
}

void postparse__post_release(postparse_post *post)
{
    postparse__excerpt_release(&post->excerpt, post->alloc);
}

static const char *const ruby_error_names[] = {
    NULL,
#define RUBY_ERROR_NAME_(suffix, name) name,
    POSTPARSE_RUBY_ERROR_MAP(RUBY_ERROR_NAME_)
#undef RUBY_ERROR_NAME_
};

#define RUBY_ERROR_COUNT (sizeof ruby_error_names / sizeof ruby_error_names[0])

const char *postparse_ruby_error_name(postparse_ruby_error cls)
{
    return (size_t)(unsigned)cls < RUBY_ERROR_COUNT ? ruby_error_names[cls]
                                                    : NULL;
}

/* The layers below name Ruby's classes as Ruby does; every name they use is
 * in the table (a test reads the oracle's classes back through it). */
static postparse_ruby_error ruby_error_from_name(const char *name)
{
    for (size_t i = 1; i < RUBY_ERROR_COUNT; i++)
        if (!strcmp(ruby_error_names[i], name))
            return (postparse_ruby_error)i;
    return POSTPARSE_RUBY_ERROR_NONE;
}

postparse_status postparse__post_raise(postparse_post *post, const char *cls,
                                       bool fatal, const char *fmt, ...)
{
    if (post->error.error_class != POSTPARSE_RUBY_ERROR_NONE)
        return POSTPARSE_OK;
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    size_t len = (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1;
    const char *msg = postparse__arena_strndup(post->arena, buf, len);
    if (!msg)
        return POSTPARSE_ERR_NOMEM;
    post->error.error_class = ruby_error_from_name(cls);
    post->error.class_name = postparse_ruby_error_name(post->error.error_class);
    post->error.message = msg;
    post->error.fatal = fatal;
    return POSTPARSE_OK;
}

/* A YAML error or a front matter that is not a mapping: Jekyll raised while
 * reading it, and data holds nothing of it. */
static bool data_lost(const postparse__post_input *in)
{
    return in->yaml_error_class != NULL || !in->content_valid_utf8;
}

const postparse_value *postparse__post_data(const postparse__post_input *in)
{
    if (in->site_base)
        return data_lost(in) ? in->site_base : in->site_data;
    if (data_lost(in) ||
        postparse_value_kind_of(in->front_matter) != POSTPARSE_VALUE_MAPPING)
        return NULL;
    return in->front_matter;
}

static const postparse_value *non_nil(const postparse_value *data,
                                      const char *key)
{
    const postparse_value *v = postparse_value_get(data, key, strlen(key));
    return postparse_value_kind_of(v) == POSTPARSE_VALUE_NULL ? NULL : v;
}

postparse_status postparse__post_separator(postparse_post *post,
                                           const postparse__post_input *in)
{
    const postparse_value *data = postparse__post_data(in);
    const postparse_value *v = postparse_value_get(
        data, "excerpt_separator", sizeof("excerpt_separator") - 1);
    if (postparse__ruby_truthy(v) &&
        !postparse__post_categories_type_error(NULL, data)) {
        postparse__buffer b = {0};
        if (!postparse__ruby_to_s(&b, post->alloc, v)) {
            postparse__buffer_free(&b, post->alloc);
            return POSTPARSE_ERR_NOMEM;
        }
        post->excerpt_separator =
            postparse__arena_strndup(post->arena, b.len ? b.data : "", b.len);
        post->excerpt_separator_len = b.len;
        postparse__buffer_free(&b, post->alloc);
    } else {
        const char *s = in->opt->excerpt_separator;
        if (!s)
            s = "\n\n";
        post->excerpt_separator_len = strlen(s);
        post->excerpt_separator =
            postparse__arena_strndup(post->arena, s, strlen(s));
    }
    return post->excerpt_separator ? POSTPARSE_OK : POSTPARSE_ERR_NOMEM;
}

postparse_status postparse__post_body_begin(postparse_post *post,
                                            const postparse__post_input *in)
{
    postparse_status st = postparse__post_separator(post, in);
    if (st != POSTPARSE_OK)
        return st;
    postparse__excerpt *e = &post->excerpt;
    e->sep = post->excerpt_separator;
    e->sep_len = post->excerpt_separator_len;
    e->enabled = e->sep_len > 0;
    e->max = in->opt->max_excerpt_bytes;
    e->cap = in->opt->excerpt_cap;
    e->cap_unit = in->opt->excerpt_cap_unit;
    if (e->sep_len > in->opt->max_excerpt_separator_bytes) {
        /* Each feed looks back up to the separator's length: a separator
         * of any length would make that a cost per feed without bound. */
        e->enabled = false;
        const postparse_value *v =
            postparse_value_get(postparse__post_data(in), "excerpt_separator",
                                sizeof("excerpt_separator") - 1);
        postparse_pos pos =
            postparse__ruby_truthy(v) ? postparse_value_pos(v) : in->body_pos;
        return postparse__diag_add(
            post->diags, POSTPARSE_SEVERITY_ERROR,
            POSTPARSE_DIAG_EXCERPT_SEPARATOR_TOO_LONG, pos, "excerpt_separator",
            "the excerpt separator is %zu bytes, more than "
            "max_excerpt_separator_bytes (%zu): no excerpt is made (Jekyll "
            "would cut at it)",
            e->sep_len, in->opt->max_excerpt_separator_bytes);
    }
    if (e->enabled &&
        !postparse__excerpt_prepare(e, post->alloc, post->hash_key))
        return POSTPARSE_ERR_NOMEM;
    return POSTPARSE_OK;
}

postparse_status postparse__post_body(postparse_post *post, const char *data,
                                      size_t len)
{
    return postparse__excerpt_feed(&post->excerpt, post->alloc, data, len);
}

/* read_post_data: populate_title (with the file name's date), categories,
 * tags, excerpt. */
static postparse_status read_post_data(postparse_post *post,
                                       const postparse__post_input *in,
                                       const postparse_value *data)
{
    const char *name_date = NULL;
    size_t name_date_len = 0;
    postparse_status st =
        postparse__post_slug_title(post, in, data, &name_date, &name_date_len);
    if (st != POSTPARSE_OK || post->error.fatal)
        return st;
    st = postparse__post_taxonomy(post, data);
    if (st != POSTPARSE_OK)
        return st;
    if (post->taxonomy_raised) {
        post->excerpt_value = non_nil(data, "excerpt");
        return POSTPARSE_OK;
    }
    if (post->excerpt_separator_len == 0) {
        post->excerpt_value = non_nil(data, "excerpt");
        return POSTPARSE_OK;
    }
    const postparse_value *ex =
        postparse_value_get(data, POSTPARSE__LIT("excerpt"));
    if (postparse__ruby_truthy(ex)) {
        post->excerpt_value = ex;
        return POSTPARSE_OK;
    }
    return postparse__excerpt_finish(post);
}

static const char *skip_reason(postparse_post *post,
                               const postparse__post_input *in,
                               const postparse_value *data, bool matches,
                               bool passes)
{
    if (!in->content_valid_utf8)
        return matches && passes ? "content is not valid UTF-8" : NULL;
    /* Document#date, which hidden_in_the_future? calls unless the site
     * shows future posts: it sets the date when there is none. */
    if (!in->opt->future)
        postparse__post_date_default(post, in, data);
    int64_t now;
    int32_t now_ns;
    postparse__post_site_time(in, &now, &now_ns);
    const postparse_value *pub =
        postparse_value_get(data, POSTPARSE__LIT("published"));
    bool can =
        (pub == NULL || postparse__ruby_truthy(pub)) || in->opt->unpublished;
    bool hidden = !in->opt->future && post->has_date &&
                  postparse_datetime_to_unix(&post->date) > now;
    if (can && !hidden)
        return NULL;
    if (!post->published)
        return "published: false";
    if (hidden)
        return "future date";
    return "not publishable";
}

static void processable(postparse_post *post, const postparse__post_input *in,
                        const postparse_value *data)
{
    size_t name_len;
    const char *name = postparse__post_basename(in->path, &name_len);
    postparse_filename_date f;
    bool matches = postparse_filename_date_match(name, name_len, &f);
    /* A draft's name needs no date (DATELESS_FILENAME_MATCHER): an
     * extension, a '.' and more after it. */
    if (in->relative_path && !strstr(in->relative_path, "_posts")) {
        size_t i = name_len;
        while (i > 0 && name[i - 1] != '.')
            i--;
        matches = i > 0 && i < name_len;
    }
    bool passes = postparse__post_name_passes_filter(name, name_len);
    post->read_by_jekyll = matches && passes;
    if (post->error.fatal) {
        post->processable = false;
        post->skip_reason = "fatal read error: a default build aborts";
        return;
    }
    const char *why = skip_reason(post, in, data, matches, passes);
    if (!matches)
        why = "filename does not match YYYY-MM-DD-title.ext (PostReader "
              "ignores it)";
    else if (!passes)
        why = "filtered out by EntryFilter (special/backup/excluded name)";
    else if (!in->content_valid_utf8)
        why = "content is not valid UTF-8";
    post->processable = why == NULL;
    post->skip_reason = why;
}

/* The data a read that raised leaves (fields as merged, nothing derived). */
static postparse_status keep_merged(postparse_post *post,
                                    const postparse_value *data)
{
    post->title = non_nil(data, "title");
    post->slug = non_nil(data, "slug");
    post->excerpt_value = non_nil(data, "excerpt");
    return postparse__post_taxonomy_merged(post, data);
}

/* Invalid UTF-8 anywhere in the file: Jekyll's front matter match raises
 * ArgumentError and it reads no field. The front matter postparse loaded
 * still gets the date findings Jekyll will meet once the bytes are fixed
 * (the rules see it too), from a scratch post whose fields are dropped:
 * the post's own stay as Jekyll leaves them. */
static postparse_status date_findings(postparse_post *post,
                                      const postparse__post_input *in)
{
    if (in->yaml_error_class || postparse_value_kind_of(in->front_matter) !=
                                    POSTPARSE_VALUE_MAPPING)
        return POSTPARSE_OK;
    postparse_post scratch;
    postparse__post_init(&scratch, post->arena, post->alloc, post->diags);
    scratch.zone = post->zone;
    scratch.hash_key = post->hash_key;
    scratch.max_taxonomy_items = post->max_taxonomy_items;
    return postparse__post_date_merge(&scratch, in, in->front_matter);
}

static postparse_status derive(postparse_post *post,
                               const postparse__post_input *in)
{
    postparse_status st;
    if (!in->content_valid_utf8) {
        st = postparse__post_raise(post, "ArgumentError", false,
                                   "invalid byte sequence in UTF-8");
        if (st == POSTPARSE_OK)
            st = date_findings(post, in);
    } else if (in->yaml_error_class) {
        st = postparse__post_raise(
            post, in->yaml_error_class, false, "%s",
            in->yaml_error_message ? in->yaml_error_message : "");
    } else {
        st = POSTPARSE_OK;
        postparse__post_categories_type_error(post, in->front_matter);
    }
    if (st != POSTPARSE_OK)
        return st;
    /* A read error leaves data as it was before the front matter merge:
     * nothing, or the site's folder categories and defaults. */
    const postparse_value *data =
        post->error.error_class ? in->site_base : postparse__post_data(in);
    if (!post->excerpt_separator) {
        st = postparse__post_separator(post, in);
        if (st != POSTPARSE_OK)
            return st;
    }
    post->layout = non_nil(data, "layout");
    post->permalink = non_nil(data, "permalink");
    const postparse_value *pub =
        postparse_value_get(data, POSTPARSE__LIT("published"));
    post->published = !(postparse_value_kind_of(pub) == POSTPARSE_VALUE_BOOL &&
                        !postparse_value_bool(pub));
    if (post->error.error_class) {
        /* Only the categories of the file path merge (and of the
         * defaults) survive. */
        const postparse_value *c =
            postparse_value_get(in->site_base, POSTPARSE__LIT("categories"));
        post->categories =
            postparse_value_kind_of(c) == POSTPARSE_VALUE_SEQUENCE
                ? c
                : postparse__post_sequence(post, NULL, 0);
        if (!post->categories)
            return POSTPARSE_ERR_NOMEM;
    } else {
        /* A date error (InvalidDateError, or a non-fatal RangeError) ends
         * the read: the rest of data stays as merged. */
        st = postparse__post_date_merge(post, in, data);
        if (st == POSTPARSE_OK && !post->error.error_class)
            st = read_post_data(post, in, data);
        if (st == POSTPARSE_OK && post->error.error_class &&
            !post->taxonomy_raised)
            st = keep_merged(post, data);
        if (st != POSTPARSE_OK)
            return st;
    }
    processable(post, in, data);
    if (post->error.fatal ||
        post->error.error_class == POSTPARSE_RUBY_RANGE_ERROR)
        post->has_date = false; /* the date merge raised: no date at all */
    return POSTPARSE_OK;
}

postparse_status postparse__post_finish(postparse_post *post,
                                        const postparse__post_input *in)
{
    post->zone = in->opt->site_zone;
    post->body_pos = in->body_pos;
    postparse_status st = derive(post, in);
    if (st == POSTPARSE_OK && in->opt->builtin_rules + in->opt->rule_count +
                                  (in->opt->ruleset != NULL))
        st = postparse__schema_check(
            post->diags, in->opt,
            /* The rules see the defaults too (layout: post set there). */
            in->site_data && postparse_value_kind_of(in->front_matter) ==
                                 POSTPARSE_VALUE_MAPPING
                ? in->site_data
                : in->front_matter,
            in->front_matter_pos);
    post->ready = st == POSTPARSE_OK;
    return st;
}

/* ---- public accessors --------------------------------------------------
 */

const char *postparse_date_source_name(postparse_date_source source)
{
    switch (source) {
    case POSTPARSE_DATE_SOURCE_FRONT_MATTER:
        return "front_matter";
    case POSTPARSE_DATE_SOURCE_FILENAME:
        return "filename";
    case POSTPARSE_DATE_SOURCE_SITE_TIME:
        return "site_time";
    case POSTPARSE_DATE_SOURCE_FILE_MTIME:
        return "other";
    case POSTPARSE_DATE_SOURCE_NONE:
        break;
    }
    return NULL;
}

bool postparse_post_date(const postparse_post *post, postparse_datetime *out)
{
    if (!post || !post->has_date)
        return false;
    if (out)
        *out = post->date;
    return true;
}

postparse_date_source postparse_post_date_source(const postparse_post *post)
{
    return post && (post->has_date || post->date_unknown)
               ? post->date_source
               : POSTPARSE_DATE_SOURCE_NONE;
}

#define FIELD_ACCESSOR(name)                                                   \
    const postparse_value *postparse_post_##name(const postparse_post *post)   \
    {                                                                          \
        return post ? post->name : NULL;                                       \
    }
FIELD_ACCESSOR(slug)
FIELD_ACCESSOR(title)
FIELD_ACCESSOR(categories)
FIELD_ACCESSOR(tags)
FIELD_ACCESSOR(layout)
FIELD_ACCESSOR(permalink)
#undef FIELD_ACCESSOR

bool postparse_post_published(const postparse_post *post)
{
    return post ? post->published : false;
}

const char *postparse_post_excerpt_separator(const postparse_post *post,
                                             size_t *len)
{
    if (len)
        *len = post ? post->excerpt_separator_len : 0;
    return post ? post->excerpt_separator : NULL;
}

postparse_excerpt_source
postparse_post_excerpt_source(const postparse_post *post)
{
    if (!post)
        return POSTPARSE_EXCERPT_NONE;
    if (post->excerpt_value)
        return POSTPARSE_EXCERPT_FRONT_MATTER;
    return post->excerpt_text ? POSTPARSE_EXCERPT_GENERATED
                              : POSTPARSE_EXCERPT_NONE;
}

const char *postparse_post_excerpt(const postparse_post *post, size_t *len)
{
    bool generated =
        postparse_post_excerpt_source(post) == POSTPARSE_EXCERPT_GENERATED;
    if (len)
        *len = generated ? post->excerpt_len : 0;
    return generated ? post->excerpt_text : NULL;
}

const postparse_value *postparse_post_excerpt_value(const postparse_post *post)
{
    return post ? post->excerpt_value : NULL;
}

bool postparse_post_excerpt_truncated(const postparse_post *post)
{
    return post && post->excerpt_text && post->excerpt.truncated;
}

bool postparse_post_excerpt_capped(const postparse_post *post)
{
    return post && post->excerpt_text && post->excerpt.capped;
}

bool postparse_post_processable(const postparse_post *post)
{
    return post && post->processable;
}

const char *postparse_post_skip_reason(const postparse_post *post)
{
    return post ? post->skip_reason : NULL;
}

bool postparse_post_read_by_jekyll(const postparse_post *post)
{
    return post && post->read_by_jekyll;
}

const postparse_jekyll_error *
postparse_post_jekyll_error(const postparse_post *post)
{
    if (!post || post->error.error_class == POSTPARSE_RUBY_ERROR_NONE)
        return NULL;
    return &post->error;
}

void postparse_rule_init(postparse_rule *rule)
{
    if (!rule)
        return;
    memset(rule, 0, sizeof(*rule));
    rule->size = sizeof(*rule);
    rule->severity = POSTPARSE_SEVERITY_ERROR;
}
