/* SPDX-License-Identifier: MIT */
/* Hostile text for the NFC functions: a long run of combining marks in an
 * order canonical ordering must reverse (utf8proc's own ordering is an
 * insertion sort, quadratic in the run: 256 KB took 26 s). The cost must
 * grow as a benign text's does from n to 4n (within 2x of its growth, where
 * quadratic would be 4x) and stay within 3x of a benign text of the same
 * size that also needs normalizing;
 * and the result must be exactly utf8proc's on random strings built from
 * the characters NFC treats specially.
 *
 * Ratios are medians over rounds of CPU-time measurements, so that a busy
 * machine moves them little; the margins are wide enough for sanitizer
 * builds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <utf8proc.h>

#include <postparse/postparse.h>

#include "diagnostics.h"
#include "utf8.h"

static size_t put_utf8(char *out, uint32_t cp)
{
    return (size_t)utf8proc_encode_char((utf8proc_int32_t)cp,
                                        (utf8proc_uint8_t *)out);
}

/* 'a' then combining marks alternating class 230 (U+0301) and 220
 * (U+0316) up to len bytes: every U+0316 must move before every U+0301
 * ahead of it. */
static char *hostile_marks(size_t len)
{
    char *s = malloc(len);
    size_t n = 0;
    s[n++] = 'a';
    for (size_t i = 0; n + 2 <= len; i++)
        n += put_utf8(s + n, i % 2 ? 0x0316 : 0x0301);
    while (n < len)
        s[n++] = 'a';
    return s;
}

/* The same size of ordinary accented text that also takes the
 * decomposition path: "e" U+0301 U+0316 "x " repeated. */
static char *benign_marks(size_t len)
{
    char *s = malloc(len);
    size_t n = 0;
    while (n + 7 <= len) {
        s[n++] = 'e';
        n += put_utf8(s + n, 0x0301);
        n += put_utf8(s + n, 0x0316);
        s[n++] = 'x';
        s[n++] = ' ';
    }
    while (n < len)
        s[n++] = 'a';
    return s;
}

static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* CPU time of `calls` rounds of NFC and the NFC check over s. */
static double nfc_cost(const char *s, size_t len, int calls)
{
    double t0 = cpu_seconds();
    for (int k = 0; k < calls; k++) {
        char *out;
        size_t out_len;
        assert_int_equal(postparse_text_nfc(s, len, NULL, &out, &out_len),
                         POSTPARSE_OK);
        postparse_text_free(NULL, out, out_len);
        assert_false(postparse_text_is_nfc(s, len));
    }
    return cpu_seconds() - t0;
}

#define ROUNDS 9

/* POSTPARSE_TEST_SHRINK=1 (the valgrind setup): smaller and fewer. */
static bool shrink(void)
{
    const char *e = getenv("POSTPARSE_TEST_SHRINK");
    return e != NULL && e[0] == '1';
}

static double median(double *v, int count)
{
    qsort(v, (size_t)count, sizeof v[0], cmp_double);
    return v[count / 2];
}

static void test_nfc_hostile_marks_linear(void **state)
{
    (void)state;
    const size_t n = shrink() ? 64 * 1024 : 1024 * 1024;
    const int rounds = shrink() ? 3 : ROUNDS;
    char *h1 = hostile_marks(n), *h4 = hostile_marks(4 * n);
    char *b1 = benign_marks(n), *b4 = benign_marks(4 * n);

    /* The four inputs are timed in turn within each round, so a load that
     * comes and goes touches all of them; the ratios are the medians of the
     * rounds' ratios. Growth is compared with the benign text's growth over
     * the same sizes, which cancels what memory and caches add at 4 MB
     * (both grow about 5-7x on the reference machine; quadratic ordering
     * would make the hostile text grow 16x). */
    double growth[ROUNDS], extra[ROUNDS], versus[ROUNDS];
    for (int r = 0; r < rounds; r++) {
        double th1 = nfc_cost(h1, n, 1), th4 = nfc_cost(h4, 4 * n, 1);
        double tb1 = nfc_cost(b1, n, 1), tb4 = nfc_cost(b4, 4 * n, 1);
        growth[r] = th4 / th1;
        extra[r] = (th4 / th1) / (tb4 / tb1);
        versus[r] = th1 / tb1;
    }
    double g = median(growth, rounds), e = median(extra, rounds),
           v = median(versus, rounds);
    printf("# NFC + check, hostile marks: %zu B -> %zu B costs x%.2f, "
           "%.2f times the benign text's growth; hostile/benign at %zu B "
           "%.2f (medians of %d)\n",
           n, 4 * n, g, e, n, v, rounds);
    assert_true(e <= 2.0);
    assert_true(v <= 3.0);
    free(h1);
    free(h4);
    free(b1);
    free(b4);
}

/* The result is right: the U+0316 marks (class 220) move before the U+0301
 * (230); then the first U+0301 meets 'a' with nothing of class 230 or more
 * between them and composes to U+00E1; the other U+0301 are blocked. */
static void test_nfc_hostile_marks_result(void **state)
{
    (void)state;
    const size_t len = 1 + 2 * 2 * 100; /* 'a' + 100 pairs */
    char *s = hostile_marks(len);
    char *out;
    size_t out_len;
    assert_int_equal(postparse_text_nfc(s, len, NULL, &out, &out_len),
                     POSTPARSE_OK);
    char want[512];
    size_t w = put_utf8(want, 0x00E1);
    for (int i = 0; i < 100; i++)
        w += put_utf8(want + w, 0x0316);
    for (int i = 0; i < 99; i++)
        w += put_utf8(want + w, 0x0301);
    assert_int_equal(out_len, w);
    assert_memory_equal(out, want, w);
    postparse_text_free(NULL, out, out_len);
    free(s);
}

/* Characters NFC treats specially: starters that compose, marks of several
 * classes (including runs longer than the insertion sort's 32), singletons
 * and excluded compositions, Hangul jamo and syllables. */
static const uint32_t alphabet[] = {
    'a',     'e',    'A',    'o',    ' ',    0x00E9, 0x00C5, 0x212B,  0x0344,
    0x0301,  0x0316, 0x0300, 0x0308, 0x0327, 0x0323, 0x031B, 0x05B0,  0x0E38,
    0x0F71,  0x0F72, 0x0F73, 0x0F75, 0x1100, 0x1161, 0x11A8, 0xAC00,  0xD4DB,
    0x0958,  0x2126, 0x1E0A, 0x1E9B, 0x0345, 0x3099, 0x304B, 0x1D15E, 0x1D165,
    0x1D16E, 0x0340, 0x0341, 0x0343, 0x0374, 0x037E, 0x0387, 0x2ADC,  0x0338,
};

static uint64_t rng = 88172645463325252ull;
static uint64_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void test_nfc_matches_utf8proc(void **state)
{
    (void)state;
    const size_t nalpha = sizeof alphabet / sizeof alphabet[0];
    char s[400];
    int iterations = shrink() ? 2000 : 20000;
    for (int iter = 0; iter < iterations; iter++) {
        size_t n = 0;
        size_t count = next_random() % 90;
        bool marks_only = next_random() % 8 == 0; /* long runs of marks */
        for (size_t i = 0; i < count; i++) {
            uint32_t cp = alphabet[next_random() % nalpha];
            if (marks_only && i > 0)
                cp = alphabet[9 + next_random() % 10];
            n += put_utf8(s + n, cp);
        }
        char *out;
        size_t out_len;
        assert_int_equal(postparse_text_nfc(s, n, NULL, &out, &out_len),
                         POSTPARSE_OK);
        utf8proc_uint8_t *ref = NULL;
        utf8proc_ssize_t rlen = utf8proc_map(
            (const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &ref,
            (utf8proc_option_t)(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
        assert_true(rlen >= 0);
        if ((size_t)rlen != out_len || memcmp(ref, out, out_len) != 0) {
            printf("# differs at iteration %d (%zu bytes)\n", iter, n);
            fail();
        }
        assert_int_equal(postparse_text_is_nfc(s, n),
                         out_len == n && memcmp(out, s, n) == 0);
        free(ref);
        postparse_text_free(NULL, out, out_len);
    }
}

/* Messages are cut between characters: the cut helper, a message longer
 * than 1 KiB, and a date value longer than the 200 bytes a message quotes. */
static void test_message_cut_on_character(void **state)
{
    (void)state;
    const uint8_t *s = (const uint8_t *)"a\xe4\xb8\xad"
                                        "b"; /* a中b */
    assert_int_equal(postparse__utf8_cut(s, 5, 0), 0);
    assert_int_equal(postparse__utf8_cut(s, 5, 1), 1);
    assert_int_equal(postparse__utf8_cut(s, 5, 2), 1);
    assert_int_equal(postparse__utf8_cut(s, 5, 3), 1);
    assert_int_equal(postparse__utf8_cut(s, 5, 4), 4);
    assert_int_equal(postparse__utf8_cut(s, 5, 9), 5);
    /* Ill-formed bytes are no character to keep whole. */
    assert_int_equal(postparse__utf8_cut((const uint8_t *)"\xff\xff\xff", 3, 2),
                     2);

    char big[3000];
    size_t n = 0;
    big[n++] = 'a';
    while (n + 2 < sizeof big) {
        big[n++] = (char)0xC3;
        big[n++] = (char)0xA9; /* é */
    }
    big[n] = '\0';
    char msg[POSTPARSE__MESSAGE_MAX];
    postparse__message_format(msg, sizeof msg, "value '%s' \x1b", big);
    size_t len = strlen(msg);
    assert_true(len < sizeof msg);
    assert_int_equal(postparse__utf8_valid_prefix((const uint8_t *)msg, len),
                     len);
    assert_memory_equal(msg + len - 2, "\xc3\xa9", 2);
}

static postparse_action keep_message(void *user, const postparse_diagnostic *d)
{
    char **out = user;
    if (strcmp(d->code, "date-no-date") == 0 ||
        strcmp(d->code, "date-too-long") == 0 ||
        strcmp(d->code, "date-unsupported-form") == 0)
        *out = strdup(d->message);
    return POSTPARSE_CONTINUE;
}

static void test_quoted_value_cut_on_character(void **state)
{
    (void)state;
    char post[1024];
    size_t n = (size_t)snprintf(post, sizeof post, "---\ndate: \"a");
    for (int i = 0; i < 150; i++)
        n += (size_t)snprintf(post + n, sizeof post - n, "\xc3\xa9");
    n += (size_t)snprintf(post + n, sizeof post - n, "\"\n---\nbody\n");
    postparse_callbacks cb;
    postparse_callbacks_init(&cb);
    cb.on_diagnostic = keep_message;
    char *msg = NULL;
    postparse_parser *p = NULL;
    assert_int_equal(postparse_parser_new(&p, NULL, &cb, &msg), POSTPARSE_OK);
    assert_int_equal(postparse_parser_feed(p, post, n), POSTPARSE_OK);
    assert_int_equal(postparse_parser_finish(p), POSTPARSE_OK);
    postparse_parser_free(p);
    assert_non_null(msg);
    size_t len = strlen(msg);
    assert_int_equal(postparse__utf8_valid_prefix((const uint8_t *)msg, len),
                     len);
    /* 'a' and 99 whole é: 199 bytes, not 200 with half an é. */
    const char *q = strchr(msg, '\'');
    assert_non_null(q);
    const char *end = strchr(q + 1, '\'');
    assert_non_null(end);
    assert_int_equal(end - q - 1, 199);
    free(msg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_message_cut_on_character),
        cmocka_unit_test(test_quoted_value_cut_on_character),
        cmocka_unit_test(test_nfc_hostile_marks_result),
        cmocka_unit_test(test_nfc_matches_utf8proc),
        cmocka_unit_test(test_nfc_hostile_marks_linear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
