/* SPDX-License-Identifier: MIT */
/* The CLI's JSON writer: string escaping and U+FFFD substitution must give
 * what Ruby's JSON.generate(s.scrub("\uFFFD")) gives (the oracle's
 * encoding); the expected strings below were printed by Ruby 3.1. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../tools/json_writer.h"

#define BYTES(s) s, sizeof(s) - 1

typedef struct string_case {
    const char *in;
    size_t len;
    const char *json;
    bool valid;
} string_case;

static const string_case string_cases[] = {
    {BYTES("plain"), "\"plain\"", true},
    {BYTES("q\"b\\s/"), "\"q\\\"b\\\\s/\"", true},
    {BYTES("\n\r\t\b\f"), "\"\\n\\r\\t\\b\\f\"", true},
    /* NUL and the other C0 controls as \u00xx; DEL stays as it is. */
    {BYTES("\x00\x01\x1f\x7f"), "\"\\u0000\\u0001\\u001f\x7f\"", true},
    {BYTES("\xe4\xb8\xad\xe6\x96\x87\xf0\x9f\x8e\x89"),
     "\"\xe4\xb8\xad\xe6\x96\x87\xf0\x9f\x8e\x89\"", true},
    {BYTES("\xe2\x80\xa8"), "\"\xe2\x80\xa8\"", true}, /* U+2028 raw */
    /* One U+FFFD per maximal invalid subpart. */
    {BYTES("\xc3"), "\"\xef\xbf\xbd\"", false},
    {BYTES("x\xc3\n\xf0\x80\x80z\xed\xa0\x80"),
     "\"x\xef\xbf\xbd\\n\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdz\xef\xbf\xbd"
     "\xef\xbf\xbd\xef\xbf\xbd\"",
     false},
    {BYTES("\xe0\x80\xaf"), "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"", false},
    {BYTES("\xf4\x90\x80\x80"),
     "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"", false},
    {BYTES("\xe2\x82"), "\"\xef\xbf\xbd\"", false},
    {BYTES("\xc0\xaf"), "\"\xef\xbf\xbd\xef\xbf\xbd\"", false},
    {BYTES("a\xf0\x9f\x8e"), "\"a\xef\xbf\xbd\"", false},
};

typedef struct capture {
    char *buf;
    size_t size;
    FILE *f;
    json_writer w;
} capture;

static void capture_open(capture *c)
{
    c->buf = NULL;
    c->size = 0;
    c->f = open_memstream(&c->buf, &c->size);
    assert_non_null(c->f);
    json_writer_init(&c->w, c->f);
}

/* Closes the stream and checks what was written. */
static void capture_check(capture *c, const char *expected)
{
    assert_int_equal(fclose(c->f), 0);
    assert_int_equal(c->size, strlen(expected));
    assert_memory_equal(c->buf, expected, c->size);
    free(c->buf);
}

static void test_strings(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(string_cases) / sizeof(string_cases[0]);
         i++) {
        const string_case *t = &string_cases[i];
        capture c;

        capture_open(&c);
        assert_int_equal(json_string(&c.w, t->in, t->len), t->valid);
        capture_check(&c, t->json);
    }
}

static void test_text_tags_invalid_utf8(void **state)
{
    capture c;

    (void)state;
    capture_open(&c);
    json_text(&c.w, BYTES("ok \xe4\xb8\xad"));
    capture_check(&c, "\"ok \xe4\xb8\xad\"");

    /* As the oracle: the scrubbed text and the exact bytes in base64
     * (Ruby: Base64.strict_encode64("---\ntitle: x\xC3\n")). */
    capture_open(&c);
    json_text(&c.w, BYTES("---\ntitle: x\xc3\n"));
    capture_check(&c, "{\"$invalid_utf8\":\"---\\ntitle: x\xef\xbf\xbd\\n\","
                      "\"base64\":\"LS0tCnRpdGxlOiB4wwo=\"}");

    /* Base64 padding of one and two leftover bytes. */
    capture_open(&c);
    json_text(&c.w, BYTES("\xff"));
    capture_check(&c,
                  "{\"$invalid_utf8\":\"\xef\xbf\xbd\",\"base64\":\"/w==\"}");
    capture_open(&c);
    json_text(&c.w, BYTES("a\xff"));
    capture_check(&c,
                  "{\"$invalid_utf8\":\"a\xef\xbf\xbd\",\"base64\":\"Yf8=\"}");
}

static void test_structure(void **state)
{
    capture c;

    (void)state;
    capture_open(&c);
    json_object_begin(&c.w);
    json_key(&c.w, "a");
    json_array_begin(&c.w);
    json_uint(&c.w, 18446744073709551615u);
    json_bool(&c.w, true);
    json_null(&c.w);
    json_array_begin(&c.w);
    json_array_end(&c.w);
    json_array_end(&c.w);
    json_key(&c.w, "b");
    json_object_begin(&c.w);
    json_object_end(&c.w);
    json_key(&c.w, "c");
    json_cstring(&c.w, "d");
    json_object_end(&c.w);
    assert_true(json_line_end(&c.w));
    /* A second record starts without a comma. */
    json_bool(&c.w, false);
    assert_true(json_line_end(&c.w));
    capture_check(&c, "{\"a\":[18446744073709551615,true,null,[]],\"b\":{},"
                      "\"c\":\"d\"}\nfalse\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_text_tags_invalid_utf8),
        cmocka_unit_test(test_structure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
