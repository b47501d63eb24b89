/* SPDX-License-Identifier: MIT */
/* The validator against utf8proc, exhaustively for sequences of up to three
 * bytes, and maximal subparts as Unicode's Table 3-8 shows them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "utf8.h"

/* utf8proc's answer: the whole buffer is well-formed UTF-8. */
static bool utf8proc_valid(const uint8_t *s, size_t n)
{
    utf8proc_int32_t cp;
    while (n > 0) {
        utf8proc_ssize_t len = utf8proc_iterate(s, (utf8proc_ssize_t)n, &cp);
        if (len <= 0)
            return false;
        s += len;
        n -= (size_t)len;
    }
    return true;
}

static void test_every_short_sequence_against_utf8proc(void **state)
{
    (void)state;
    uint8_t s[3];
    size_t disagree = 0, valid = 0;
    for (uint32_t v = 0; v < (1u << 24); v++) {
        s[0] = (uint8_t)(v >> 16);
        s[1] = (uint8_t)(v >> 8);
        s[2] = (uint8_t)v;
        for (size_t n = 1; n <= 3; n++) {
            if (n < 3 && (v & ((1u << (8 * (3 - n))) - 1)))
                continue; /* each shorter sequence once */
            bool ours = postparse__utf8_valid_prefix(s, n) == n;
            disagree += ours != utf8proc_valid(s, n);
            valid += ours;
        }
    }
    assert_int_equal(disagree, 0);
    /* Well-formed strings of 1, 2 and 3 bytes: ASCII alone; two ASCII or
     * one of the 1920 two-byte characters; three ASCII, ASCII and a
     * two-byte character either way round, or one of the 61440 three-byte
     * characters (U+0800..U+FFFF without the 2048 surrogates). */
    assert_int_equal(valid, 128 + (128 * 128 + 1920) +
                                (128 * 128 * 128 + 2 * 1920 * 128 + 61440));
}

static void test_random_four_byte_sequences(void **state)
{
    (void)state;
    srand(12345);
    uint8_t s[4];
    for (int i = 0; i < 2000000; i++) {
        s[0] = (uint8_t)(0xF0 + rand() % 16);
        for (int k = 1; k < 4; k++)
            s[k] = (uint8_t)(0x70 + rand() % 0x60);
        bool ours = postparse__utf8_valid_prefix(s, 4) == 4;
        assert_int_equal(ours, utf8proc_valid(s, 4));
    }
}

typedef struct subpart_case {
    const char *bytes;
    postparse__utf8_class cls;
    size_t len;
} subpart_case;

static void test_maximal_subparts(void **state)
{
    (void)state;
    static const subpart_case cases[] = {
        {"A", POSTPARSE__UTF8_VALID, 1},
        {"\xC3\xA9", POSTPARSE__UTF8_VALID, 2},
        {"\xE4\xB8\xAD", POSTPARSE__UTF8_VALID, 3},
        {"\xF0\x9F\x98\x80", POSTPARSE__UTF8_VALID, 4},
        {"\xC3", POSTPARSE__UTF8_INCOMPLETE, 1},
        {"\xF0\x9F\x98", POSTPARSE__UTF8_INCOMPLETE, 3},
        {"\x80", POSTPARSE__UTF8_INVALID, 1},
        {"\xC0\xAF", POSTPARSE__UTF8_INVALID, 1},
        {"\xE0\x80\x80", POSTPARSE__UTF8_INVALID, 1},
        {"\xED\xA0\x80", POSTPARSE__UTF8_INVALID, 1},
        {"\xF4\x90\x80\x80", POSTPARSE__UTF8_INVALID, 1},
        {"\xF5\x80", POSTPARSE__UTF8_INVALID, 1},
        {"\xE1\x80\x41", POSTPARSE__UTF8_INVALID, 2},
        {"\xF1\x80\x80\x41", POSTPARSE__UTF8_INVALID, 3},
        {"\xFF", POSTPARSE__UTF8_INVALID, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len = 99;
        const uint8_t *b = (const uint8_t *)cases[i].bytes;
        assert_int_equal(
            postparse__utf8_classify(b, strlen(cases[i].bytes), &len),
            cases[i].cls);
        assert_int_equal(len, cases[i].len);
    }
}

static void test_valid_prefix_stops_at_the_first_bad_byte(void **state)
{
    (void)state;
    const uint8_t s[] = "0123456789abcdef\xE4\xB8\xAD"
                        "0123456789\xE4\xB8";
    assert_int_equal(postparse__utf8_valid_prefix(s, sizeof s - 1), 29);
    assert_int_equal(postparse__utf8_valid_prefix(s, 17), 16);
    assert_int_equal(postparse__utf8_valid_prefix(s, 0), 0);
}

/* Long text with errors here and there: the vector path, the portable DFA
 * and a sequence-by-sequence reference must agree on every prefix. */
static size_t reference_prefix(const uint8_t *s, size_t n)
{
    size_t i = 0, len;
    while (i < n && postparse__utf8_classify(s + i, n - i, &len) ==
                        POSTPARSE__UTF8_VALID)
        i += len;
    return i;
}

static void test_long_text_all_paths_agree(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "\xE4\xB8\xAD",     "\xE6\x96\x87", "abc ",         "\xF0\x9F\x98\x80",
        "\xC3\xA9",         "\n",           "\xED\x9F\xBF", "\xEF\xBF\xBD",
        "\xF4\x8F\xBF\xBF", "0123456789"};
    static const uint8_t bad[] = {0x80, 0xBF, 0xC0, 0xC1, 0xE0, 0xED,
                                  0xF0, 0xF4, 0xF5, 0xFF, 0xA0, 0x90};
    uint8_t *s = malloc(4096 + 8);
    srand(777);
    for (int round = 0; round < 3000; round++) {
        size_t n = 0, target = (size_t)(rand() % 4096);
        while (n < target) {
            const char *p = pieces[rand() % 10];
            size_t len = strlen(p);
            memcpy(s + n, p, len);
            n += len;
        }
        int errors = rand() % 3;
        for (int e = 0; e < errors && n > 0; e++)
            s[rand() % n] = bad[rand() % sizeof bad];
        size_t want = reference_prefix(s, n);
        assert_int_equal(postparse__utf8_valid_prefix_portable(s, n), want);
        assert_int_equal(postparse__utf8_valid_prefix(s, n), want);
        if (postparse__utf8_have_avx2()) {
            size_t vouched = postparse__utf8_valid_blocks_avx2(s, n);
            assert_true(vouched <= want);
            /* Only up to one block and a cut sequence short of the answer. */
            assert_true(want - vouched < 32 + 3 || n - vouched < 32 + 3);
        }
    }
    free(s);
}

/* Every length around the vector code's last block, a cut sequence or a
 * bad byte at every place near the end. */
static void test_every_length_near_the_end(void **state)
{
    (void)state;
    static const char text[] = "\xE4\xB8\xAD\xE6\x96\x87 abc \xF0\x9F\x98\x80"
                               "\xC3\xA9\n\xED\x9F\xBF";
    uint8_t s[320];
    size_t tl = sizeof text - 1;
    for (size_t i = 0; i < sizeof s; i++)
        s[i] = (uint8_t)text[i % tl];
    for (size_t n = 0; n <= sizeof s; n++) {
        assert_int_equal(postparse__utf8_valid_prefix(s, n),
                         reference_prefix(s, n));
        for (size_t back = 1; back <= 40 && back <= n; back++) {
            uint8_t keep = s[n - back];
            s[n - back] = back % 2 ? 0xFF : 0x80;
            assert_int_equal(postparse__utf8_valid_prefix(s, n),
                             reference_prefix(s, n));
            s[n - back] = keep;
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_short_sequence_against_utf8proc),
        cmocka_unit_test(test_random_four_byte_sequences),
        cmocka_unit_test(test_maximal_subparts),
        cmocka_unit_test(test_valid_prefix_stops_at_the_first_bad_byte),
        cmocka_unit_test(test_long_text_all_paths_agree),
        cmocka_unit_test(test_every_length_near_the_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
