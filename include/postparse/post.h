/* SPDX-License-Identifier: MIT */
/* Stability: stable from 1.0 (ABI checked by .ci/abi-check). */
/* A post's derived fields as Jekyll 4.3 computes them, and validation rules.
 * Include <postparse/postparse.h>, not this. docs/api.md ("Posts"),
 * docs/diagnostics.md and docs/rules.md are the guides.
 *
 * The fields are computed once the input is finished (they depend on the
 * whole body: its validity and, for the excerpt, its text). Get them from
 * a document with postparse_doc_post() (<postparse/doc.h>:
 * postparse_read_file(), or postparse_parser_take_doc() after finish()).
 * Every pointer given out (the post, its values and strings) is owned by
 * the document and valid until postparse_doc_free(). */
#ifndef POSTPARSE_POST_H
#define POSTPARSE_POST_H

#include <postparse/common.h>
#include <postparse/diagnostic.h>
#include <postparse/date.h>
#include <postparse/value.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- user rules ---------------------------------------------------------
 */

/* The type a rule wants its key's value to have. */
typedef enum postparse_rule_type {
    POSTPARSE_RULE_ANY = 0,    /* any type */
    POSTPARSE_RULE_STRING = 1, /* a string */
    POSTPARSE_RULE_BOOL = 2,   /* true or false ("true"/"false": warning) */
    POSTPARSE_RULE_INT = 3,    /* an integer */
    POSTPARSE_RULE_NUMBER = 4, /* an integer or a float */
    /* A timestamp, a date, or a string Jekyll reads as a date. */
    POSTPARSE_RULE_DATE = 5,
    POSTPARSE_RULE_LIST = 6,    /* a sequence */
    POSTPARSE_RULE_MAPPING = 7, /* a mapping */
    /* A string, or a sequence of scalars (tags, categories). */
    POSTPARSE_RULE_STRING_LIST = 8
} postparse_rule_type;

/* A user check. value is the key's value (never NULL: the callback is only
 * called when the key is present). Return true when it is fine; return
 * false and write a NUL-terminated message (what was expected) into
 * message[0..message_size) for a finding. Called from inside
 * postparse_parser_finish(), on the thread that calls it. */
typedef bool (*postparse_rule_check)(void *user_data, const char *key,
                                     const postparse_value *value,
                                     char *message, size_t message_size);

/* One rule about one top-level front matter key. Fill with
 * postparse_rule_init(), then set what is needed: the size field lets the
 * struct grow without breaking the ABI (a table of rules is read with the
 * stride of its first rule's size). Every finding is a diagnostic with the
 * rule's severity, at the value's position (at the front matter's start for
 * a missing key), with the key. */
typedef struct postparse_rule {
    size_t size;     /* sizeof(postparse_rule), set by postparse_rule_init */
    const char *key; /* NUL-terminated; not copied */
    postparse_rule_type type;
    bool required;    /* missing (or null) is "required-key" */
    size_t min_chars; /* strings: fewer code points is "too-short" */
    size_t max_chars; /* strings: more code points is "too-long"; 0: none */
    size_t max_width; /* strings: display width as postparse_text_width
                         counts it (East Asian wide and fullwidth
                         characters and emoji sequences 2, combining marks
                         0) above this is "too-wide"; 0: none */
    postparse_severity severity; /* default POSTPARSE_SEVERITY_ERROR */
    /* The diagnostic code string of the callback's findings: a stable
     * kebab-case name with static storage; NULL for "rule-failed". Their id
     * is POSTPARSE_DIAG_RULE_FAILED either way. */
    const char *code;
    postparse_rule_check check; /* may be NULL */
    void *user_data;            /* passed to check */
} postparse_rule;

POSTPARSE_API void postparse_rule_init(postparse_rule *rule);

/* ---- derived fields -----------------------------------------------------
 */

typedef struct postparse_post postparse_post;

/* Where data["date"] came from (the oracle's date_source). */
typedef enum postparse_date_source {
    POSTPARSE_DATE_SOURCE_NONE = 0, /* no date: a read error stopped Jekyll */
    POSTPARSE_DATE_SOURCE_FRONT_MATTER = 1,
    POSTPARSE_DATE_SOURCE_FILENAME = 2,
    POSTPARSE_DATE_SOURCE_SITE_TIME = 3, /* no usable date: the build time */
    /* A draft (`draft:` true) without a date: the file's modification time
     * (the oracle prints "other"). */
    POSTPARSE_DATE_SOURCE_FILE_MTIME = 4
} postparse_date_source;

/* "front_matter", "filename", "site_time", "other"; NULL for NONE. Static. */
POSTPARSE_API const char *
postparse_date_source_name(postparse_date_source source);

typedef enum postparse_excerpt_source {
    POSTPARSE_EXCERPT_NONE = 0,        /* no excerpt (null) */
    POSTPARSE_EXCERPT_GENERATED = 1,   /* the body before the separator */
    POSTPARSE_EXCERPT_FRONT_MATTER = 2 /* the front matter's `excerpt:` */
} postparse_excerpt_source;

/* data["date"] in the site zone (nanosecond 0 when Jekyll dropped the
 * fraction). false when it is not a time (null in the oracle). */
POSTPARSE_API bool postparse_post_date(const postparse_post *post,
                                       postparse_datetime *out);
POSTPARSE_API postparse_date_source
postparse_post_date_source(const postparse_post *post);

/* data[...] after Jekyll's read, typed as Jekyll keeps it; NULL when the
 * value is nil (absent). slug and title are strings unless the front
 * matter set them otherwise; layout and permalink are the front matter's
 * values (or the site's defaults).
 *
 * categories and tags are what Jekyll 4.3's Document leaves, in every case
 * (each checked against Jekyll; docs/jekyll-compat.md):
 * - When the read succeeds, both are sequences. categories: the folder
 *   categories (a site's relative_path), then `categories` (a string split
 *   on whitespace, or a list as written), then `category` (one item, not
 *   split), then Jekyll's coerced copies of those items (each one's Ruby
 *   to_s, and the items of nested lists), duplicates dropped:
 *   `categories: [1, a, [b, c]]` is
 *   [1, "a", ["b", "c"], "1", "[\"b\", \"c\"]", "b", "c"] (print
 *   postparse_value_to_s() of each item, or keep the strings, for what a
 *   template shows). tags: `tags` split or as a list, then `tag`, flattened,
 *   each item with its YAML type (`tags: [1, true, a]` is [1, true, "a"]).
 * - When Jekyll's read stops with an error (postparse_post_jekyll_error()
 *   is set), they are what Jekyll had computed by then: after a date error
 *   (InvalidDateError, RangeError) tags is the front matter's value as
 *   written (`tags: a b` stays the string "a b") and categories the list
 *   above; after a TypeError (a scalar categories that is not a string)
 *   categories is [] and tags NULL; after a YAML error only the folder
 *   categories (and the defaults') are left. */
POSTPARSE_API const postparse_value *
postparse_post_slug(const postparse_post *post);
POSTPARSE_API const postparse_value *
postparse_post_title(const postparse_post *post);
POSTPARSE_API const postparse_value *
postparse_post_categories(const postparse_post *post);
POSTPARSE_API const postparse_value *
postparse_post_tags(const postparse_post *post);
POSTPARSE_API const postparse_value *
postparse_post_layout(const postparse_post *post);
POSTPARSE_API const postparse_value *
postparse_post_permalink(const postparse_post *post);

/* doc.published?: false only when `published` is the boolean false. */
POSTPARSE_API bool postparse_post_published(const postparse_post *post);

/* The excerpt separator (front matter, else the site's, default "\n\n");
 * NUL-terminated, length in bytes in *len (may be NULL). */
POSTPARSE_API const char *
postparse_post_excerpt_separator(const postparse_post *post, size_t *len);
POSTPARSE_API postparse_excerpt_source
postparse_post_excerpt_source(const postparse_post *post);
/* The generated excerpt's bytes (NUL-terminated, length in *len), or NULL
 * when the source is not GENERATED. */
POSTPARSE_API const char *postparse_post_excerpt(const postparse_post *post,
                                                 size_t *len);
/* The front matter's excerpt value when the source is FRONT_MATTER. */
POSTPARSE_API const postparse_value *
postparse_post_excerpt_value(const postparse_post *post);
/* true when the generated excerpt hit options.max_excerpt_bytes and was
 * cut there (on a character boundary); an "excerpt-truncated" diagnostic
 * says so. */
POSTPARSE_API bool postparse_post_excerpt_truncated(const postparse_post *post);
/* true when options.excerpt_cap cut the generated excerpt shorter. */
POSTPARSE_API bool postparse_post_excerpt_capped(const postparse_post *post);

/* Whether a Jekyll build would process the post (PostReader: a dated file
 * name, content valid UTF-8, published, not in the future unless
 * options.future), and why not: the oracle's skip_reason text, static,
 * NULL when processable. */
POSTPARSE_API bool postparse_post_processable(const postparse_post *post);
POSTPARSE_API const char *
postparse_post_skip_reason(const postparse_post *post);
/* The file name matches YYYY-MM-DD-title.ext and passes Jekyll's
 * EntryFilter. */
POSTPARSE_API bool postparse_post_read_by_jekyll(const postparse_post *post);

/* ---- Jekyll's error ----------------------------------------------------
 */

/* The Ruby exceptions Jekyll 4.3's read of a post can end with:
 * X(enum suffix, Ruby class name). New ones are only added at the end. */
#define POSTPARSE_RUBY_ERROR_MAP(X)                                            \
    X(PSYCH_SYNTAX_ERROR, "Psych::SyntaxError")                                \
    X(PSYCH_BAD_ALIAS, "Psych::BadAlias")                                      \
    X(PSYCH_DISALLOWED_CLASS, "Psych::DisallowedClass")                        \
    X(NO_METHOD_ERROR, "NoMethodError")                                        \
    X(ARGUMENT_ERROR, "ArgumentError")                                         \
    X(TYPE_ERROR, "TypeError")                                                 \
    X(INVALID_DATE_ERROR, "Jekyll::Errors::InvalidDateError")                  \
    X(RANGE_ERROR, "RangeError")

typedef enum postparse_ruby_error {
    POSTPARSE_RUBY_ERROR_NONE = 0,
#define POSTPARSE_RUBY_ERROR_ENUM_(suffix, name) POSTPARSE_RUBY_##suffix,
    POSTPARSE_RUBY_ERROR_MAP(POSTPARSE_RUBY_ERROR_ENUM_)
#undef POSTPARSE_RUBY_ERROR_ENUM_
} postparse_ruby_error;

/* The class name ("Psych::SyntaxError"); static; NULL for NONE and for a
 * value outside the table. */
POSTPARSE_API const char *postparse_ruby_error_name(postparse_ruby_error cls);

/* The exception Jekyll's read of this file ends with. Given out by
 * pointer, owned by the post (valid as long as the post), so that it can
 * grow. */
typedef struct postparse_jekyll_error {
    postparse_ruby_error error_class; /* never NONE */
    /* postparse_ruby_error_name(error_class): what the oracle prints. */
    const char *class_name;
    /* Ruby's message, NUL-terminated ("(<unknown>): did not find expected
     * key while parsing a block mapping at line 2 column 1"). */
    const char *message;
    /* A default build stops (InvalidDateError); otherwise Jekyll goes on
     * with the post, without its front matter data (YAML errors, TypeError,
     * NoMethodError) or without the post (ArgumentError: invalid UTF-8). */
    bool fatal;
} postparse_jekyll_error;

/* Jekyll's error for this post: a YAML error (Psych::SyntaxError,
 * Psych::BadAlias, Psych::DisallowedClass, NoMethodError for a front matter
 * that is not a mapping, ArgumentError for a scalar Ruby cannot convert),
 * TypeError for a scalar `categories`, InvalidDateError for a date Jekyll
 * cannot read, ArgumentError for invalid UTF-8. The first one Jekyll meets
 * wins. NULL when Jekyll reads the post without error. */
POSTPARSE_API const postparse_jekyll_error *
postparse_post_jekyll_error(const postparse_post *post);

#ifdef __cplusplus
}
#endif

#endif
