/* SPDX-License-Identifier: MIT */
/* Stability: stable from 1.0 (ABI checked by .ci/abi-check); options and
 * callbacks only grow at the end, behind their size fields. */
/* The push parser. Include <postparse/postparse.h>, not this. */
#ifndef POSTPARSE_PARSER_H
#define POSTPARSE_PARSER_H

#include <postparse/common.h>
#include <postparse/diagnostic.h>
#include <postparse/date.h>
#include <postparse/post.h>
#include <postparse/text.h>
#include <postparse/value.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct postparse_parser postparse_parser;

/* What to do with bytes that are not valid UTF-8 (front matter and body). */
typedef enum postparse_utf8_policy {
    /* The first invalid byte is a fatal POSTPARSE_ERR_INVALID_UTF8 error at
     * its position; every valid byte before it has been delivered. */
    POSTPARSE_UTF8_STRICT = 0,
    /* Each maximal invalid subpart becomes U+FFFD (Unicode's recommended
     * practice, as WHATWG's decoder); a diagnostic "invalid-utf8" marks the
     * first one. */
    POSTPARSE_UTF8_REPLACE = 1,
    /* Bytes are delivered as they are; a diagnostic "invalid-utf8" marks the
     * first invalid byte. */
    POSTPARSE_UTF8_PASS_THROUGH = 2
} postparse_utf8_policy;

/* Parser options. Always call postparse_options_init() first, then set what
 * you need: the size field lets the struct grow without breaking the ABI. */
typedef struct postparse_options {
    size_t size; /* sizeof(postparse_options), set by postparse_options_init */
    postparse_utf8_policy utf8_policy; /* default POSTPARSE_UTF8_STRICT */
    /* Bytes of front matter buffered, from the opening line to the end of
     * the closing line: past it with no closing line, the whole file is
     * body (a warning "frontmatter-over-limit"; a closing line that comes
     * later is an error "frontmatter-closed-past-limit"). A line of blanks
     * after the closing line (or the opening line itself) longer than it
     * stops the parse with POSTPARSE_ERR_FRONTMATTER_TOO_LARGE.
     * Default 1 MiB. */
    size_t max_frontmatter_bytes;
    /* Diagnostics kept and delivered at most; past it one note
     * "too-many-diagnostics" says that later ones were dropped, so that
     * hostile input cannot grow the list without bound. Default 1000. */
    size_t max_diagnostics;
    postparse_allocator allocator; /* default: all NULL, the C library */

    /* Typed front matter (<postparse/value.h>). Each limit below is a
     * fatal error at the position where it is passed; each bounds the
     * time and memory the YAML load can take. */
    postparse_yaml_schema yaml_schema; /* default POSTPARSE_SCHEMA_JEKYLL */
    /* Collections nested in each other; POSTPARSE_ERR_DEPTH_LIMIT.
     * Default 100 (Ruby's JSON refuses deeper data too). */
    size_t max_depth;
    /* Bytes of one scalar's value; POSTPARSE_ERR_SCALAR_LIMIT. A token
     * spanning more than 4 * max_scalar_bytes + 64 KiB of text is cut
     * early with the same error. Default 256 KiB. */
    size_t max_scalar_bytes;
    /* Mapping keys in the whole front matter; POSTPARSE_ERR_KEYS_LIMIT.
     * Default 10,000. */
    size_t max_keys;
    /* Alias budget (POSTPARSE_ERR_ALIAS_LIMIT): nodes once every alias is
     * expanded may not exceed max_alias_nodes (default 1,000,000), nor,
     * past 10,000, alias_amplification (default 100) times the nodes
     * written in the text. */
    uint64_t max_alias_nodes;
    uint32_t alias_amplification;
    /* Anchors (&name) defined in the front matter, a name defined again
     * counting again; POSTPARSE_ERR_ANCHORS_LIMIT. Default 10,000. */
    size_t max_anchors;
    /* Directives (%YAML, %TAG) read after the first YAML document, where
     * only a second document is looked for (libyaml checks each %TAG
     * against every one before it); past it the rest of the front matter
     * is not read and a warning "yaml-directive-limit" says where. Jekyll
     * ignores everything after the first document too. Default 100. */
    size_t max_yaml_directives;
    /* Items of one tags or categories list once nested lists are
     * flattened (and of the words of a string value);
     * POSTPARSE_ERR_TAXONOMY_LIMIT. Default 10,000. */
    size_t max_taxonomy_items;
    /* Bytes of the excerpt separator (options.excerpt_separator or the
     * front matter's); a longer one makes no excerpt, and an error
     * diagnostic "excerpt-separator-too-long" says so. Default 1 KiB. */
    size_t max_excerpt_separator_bytes;
    /* The key of the hash tables (SipHash-1-3) that read the front matter
     * and derive the fields. When hash_seed_set is false (the default)
     * each parser reads a random key from getrandom() when it is created,
     * so that no input can aim keys at one slot; set it for reproducible
     * runs (tests, benchmarks). The tables bound their work with any key.
     * The key is drawn once per parser (one system call, about 2 us) and
     * kept across postparse_parser_reset(): reuse a parser for many files. */
    uint64_t hash_seed[2];
    bool hash_seed_set;

    /* Post fields (<postparse/post.h>), as Jekyll 4.3 derives them. */
    /* The file's path or name: its basename gives the file name date and
     * the slug, as `_posts/<basename>` does in Jekyll. Copied by
     * postparse_parser_new(); change it per file with
     * postparse_parser_set_path(). NULL: no name (no date, slug ""). */
    const char *path;
    /* The site's time zone (Jekyll's `timezone`): string dates are read in
     * it and every date is given in it. Not copied: it must outlive the
     * parser. NULL: UTC. */
    const postparse_tz *site_zone;
    /* site.time in unix seconds and nanoseconds: the date of a post without
     * one, and "now" for the future check. Used when site_time_set is true;
     * otherwise the clock is read when the parse finishes. */
    int64_t site_time;
    int32_t site_time_nanosecond;
    bool site_time_set;
    /* How a YAML timestamp without a zone (2025-02-07 20:00:59) is read:
     * false (the default) as Psych and Jekyll do, as UTC; true in the site
     * zone (what its author usually meant; not Jekyll's value). */
    bool naive_time_in_site_zone;
    /* Jekyll's `future` and `unpublished` site settings: when true, future
     * dated and unpublished posts are processable. Default false. */
    bool future;
    bool unpublished;
    /* The site's excerpt_separator (NUL-terminated, copied); NULL: "\n\n".
     * An empty one turns generated excerpts off, as in Jekyll. */
    const char *excerpt_separator;
    /* Body bytes kept for the generated excerpt, at most (and, separately,
     * bytes of the link definitions Jekyll appends to it); past it the
     * excerpt is cut (on a character boundary), an "excerpt-truncated"
     * warning says so, and memory stays bounded. Default 1 MiB. */
    size_t max_excerpt_bytes;
    /* The built-in rules of docs/diagnostics.md (layout, date, tags,
     * categories, comments, published, title, permalink). Default true. */
    bool builtin_rules;
    /* User rules, checked in order after the built-in ones. Not copied:
     * the table (and its strings) must outlive the parser. */
    const postparse_rule *rules;
    size_t rule_count;
    /* Cap the generated excerpt at excerpt_cap units of excerpt_cap_unit
     * (code points, grapheme clusters or display columns, CJK counting
     * two), cut on a grapheme cluster boundary so that no character,
     * combining mark, emoji sequence or flag is split. 0 (the default): no
     * cap, the excerpt is Jekyll's. postparse_post_excerpt_capped() tells
     * whether it cut. */
    uint64_t excerpt_cap;
    postparse_text_unit excerpt_cap_unit;
    /* Keep the body, as delivered to on_body, in the document
     * (postparse_doc_body()). Default false: the body is streamed through
     * and never held whole. */
    bool keep_body;
    /* A loaded rules file (<postparse/rules.h>), or NULL: its field rules
     * run after the rules above, and its severities apply to every
     * diagnostic (a code set to off is never reported). Not copied: it
     * must outlive the parser. Set it with postparse_ruleset_apply(). */
    const struct postparse_ruleset *ruleset;

    /* Reading a post as part of a site (<postparse/site.h> fills these two
     * from _config.yml; docs/site.md). */
    /* The file's path relative to the site's source, as Jekyll's
     * Document#relative_path ("ja/news/_posts/2025-01-01-x.md", without
     * collections_dir). The folders before the first "_posts" (for a
     * draft, "_drafts") become categories, placed before the front
     * matter's own (Jekyll's categories_from_path); a path without
     * "_posts" is a draft (data["draft"] true: a draft without a date is
     * dated by its mtime). Copied by postparse_parser_new(); change it per
     * file with postparse_parser_set_site_file(). NULL (the default): no
     * folder categories, the post is read as `_posts/<basename>`. */
    const char *relative_path;
    /* The front matter defaults that apply to this file: one mapping, the
     * sets of `defaults` already merged in Jekyll's precedence
     * (postparse_site_defaults_for() makes it). It is merged under the
     * post's front matter as Jekyll's merge_defaults does: a deep merge in
     * which the post's keys win, a null in the post keeps the default, and
     * `categories` are united. Every derived field (layout, permalink,
     * published, date, excerpt_separator, ...) and the built-in rules see
     * the merged data. Not copied: it must outlive the parser. NULL (the
     * default): none. */
    const postparse_value *front_matter_defaults;
} postparse_options;

POSTPARSE_API void postparse_options_init(postparse_options *options);

/* What a callback asks the parser to do next. */
typedef enum postparse_action {
    POSTPARSE_CONTINUE = 0,
    /* Stop after this event: feed() or finish() returns POSTPARSE_PAUSED;
     * postparse_parser_consumed() tells how many bytes of that feed were
     * used. Call postparse_parser_resume(), then feed the rest. */
    POSTPARSE_PAUSE = 1,
    /* Stop for good: a sticky POSTPARSE_ERR_ABORTED error. */
    POSTPARSE_ABORT = 2
} postparse_action;

/* What the parser saw, passed to on_end and kept for
 * postparse_parser_summary(). */
typedef struct postparse_summary {
    bool has_front_matter;  /* a front matter block was closed and split off */
    bool had_bom;           /* a UTF-8 byte order mark was stripped */
    bool body_valid_utf8;   /* no invalid byte in the body as read */
    uint64_t input_bytes;   /* bytes fed in all */
    uint64_t body_bytes;    /* bytes delivered through on_body */
    postparse_pos body_pos; /* where the body starts in the file */
} postparse_summary;

/* Callbacks: any may be NULL. Every pointer passed to a callback is valid
 * only until it returns. Callbacks must not call feed, finish, reset or free
 * on the same parser (that returns POSTPARSE_ERR_MISUSE).
 *
 * Order: [on_frontmatter_begin on_frontmatter_text on_frontmatter_end]
 *        on_body* on_end, with on_diagnostic wherever a problem is found.
 * The front matter events come together once the closing line is seen: a
 * block that never closes is not front matter (Jekyll's rule), and its bytes
 * come out as body. */
typedef struct postparse_callbacks {
    size_t size; /* sizeof(postparse_callbacks), set by _init */
    /* pos: the opening "---" line. */
    postparse_action (*on_frontmatter_begin)(void *user_data,
                                             const postparse_pos *pos);
    /* The exact text Jekyll hands to its YAML loader: from the opening "---"
     * (after a byte order mark) up to, not including, the closing line. It
     * comes in one piece. pos: where it starts. */
    postparse_action (*on_frontmatter_text)(void *user_data, const char *text,
                                            size_t len,
                                            const postparse_pos *pos);
    /* pos: the closing "---" or "..." line. */
    postparse_action (*on_frontmatter_end)(void *user_data,
                                           const postparse_pos *pos);
    /* A piece of the body. A span never ends inside a UTF-8 sequence, may be
     * of any length (never 0), and usually points into the buffer given to
     * feed(). One logical body comes in as many spans as it likes: concatenate
     * them. pos: where the span's first byte is in the file.
     * Small feeds (under 512 bytes, once the body has started) are gathered:
     * feed() copies them into the parser and returns at once; their bytes
     * come out later, in order, as spans that point into the parser's memory,
     * delivered by the feed() that fills the buffer or brings 512 bytes or
     * more, or by finish(). Events of gathered bytes (this one, an invalid
     * UTF-8 diagnostic or error, a pause) therefore come from that later
     * call, which then has taken none of its own bytes (consumed() is 0). */
    postparse_action (*on_body)(void *user_data, const char *data, size_t len,
                                const postparse_pos *pos);
    postparse_action (*on_diagnostic)(void *user_data,
                                      const postparse_diagnostic *diagnostic);
    postparse_action (*on_end)(void *user_data,
                               const postparse_summary *summary);
} postparse_callbacks;

POSTPARSE_API void postparse_callbacks_init(postparse_callbacks *callbacks);

/* Create a parser. options and callbacks may be NULL (defaults, no
 * callbacks); both are copied. user_data is passed to every callback.
 * Returns POSTPARSE_OK and sets *out, or POSTPARSE_ERR_NOMEM, or
 * POSTPARSE_ERR_INVALID_ARGUMENT (out NULL, or a size field too small). */
POSTPARSE_API postparse_status
postparse_parser_new(postparse_parser **out, const postparse_options *options,
                     const postparse_callbacks *callbacks, void *user_data);

/* Push len bytes (data may be NULL when len is 0). Chunks may be cut
 * anywhere, even inside a UTF-8 sequence or a CRLF: the events are the same
 * as for the whole input at once, once adjacent body spans are merged.
 * The buffer is not kept after feed returns.
 * Returns POSTPARSE_OK, POSTPARSE_PAUSED, or the sticky fatal error. */
POSTPARSE_API postparse_status postparse_parser_feed(postparse_parser *parser,
                                                     const void *data,
                                                     size_t len);

/* The end of the input: flushes what is pending (an unclosed front matter
 * becomes body, a truncated UTF-8 sequence is invalid) and calls on_end.
 * Only finish tells a complete document from a truncated one. After it,
 * feed returns POSTPARSE_ERR_MISUSE until reset. May return PAUSED: resume,
 * then call finish again. */
POSTPARSE_API postparse_status
postparse_parser_finish(postparse_parser *parser);

/* Continue after POSTPARSE_PAUSED. Returns POSTPARSE_ERR_MISUSE when the
 * parser is not paused. */
POSTPARSE_API postparse_status
postparse_parser_resume(postparse_parser *parser);

/* Bytes of the last feed() that were used; after POSTPARSE_PAUSED, feed the
 * remaining (len - consumed) bytes once resumed. A feed that stopped while
 * pushing out gathered bytes (see on_body) used none of its own: 0. */
POSTPARSE_API size_t postparse_parser_consumed(const postparse_parser *parser);

/* Back to the state of a new parser with the same options and callbacks;
 * frees the front matter, the diagnostics and the error. */
POSTPARSE_API void postparse_parser_reset(postparse_parser *parser);

POSTPARSE_API void postparse_parser_free(postparse_parser *parser);

/* The sticky fatal error; or else the last misuse (a call out of order,
 * such as feed after finish, or from inside a callback: it changes nothing
 * but this report); or NULL. Owned by the parser, valid until reset, free
 * or take_doc. The results of a parse are in the document
 * (postparse_parser_take_doc, <postparse/doc.h>). */
POSTPARSE_API const postparse_error *
postparse_parser_error(const postparse_parser *parser);

/* The summary so far (complete after finish). Owned by the parser. */
POSTPARSE_API const postparse_summary *
postparse_parser_summary(const postparse_parser *parser);

/* Sets the path (or name) of the next input, as options.path: call it on a
 * new or reset parser, before the first feed. path is copied; NULL clears
 * it. reset() goes back to options.path. Returns POSTPARSE_OK,
 * POSTPARSE_ERR_NOMEM, or POSTPARSE_ERR_MISUSE once input was fed. */
POSTPARSE_API postparse_status
postparse_parser_set_path(postparse_parser *parser, const char *path);

/* The file's modification time (unix seconds, nanoseconds), which Jekyll
 * takes as the date of a draft (`draft: true`) without one. Call it as
 * set_path; reset() forgets it. Without it such a draft gets the site time. */
POSTPARSE_API postparse_status postparse_parser_set_mtime(
    postparse_parser *parser, int64_t seconds, int32_t nanosecond);

/* Sets options.relative_path (copied; NULL clears it) and
 * options.front_matter_defaults (not copied; NULL: none) for the next
 * input: call it as set_path. reset() goes back to the options' values.
 * Returns POSTPARSE_OK, POSTPARSE_ERR_NOMEM or POSTPARSE_ERR_MISUSE. */
POSTPARSE_API postparse_status postparse_parser_set_site_file(
    postparse_parser *parser, const char *relative_path,
    const postparse_value *front_matter_defaults);

#ifdef __cplusplus
}
#endif

#endif
