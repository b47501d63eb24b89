/* SPDX-License-Identifier: MIT */
/* The cursor's bulk advance (vector loops for long spans; the AVX2 ones
 * where the machine has them, and the portable ones) against one step a
 * byte, on text with LF, CR, CRLF and multi-byte characters, at every
 * length and from either state of a CR just before. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "position.h"

static void check(const uint8_t *s, size_t n, bool after_cr)
{
    postparse__cursor bulk, portable, step;
    postparse__cursor_init(&bulk, 7);
    bulk.pos.line = 3;
    bulk.pos.column = 5;
    bulk.after_cr = after_cr;
    step = portable = bulk;
    postparse__cursor_advance(&bulk, s, n);
    postparse__cursor_advance_portable(&portable, s, n);
    for (size_t i = 0; i < n; i++)
        postparse__cursor_step(&step, s[i]);
    assert_int_equal(bulk.pos.offset, step.pos.offset);
    assert_int_equal(bulk.pos.line, step.pos.line);
    assert_int_equal(bulk.pos.column, step.pos.column);
    assert_int_equal(bulk.after_cr, step.after_cr);
    assert_int_equal(portable.pos.offset, step.pos.offset);
    assert_int_equal(portable.pos.line, step.pos.line);
    assert_int_equal(portable.pos.column, step.pos.column);
    assert_int_equal(portable.after_cr, step.after_cr);
}

static void test_advance_matches_steps(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "\xE4\xB8\xAD",     "abc ",    "\n", "\r", "\r\n", "\xF0\x9F\x98\x80",
        "0123456789abcdef", "\xC3\xA9"};
    uint8_t *s = malloc(8192);
    assert_non_null(s);
    srand(4242);
    /* Under valgrind (POSTPARSE_TEST_SHRINK) a quarter of the rounds. */
    int rounds = getenv("POSTPARSE_TEST_SHRINK") ? 100 : 400;
    for (int round = 0; round < rounds; round++) {
        size_t n = 0, target = (size_t)(rand() % 8000);
        /* Some rounds without line ends, or with them only early. */
        int kinds = round % 3 == 0 ? 8 : round % 3 == 1 ? 5 : 8;
        while (n < target) {
            int k = rand() % kinds;
            if (round % 5 == 0 && (k == 2 || k == 3 || k == 4) &&
                n > target / 4)
                k = 0;
            size_t len = strlen(pieces[k]);
            memcpy(s + n, pieces[k], len);
            n += len;
        }
        for (size_t cut = n > 200 ? n - 200 : 0; cut <= n; cut++) {
            check(s, cut, false);
            check(s, cut, true);
        }
        check(s + 1, n > 0 ? n - 1 : 0, round % 2);
    }
    free(s);
}

/* Lines longer than the 127 blocks of 64 bytes that the backward search
 * counts before it sums its byte lanes (a lane would pass 255 after 128):
 * all 3-byte characters, so every byte lane counts one in three, or all
 * ASCII, so every lane counts each block; a line end near the start, at
 * either side of a block edge, or none. */
static void test_long_lines(void **state)
{
    (void)state;
    enum { N = 3 * 127 * 64 + 200 };
    uint8_t *s = malloc(N);
    assert_non_null(s);
    for (int ascii = 0; ascii < 2; ascii++) {
        for (size_t i = 0; i < N; i++)
            s[i] = ascii ? (uint8_t)('a' + i % 26)
                         : (uint8_t) "\xE4\xB8\xAD"[i % 3];
        static const size_t line_ends[] = {0, 1, 63, 64, 65, 100, 8127, 8128};
        for (size_t e = 0; e < sizeof line_ends / sizeof line_ends[0]; e++) {
            uint8_t kept = s[line_ends[e]];
            if (e > 0)
                s[line_ends[e]] = '\n';
            /* Ends at either side of a 64- and a 32-byte block edge. */
            static const size_t short_by[] = {0,  1,  2,  31,  32,  33,
                                              63, 64, 65, 127, 128, 129};
            for (size_t k = 0; k < sizeof short_by / sizeof short_by[0]; k++)
                check(s, N - short_by[k], false);
            check(s, 127 * 64, false);
            check(s, 128 * 64, true);
            s[line_ends[e]] = kept;
        }
    }
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_advance_matches_steps),
        cmocka_unit_test(test_long_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
