/* SPDX-License-Identifier: MIT */
/* The document (include/postparse/doc.h): file order, ownership past the
 * parser, keep_body, JSON encodings, the small value lookups. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <postparse/postparse.h>

typedef struct text {
    char buf[4096];
    size_t len;
} text;

static bool to_text(void *ud, const char *data, size_t len)
{
    text *t = ud;
    if (t->len + len >= sizeof t->buf)
        return false;
    memcpy(t->buf + t->len, data, len);
    t->len += len;
    t->buf[t->len] = '\0';
    return true;
}

static postparse_doc *read_str(const char *s, postparse_utf8_policy policy,
                               bool keep_body)
{
    postparse_options opt;
    postparse_options_init(&opt);
    opt.utf8_policy = policy;
    opt.keep_body = keep_body;
    opt.path = "_posts/2025-02-07-hello.md";
    opt.site_time = 1767225600; /* 2026-01-01 */
    opt.site_time_set = true;
    postparse_error err;
    postparse_doc *doc = postparse_read_buffer(s, strlen(s), &opt, &err);
    assert_non_null(doc);
    return doc;
}

/* Found: the body's invalid byte (while streaming), then the rules' two
 * (at the end). Kept: in file order. */
static void test_diagnostics_in_file_order(void **state)
{
    (void)state;
    postparse_doc *doc = read_str("---\ntitle: 5\npublished: maybe\n---\n"
                                  "body \xff here\n",
                                  POSTPARSE_UTF8_PASS_THROUGH, false);
    assert_int_equal(postparse_doc_diagnostic_count(doc), 3);
    const postparse_diagnostic *d0 = postparse_doc_diagnostic(doc, 0);
    const postparse_diagnostic *d1 = postparse_doc_diagnostic(doc, 1);
    const postparse_diagnostic *d2 = postparse_doc_diagnostic(doc, 2);
    assert_int_equal(d0->pos.line, 2);
    assert_int_equal(d0->pos.column, 8);
    assert_string_equal(d0->code, "type-mismatch");
    assert_int_equal(d1->pos.line, 3);
    assert_string_equal(d1->key, "published");
    assert_int_equal(d2->pos.line, 5);
    assert_int_equal(d2->pos.column, 6);
    assert_string_equal(d2->code, "invalid-utf8");
    assert_null(postparse_doc_diagnostic(doc, 3));
    postparse_doc_free(doc);
}

/* Documents outlive the parser that made them and each other. */
static void test_documents_outlive_the_parser(void **state)
{
    (void)state;
    postparse_parser *p;
    assert_int_equal(postparse_parser_new(&p, NULL, NULL, NULL), POSTPARSE_OK);
    postparse_doc *docs[3];
    static const char *const titles[] = {"one", "two", "three"};
    for (int i = 0; i < 3; i++) {
        char in[64];
        snprintf(in, sizeof in, "---\ntitle: %s\n---\nx\n", titles[i]);
        for (const char *c = in; *c; c++) /* one byte a feed */
            assert_int_equal(postparse_parser_feed(p, c, 1), POSTPARSE_OK);
        assert_int_equal(postparse_parser_finish(p), POSTPARSE_OK);
        docs[i] = postparse_parser_take_doc(p);
        assert_non_null(docs[i]);
    }
    postparse_parser_free(p);
    for (int i = 0; i < 3; i++) {
        const postparse_value *fm = postparse_doc_front_matter(docs[i]);
        assert_string_equal(postparse_value_get_cstr(fm, "title"), titles[i]);
        char expect[32];
        snprintf(expect, sizeof expect, "---\ntitle: %s\n", titles[i]);
        assert_string_equal(postparse_doc_front_matter_text(docs[i], NULL),
                            expect);
        postparse_doc_free(docs[i]);
    }
}

static void test_keep_body_per_policy(void **state)
{
    (void)state;
    static const char in[] = "---\na: 1\n---\nx\xffy\n";
    size_t len;
    postparse_doc *doc = read_str(in, POSTPARSE_UTF8_REPLACE, true);
    assert_string_equal(postparse_doc_body(doc, &len), "x\xEF\xBF\xBDy\n");
    assert_int_equal(len, 6);
    postparse_doc_free(doc);
    doc = read_str(in, POSTPARSE_UTF8_STRICT, true);
    assert_int_equal(postparse_doc_error(doc)->code,
                     POSTPARSE_ERR_INVALID_UTF8);
    assert_null(postparse_doc_post(doc));
    assert_string_equal(postparse_doc_body(doc, &len), "x"); /* up to it */
    postparse_doc_free(doc);
}

static void test_json_plain_and_pretty(void **state)
{
    (void)state;
    postparse_doc *doc = read_str(
        "---\nwhen: 2025-02-07 20:00:59.5 +08:00\nday: 2025-02-07\n"
        "nan: .nan\nbig: 123456789012345678901234567890\n1: one\n---\n",
        POSTPARSE_UTF8_STRICT, false);
    const postparse_value *fm = postparse_doc_front_matter(doc);
    text t = {{0}, 0};
    assert_true(
        postparse_value_write_json(fm, POSTPARSE_JSON_PLAIN, to_text, &t));
    assert_string_equal(t.buf, "{\"when\":\"2025-02-07T20:00:59.5+08:00\","
                               "\"day\":\"2025-02-07\",\"nan\":null,"
                               "\"big\":123456789012345678901234567890,"
                               "\"1\":\"one\"}");
    t.len = 0;
    assert_true(
        postparse_value_write_json(fm, POSTPARSE_JSON_TYPED, to_text, &t));
    assert_string_equal(
        t.buf,
        "{\"$map\":[[\"when\",{\"$time\":\"2025-02-07T20:00:59.500+08:00\"}],"
        "[\"day\",{\"$date\":\"2025-02-07\"}],[\"nan\",{\"$float\":\"NaN\"}],"
        "[\"big\",123456789012345678901234567890],[1,\"one\"]]}");
    t.len = 0;
    assert_true(postparse_value_write_json(
        postparse_post_tags(postparse_doc_post(doc)),
        POSTPARSE_JSON_PLAIN | POSTPARSE_JSON_PRETTY, to_text, &t));
    assert_string_equal(t.buf, "[]");
    t.len = 0;
    assert_true(postparse_value_write_json(
        fm, POSTPARSE_JSON_PLAIN | POSTPARSE_JSON_PRETTY, to_text, &t));
    assert_string_equal(t.buf,
                        "{\n  \"when\": \"2025-02-07T20:00:59.5+08:00\",\n"
                        "  \"day\": \"2025-02-07\",\n  \"nan\": null,\n"
                        "  \"big\": 123456789012345678901234567890,\n"
                        "  \"1\": \"one\"\n}");
    /* A failing sink stops the writer, which says so. */
    text small = {{0}, sizeof small.buf - 8};
    assert_false(postparse_doc_write_json(doc, 0, to_text, &small));
    postparse_doc_free(doc);
}

static void test_value_to_s(void **state)
{
    (void)state;
    postparse_doc *doc = read_str(
        "---\nn: ~\nb: true\ni: 42\nf: 1.0e+16\nt: 2025-02-07 20:00:59 +08:00\n"
        "d: 2025-02-07\ns: hello\nl: [1]\n---\n",
        POSTPARSE_UTF8_STRICT, false);
    const postparse_value *fm = postparse_doc_front_matter(doc);
    static const struct {
        const char *key, *want;
    } cases[] = {{"n", ""},
                 {"b", "true"},
                 {"i", "42"},
                 {"f", "1.0e+16"},
                 {"t", "2025-02-07 20:00:59 +0800"},
                 {"d", "2025-02-07"},
                 {"s", "hello"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[64];
        const postparse_value *v =
            postparse_value_get(fm, cases[i].key, strlen(cases[i].key));
        assert_int_equal(postparse_value_to_s(v, buf, sizeof buf),
                         strlen(cases[i].want));
        assert_string_equal(buf, cases[i].want);
    }
    char tiny[4];
    assert_int_equal(postparse_value_to_s(postparse_value_get(fm, "s", 1), tiny,
                                          sizeof tiny),
                     5);
    assert_string_equal(tiny, "hel");
    assert_int_equal(
        postparse_value_to_s(postparse_value_get(fm, "l", 1), NULL, 0),
        SIZE_MAX);
    assert_null(postparse_value_get_cstr(fm, "i")); /* not a string */
    assert_null(postparse_value_get_cstr(fm, "missing"));
    assert_string_equal(postparse_value_get_cstr(fm, "s"), "hello");
    postparse_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_diagnostics_in_file_order),
        cmocka_unit_test(test_documents_outlive_the_parser),
        cmocka_unit_test(test_keep_body_per_policy),
        cmocka_unit_test(test_json_plain_and_pretty),
        cmocka_unit_test(test_value_to_s),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
