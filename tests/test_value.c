/* SPDX-License-Identifier: MIT */
/* The value layer: the public accessors (through the parser, as a program
 * sees them), Ruby's float format, the arena. Expected float texts are
 * Ruby 3.1's JSON.generate / Float#to_s output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <postparse/postparse.h>

#include "parser_results.h"
#include "arena.h"
#include "value_json.h"

typedef struct float_case {
    double f;
    const char *ruby;
} float_case;

static const float_case float_cases[] = {
    {1500.0, "1500.0"},
    {1e16, "1.0e+16"},
    {1e17, "1.0e+17"},
    {1e15, "1.0e+15"},
    {1e14, "100000000000000.0"},
    {1.5e15, "1.5e+15"},
    {1234567890123456.0, "1.234567890123456e+15"},
    {1234567890123456.2, "1234567890123456.2"},
    {999999999999999.9, "999999999999999.9"},
    {4503599627370497.0, "4.503599627370497e+15"},
    {0.0001, "0.0001"},
    {0.00001, "1.0e-05"},
    {-0.0, "-0.0"},
    {0.0, "0.0"},
    {1.2345678901234567, "1.2345678901234567"},
    {12345678901234567.0, "1.2345678901234568e+16"},
    {0.1, "0.1"},
    {123456789.123, "123456789.123"},
    {5e-324, "5.0e-324"},
    {1e100, "1.0e+100"},
    {100.0, "100.0"},
    {2.5, "2.5"},
    {-1.5e-7, "-1.5e-07"},
    {1.7976931348623157e308, "1.7976931348623157e+308"},
    {0.30000000000000004, "0.30000000000000004"},
};

static void test_ruby_float(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(float_cases) / sizeof(float_cases[0]); i++) {
        char buf[40];
        size_t n = postparse__ruby_float(buf, float_cases[i].f);
        assert_string_equal(buf, float_cases[i].ruby);
        assert_int_equal(n, strlen(float_cases[i].ruby));
    }
}

static const char post[] = "---\r\n"
                           "title: \"\xE6\x97\xA5\xE6\x9C\xAC\"\r\n"
                           "n: 1.10\r\n"
                           "i: 0x1F\r\n"
                           "big: -123456789012345678901234567890\r\n"
                           "t: 2025-02-07 20:00:59.123456789 -08:30\r\n"
                           "u: 2025-02-07 20:00:59\r\n"
                           "d: 2024-02-29\r\n"
                           "b: !!binary aGVsbG8=\r\n"
                           "tags: [a, \"b\", 3]\r\n"
                           "on: yes\r\n"
                           "nothing: ~\r\n"
                           "---\r\n"
                           "Body\r\n";

static postparse_parser *parse_post(const char *text, size_t len,
                                    const postparse_options *opt)
{
    postparse_parser *p;
    assert_int_equal(postparse_parser_new(&p, opt, NULL, NULL), POSTPARSE_OK);
    /* Byte at a time: the front matter is loaded once it closes. */
    for (size_t i = 0; i < len; i++)
        assert_int_equal(postparse_parser_feed(p, text + i, 1), POSTPARSE_OK);
    assert_int_equal(postparse_parser_finish(p), POSTPARSE_OK);
    return p;
}

static void test_accessors(void **state)
{
    (void)state;
    postparse_parser *p = parse_post(post, sizeof post - 1, NULL);
    const postparse_value *fm = postparse_parser_front_matter(p);
    assert_int_equal(postparse_value_kind_of(fm), POSTPARSE_VALUE_MAPPING);
    assert_int_equal(postparse_value_length(fm), 11);
    assert_string_equal(postparse_value_kind_name(postparse_value_kind_of(fm)),
                        "mapping");
    assert_null(postparse_post_jekyll_error(postparse_parser_post(p)));

    size_t len;
    const postparse_value *title = postparse_value_get(fm, "title", 5);
    assert_string_equal(postparse_value_string(title, &len),
                        "\xE6\x97\xA5\xE6\x9C\xAC");
    assert_int_equal(len, 6);
    assert_true(postparse_value_is_quoted(title));
    postparse_pos pos = postparse_value_pos(title);
    assert_int_equal(pos.line, 2);
    assert_int_equal(pos.column, 8);
    assert_int_equal(pos.offset, 12);

    const postparse_value *n = postparse_value_get(fm, "n", 1);
    assert_int_equal(postparse_value_kind_of(n), POSTPARSE_VALUE_FLOAT);
    assert_true(postparse_value_float(n) == 1.1);
    assert_string_equal(postparse_value_text(n, &len), "1.10");
    assert_null(postparse_value_tag(n));

    int64_t iv = 0;
    assert_true(postparse_value_int(postparse_value_get(fm, "i", 1), &iv));
    assert_int_equal(iv, 31);

    const postparse_value *big = postparse_value_get(fm, "big", 3);
    assert_true(postparse_value_int_is_big(big));
    assert_false(postparse_value_int(big, &iv));
    assert_string_equal(postparse_value_string(big, NULL),
                        "-123456789012345678901234567890");

    postparse_datetime ts;
    assert_true(postparse_value_datetime(postparse_value_get(fm, "t", 1), &ts));
    assert_int_equal(ts.year, 2025);
    assert_int_equal(ts.month, 2);
    assert_int_equal(ts.day, 7);
    assert_int_equal(ts.hour, 20);
    assert_int_equal(ts.minute, 0);
    assert_int_equal(ts.second, 59);
    assert_int_equal(ts.nanosecond, 123456789);
    assert_int_equal(ts.utc_offset, -(8 * 3600 + 30 * 60));
    assert_true(ts.has_offset);
    assert_true(ts.has_time);
    /* 2025-02-07T20:00:59.123456789-08:30 */
    assert_int_equal(postparse_datetime_to_unix(&ts), 1738989059);
    assert_true(postparse_value_datetime(postparse_value_get(fm, "u", 1), &ts));
    assert_false(ts.has_offset);
    assert_true(ts.has_time);
    assert_int_equal(ts.utc_offset, 0);

    /* A date is the same type, without a time or an offset. */
    postparse_datetime d;
    memset(&d, 0x55, sizeof d);
    assert_true(postparse_value_datetime(postparse_value_get(fm, "d", 1), &d));
    assert_int_equal(d.year, 2024);
    assert_int_equal(d.month, 2);
    assert_int_equal(d.day, 29);
    assert_false(d.has_time);
    assert_false(d.has_offset);
    assert_int_equal(d.hour, 0);
    assert_int_equal(d.minute, 0);
    assert_int_equal(d.second, 0);
    assert_int_equal(d.nanosecond, 0);
    assert_int_equal(d.utc_offset, 0);
    assert_int_equal(postparse_datetime_to_unix(&d), 1709164800);
    /* Other kinds are not date-times; *out is left alone. */
    d.year = 7;
    assert_false(postparse_value_datetime(postparse_value_get(fm, "b", 1), &d));
    assert_false(postparse_value_datetime(NULL, &d));
    assert_int_equal(d.year, 7);

    const postparse_value *b = postparse_value_get(fm, "b", 1);
    assert_int_equal(postparse_value_kind_of(b), POSTPARSE_VALUE_BINARY);
    assert_string_equal(postparse_value_string(b, &len), "hello");
    assert_string_equal(postparse_value_tag(b), "tag:yaml.org,2002:binary");

    const postparse_value *tags = postparse_value_get(fm, "tags", 4);
    assert_int_equal(postparse_value_length(tags), 3);
    assert_string_equal(
        postparse_value_string(postparse_value_index(tags, 1), NULL), "b");
    assert_true(postparse_value_int(postparse_value_index(tags, 2), &iv));
    assert_int_equal(iv, 3);
    assert_null(postparse_value_index(tags, 3));
    assert_null(postparse_value_key_at(tags, 0));

    /* YAML 1.1: the key "on" is the boolean true, as in Jekyll. */
    assert_null(postparse_value_get(fm, "on", 2));
    assert_true(postparse_value_bool(postparse_value_key_at(fm, 9)));
    assert_true(postparse_value_bool(postparse_value_value_at(fm, 9)));
    const postparse_value *nothing = postparse_value_get(fm, "nothing", 7);
    assert_non_null(nothing);
    assert_int_equal(postparse_value_kind_of(nothing), POSTPARSE_VALUE_NULL);
    assert_null(postparse_value_get(fm, "missing", 7));
    assert_string_equal(
        postparse_value_string(postparse_value_key_at(fm, 10), NULL),
        "nothing");
    assert_ptr_equal(postparse_value_value_at(fm, 10), nothing);

    /* NULL in, neutral out. */
    assert_int_equal(postparse_value_kind_of(NULL), POSTPARSE_VALUE_NULL);
    assert_int_equal(postparse_value_length(NULL), 0);
    assert_null(postparse_value_get(NULL, "a", 1));
    assert_int_equal(postparse_value_pos(NULL).line, 0);

    /* Reset frees the values; the next parse has its own. */
    postparse_parser_reset(p);
    assert_null(postparse_parser_front_matter(p));
    postparse_parser_free(p);
}

static void test_parser_limits_and_errors(void **state)
{
    (void)state;
    static const char bad[] = "---\ntitle: a: b\n---\nx\n";
    postparse_parser *p = parse_post(bad, sizeof bad - 1, NULL);
    const postparse_jekyll_error *error =
        postparse_post_jekyll_error(postparse_parser_post(p));
    assert_non_null(error);
    assert_int_equal(error->error_class, POSTPARSE_RUBY_PSYCH_SYNTAX_ERROR);
    assert_string_equal(error->class_name, "Psych::SyntaxError");
    assert_false(error->fatal);
    assert_string_equal(error->message,
                        "(<unknown>): mapping values are not allowed in "
                        "this context at line 2 column 9");
    assert_null(postparse_parser_front_matter(p));
    assert_int_equal(postparse_parser_diagnostic_count(p), 1);
    const postparse_diagnostic *dg = postparse_parser_diagnostic(p, 0);
    assert_string_equal(dg->code, "yaml-syntax");
    assert_int_equal(dg->id, POSTPARSE_DIAG_YAML_SYNTAX);
    assert_int_equal(dg->pos.line, 2);
    assert_int_equal(dg->pos.column, 9);
    assert_int_equal(postparse_parser_summary(p)->body_bytes, 2);
    postparse_parser_free(p);

    postparse_options opt;
    postparse_options_init(&opt);
    assert_int_equal(opt.max_depth, 100);
    assert_int_equal(opt.max_scalar_bytes, 256 * 1024);
    assert_int_equal(opt.max_keys, 10000);
    assert_int_equal(opt.max_alias_nodes, 1000000);
    assert_int_equal(opt.alias_amplification, 100);
    assert_int_equal(opt.yaml_schema, POSTPARSE_SCHEMA_JEKYLL);
    opt.max_keys = 2;
    static const char keys[] = "\xEF\xBB\xBF---\na: 1\nb: 2\nc: 3\n---\n";
    assert_int_equal(postparse_parser_new(&p, &opt, NULL, NULL), POSTPARSE_OK);
    assert_int_equal(postparse_parser_feed(p, keys, sizeof keys - 1),
                     POSTPARSE_ERR_KEYS_LIMIT);
    const postparse_error *e = postparse_parser_error(p);
    assert_int_equal(e->code, POSTPARSE_ERR_KEYS_LIMIT);
    assert_int_equal(e->pos.line, 4);
    assert_int_equal(e->pos.column, 1);
    assert_int_equal(e->pos.offset, 3 + 4 + 5 + 5);
    postparse_parser_free(p);

    opt.max_keys = 10000;
    opt.yaml_schema = POSTPARSE_SCHEMA_YAML12_CORE;
    static const char core[] = "---\na: yes\n---\n";
    p = parse_post(core, sizeof core - 1, &opt);
    assert_int_equal(postparse_value_kind_of(postparse_value_get(
                         postparse_parser_front_matter(p), "a", 1)),
                     POSTPARSE_VALUE_STRING);
    postparse_parser_free(p);
}

static void test_arena(void **state)
{
    (void)state;
    postparse__arena a;
    postparse__arena_init(&a, NULL);
    char *first = postparse__arena_alloc(&a, 10);
    assert_non_null(first);
    assert_int_equal((uintptr_t)first % _Alignof(max_align_t), 0);
    char *big = postparse__arena_alloc(&a, 1 << 20);
    assert_non_null(big);
    memset(big, 1, 1 << 20);
    char *s = postparse__arena_strndup(&a, "a\0b", 3);
    assert_memory_equal(s, "a\0b", 4);
    assert_null(postparse__arena_alloc(&a, SIZE_MAX - 8));
    postparse__arena_reset(&a, 8192);
    assert_non_null(a.head);
    assert_int_equal(a.total, 8192); /* the first block is kept */
    assert_non_null(postparse__arena_alloc(&a, 100));
    postparse__arena_reset(&a, 4096); /* larger than keep_max: freed */
    assert_null(a.head);
    assert_int_equal(a.total, 0);
    assert_non_null(postparse__arena_alloc(&a, 100));
    postparse__arena_free(&a);
    assert_null(a.head);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ruby_float),
        cmocka_unit_test(test_accessors),
        cmocka_unit_test(test_parser_limits_and_errors),
        cmocka_unit_test(test_arena),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
