/* SPDX-License-Identifier: MIT */
/* The post layer: Jekyll 4.3's derived fields (post_*.c, one concern each)
 * and the state they are computed from. The parser owns one postparse_post,
 * feeds it the body while it goes out, and asks it to derive the fields at
 * the end of the input. */
#ifndef POSTPARSE_POST_INTERNAL_H
#define POSTPARSE_POST_INTERNAL_H

#include <postparse/postparse.h>

#include "arena.h"
#include "buffer.h"
#include "diagnostics.h"
#include "hash.h"

#define POSTPARSE__EXCERPT_FAIL_INLINE 16
/* Separators up to this long are searched with memchr and memcmp. */
#define POSTPARSE__EXCERPT_SHORT_SEPARATOR 4

/* The generated excerpt, captured while the body goes out: the head (the
 * body up to the separator, bounded) and the link reference definitions of
 * the tail that the head uses (Jekyll's Excerpt#extract_excerpt). */
typedef struct postparse__excerpt {
    const char *sep; /* the separator, owned by the post's arena */
    size_t sep_len;
    bool enabled; /* a separator is set and Jekyll would make an excerpt */
    size_t max;   /* bytes kept at most */
    postparse__buffer head;
    bool found;         /* the separator was seen */
    size_t found_at;    /* head bytes before it */
    bool tail_nonempty; /* a byte came after the separator */
    bool truncated;     /* max was reached */
    uint64_t cap;       /* options.excerpt_cap: 0, none */
    postparse_text_unit cap_unit;
    bool capped;    /* the cap cut the excerpt */
    bool scan_tail; /* the head has a '[': look for definitions */
    int state;      /* of the definition scanner (post_excerpt.c) */
    int spaces;     /* indentation of the line being matched */
    postparse__buffer label;
    bool label_too_long;    /* longer than the head: cannot be in it */
    postparse__buffer defs; /* matched definitions, "\n"-joined */
    size_t defs_mark;       /* defs.len before the definition in progress */
    /* The head's possible label occurrences ('[' up to the next ']'),
     * hashed, so that looking a label up costs its own length, not the
     * head's (post_excerpt.c). */
    struct postparse__label_slot *index;
    size_t index_cap; /* a power of two, or 0 */
    uint64_t base;    /* of the index's hashes, from the hash key */
    const postparse__hash_key *key; /* the parser's */
    /* The separator's failure function: sep_len entries, in fail_inline
     * when they fit. */
    uint32_t *fail;
    uint32_t fail_inline[POSTPARSE__EXCERPT_FAIL_INLINE];
} postparse__excerpt;

/* What the parser gives the post layer at the end. */
typedef struct postparse__post_input {
    const postparse_options *opt;
    const char *path; /* may be NULL */
    bool has_mtime;
    int64_t mtime;
    int32_t mtime_ns;
    const postparse_value *front_matter; /* NULL: none or a YAML error */
    postparse_pos front_matter_pos;      /* its opening line */
    const char *yaml_error_class;        /* Psych's exception, or NULL */
    const char *yaml_error_message;
    bool content_valid_utf8; /* the whole file as Jekyll reads it */
    postparse_pos body_pos;  /* where the body starts */
    int64_t now; /* site.time: options.site_time or the clock, read once */
    int32_t now_ns;
    /* The site (options.relative_path, options.front_matter_defaults, or
     * set_site_file's), and what post_site.c merged from them: site_base
     * is data before the front matter (folder categories, defaults),
     * site_data after it. Both NULL when the file is not read as part of
     * a site: data is then the front matter itself. */
    const char *relative_path;
    const postparse_value *defaults;
    const postparse_value *site_base, *site_data;
} postparse__post_input;

struct postparse_post {
    postparse__arena *arena;          /* the parser's */
    const postparse_allocator *alloc; /* the parser's */
    postparse__diag_list *diags;      /* the parser's */
    const postparse_tz *zone;         /* the site's, NULL: UTC */
    postparse_pos body_pos;           /* where the body starts */
    postparse__excerpt excerpt;
    bool ready; /* derived: the public accessors answer */

    bool has_date;
    /* The front matter date is in a form postparse does not read: Jekyll
     * has some date, postparse cannot say which (date null, source
     * front_matter). */
    bool date_unknown;
    postparse_datetime date;
    postparse_date_source date_source;
    const postparse_value *slug, *title, *categories, *tags, *layout,
        *permalink, *excerpt_value;
    bool published;
    const char *excerpt_separator;
    size_t excerpt_separator_len;
    postparse_excerpt_source excerpt_source;
    const char *excerpt_text;
    size_t excerpt_len;
    const postparse_value *site_base, *site_data; /* post_site.c */
    bool processable;
    bool read_by_jekyll;
    const char *skip_reason;
    /* Jekyll's exception for this read: error_class NONE when there is
     * none. */
    postparse_jekyll_error error;
    /* The error came from flattening tags or categories (a list that holds
     * itself): title and slug were set before it, unlike a date error's. */
    bool taxonomy_raised;
    /* Set by the parser from its options. */
    const postparse__hash_key *hash_key;
    size_t max_taxonomy_items;
    /* A limit passed while deriving (POSTPARSE_ERR_TAXONOMY_LIMIT): the
     * parse's fatal error, code 0 when none. */
    postparse_error limit;
};

void postparse__post_init(postparse_post *post, postparse__arena *arena,
                          const postparse_allocator *alloc,
                          postparse__diag_list *diags);
void postparse__post_release(postparse_post *post);

/* Before the first body byte: the front matter is known (root may be NULL),
 * so is the separator Jekyll will cut the excerpt at. */
postparse_status postparse__post_body_begin(postparse_post *post,
                                            const postparse__post_input *in);
/* A body span, as delivered. */
postparse_status postparse__post_body(postparse_post *post, const char *data,
                                      size_t len);
/* At the end of the input: derives every field (post_fields.c) and runs
 * the rules (schema.c), adding diagnostics. */
postparse_status postparse__post_finish(postparse_post *post,
                                        const postparse__post_input *in);

/* ---- shared by the post_*.c files --------------------------------------
 */

/* The data hash as Jekyll holds it after merging the front matter:
 * NULL when a read error dropped it. */
const postparse_value *postparse__post_data(const postparse__post_input *in);

/* The separator Jekyll uses: data["excerpt_separator"] || site's, to_s. */
postparse_status postparse__post_separator(postparse_post *post,
                                           const postparse__post_input *in);

/* Records Jekyll's exception (first one wins): cls is a class name of
 * POSTPARSE_RUBY_ERROR_MAP. message is copied. */
postparse_status postparse__post_raise(postparse_post *post, const char *cls,
                                       bool fatal, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* post_date.c: data["date"] and its source. name_date: the file name's date
 * part (NULL when the name has none). Runs after the front matter merge and
 * in populate_title's place, as Jekyll's modify_date. */
postparse_status postparse__post_date_merge(postparse_post *post,
                                            const postparse__post_input *in,
                                            const postparse_value *data);
postparse_status postparse__post_date_filename(postparse_post *post,
                                               const postparse__post_input *in,
                                               const char *name_date,
                                               size_t len);
/* Document#date, as processable? calls it: the site time (or the file's
 * mtime for a draft) when there is no date yet. */
void postparse__post_date_default(postparse_post *post,
                                  const postparse__post_input *in,
                                  const postparse_value *data);
/* The site time as a date-time in the site zone. */
void postparse__post_site_time(const postparse__post_input *in,
                               int64_t *seconds, int32_t *nanosecond);

/* post_slug_title.c: slug, title (titleized slug) from the file name;
 * *name_date receives the file name's date part or NULL. */
postparse_status postparse__post_slug_title(postparse_post *post,
                                            const postparse__post_input *in,
                                            const postparse_value *data,
                                            const char **name_date,
                                            size_t *name_date_len);
/* The basename of path (after the last '/'), and whether Jekyll's
 * DATE_FILENAME_MATCHER and EntryFilter let PostReader read it. */
const char *postparse__post_basename(const char *path, size_t *len);
bool postparse__post_name_passes_filter(const char *name, size_t len);

/* post_taxonomy.c: merge_categories! at the front matter merge (a scalar
 * `categories` is Ruby's TypeError: returns true after raising it), then
 * populate_categories and populate_tags. */
bool postparse__post_categories_type_error(postparse_post *post,
                                           const postparse_value *fm);
postparse_status postparse__post_taxonomy(postparse_post *post,
                                          const postparse_value *data);
/* The fields a failed read leaves: the merged data, untouched by
 * read_post_data (categories merged, tags raw). */
postparse_status postparse__post_taxonomy_merged(postparse_post *post,
                                                 const postparse_value *data);

/* post_site.c: merges in->defaults and the folder categories of
 * in->relative_path under the front matter, into post->site_base and
 * post->site_data (both stay NULL when neither is set). */
postparse_status postparse__post_site_merge(postparse_post *post,
                                            const postparse__post_input *in);
/* Whether Jekyll reads the file as a draft: its relative path has no
 * "_posts" (Document#draft?), or data["draft"] is truthy. */
bool postparse__post_is_draft(const postparse__post_input *in,
                              const postparse_value *data);
/* Ruby's `(old || []) | other` of merge_categories!: other split on
 * whitespace when a string; a new sequence in the arena, or NULL when out
 * of memory. old may be NULL. */
postparse_value *postparse__post_categories_union(postparse_post *post,
                                                  const postparse_value *old,
                                                  const postparse_value *other);

/* post_excerpt.c */
/* Once the separator is known: the index's hash base and the separator's
 * search table. false: out of memory. */
bool postparse__excerpt_prepare(postparse__excerpt *e,
                                const postparse_allocator *a,
                                const postparse__hash_key *key);
void postparse__excerpt_release(postparse__excerpt *e,
                                const postparse_allocator *a);
postparse_status postparse__excerpt_feed(postparse__excerpt *e,
                                         const postparse_allocator *a,
                                         const char *data, size_t len);
/* The excerpt Jekyll makes from what was captured, into the arena. */
postparse_status postparse__excerpt_finish(postparse_post *post);

/* Value helpers (post_values.c): new values in the post's arena. */
postparse_value *postparse__post_string(postparse_post *post, const char *s,
                                        size_t len);
postparse_value *postparse__post_sequence(postparse_post *post,
                                          postparse_value **items, size_t n);
/* A timestamp without a zone as Psych makes it, Time.at(t): the same
 * instant in the site zone (to_s and JSON show that offset). Other values
 * are returned as they are; NULL when out of memory. */
postparse_value *postparse__post_zoned(postparse_post *post,
                                       postparse_value *v);

/* Ruby's truthiness: everything but nil (absent or null) and false. */
bool postparse__ruby_truthy(const postparse_value *v);

/* Ruby's to_s of a value (Integer, Float, true, nil -> "", Date, Time,
 * Array and Hash inspect), into b. false: out of memory. */
bool postparse__ruby_to_s(postparse__buffer *b, const postparse_allocator *a,
                          const postparse_value *v);

/* schema.c: the built-in rules and options.rules over the front matter. */
postparse_status postparse__schema_check(postparse__diag_list *diags,
                                         const postparse_options *opt,
                                         const postparse_value *front_matter,
                                         postparse_pos front_matter_pos);

#endif
