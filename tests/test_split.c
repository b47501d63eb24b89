/* SPDX-License-Identifier: MIT */
/* The split as Jekyll does it: the machine's own calls (split.h) byte by
 * byte, then case by case through the parser, fed whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "event_log.h"
#include "split.h"
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

/* What the machine said of each byte of in[0..n), then of the end (when
 * at_end and the body did not start first): one letter each (m more, o byte
 * order mark, c closed, b body, u unclosed, e error), into out. */
static void run_split(postparse__split *s, const char *in, size_t n,
                      size_t max_bytes, bool at_end, char *out)
{
    static const postparse_allocator no_hooks;
    static const char letter[] = {
        [POSTPARSE__SPLIT_MORE] = 'm',       [POSTPARSE__SPLIT_BOM] = 'o',
        [POSTPARSE__SPLIT_CLOSED] = 'c',     [POSTPARSE__SPLIT_BODY] = 'b',
        [POSTPARSE__SPLIT_UNCLOSED] = 'u',   [POSTPARSE__SPLIT_ERROR] = 'e',
        [POSTPARSE__SPLIT_OVER_LIMIT] = 'l',
    };
    memset(s, 0, sizeof *s);
    postparse__split_init(s, max_bytes, &no_hooks);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        postparse__split_result r = postparse__split_step(s, (uint8_t)in[i]);
        out[k++] = letter[r];
        if (r == POSTPARSE__SPLIT_BODY || r == POSTPARSE__SPLIT_ERROR ||
            r == POSTPARSE__SPLIT_OVER_LIMIT)
            break;
    }
    if (at_end && s->state != SPLIT_BODY && (k == 0 || out[k - 1] != 'e'))
        out[k++] = letter[postparse__split_end(s)];
    out[k] = '\0';
}

static void split_free(postparse__split *s)
{
    postparse__buffer_free(&s->fm, s->allocator);
    postparse__buffer_free(&s->ws, s->allocator);
}

static void test_machine_closes(void **state)
{
    (void)state;
    postparse__split s;
    char got[64];
    const char in[] = "---\na: 1\n--- \t\r\n\n \nbody";
    run_split(&s, in, sizeof in - 1, 1024, true, got);
    /* The LF of the closing line closes; the blank lines after it are
     * taken; "b" starts the body, after the blanks of no line. */
    assert_string_equal(got, "mmmmmmmmmmmmmmmcmmmb");
    assert_int_equal(s.fm_text_len, 9);
    assert_memory_equal(s.fm.data, "---\na: 1\n", 9);
    assert_int_equal(s.closer_pos.offset, 9);
    assert_int_equal(s.closer_pos.line, 3);
    assert_int_equal(s.closer_pos.column, 1);
    assert_int_equal(s.body_at.pos.offset, 19);
    assert_int_equal(s.body_at.pos.line, 6);
    assert_int_equal(s.body_at.pos.column, 1);
    assert_int_equal(s.pending_len, 0);
    split_free(&s);

    /* Blanks with no LF after them begin the body. */
    const char ws[] = "---\n...\n  x";
    run_split(&s, ws, sizeof ws - 1, 1024, true, got);
    assert_string_equal(got, "mmmmmmmcmmb");
    assert_int_equal(s.fm_text_len, 4);
    assert_int_equal(s.pending_len, 2);
    assert_memory_equal(s.pending, "  ", 2);
    assert_int_equal(s.body_at.pos.offset, 8);
    split_free(&s);

    /* "---" up to the end closes and leaves an empty body. */
    const char end[] = "---\na\n---  ";
    run_split(&s, end, sizeof end - 1, 1024, true, got);
    assert_string_equal(got, "mmmmmmmmmmmc");
    assert_int_equal(s.state, SPLIT_BODY);
    assert_int_equal(s.fm_text_len, 6);
    assert_int_equal(s.body_at.pos.offset, 11);
    assert_int_equal(s.pending_len, 0);
    split_free(&s);
}

static void test_machine_no_front_matter(void **state)
{
    (void)state;
    postparse__split s;
    char got[64];
    /* A UTF-8 mark is taken (offsets count it, columns do not); "--- x"
     * does not open: the body starts with the bytes held. */
    const char bom[] = "\xEF\xBB\xBF--- x";
    run_split(&s, bom, sizeof bom - 1, 1024, true, got);
    assert_string_equal(got, "mmommmmb");
    assert_int_equal(s.pending_len, 4);
    assert_memory_equal(s.pending, "--- ", 4);
    assert_int_equal(s.body_at.pos.offset, 3);
    assert_int_equal(s.body_at.pos.column, 1);
    split_free(&s);

    /* No closing line: the whole input is body. */
    const char open[] = "---\na: 1\n-- -\n";
    run_split(&s, open, sizeof open - 1, 1024, true, got);
    assert_string_equal(got, "mmmmmmmmmmmmmmu");
    assert_int_equal(s.pending_len, sizeof open - 1);
    assert_int_equal(s.body_at.pos.offset, 0);
    split_free(&s);

    /* A lone CR does not end a delimiter line. */
    const char cr[] = "---\ra";
    run_split(&s, cr, sizeof cr - 1, 1024, true, got);
    assert_string_equal(got, "mmmmb");
    assert_int_equal(s.pending_len, 4);
    split_free(&s);

    /* Bytes that start a mark and stop: the body starts with them. */
    const char part[] = "\xEF\xBBx";
    run_split(&s, part, sizeof part - 1, 1024, true, got);
    assert_string_equal(got, "mmb");
    assert_int_equal(s.pending_len, 2);
    split_free(&s);
}

static void test_machine_errors(void **state)
{
    (void)state;
    postparse__split s;
    char got[64];
    /* FF FE waits for a third byte (00 would make it UTF-32). */
    const char utf16[] = "\xFF\xFE"
                         "a";
    run_split(&s, utf16, sizeof utf16 - 1, 1024, true, got);
    assert_string_equal(got, "mme");
    assert_int_equal(s.error.code, POSTPARSE_ERR_UNSUPPORTED_ENCODING);
    assert_non_null(strstr(s.error.message, "UTF-16 (little-endian)"));
    split_free(&s);

    const char utf32[] = "\x00\x00\xFE\xFF";
    run_split(&s, utf32, sizeof utf32 - 1, 1024, true, got);
    assert_string_equal(got, "mmme");
    assert_non_null(strstr(s.error.message, "UTF-32 (big-endian)"));
    split_free(&s);

    /* A line of blanks after the closer longer than the limit. */
    const char ws[] = "---\n---\n         ";
    run_split(&s, ws, sizeof ws - 1, 8, true, got);
    assert_string_equal(got, "mmmmmmmcmmmmmmmme");
    assert_int_equal(s.error.code, POSTPARSE_ERR_FRONTMATTER_TOO_LARGE);
    assert_int_equal(s.error.pos.offset, 16);
    split_free(&s);
}

/* Past max_bytes with no closing line, the block is body from its first
 * byte, and the body is watched for the closing line Jekyll splits at. */
static void test_machine_over_limit(void **state)
{
    (void)state;
    postparse__split s;
    char got[64];
    const char in[] = "---\nab\ncdef";
    run_split(&s, in, sizeof in - 1, 8, false, got);
    assert_string_equal(got, "mmmmmmmml");
    assert_int_equal(s.state, SPLIT_BODY);
    assert_true(s.watching);
    assert_int_equal(s.pending_len, 8);
    assert_int_equal(s.body_at.pos.offset, 0);
    /* The watch goes on from the byte the step did not take. */
    assert_false(postparse__split_watch(&s, (const uint8_t *)"def\n--", 6));
    assert_true(postparse__split_watch(&s, (const uint8_t *)"- \r\nx", 5));
    assert_false(s.watching);
    assert_true(s.closed_past_limit);
    assert_int_equal(s.closer_pos.offset, 12);
    assert_int_equal(s.closer_pos.line, 4);
    assert_int_equal(s.closer_pos.column, 1);
    split_free(&s);

    /* "..." and blanks at the end close too; "--- x" does not. */
    run_split(&s, in, sizeof in - 1, 8, false, got);
    assert_false(
        postparse__split_watch(&s, (const uint8_t *)"\n--- x\n...", 10));
    assert_true(postparse__split_watch_end(&s));
    assert_int_equal(s.closer_pos.line, 5);
    assert_false(postparse__split_watch_end(&s));
    split_free(&s);
}

/* postparse__split_run takes a line's bytes as the step would, one piece. */
static void test_machine_run(void **state)
{
    (void)state;
    postparse__split s;
    char got[64];
    const char in[] = "---\nab";
    /* "b" is where no closing line can start: the rest of the line is taken
     * whole. */
    run_split(&s, in, 6, 1024, false, got);
    assert_true(postparse__split_within_line(&s));
    assert_int_equal(postparse__split_run(&s, (const uint8_t *)"cdé\nx", 6), 4);
    assert_int_equal(s.fm.len, 10);
    assert_memory_equal(s.fm.data, "---\nabcdé", 10);
    assert_int_equal(s.cur.pos.offset, 10);
    assert_int_equal(s.cur.pos.column, 6);
    /* Never past the limit: that byte goes through the step. */
    s.max_bytes = 12;
    assert_int_equal(postparse__split_run(&s, (const uint8_t *)"wxyz", 4), 2);
    assert_int_equal(postparse__split_room(&s), 0);
    split_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_machine_closes),
        cmocka_unit_test(test_machine_no_front_matter),
        cmocka_unit_test(test_machine_errors),
        cmocka_unit_test(test_machine_over_limit),
        cmocka_unit_test(test_machine_run),
        cmocka_unit_test(test_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
