/* SPDX-License-Identifier: MIT */
/* The YAML layer: front matter text -> typed values, as Jekyll 4.3 loads it.
 * Every expected value in the Psych table was recorded by running
 * Psych.safe_load(doc, permitted_classes: [Date, Time], aliases: true)
 * (Ruby 3.1, Psych 4.0.3, TZ=UTC) and the oracle's to_j on each document;
 * ArgumentError rows show Jekyll's final message (its retry with the Psych 3
 * signature raises "wrong number of arguments"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "value_json.h"
#include "yaml_load.h"

typedef struct sbuf {
    char *p;
    size_t n, cap;
} sbuf;

static bool sink(void *ctx, const char *data, size_t len)
{
    sbuf *b = ctx;
    if (b->n + len + 1 > b->cap) {
        b->cap = (b->n + len + 1) * 2;
        b->p = realloc(b->p, b->cap);
    }
    memcpy(b->p + b->n, data, len);
    b->n += len;
    b->p[b->n] = '\0';
    return true;
}

typedef struct diag_log {
    char text[4096]; /* "code@line:col key=K|..." */
    char last_message[1024];
    int count;
} diag_log;

static postparse_status collect(void *ctx, postparse_severity severity,
                                postparse_diagnostic_code id,
                                const postparse_pos *pos, const char *key,
                                const char *message)
{
    const char *code = postparse_diagnostic_code_name(id);
    diag_log *d = ctx;
    size_t n = strlen(d->text);
    snprintf(d->text + n, sizeof(d->text) - n, "%s%s@%llu:%llu",
             d->count ? " " : "", code, (unsigned long long)pos->line,
             (unsigned long long)pos->column);
    if (key) {
        n = strlen(d->text);
        snprintf(d->text + n, sizeof(d->text) - n, " key=%s", key);
    }
    (void)severity;
    snprintf(d->last_message, sizeof(d->last_message), "%s", message);
    d->count++;
    return POSTPARSE_OK;
}

typedef struct loaded {
    postparse__arena arena;
    postparse__yaml_result res;
    postparse_error err;
    postparse_status status;
    diag_log diags;
    char *json;
} loaded;

static void load_with(loaded *l, const char *text, size_t len,
                      const postparse__yaml_options *opt,
                      const postparse_pos *start)
{
    postparse_pos origin = {0, 1, 1};
    memset(l, 0, sizeof(*l));
    postparse__arena_init(&l->arena, NULL);
    l->status = postparse__yaml_load(&l->arena, NULL, text, len,
                                     start ? start : &origin, opt, collect,
                                     &l->diags, &l->res, &l->err);
    sbuf b = {0};
    postparse_value_write_json(l->res.root, POSTPARSE_JSON_TYPED, sink, &b);
    l->json = b.p;
}

static void load(loaded *l, const char *text)
{
    load_with(l, text, strlen(text), NULL, NULL);
}

static void unload(loaded *l)
{
    postparse__arena_free(&l->arena);
    free(l->json);
}

/* ---- every scalar form, tag and structure rule, against Psych ---- */

typedef struct psych_case {
    const char *yaml;
    const char *json; /* the oracle's typed JSON of what Psych returned */
    const char *error_class; /* what Jekyll's read raises, or NULL */
    const char *error_message;
} psych_case;

static const psych_case psych_cases[] = {
    {"a: !str foo", "{\"a\":\"foo\"}", NULL, NULL},
    {"a: !!str 12", "{\"a\":\"12\"}", NULL, NULL},
    {"a: !!int \"12\"", "{\"a\":12}", NULL, NULL},
    {"a: !!float 12", "{\"a\":12.0}", NULL, NULL},
    {"a: !!float abc", "null", "ArgumentError",
     "wrong number of arguments (given 2, expected 1)"},
    {"a: !!float", "null", "TypeError", "can't convert nil into Float"},
    {"a: !!float yes", "null", "TypeError", "can't convert true into Float"},
    {"a: !!float 2025-01-01", "null", "TypeError",
     "can't convert Date into Float"},
    {"a: !!float 1e5", "{\"a\":100000.0}", NULL, NULL},
    {"a: !!null x", "{\"a\":\"x\"}", NULL, NULL},
    {"a: !!bool x", "{\"a\":\"x\"}", NULL, NULL},
    {"a: !!timestamp x", "{\"a\":\"x\"}", NULL, NULL},
    {"a: ! 12", "{\"a\":12}", NULL, NULL},
    {"a: !foo 12", "{\"a\":12}", NULL, NULL},
    {"a: !!set {a, b}", "null", "Psych::DisallowedClass",
     "Tried to load unspecified class: Psych::Set"},
    {"a: !!omap [a: 1, b: 2]", "{\"a\":{\"a\":1,\"b\":2}}", NULL, NULL},
    {"a: !!omap {a: 1}", "null", "Psych::DisallowedClass",
     "Tried to load unspecified class: Psych::Omap"},
    {"a: !!binary aGVsbG8=", "{\"a\":{\"$binary\":\"aGVsbG8=\"}}", NULL, NULL},
    {"a: !!binary \"aGVs bG8=\"", "{\"a\":{\"$binary\":\"aGVsbG8=\"}}", NULL,
     NULL},
    {"a: !!binary aGVsbG8", "{\"a\":{\"$binary\":\"aGVsbG8=\"}}", NULL, NULL},
    {"a: !foo [1]", "{\"a\":[1]}", NULL, NULL},
    {"a: !foo {1: 2}", "{\"a\":{\"$map\":[[1,2]]}}", NULL, NULL},
    {"a: :sym", "null", "Psych::DisallowedClass",
     "Tried to load unspecified class: Symbol"},
    {"a: !ruby/regexp /a/", "null", "Psych::DisallowedClass",
     "Tried to load unspecified class: Regexp"},
    {"a: !ruby/object:Foo {}", "null", "Psych::DisallowedClass",
     "Tried to load unspecified class: Foo"},
    {"a: !ruby/hash:DoesNotExist {}", "null", "Psych::DisallowedClass",
     "Tried to load unspecified class: DoesNotExist"},
    {"a: !ruby/sym foo", "null", "Psych::DisallowedClass",
     "Tried to load unspecified class: Symbol"},
    {"a: 1.5e3", "{\"a\":\"1.5e3\"}", NULL, NULL},
    {"a: 1.5e+3", "{\"a\":1500.0}", NULL, NULL},
    {"a: 1e5", "{\"a\":\"1e5\"}", NULL, NULL},
    {"a: 0o17", "{\"a\":\"0o17\"}", NULL, NULL},
    {"a: 017", "{\"a\":15}", NULL, NULL},
    {"a: 08", "{\"a\":\"08\"}", NULL, NULL},
    {"a: 0b101", "{\"a\":5}", NULL, NULL},
    {"a: 0x1F", "{\"a\":31}", NULL, NULL},
    {"a: 1_000", "{\"a\":1000}", NULL, NULL},
    {"a: 1,000", "{\"a\":1000}", NULL, NULL},
    {"a: 1:30", "{\"a\":5400}", NULL, NULL},
    {"a: -1:30", "{\"a\":-1800}", NULL, NULL},
    {"a: 1:30:15", "{\"a\":5415}", NULL, NULL},
    {"a: 1:30.5", "{\"a\":5430.0}", NULL, NULL},
    {"a: .inf", "{\"a\":{\"$float\":\"Infinity\"}}", NULL, NULL},
    {"a: -.Inf", "{\"a\":{\"$float\":\"-Infinity\"}}", NULL, NULL},
    {"a: +.inf", "{\"a\":{\"$float\":\"Infinity\"}}", NULL, NULL},
    {"a: .NaN", "{\"a\":{\"$float\":\"NaN\"}}", NULL, NULL},
    {"a: 1.", "{\"a\":1.0}", NULL, NULL},
    {"a: .5", "{\"a\":0.5}", NULL, NULL},
    {"a: +.5", "{\"a\":0.5}", NULL, NULL},
    {"a: 1.e+5", "{\"a\":100000.0}", NULL, NULL},
    {"a: 0b_", "null", "ArgumentError",
     "wrong number of arguments (given 2, expected 1)"},
    {"a: 0x_", "null", "ArgumentError",
     "wrong number of arguments (given 2, expected 1)"},
    {"a: .e+5", "null", "ArgumentError",
     "wrong number of arguments (given 2, expected 1)"},
    {"a: 2025-02-07", "{\"a\":{\"$date\":\"2025-02-07\"}}", NULL, NULL},
    {"a: 2025-2-7", "{\"a\":{\"$date\":\"2025-02-07\"}}", NULL, NULL},
    {"a: 2025-02-30", "{\"a\":\"2025-02-30\"}", NULL, NULL},
    {"a: 1582-10-10", "{\"a\":\"1582-10-10\"}", NULL, NULL},
    {"a: 1500-02-29", "{\"a\":{\"$date\":\"1500-02-29\"}}", NULL, NULL},
    {"a: 1900-02-29", "{\"a\":\"1900-02-29\"}", NULL, NULL},
    {"a: 0000-01-01", "{\"a\":{\"$date\":\"0000-01-01\"}}", NULL, NULL},
    {"a: 2025-02-07 20:00:59",
     "{\"a\":{\"$time\":\"2025-02-07T20:00:59.000+00:00\"}}", NULL, NULL},
    {"a: 2025-02-07T20:00:59.123456789Z",
     "{\"a\":{\"$time\":\"2025-02-07T20:00:59.123+00:00\"}}", NULL, NULL},
    {"a: 2025-02-07 20:00:59 +08:00",
     "{\"a\":{\"$time\":\"2025-02-07T20:00:59.000+08:00\"}}", NULL, NULL},
    {"a: 2025-02-07 20:00:59 -8",
     "{\"a\":{\"$time\":\"2025-02-07T20:00:59.000-08:00\"}}", NULL, NULL},
    {"a: 2025-02-07 20:00:59 -00:30",
     "{\"a\":{\"$time\":\"2025-02-07T20:00:59.000+00:30\"}}", NULL, NULL},
    {"a: 2025-02-07 20:00:59.",
     "{\"a\":{\"$time\":\"2025-02-07T20:00:59.000+00:00\"}}", NULL, NULL},
    {"a: 2025-02-30 20:00:59",
     "{\"a\":{\"$time\":\"2025-03-02T20:00:59.000+00:00\"}}", NULL, NULL},
    {"a: 2025-02-32 20:00:59", "{\"a\":\"2025-02-32 20:00:59\"}", NULL, NULL},
    {"a: 2025-02-07 24:00:00",
     "{\"a\":{\"$time\":\"2025-02-08T00:00:00.000+00:00\"}}", NULL, NULL},
    {"a: 2025-02-07 24:30:00", "{\"a\":\"2025-02-07 24:30:00\"}", NULL, NULL},
    {"a: 2025-12-31 24:00:00",
     "{\"a\":{\"$time\":\"2026-01-01T00:00:00.000+00:00\"}}", NULL, NULL},
    {"a: 2025-02-07 20:60:00", "{\"a\":\"2025-02-07 20:60:00\"}", NULL, NULL},
    {"a: 2025-02-07 20:00:60",
     "{\"a\":{\"$time\":\"2025-02-07T20:01:00.000+00:00\"}}", NULL, NULL},
    {"a: 2025-02-07 20:00:59 +99", "{\"a\":\"2025-02-07 20:00:59 +99\"}", NULL,
     NULL},
    {"a: 2025-02-07 20:00:59+0530",
     "{\"a\":{\"$time\":\"2025-02-07T20:00:59.000+05:30\"}}", NULL, NULL},
    {"a: 2025-02-07 20:00:59 +123",
     "{\"a\":{\"$time\":\"2025-02-07T20:00:59.000+12:03\"}}", NULL, NULL},
    {"a: 2025-02-07 20:00:59 +12:3", "{\"a\":\"2025-02-07 20:00:59 +12:3\"}",
     NULL, NULL},
    {"a: 2025-02-07 20:00:59 -23:59",
     "{\"a\":{\"$time\":\"2025-02-07T20:00:59.000-23:59\"}}", NULL, NULL},
    {"a: 2025-02-07 20:00:59 +24:00", "{\"a\":\"2025-02-07 20:00:59 +24:00\"}",
     NULL, NULL},
    {"a: 2025-02-07 20:00", "{\"a\":\"2025-02-07 20:00\"}", NULL, NULL},
    {"a: 2025-13-07 20:00:00", "{\"a\":\"2025-13-07 20:00:00\"}", NULL, NULL},
    {"a: 2025-02-00 20:00:00", "{\"a\":\"2025-02-00 20:00:00\"}", NULL, NULL},
    {"a: 2025-02-07t20:00:59z", "{\"a\":\"2025-02-07t20:00:59z\"}", NULL, NULL},
    {"a: 2025-02-07 20:00:59 Z",
     "{\"a\":{\"$time\":\"2025-02-07T20:00:59.000+00:00\"}}", NULL, NULL},
    {"a: -2025-02-07 20:00:59",
     "{\"a\":{\"$time\":\"-2025-02-07T20:00:59.000+00:00\"}}", NULL, NULL},
    {"a: 123456789012345678901234567890",
     "{\"a\":123456789012345678901234567890}", NULL, NULL},
    {"a: -123456789012345678901234567890",
     "{\"a\":-123456789012345678901234567890}", NULL, NULL},
    {"a: 0xFFFFFFFFFFFFFFFFFF", "{\"a\":4722366482869645213695}", NULL, NULL},
    {"a: 9223372036854775807", "{\"a\":9223372036854775807}", NULL, NULL},
    {"a: 9223372036854775808", "{\"a\":9223372036854775808}", NULL, NULL},
    {"a: -9223372036854775808", "{\"a\":-9223372036854775808}", NULL, NULL},
    {"a: -9223372036854775809", "{\"a\":-9223372036854775809}", NULL, NULL},
    {"a: 99999999999999999999:30", "{\"a\":359999999999999999998200}", NULL,
     NULL},
    {"a: -99999999999999999999:30:10", "{\"a\":-359999999999999999994590}",
     NULL, NULL},
    {"a: 1e16", "{\"a\":\"1e16\"}", NULL, NULL},
    {"a: 1.0e+16", "{\"a\":1.0e+16}", NULL, NULL},
    {"a: 100000000000000000.0", "{\"a\":1.0e+17}", NULL, NULL},
    {"a: 0.0001", "{\"a\":0.0001}", NULL, NULL},
    {"a: 0.00001", "{\"a\":1.0e-05}", NULL, NULL},
    {"a: -0.0", "{\"a\":-0.0}", NULL, NULL},
    {"a: 1.23456789012345678", "{\"a\":1.2345678901234567}", NULL, NULL},
    {"a: 1234567890123456.7", "{\"a\":1234567890123456.8}", NULL, NULL},
    {"a: 0.1", "{\"a\":0.1}", NULL, NULL},
    {"a: 1.5e-400", "{\"a\":0.0}", NULL, NULL},
    {"a: 1.5e+400", "{\"a\":{\"$float\":\"Infinity\"}}", NULL, NULL},
    {"a: 1:60", "{\"a\":\"1:60\"}", NULL, NULL},
    {"a: 1:5", "{\"a\":3900}", NULL, NULL},
    {"a: 1_0:30", "{\"a\":37800}", NULL, NULL},
    {"a: 1__0:30", "{\"a\":5400}", NULL, NULL},
    {"a: 0:1:2:3", "{\"a\":\"0:1:2:3\"}", NULL, NULL},
    {"a: 1:30.", "{\"a\":5400.0}", NULL, NULL},
    {"a: 1_:30", "{\"a\":5400}", NULL, NULL},
    {"a: 1.5_5", "{\"a\":\"1.5_5\"}", NULL, NULL},
    {"a: 1_000.5", "{\"a\":1000.5}", NULL, NULL},
    {"a: 1,0.5", "{\"a\":10.5}", NULL, NULL},
    {"a: +1_0", "{\"a\":10}", NULL, NULL},
    {"a: -0b11", "{\"a\":-3}", NULL, NULL},
    {"a: +0x1f", "{\"a\":31}", NULL, NULL},
    {"a: 0x", "{\"a\":\"0x\"}", NULL, NULL},
    {"a: 00", "{\"a\":0}", NULL, NULL},
    {"a: -0", "{\"a\":0}", NULL, NULL},
    {"a: 0,1", "{\"a\":1}", NULL, NULL},
    {"a: 0_", "{\"a\":0}", NULL, NULL},
    {"a: 1_", "{\"a\":\"1_\"}", NULL, NULL},
    {"a: 1__0", "{\"a\":\"1__0\"}", NULL, NULL},
    {"a: ._5", "{\"a\":\"._5\"}", NULL, NULL},
    {"a: 1:30:00.5", "{\"a\":5400.5}", NULL, NULL},
    {"a: .", "{\"a\":\".\"}", NULL, NULL},
    {"a: -.", "{\"a\":\"-.\"}", NULL, NULL},
    {"a: +", "{\"a\":\"+\"}", NULL, NULL},
    {"a: 1.2.3", "{\"a\":\"1.2.3\"}", NULL, NULL},
    {"a: y", "{\"a\":\"y\"}", NULL, NULL},
    {"a: n", "{\"a\":\"n\"}", NULL, NULL},
    {"a: Yes", "{\"a\":true}", NULL, NULL},
    {"a: oFF", "{\"a\":false}", NULL, NULL},
    {"a: NULL", "{\"a\":null}", NULL, NULL},
    {"a: nulL", "{\"a\":null}", NULL, NULL},
    {"a: ~", "{\"a\":null}", NULL, NULL},
    {"a:", "{\"a\":null}", NULL, NULL},
    {"a: ''", "{\"a\":\"\"}", NULL, NULL},
    {"a: \"yes\"", "{\"a\":\"yes\"}", NULL, NULL},
    {"a: |\n  x", "{\"a\":\"x\"}", NULL, NULL},
    {"a: >\n  folded\n  text", "{\"a\":\"folded text\"}", NULL, NULL},
    {"a: <<", "{\"a\":\"<<\"}", NULL, NULL},
    {"{1: a, 2: b}", "{\"$map\":[[1,\"a\"],[2,\"b\"]]}", NULL, NULL},
    {"$a: 1", "{\"$map\":[[\"$a\",1]]}", NULL, NULL},
    {"a: 1\na: 2\nb: 3", "{\"a\":2,\"b\":3}", NULL, NULL},
    {"a: &x {k: 1}\nb:\n  <<: *x\n  j: 2",
     "{\"a\":{\"k\":1},\"b\":{\"k\":1,\"j\":2}}", NULL, NULL},
    {"b:\n  j: 2\n  <<: {j: 3}", "{\"b\":{\"j\":3}}", NULL, NULL},
    {"b:\n  <<: [{a: 1}, {a: 2, b: 3}]", "{\"b\":{\"a\":1,\"b\":3}}", NULL,
     NULL},
    {"b:\n  <<: 1", "{\"b\":{\"<<\":1}}", NULL, NULL},
    {"b:\n  \"<<\": {a: 1}", "{\"b\":{\"a\":1}}", NULL, NULL},
    {"b:\n  !!str <<: {a: 1}", "{\"b\":{\"<<\":{\"a\":1}}}", NULL, NULL},
    {"a: &s [1, 2]\nb:\n  <<: *s", "{\"a\":[1,2],\"b\":{\"<<\":[1,2]}}", NULL,
     NULL},
    {"a: [1, 2]\nb:\n  <<: [{x: 1}, 3]",
     "{\"a\":[1,2],\"b\":{\"<<\":[{\"x\":1},3]}}", NULL, NULL},
    {"a: *nope", "null", "Psych::BadAlias", "Unknown alias: nope"},
    {"- a\n- b", "[\"a\",\"b\"]", "NoMethodError",
     "undefined method `key?' for [\"a\", \"b\"]:Array"},
    {"5", "5", "NoMethodError", "undefined method `key?' for 5:Integer"},
    {"title：中文", "\"title：中文\"", "NoMethodError",
     "undefined method `key?' for \"title：中文\":String"},
    {"false", "false", NULL, NULL},
    {"true", "true", "NoMethodError",
     "undefined method `key?' for true:TrueClass"},
    {"1.5", "1.5", "NoMethodError", "undefined method `key?' for 1.5:Float"},
    {"~", "null", NULL, NULL},
    {"a: 1\n--- b\nc: [", "{\"a\":1}", NULL, NULL},
    {"title: a: b", "null", "Psych::SyntaxError",
     "(<unknown>): mapping values are not allowed in this context at line 1 "
     "column 9"},
    {"bad yaml: [", "null", "Psych::SyntaxError",
     "(<unknown>): did not find expected node content while parsing a flow "
     "node at line 2 column 1"},
    {"{1: 2, 1: 3, 1.0: 4}", "{\"$map\":[[1,3],[1.0,4]]}", NULL, NULL},
    {"? [1, 2]\n: a\n? [1, 2]\n: b", "{\"$map\":[[[1,2],\"b\"]]}", NULL, NULL},
    {"2025-01-01: a\n2025-01-01: b",
     "{\"$map\":[[{\"$date\":\"2025-01-01\"},\"b\"]]}", NULL, NULL},
    {"a: \"\\x41\\u00e9\\t\"", "{\"a\":\"Aé\\t\"}", NULL, NULL},
    {"a: 'it''s'", "{\"a\":\"it's\"}", NULL, NULL},
    {"a: \"multi\n  line\"", "{\"a\":\"multi line\"}", NULL, NULL},
    {"a: plain\n  multi\n\n  para", "{\"a\":\"plain multi\\npara\"}", NULL,
     NULL},
    {"a: yes\\n", "{\"a\":\"yes\\\\n\"}", NULL, NULL},
    {"a: 1 # comment", "{\"a\":1}", NULL, NULL},
    {"a: &anc 5\nb: *anc", "{\"a\":5,\"b\":5}", NULL, NULL},
    {"a: !!int 0x1F", "{\"a\":31}", NULL, NULL},
    {"a: !!int 1.5", "{\"a\":1.5}", NULL, NULL},
    {"a: !!bool yes", "{\"a\":true}", NULL, NULL},
    {"a: !!timestamp 2025-01-01", "{\"a\":{\"$date\":\"2025-01-01\"}}", NULL,
     NULL},
    {"a: !!str", "{\"a\":\"\"}", NULL, NULL},
    {"a: !!binary \"\"", "{\"a\":{\"$binary\":\"\"}}", NULL, NULL},
    {"a: \"\\xff\"", "{\"a\":\"ÿ\"}", NULL, NULL},
    {"x: &a {b: 1}\ny: &a {c: 2}\nz: *a\n",
     "{\"x\":{\"b\":1},\"y\":{\"c\":2},\"z\":{\"c\":2}}", NULL, NULL},
};

static void test_psych_table(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof(psych_cases) / sizeof(psych_cases[0]); i++) {
        const psych_case *c = &psych_cases[i];
        loaded l;
        load(&l, c->yaml);
        bool ok = l.status == POSTPARSE_OK && !strcmp(l.json, c->json);
        if (c->error_class)
            ok = ok && l.res.error_class &&
                 !strcmp(l.res.error_class, c->error_class) &&
                 !strcmp(l.res.error_message, c->error_message);
        else
            ok = ok && !l.res.error_class;
        if (!ok) {
            bad++;
            print_error("case %zu %s\n  want %s %s: %s\n  got  %s %s: %s\n", i,
                        c->yaml, c->json, c->error_class ? c->error_class : "-",
                        c->error_message ? c->error_message : "", l.json,
                        l.res.error_class ? l.res.error_class : "-",
                        l.res.error_message ? l.res.error_message : "");
        }
        unload(&l);
    }
    assert_int_equal(bad, 0);
}

/* ---- positions: file offsets, lines and code point columns ---- */

typedef struct pos_case {
    const char *name;
    const char *yaml;
    postparse_pos start;
    const char *path[2]; /* key in the root, then index (or NULL) */
    uint64_t offset, line, column;
} pos_case;

static const pos_case pos_cases[] = {
    {"CRLF and CJK: value after a CJK line",
     "---\r\ntitle: \xE4\xB8\xAD\xE6\x96\x87 x\r\ntags: [a, "
     "\xE6\x97\xA5\xE6\x9C\xAC, b]\r\n",
     {0, 1, 1},
     {"tags", "2"},
     40,
     3,
     15},
    {"CRLF and CJK: CJK item",
     "---\r\ntitle: \xE4\xB8\xAD\xE6\x96\x87 x\r\n"
     "tags: [a, \xE6\x97\xA5\xE6\x9C\xAC, b]\r\n",
     {0, 1, 1},
     {"tags", "1"},
     32,
     3,
     11},
    {"CRLF: scalar after CJK",
     "---\r\ntitle: \xE4\xB8\xAD\xE6\x96\x87 x\r\n",
     {0, 1, 1},
     {"title", NULL},
     12,
     2,
     8},
    {"after a byte order mark",
     "---\ntitle: x\n",
     {3, 1, 1},
     {"title", NULL},
     14,
     2,
     8},
    {"a lone CR ends a line",
     "---\na: 1\rb: 2\n",
     {0, 1, 1},
     {"b", NULL},
     12,
     3,
     4},
    {"NEL is a line break for libyaml, not for positions",
     "---\na: x\xC2\x85"
     "b: 2\n",
     {0, 1, 1},
     {"b", NULL},
     13,
     2,
     9},
    {"a sequence starts at its first dash",
     "---\nl:\n  - a\n  - b\n",
     {0, 1, 1},
     {"l", NULL},
     9,
     3,
     3},
};

static void test_positions(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(pos_cases) / sizeof(pos_cases[0]); i++) {
        const pos_case *c = &pos_cases[i];
        loaded l;
        load_with(&l, c->yaml, strlen(c->yaml), NULL, &c->start);
        assert_int_equal(l.status, POSTPARSE_OK);
        const postparse_value *v =
            postparse_value_get(l.res.root, c->path[0], strlen(c->path[0]));
        if (c->path[1])
            v = postparse_value_index(v, (size_t)atoi(c->path[1]));
        assert_non_null(v);
        postparse_pos p = postparse_value_pos(v);
        if (p.offset != c->offset || p.line != c->line || p.column != c->column)
            fail_msg("%s: got %llu %llu:%llu", c->name,
                     (unsigned long long)p.offset, (unsigned long long)p.line,
                     (unsigned long long)p.column);
        unload(&l);
    }
}

/* ---- structure problems: diagnostics, and the data Jekyll keeps ---- */

typedef struct problem_case {
    const char *name;
    const char *yaml;
    const char *json;         /* the value kept (null when Psych raised) */
    const char *diags;        /* code@line:col [key=K], in order */
    const char *message_part; /* in the last diagnostic's message */
    const char *error_class;
    const char *error_message;
} problem_case;

static const problem_case problem_cases[] = {
    {"duplicate key: the last wins at the first's place",
     "---\ntitle: a\ntags: x\ntitle: b\n", "{\"title\":\"b\",\"tags\":\"x\"}",
     "yaml-duplicate-key@4:1 key=title", "given at 2:1", NULL, NULL},
    {"duplicate key in a nested mapping", "---\nm:\n  k: 1\n  k: 2\n",
     "{\"m\":{\"k\":2}}", "yaml-duplicate-key@4:3 key=m", "given at 3:3", NULL,
     NULL},
    {"root is a sequence", "---\n- a\n- b\n", "[\"a\",\"b\"]",
     "frontmatter-not-mapping@2:1", "a sequence, not a mapping",
     "NoMethodError", "undefined method `key?' for [\"a\", \"b\"]:Array"},
    {"full-width colon",
     "---\ntitle\xEF\xBC\x9A"
     "x\n",
     "\"title\xEF\xBC\x9A"
     "x\"",
     "frontmatter-not-mapping@2:1", "U+FF1A", "NoMethodError",
     "undefined method `key?' for \"title\xEF\xBC\x9A"
     "x\":String"},
    {"YAML syntax error at the file's line and column", "---\ntitle: a: b\n",
     "null", "yaml-syntax@2:9",
     "mapping values are not allowed in this context", "Psych::SyntaxError",
     "(<unknown>): mapping values are not allowed in this context at line 2 "
     "column 9"},
    {"syntax error reported at Psych's context mark", "---\nbad yaml: [\n",
     "null", "yaml-syntax@3:1", "did not find expected node content",
     "Psych::SyntaxError",
     "(<unknown>): did not find expected node content while parsing a flow "
     "node at line 3 column 1"},
    {"alias to an undefined anchor", "---\na: *x\n", "null",
     "yaml-unknown-alias@2:4 key=a", "*x", "Psych::BadAlias",
     "Unknown alias: x"},
    {"second document: Jekyll reads the first", "---\na: 1\n--- b\nc: [\n",
     "{\"a\":1}", "yaml-second-document@3:1", "second YAML document", NULL,
     NULL},
    {"unknown tag: read as untagged", "---\na: !foo 12\n", "{\"a\":12}",
     "yaml-unknown-tag@2:4 key=a", "!foo", NULL, NULL},
    {"symbol: a class safe_load refuses", "---\na: :sym\n", "null",
     "yaml-disallowed-class@2:4 key=a", "Symbol", "Psych::DisallowedClass",
     "Tried to load unspecified class: Symbol"},
    {"Ruby object tag", "---\ntest: !ruby/hash:DoesNotExist {}\n", "null",
     "yaml-disallowed-class@2:7 key=test", "DoesNotExist",
     "Psych::DisallowedClass", "Tried to load unspecified class: DoesNotExist"},
    {"a syntax error beats a conversion error before it",
     "---\na: :sym\nb: [\n", "null",
     "yaml-disallowed-class@2:4 key=a yaml-syntax@4:1", "YAML syntax error",
     "Psych::SyntaxError",
     "(<unknown>): did not find expected node content while parsing a flow "
     "node at line 4 column 1"},
    {"empty front matter is nil, no error", "---\n", "null", "", NULL, NULL,
     NULL},
    {"false as root: Jekyll merges nothing, no error", "---\nfalse\n", "false",
     "", NULL, NULL, NULL},
};

static void test_problems(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(problem_cases) / sizeof(problem_cases[0]);
         i++) {
        const problem_case *c = &problem_cases[i];
        loaded l;
        load(&l, c->yaml);
        assert_int_equal(l.status, POSTPARSE_OK);
        if (strcmp(l.json, c->json) || strcmp(l.diags.text, c->diags) ||
            (c->message_part && !strstr(l.diags.last_message, c->message_part)))
            fail_msg("%s:\n got %s | %s | %s", c->name, l.json, l.diags.text,
                     l.diags.last_message);
        if (c->error_class) {
            assert_non_null(l.res.error_class);
            assert_string_equal(l.res.error_class, c->error_class);
            assert_string_equal(l.res.error_message, c->error_message);
        } else {
            assert_null(l.res.error_class);
        }
        unload(&l);
    }
}

/* ---- limits: fatal, at a position, in bounded time ---- */

static char *repeat_doc(const char *head, const char *unit, size_t times,
                        const char *tail, size_t *len)
{
    size_t hn = strlen(head), un = strlen(unit), tn = strlen(tail);
    char *s = malloc(hn + un * times + tn + 1);
    memcpy(s, head, hn);
    for (size_t i = 0; i < times; i++)
        memcpy(s + hn + i * un, unit, un);
    memcpy(s + hn + un * times, tail, tn + 1);
    *len = hn + un * times + tn;
    return s;
}

static char *keys_doc(size_t n, size_t *len)
{
    char *s = malloc(n * 16 + 8);
    size_t o = (size_t)sprintf(s, "---\n");
    for (size_t i = 0; i < n; i++)
        o += (size_t)sprintf(s + o, "k%zu: %zu\n", i, i);
    *len = o;
    return s;
}

static const char laughs[] =
    "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\","
    "\"lol\",\"lol\"]\n"
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";

typedef enum doc_kind {
    LAUGHS,
    DEEP,
    SCALAR,
    KEYS,
    SMALL_ALIAS,
    SCALAR_EXACT
} doc_kind;

typedef struct limit_case {
    const char *name;
    doc_kind doc;
    postparse_status status;
    uint64_t line, column;
    const char *message_part;
} limit_case;

static const limit_case limit_cases[] = {
    {"billion laughs: amplification", LAUGHS, POSTPARSE_ERR_ALIAS_LIMIT, 6, 8,
     "alias_amplification"},
    {"absolute alias budget", SMALL_ALIAS, POSTPARSE_ERR_ALIAS_LIMIT, 3, 4,
     "max_alias_nodes"},
    {"100,000 nested [", DEEP, POSTPARSE_ERR_DEPTH_LIMIT, 2, 103, "max_depth"},
    {"8 MiB scalar, cut while libyaml scans it", SCALAR,
     POSTPARSE_ERR_SCALAR_LIMIT, 2, 2, "max_scalar_bytes"},
    {"scalar just over the limit", SCALAR_EXACT, POSTPARSE_ERR_SCALAR_LIMIT, 2,
     4, "11 bytes"},
    {"100,000 keys", KEYS, POSTPARSE_ERR_KEYS_LIMIT, 10002, 1, "max_keys"},
};

static void test_limits(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(limit_cases) / sizeof(limit_cases[0]); i++) {
        const limit_case *c = &limit_cases[i];
        postparse__yaml_options opt;
        postparse__yaml_options_init(&opt);
        size_t len = 0;
        char *doc = NULL;
        switch (c->doc) {
        case LAUGHS:
            doc = strdup(laughs);
            len = strlen(doc);
            break;
        case SMALL_ALIAS:
            opt.max_alias_nodes = 50;
            doc = strdup("---\na: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, "
                         "13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]\n"
                         "b: *a\n");
            len = strlen(doc);
            break;
        case DEEP:
            doc = repeat_doc("---\na: ", "[", 100000, "\n", &len);
            break;
        case SCALAR:
            doc = repeat_doc("---\na: ", "x", 8u << 20, "\n", &len);
            break;
        case SCALAR_EXACT:
            opt.max_scalar_bytes = 10;
            doc = strdup("---\na: 12345678901\n");
            len = strlen(doc);
            break;
        case KEYS:
            doc = keys_doc(100000, &len);
            break;
        }
        clock_t t0 = clock();
        loaded l;
        load_with(&l, doc, len, &opt, NULL);
        double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
        if (l.status != c->status || l.err.pos.line != c->line ||
            l.err.pos.column != c->column ||
            !strstr(l.err.message, c->message_part) || l.res.root)
            fail_msg("%s: got %s at %llu:%llu: %s", c->name,
                     postparse_status_name(l.status),
                     (unsigned long long)l.err.pos.line,
                     (unsigned long long)l.err.pos.column, l.err.message);
        assert_int_equal(l.err.code, c->status);
        /* Milliseconds in a release build; generous for sanitizers, more
         * so under valgrind (the valgrind setup sets POSTPARSE_TEST_SHRINK). */
        if (secs > (getenv("POSTPARSE_TEST_SHRINK") ? 30.0 : 1.0))
            fail_msg("%s took %.3f s", c->name, secs);
        unload(&l);
        free(doc);
    }
}

/* ---- merge keys, recursion, the YAML 1.2 core schema ---- */

typedef struct schema_case {
    const char *yaml;
    postparse_yaml_schema schema;
    const char *json;
} schema_case;

static const schema_case schema_cases[] = {
    {"a: yes\nb: 0o17\nc: 017\nd: 1_000\ne: 2025-01-01\nf: .inf\ng: True\n"
     "h: 0x1F\ni: 1.5e3\nj: ~\nk: 1:30\nl: -.5\nm: +12\n",
     POSTPARSE_SCHEMA_YAML12_CORE,
     "{\"a\":\"yes\",\"b\":15,\"c\":17,\"d\":\"1_000\",\"e\":\"2025-01-01\","
     "\"f\":{\"$float\":\"Infinity\"},\"g\":true,\"h\":31,\"i\":1500.0,"
     "\"j\":null,\"k\":\"1:30\",\"l\":-0.5,\"m\":12}"},
    {"a: yes\nb: 0o17\nc: 017\n", POSTPARSE_SCHEMA_JEKYLL,
     "{\"a\":true,\"b\":\"0o17\",\"c\":15}"},
};

static void test_schemas(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(schema_cases) / sizeof(schema_cases[0]);
         i++) {
        postparse__yaml_options opt;
        postparse__yaml_options_init(&opt);
        opt.schema = schema_cases[i].schema;
        loaded l;
        load_with(&l, schema_cases[i].yaml, strlen(schema_cases[i].yaml), &opt,
                  NULL);
        assert_int_equal(l.status, POSTPARSE_OK);
        assert_string_equal(l.json, schema_cases[i].json);
        unload(&l);
    }
}

static void test_recursive_alias(void **state)
{
    (void)state;
    loaded l;
    load(&l, "---\na: &a [1, *a]\n");
    assert_int_equal(l.status, POSTPARSE_OK);
    const postparse_value *a = postparse_value_get(l.res.root, "a", 1);
    assert_true(postparse_value_is_recursive(a));
    assert_ptr_equal(postparse_value_index(a, 1), a);
    assert_string_equal(l.json, "{\"a\":[1,{\"$recursive\":true}]}");
    unload(&l);
}

/* ---- out of memory at every allocation: an error, never a leak ---- */

typedef struct counting {
    size_t calls, fail_at;
    long long live;
} counting;

static void *c_malloc(void *ctx, size_t n)
{
    counting *c = ctx;
    if (++c->calls == c->fail_at)
        return NULL;
    c->live += (long long)n;
    return malloc(n);
}

static void *c_realloc(void *ctx, void *p, size_t old, size_t n)
{
    counting *c = ctx;
    if (++c->calls == c->fail_at)
        return NULL;
    c->live += (long long)n - (long long)old;
    return realloc(p, n);
}

static void c_free(void *ctx, void *p, size_t n)
{
    counting *c = ctx;
    c->live -= (long long)n;
    free(p);
}

/* Every allocation of a load fails in turn: each is a clean out-of-memory
 * error with nothing leaked. The document outgrows the storage the loader
 * lends its arrays (64 items, 16 open collections, a mapping of 15 keys),
 * so that moving off it fails too, and so does growing past it. */
static void test_allocation_failures(void **state)
{
    (void)state;
    char doc[4096];
    int n = snprintf(
        doc, sizeof doc, "%s",
        "---\nbase: &b {x: 1, y: [1, 2]}\nm:\n  <<: *b\n  z: 2025-02-07\n"
        "big: 123456789012345678901234567890\nk: 1\nk: 2\nl: [a, b, c, d, e, "
        "f, g, h, i, j, k, l, m, n, o, p, q, r, s, t]\nlong: [");
    for (int i = 0; i < 150; i++)
        n +=
            snprintf(doc + n, sizeof doc - (size_t)n, "%s%d", i ? ", " : "", i);
    n += snprintf(doc + n, sizeof doc - (size_t)n, "]\nwide: {");
    for (int i = 0; i < 40; i++)
        n += snprintf(doc + n, sizeof doc - (size_t)n, "%sk%d: %d",
                      i ? ", " : "", i, i);
    n += snprintf(doc + n, sizeof doc - (size_t)n, "}\ndeep: ");
    for (int i = 0; i < 40; i++)
        doc[n++] = '[';
    for (int i = 0; i < 40; i++)
        doc[n++] = ']';
    doc[n++] = '\n';
    doc[n] = '\0';
    assert_true((size_t)n < sizeof doc - 1);
    size_t allocations = 0;
    for (size_t fail_at = 1;; fail_at++) {
        counting c = {0, fail_at, 0};
        postparse_allocator a = {c_malloc, c_realloc, c_free, &c};
        postparse__arena arena;
        postparse__arena_init(&arena, &a);
        postparse__yaml_result res;
        postparse_error err;
        postparse_pos start = {0, 1, 1};
        postparse_status st = postparse__yaml_load(
            &arena, &a, doc, (size_t)n, &start, NULL, NULL, NULL, &res, &err);
        postparse__arena_free(&arena);
        assert_int_equal(c.live, 0);
        if (st == POSTPARSE_OK) {
            allocations = fail_at - 1;
            break;
        }
        assert_int_equal(st, POSTPARSE_ERR_NOMEM);
        assert_null(res.root);
    }
    /* The arena's blocks, the anchor table, and each array that outgrew
     * its lent storage (moved off it, then grown again). */
    assert_true(allocations >= 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_psych_table),
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_problems),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_schemas),
        cmocka_unit_test(test_recursive_alias),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
