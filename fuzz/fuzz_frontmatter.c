/* SPDX-License-Identifier: MIT */
/* Front matter to typed values, with tight limits. The document is a post;
 * one that does not start with "---" is taken as the YAML text itself and
 * wrapped in "---" lines. It is fed in the tail's chunks. Whatever the
 * bytes, the parse ends in success or a known fatal error, never in a
 * crash, a leak or unbounded work; and the value tree is consistent: every
 * accessor agrees with the kind, strings are NUL-terminated at their
 * length, positions lie inside the input, and the tree writes as JSON.
 *
 * Flags (see fuzz_input.h): bit 0 the YAML 1.2 core schema instead of
 * Jekyll's; bit 1 very tight limits (depth 8, 64-byte scalars, 32 keys,
 * 500 alias nodes) instead of tight ones (depth 32, 4 KiB, 1,000 keys,
 * 20,000 alias nodes); bits 2-3 the UTF-8 policy (3: strict). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <postparse/postparse.h>

#include "event_log.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct walk {
    uint64_t input_len;
    size_t budget; /* nodes still to visit: aliases make a DAG */
} walk;

static void check_pos(const walk *w, postparse_pos pos)
{
    CHECK(pos.offset <= w->input_len && pos.line >= 1 && pos.column >= 1);
    CHECK(pos.line <= pos.offset + 1 && pos.column <= pos.offset + 1);
}

static void check_string(const char *s, size_t len)
{
    CHECK(s && s[len] == '\0');
}

static void check_value(walk *w, const postparse_value *v, size_t depth)
{
    if (!v || w->budget == 0)
        return;
    w->budget--;
    postparse_value_kind kind = postparse_value_kind_of(v);
    CHECK((unsigned)kind <= POSTPARSE_VALUE_MAPPING);
    CHECK(strlen(postparse_value_kind_name(kind)) > 0);
    check_pos(w, postparse_value_pos(v));
    size_t len;
    const char *text = postparse_value_text(v, &len);
    if (text)
        check_string(text, len);
    const char *tag = postparse_value_tag(v);
    if (tag)
        CHECK(strlen(tag) > 0);
    int64_t i;
    bool is_int = postparse_value_int(v, &i);
    CHECK(!is_int || kind == POSTPARSE_VALUE_INT);
    CHECK(!postparse_value_int_is_big(v) ||
          (kind == POSTPARSE_VALUE_INT && !is_int));
    CHECK(!postparse_value_bool(v) || kind == POSTPARSE_VALUE_BOOL);
    const char *s = postparse_value_string(v, &len);
    CHECK((s != NULL) ==
          (kind == POSTPARSE_VALUE_STRING || kind == POSTPARSE_VALUE_BINARY ||
           postparse_value_int_is_big(v)));
    if (s)
        check_string(s, len);
    postparse_datetime ts;
    if (postparse_value_datetime(v, &ts)) {
        CHECK(kind == POSTPARSE_VALUE_TIMESTAMP ||
              kind == POSTPARSE_VALUE_DATE);
        CHECK(ts.has_time == (kind == POSTPARSE_VALUE_TIMESTAMP));
        CHECK(ts.month >= 1 && ts.month <= 12 && ts.day >= 1 && ts.day <= 31);
        CHECK(ts.hour >= 0 && ts.hour <= 23 && ts.minute >= 0 &&
              ts.minute <= 59 && ts.second >= 0 && ts.second <= 59);
        CHECK(ts.nanosecond >= 0 && ts.nanosecond <= 999999999);
        CHECK(ts.has_time || (!ts.has_offset && ts.hour == 0 &&
                              ts.nanosecond == 0 && ts.utc_offset == 0));
    } else {
        CHECK(kind != POSTPARSE_VALUE_TIMESTAMP &&
              kind != POSTPARSE_VALUE_DATE);
    }
    size_t n = postparse_value_length(v);
    if (kind == POSTPARSE_VALUE_SEQUENCE) {
        CHECK(postparse_value_index(v, n) == NULL);
        for (size_t k = 0; k < n; k++) {
            const postparse_value *item = postparse_value_index(v, k);
            CHECK(item);
            /* A recursive collection refers back to itself: do not
             * descend forever. */
            if (!postparse_value_is_recursive(v) || depth < 4)
                check_value(w, item, depth + 1);
        }
    } else if (kind == POSTPARSE_VALUE_MAPPING) {
        CHECK(postparse_value_key_at(v, n) == NULL);
        for (size_t k = 0; k < n; k++) {
            const postparse_value *key = postparse_value_key_at(v, k);
            const postparse_value *val = postparse_value_value_at(v, k);
            CHECK(key && val);
            size_t key_len;
            const char *key_s = postparse_value_string(key, &key_len);
            /* The last of duplicate keys wins, so a lookup finds an entry
             * with that key (this one or a later one). */
            if (key_s &&
                postparse_value_kind_of(key) == POSTPARSE_VALUE_STRING) {
                const postparse_value *found =
                    postparse_value_get(v, key_s, key_len);
                CHECK(found);
            }
            if (!postparse_value_is_recursive(v) || depth < 4) {
                check_value(w, key, depth + 1);
                check_value(w, val, depth + 1);
            }
        }
    } else {
        CHECK(n == 0 && postparse_value_index(v, 0) == NULL &&
              postparse_value_key_at(v, 0) == NULL);
        CHECK(!postparse_value_is_recursive(v));
    }
}

static bool null_sink(void *ud, const char *data, size_t len)
{
    (void)ud;
    (void)data;
    (void)len;
    return true;
}


static const postparse_status allowed[] = {
    POSTPARSE_OK,
    POSTPARSE_ERR_INVALID_UTF8,
    POSTPARSE_ERR_UNSUPPORTED_ENCODING,
    POSTPARSE_ERR_FRONTMATTER_TOO_LARGE,
    POSTPARSE_ERR_DEPTH_LIMIT,
    POSTPARSE_ERR_SCALAR_LIMIT,
    POSTPARSE_ERR_KEYS_LIMIT,
    POSTPARSE_ERR_ALIAS_LIMIT,
    POSTPARSE_ERR_ANCHORS_LIMIT,
    POSTPARSE_ERR_TAXONOMY_LIMIT,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in;
    fuzz_input_split(&in, data, size);
    postparse_options opt;
    postparse_options_init(&opt);
    opt.yaml_schema =
        in.flags & 1 ? POSTPARSE_SCHEMA_YAML12_CORE : POSTPARSE_SCHEMA_JEKYLL;
    bool very = in.flags & 2;
    opt.max_depth = very ? 8 : 32;
    opt.max_scalar_bytes = very ? 64 : 4096;
    opt.max_keys = very ? 32 : 1000;
    opt.max_alias_nodes = very ? 500 : 20000;
    opt.alias_amplification = very ? 2 : 10;
    opt.max_frontmatter_bytes = 64 * 1024;
    unsigned policy = in.flags >> 2;
    opt.utf8_policy =
        policy == 3 ? POSTPARSE_UTF8_STRICT : (postparse_utf8_policy)policy;

    /* Raw YAML gets its "---" lines. */
    static const char open[] = "---\n", close[] = "\n---\nbody\n";
    bool wrap = in.doc_len < 3 || memcmp(in.doc, "---", 3) != 0;
    size_t len = in.doc_len + (wrap ? sizeof open + sizeof close - 2 : 0);
    uint8_t *doc = malloc(len ? len : 1);
    CHECK(doc);
    if (wrap) {
        memcpy(doc, open, sizeof open - 1);
        memcpy(doc + sizeof open - 1, in.doc, in.doc_len);
        memcpy(doc + sizeof open - 1 + in.doc_len, close, sizeof close - 1);
    } else if (len) {
        memcpy(doc, in.doc, len);
    }

    event_log log;
    event_log_init(&log);
    postparse_parser *p = event_log_start(&log, &opt);
    postparse_status st = fuzz_feed_chunks(p, &in, doc, len);
    st = event_log_end(&log, p, st);
    bool known = false;
    for (size_t k = 0; k < sizeof allowed / sizeof allowed[0]; k++)
        known |= st == allowed[k];
    if (!known) {
        fprintf(stderr, "fuzz_frontmatter: unexpected status %s: %s\n",
                postparse_status_name(st), log.text);
        abort();
    }
    /* The results move into a document, which outlives the parser. */
    postparse_doc *d = postparse_parser_take_doc(p);
    CHECK(d || (st != POSTPARSE_OK && !postparse_parser_error(p)) ||
          st == POSTPARSE_ERR_NOMEM);
    postparse_parser_free(p);
    const postparse_value *fm = postparse_doc_front_matter(d);
    const postparse_jekyll_error *error =
        postparse_post_jekyll_error(postparse_doc_post(d));
    if (error) {
        CHECK(error->class_name && error->message &&
              strlen(error->class_name) > 0);
        /* When Psych raised there is no value (a front matter that is not
         * a mapping loads, and Jekyll's error comes after). */
        if (strncmp(error->class_name, "Psych::", 7) == 0)
            CHECK(fm == NULL);
    }
    if (fm) {
        walk w = {len, 100000};
        check_value(&w, fm, 0);
        CHECK(postparse_value_write_json(fm, POSTPARSE_JSON_TYPED, null_sink,
                                         NULL));
        CHECK(postparse_value_write_json(
            fm, POSTPARSE_JSON_PLAIN | POSTPARSE_JSON_PRETTY, null_sink, NULL));
    }
    postparse_pos last = {0, 0, 0};
    for (size_t k = 0; k < postparse_doc_diagnostic_count(d); k++) {
        const postparse_diagnostic *g = postparse_doc_diagnostic(d, k);
        CHECK(g && g->code && g->message && strlen(g->message) > 0);
        CHECK(g->pos.offset <= len);
        /* File order. */
        CHECK(g->pos.line > last.line ||
              (g->pos.line == last.line && g->pos.column >= last.column));
        last = g->pos;
    }
    if (d)
        CHECK(postparse_doc_write_json(d, POSTPARSE_JSON_TYPED, null_sink,
                                       NULL));
    postparse_doc_free(d);
    event_log_free(&log);
    free(doc);
    return 0;
}
