/* SPDX-License-Identifier: MIT */
/* Chunk invariance: every way of cutting the input gives the events of the
 * whole input, once adjacent body spans are merged; pauses change nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "event_log.h"
#include "split_cases.h"

static const size_t chunk_sizes[] = {1, 2, 3, 4, 5, 6, 7, 64, 4096};

/* Longer inputs than the split cases: CJK text, CRLF, cuts everywhere. */
static const char *const extra_inputs[] = {
    ("\xEF\xBB\xBF---\r\nlayout: post\r\ntitle: \xE6\x97\xA5\xE6\x9C\xAC"
     "\xE7\xB5\x8C\xE6\xB8\x88\r\ntags: [\xE7\xBB\x8F\xE6\xB5\x8E, news]\r\n"
     "---\r\n\r\n\xE4\xB8\xAD\xE5\x9B\xBD\xE7\xBB\x8F\xE6\xB5\x8E\xE3\x80\x82"
     "\r\n\r\n\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD emoji \xF0\x9F\x87\xAF\xF0\x9F"
     "\x87\xB5\r\n"),
    ("---\ntitle: x\n---  \n \t \n\n  \xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4\n"
     "\xE0\x80\xF4\x90\x80\x80\xC3(\xF0\x9F\x98 end\n"),
    "---\na: \"\xE4\xB8\n---\n\xFF tail \xE2\x82\xAC\xE2\x82",
    "---\n...x\n--\n..\n...   \r\r\n\r\n\rbody\r",
};

/* max_fm: max_frontmatter_bytes, or 0 for the default. */
static postparse_options options_for(postparse_utf8_policy policy,
                                     size_t max_fm)
{
    postparse_options opt;
    postparse_options_init(&opt);
    opt.utf8_policy = policy;
    if (max_fm)
        opt.max_frontmatter_bytes = max_fm;
    return opt;
}

static size_t check_input_limit(const char *name, const char *in, size_t len,
                                postparse_utf8_policy policy, size_t max_fm)
{
    size_t failures = 0;
    postparse_options opt = options_for(policy, max_fm);
    event_log whole;
    event_log_init(&whole);
    event_log_parse(&whole, in, len, 0, &opt);

    for (size_t k = 0; k < sizeof chunk_sizes / sizeof chunk_sizes[0]; k++)
        for (unsigned pause = 0; pause <= 3; pause++) {
            event_log log;
            event_log_init(&log);
            log.pause_every = pause;
            log.strict_spans = policy != POSTPARSE_UTF8_PASS_THROUGH;
            const char *got =
                event_log_parse(&log, in, len, chunk_sizes[k], &opt);
            if (strcmp(got, whole.text) != 0) {
                print_error(
                    "%s: chunk %zu pause %u\n  whole: %s\n  cut:   %s\n", name,
                    chunk_sizes[k], pause, whole.text, got);
                failures++;
            }
            event_log_free(&log);
        }
    if (len < 256)
        for (size_t split = 0; split <= len; split++) {
            event_log log;
            event_log_init(&log);
            log.strict_spans = policy != POSTPARSE_UTF8_PASS_THROUGH;
            const char *got = event_log_parse_split(&log, in, len, split, &opt);
            if (strcmp(got, whole.text) != 0) {
                print_error("%s: split at %zu\n  whole: %s\n  cut:   %s\n",
                            name, split, whole.text, got);
                failures++;
            }
            event_log_free(&log);
        }
    event_log_free(&whole);
    return failures;
}

static size_t check_input(const char *name, const char *in, size_t len,
                          postparse_utf8_policy policy)
{
    return check_input_limit(name, in, len, policy, 0);
}

/* A block that opens and has no closing line within max_frontmatter_bytes
 * is body from its first byte, with a warning when the limit passes, and a
 * closing line that comes later is reported at the end (issue 15): the
 * same events for every cut, in every policy. */
static const char *const over_limit_inputs[] = {
    "---\ntitle: a long one\nbody line\nmore\n",
    "---\ntitle: a long one\nbody line\n---\nafter\n",
    "---\ntitle: a long one\nbody line\n...  \t",
    "\xEF\xBB\xBF---\r\ntitle: \xE6\x97\xA5\xE6\x9C\xAC\r\n---\rx\r\n--- \r\nz",
    "---\na: \xE6\x97\xA5\xFF\xE6\x97\xA5 b c d e f g\n---\ntail\xE2\x82",
    "---\n---x\n....\n--\n-\n...\n",
};

static void test_over_limit_at_every_cut(void **state)
{
    (void)state;
    size_t failures = 0;
    for (size_t i = 0; i < sizeof over_limit_inputs / sizeof *over_limit_inputs;
         i++)
        for (int policy = POSTPARSE_UTF8_STRICT;
             policy <= POSTPARSE_UTF8_PASS_THROUGH; policy++)
            for (size_t max = 8; max <= 16; max += 4) {
                char name[48];
                snprintf(name, sizeof name, "over limit %zu policy %d max %zu",
                         i, policy, max);
                failures += check_input_limit(
                    name, over_limit_inputs[i], strlen(over_limit_inputs[i]),
                    (postparse_utf8_policy)policy, max);
            }
    assert_int_equal(failures, 0);
}

/* What those events are: every byte is body, the opening line included. */
static void test_over_limit_events(void **state)
{
    (void)state;
    postparse_options opt = options_for(POSTPARSE_UTF8_STRICT, 12);
    event_log log;
    event_log_init(&log);
    const char *in = over_limit_inputs[1];
    assert_string_equal(
        event_log_parse(&log, in, strlen(in), 0, &opt),
        "diag@1:1 warning frontmatter-over-limit body@1:1 "
        "\"---\\ntitle: a long one\\nbody line\\n---\\nafter\\n\" "
        "diag@4:1 error frontmatter-closed-past-limit "
        "eof(fm=0 bom=0 utf8=1 bytes=42)");
    event_log_free(&log);
    /* With the closing line within the limit, the block closes. */
    opt = options_for(POSTPARSE_UTF8_STRICT, 36);
    event_log_init(&log);
    assert_string_equal(
        event_log_parse(&log, in, strlen(in), 0, &opt),
        "begin@1:1 text@1:1 \"---\\ntitle: a long one\\nbody line\\n\" "
        "diag@4:1 error yaml-syntax end@4:1 body@5:1 \"after\\n\" "
        "eof(fm=1 bom=0 utf8=1 bytes=6)");
    event_log_free(&log);
}

static void test_split_cases_at_every_cut(void **state)
{
    (void)state;
    size_t failures = 0;
    for (size_t i = 0; i < split_case_count; i++)
        failures += check_input(split_cases[i].name, split_cases[i].input,
                                split_cases[i].len, split_cases[i].policy);
    assert_int_equal(failures, 0);
}

static void test_longer_inputs_in_every_policy(void **state)
{
    (void)state;
    size_t failures = 0;
    for (size_t i = 0; i < sizeof extra_inputs / sizeof extra_inputs[0]; i++)
        for (int policy = POSTPARSE_UTF8_STRICT;
             policy <= POSTPARSE_UTF8_PASS_THROUGH; policy++) {
            char name[32];
            snprintf(name, sizeof name, "extra %zu policy %d", i, policy);
            failures +=
                check_input(name, extra_inputs[i], strlen(extra_inputs[i]),
                            (postparse_utf8_policy)policy);
        }
    assert_int_equal(failures, 0);
}

/* A pause leaves the bytes not consumed to the caller: consumed() must say
 * exactly where the parser stopped. */
static void test_pause_reports_consumed_bytes(void **state)
{
    (void)state;
    static const char in[] = "---\na: 1\n---\n\nBody\n";
    event_log log;
    event_log_init(&log);
    log.pause_every = 1;
    postparse_callbacks cb;
    event_log_callbacks(&cb);
    postparse_parser *p;
    assert_int_equal(postparse_parser_new(&p, NULL, &cb, &log), POSTPARSE_OK);
    /* The closer's LF completes the block: begin pauses right after it. */
    assert_int_equal(postparse_parser_feed(p, in, sizeof in - 1),
                     POSTPARSE_PAUSED);
    assert_int_equal(postparse_parser_consumed(p), 13);
    assert_int_equal(postparse_parser_feed(p, in + 13, sizeof in - 1 - 13),
                     POSTPARSE_ERR_MISUSE);
    assert_int_equal(postparse_parser_resume(p), POSTPARSE_OK);
    assert_int_equal(postparse_parser_resume(p), POSTPARSE_ERR_MISUSE);
    assert_int_equal(postparse_parser_feed(p, in + 13, sizeof in - 1 - 13),
                     POSTPARSE_PAUSED); /* text */
    assert_int_equal(postparse_parser_consumed(p), 0);
    postparse_parser_resume(p);
    assert_int_equal(postparse_parser_feed(p, in + 13, sizeof in - 1 - 13),
                     POSTPARSE_PAUSED); /* end */
    postparse_parser_resume(p);
    assert_int_equal(postparse_parser_feed(p, in + 13, sizeof in - 1 - 13),
                     POSTPARSE_PAUSED); /* the body, all of it */
    assert_int_equal(postparse_parser_consumed(p), sizeof in - 1 - 13);
    postparse_parser_resume(p);
    assert_int_equal(postparse_parser_finish(p), POSTPARSE_PAUSED); /* eof */
    postparse_parser_resume(p);
    /* The input ended with that finish, paused or not. */
    assert_int_equal(postparse_parser_feed(p, "x", 1), POSTPARSE_ERR_MISUSE);
    assert_int_equal(postparse_parser_finish(p), POSTPARSE_OK);
    assert_string_equal(log.text,
                        "begin@1:1 text@1:1 \"---\\na: 1\\n\" end@3:1 "
                        "body@5:1 \"Body\\n\" eof(fm=1 bom=0 utf8=1 bytes=5)");
    postparse_parser_free(p);
    event_log_free(&log);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split_cases_at_every_cut),
        cmocka_unit_test(test_longer_inputs_in_every_policy),
        cmocka_unit_test(test_over_limit_at_every_cut),
        cmocka_unit_test(test_over_limit_events),
        cmocka_unit_test(test_pause_reports_consumed_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
