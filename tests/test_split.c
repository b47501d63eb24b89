/* SPDX-License-Identifier: MIT */
/* The split as Jekyll does it, case by case, fed whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "event_log.h"
#include "split_cases.h"

static void test_cases(void **state)
{
    (void)state;
    size_t failures = 0;
    for (size_t i = 0; i < split_case_count; i++) {
        const split_case *c = &split_cases[i];
        postparse_options opt;
        postparse_options_init(&opt);
        opt.utf8_policy = c->policy;
        event_log log;
        event_log_init(&log);
        log.strict_spans = c->policy != POSTPARSE_UTF8_PASS_THROUGH;
        const char *got = event_log_parse(&log, c->input, c->len, 0, &opt);
        if (strcmp(got, c->expected) != 0) {
            print_error("case \"%s\"\n  expected: %s\n  got:      %s\n",
                        c->name, c->expected, got);
            failures++;
        }
        event_log_free(&log);
    }
    assert_int_equal(failures, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
