/* SPDX-License-Identifier: MIT */
/* The fast YAML scanner against libyaml. The input is front matter text
 * (a "---" line is put in front when it has none) and a last byte that
 * picks the schema and small limits. Whenever the scanner takes the text:
 * libyaml must read it without error into the very same events (types,
 * values, styles, start marks, end mark indexes), and the loader must give
 * the same result through both readers: status, fatal error and its
 * position, Jekyll's exception, every diagnostic, and the value tree with
 * its positions. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_input.h"
#include "value_json.h"
#include "yaml_fast.h"
#include "yaml_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A growing record of what a load gave. */
typedef struct record {
    char *p;
    size_t n, cap;
} record;

static bool record_add(void *ctx, const char *data, size_t len)
{
    record *r = ctx;
    if (r->n + len > r->cap) {
        size_t cap = (r->n + len) * 2 + 64;
        char *p = realloc(r->p, cap);
        CHECK(p != NULL);
        r->p = p;
        r->cap = cap;
    }
    memcpy(r->p + r->n, data, len);
    r->n += len;
    return true;
}

static void record_pos(record *r, const postparse_pos *pos)
{
    record_add(r, (const char *)pos, sizeof(*pos));
}

static void record_str(record *r, const char *s)
{
    record_add(r, s ? s : "(null)", strlen(s ? s : "(null)") + 1);
}

static postparse_status on_diag(void *ctx, postparse_severity severity,
                                postparse_diagnostic_code id,
                                const postparse_pos *pos, const char *key,
                                const char *message)
{
    const char *code = postparse_diagnostic_code_name(id);
    record *r = ctx;
    record_add(r, (const char *)&severity, sizeof(severity));
    record_str(r, code);
    record_pos(r, pos);
    record_str(r, key);
    record_str(r, message);
    return POSTPARSE_OK;
}

static void record_value(record *r, const postparse_value *v, int depth)
{
    if (!v || depth > 16) {
        record_str(r, "-");
        return;
    }
    record_add(r, (const char *)&v->kind, 1);
    record_add(r, (const char *)&v->flags, 1);
    record_pos(r, &v->pos);
    record_add(r, (const char *)&v->weight, sizeof(v->weight));
    record_str(r, v->tag);
    if (v->text)
        record_add(r, v->text, v->text_len);
    record_str(r, "");
    if (v->kind == POSTPARSE_VALUE_SEQUENCE ||
        v->kind == POSTPARSE_VALUE_MAPPING) {
        size_t n = v->kind == POSTPARSE_VALUE_MAPPING ? 2 * v->u.c.n : v->u.c.n;
        for (size_t i = 0; i < n; i++)
            record_value(r, v->u.c.items[i], depth + 1);
    } else {
        postparse_value_write_json(v, POSTPARSE_JSON_TYPED, record_add, r);
    }
}

static void load(const char *text, size_t len,
                 const postparse__yaml_options *opt, record *r)
{
    postparse__arena arena;
    postparse__arena_init(&arena, NULL);
    postparse__yaml_result res;
    postparse_error err;
    postparse_pos start = {3, 2, 1};
    postparse_status s = postparse__yaml_load(&arena, NULL, text, len, &start,
                                              opt, on_diag, r, &res, &err);
    record_add(r, (const char *)&s, sizeof(s));
    if (s != POSTPARSE_OK) {
        record_str(r, err.message);
        record_pos(r, &err.pos);
    }
    record_str(r, res.error_class);
    record_str(r, res.error_message);
    if (res.error_class)
        record_pos(r, &res.error_pos);
    record_value(r, res.root, 0);
    postparse__arena_free(&arena);
}

static void check_events(const char *text, size_t len,
                         const postparse__yaml_fast_event *ev, size_t n)
{
    yaml_parser_t parser;
    CHECK(yaml_parser_initialize(&parser));
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    for (size_t i = 0; i < n; i++) {
        yaml_event_t mine, theirs;
        postparse__yaml_fast_event_get(&ev[i], &mine);
        CHECK(yaml_parser_parse(&parser, &theirs));
        CHECK(mine.type == theirs.type);
        CHECK(mine.start_mark.index == theirs.start_mark.index);
        CHECK(mine.start_mark.line == theirs.start_mark.line);
        CHECK(mine.start_mark.column == theirs.start_mark.column);
        CHECK(mine.end_mark.index == theirs.end_mark.index);
        if (mine.type == YAML_SCALAR_EVENT) {
            CHECK(mine.data.scalar.length == theirs.data.scalar.length);
            CHECK(memcmp(mine.data.scalar.value, theirs.data.scalar.value,
                         mine.data.scalar.length) == 0);
            CHECK(mine.data.scalar.style == theirs.data.scalar.style);
            CHECK(mine.data.scalar.plain_implicit ==
                  theirs.data.scalar.plain_implicit);
            CHECK(mine.data.scalar.quoted_implicit ==
                  theirs.data.scalar.quoted_implicit);
            CHECK(!theirs.data.scalar.anchor && !theirs.data.scalar.tag);
        } else if (mine.type == YAML_SEQUENCE_START_EVENT) {
            CHECK(mine.data.sequence_start.style ==
                  theirs.data.sequence_start.style);
            CHECK(theirs.data.sequence_start.implicit);
            CHECK(!theirs.data.sequence_start.anchor &&
                  !theirs.data.sequence_start.tag);
        } else if (mine.type == YAML_MAPPING_START_EVENT) {
            CHECK(mine.data.mapping_start.style ==
                  theirs.data.mapping_start.style);
            CHECK(theirs.data.mapping_start.implicit);
            CHECK(!theirs.data.mapping_start.anchor &&
                  !theirs.data.mapping_start.tag);
        } else if (mine.type == YAML_DOCUMENT_START_EVENT) {
            CHECK(!theirs.data.document_start.implicit);
            CHECK(!theirs.data.document_start.version_directive);
            CHECK(!theirs.data.document_start.tag_directives.start);
        } else if (mine.type == YAML_DOCUMENT_END_EVENT) {
            CHECK(theirs.data.document_end.implicit);
        }
        yaml_event_delete(&theirs);
    }
    CHECK(ev[n - 1].type == YAML_STREAM_END_EVENT);
    yaml_parser_delete(&parser);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    uint8_t cfg = data[size - 1];
    size--;
    bool has_opener = size >= 3 && memcmp(data, "---", 3) == 0;
    size_t len = size + (has_opener ? 0 : 4);
    char *text = malloc(len ? len : 1);
    CHECK(text != NULL);
    if (!has_opener)
        memcpy(text, "---\n", 4);
    memcpy(text + (has_opener ? 0 : 4), data, size);

    static postparse__yaml_fast_result scanned;
    size_t n = postparse__yaml_fast_scan(text, len, &scanned);
    const postparse__yaml_fast_event *ev = scanned.events;
    if (n) {
        check_events(text, len, ev, n);
        postparse__yaml_options opt;
        postparse__yaml_options_init(&opt);
        opt.schema =
            (cfg & 1) ? POSTPARSE_SCHEMA_YAML12_CORE : POSTPARSE_SCHEMA_JEKYLL;
        if (cfg & 2) {
            opt.max_depth = 1 + (cfg >> 6);
            opt.max_keys = 1 + (cfg >> 3);
            opt.max_scalar_bytes = 1 + (cfg >> 2);
        }
        record fast = {NULL, 0, 0}, slow = {NULL, 0, 0};
        load(text, len, &opt, &fast);
        opt.libyaml_only = true;
        load(text, len, &opt, &slow);
        CHECK(fast.n == slow.n && memcmp(fast.p, slow.p, fast.n) == 0);
        free(fast.p);
        free(slow.p);
    }
    free(text);
    return 0;
}
