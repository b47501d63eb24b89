/* SPDX-License-Identifier: MIT */
/* The cursor's bulk advance (vector loops for long spans) against one step
 * a byte, on text with LF, CR, CRLF and multi-byte characters, at every
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
    postparse__cursor bulk, step;
    postparse__cursor_init(&bulk, 7);
    bulk.pos.line = 3;
    bulk.pos.column = 5;
    bulk.after_cr = after_cr;
    step = bulk;
    postparse__cursor_advance(&bulk, s, n);
    for (size_t i = 0; i < n; i++)
        postparse__cursor_step(&step, s[i]);
    assert_int_equal(bulk.pos.offset, step.pos.offset);
    assert_int_equal(bulk.pos.line, step.pos.line);
    assert_int_equal(bulk.pos.column, step.pos.column);
    assert_int_equal(bulk.after_cr, step.after_cr);
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
    for (int round = 0; round < 400; round++) {
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_advance_matches_steps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
