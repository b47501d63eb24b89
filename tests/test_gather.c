/* SPDX-License-Identifier: MIT */
/* Small body feeds are gathered in the parser and go out as one run: the
 * events stay those of one feed, and pauses, errors, finish and reset still
 * account for every byte exactly once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "event_log.h"
#include "parser_state.h"

static const char head[] = "---\ntitle: x\n---\n";
#define HEAD_LEN (sizeof head - 1)

/* Every span as it comes, to tell gathered delivery from direct. */
typedef struct span_stats {
    size_t count;
    size_t largest;
    bool in_parser; /* some span pointed into the parser's gather buffer */
    const postparse_parser *p;
} span_stats;

static void on_span(void *ctx, const char *data, size_t len,
                    const postparse_pos *pos)
{
    (void)pos;
    span_stats *s = ctx;
    s->count++;
    if (len > s->largest)
        s->largest = len;
    const uint8_t *g = s->p->gather;
    if (g && (const uint8_t *)data >= g &&
        (const uint8_t *)data < g + POSTPARSE__GATHER_BYTES)
        s->in_parser = true;
}

/* A body of CJK text, an emoji and CRLF, at least body bytes long (whole
 * pieces). */
static char *make_input(size_t body, size_t *len)
{
    static const char piece[] = "\xE4\xB8\xAD\xE6\x96\x87 a\r\n\xF0\x9F\x98\x80"
                                "\xED\x95\x9C\n";
    char *s = malloc(HEAD_LEN + body + sizeof piece);
    assert_non_null(s);
    memcpy(s, head, HEAD_LEN);
    size_t n = 0;
    while (n < body) {
        memcpy(s + HEAD_LEN + n, piece, sizeof piece - 1);
        n += sizeof piece - 1;
    }
    *len = HEAD_LEN + n;
    return s;
}

/* The log of the whole input in one feed. */
static char *whole_log(const char *in, size_t len, const postparse_options *opt)
{
    event_log log;
    event_log_init(&log);
    event_log_parse(&log, in, len, 0, opt);
    char *text = strdup(log.text);
    event_log_free(&log);
    return text;
}

/* One parse of a generated input (at least body bytes of body), with the
 * log of the same input in one feed to compare with. */
typedef struct parse {
    char *in;
    size_t len;
    postparse_options opt;
    char *want;
    event_log log;
    span_stats spans;
    postparse_parser *p;
} parse;

static void parse_start(parse *x, size_t body)
{
    memset(x, 0, sizeof *x);
    x->in = make_input(body, &x->len);
    postparse_options_init(&x->opt);
    x->want = whole_log(x->in, x->len, &x->opt);
    event_log_init(&x->log);
    x->p = event_log_start(&x->log, &x->opt);
    x->spans.p = x->p;
    x->log.on_span = on_span;
    x->log.span_ctx = &x->spans;
}

/* Finishes (resuming after pauses): the log is one feed's, every byte was
 * read once. */
static void parse_check_end(parse *x)
{
    x->log.pause_every = 0;
    assert_int_equal(event_log_end(&x->log, x->p, POSTPARSE_OK), POSTPARSE_OK);
    assert_string_equal(x->log.text, x->want);
    assert_int_equal(x->log.bad_spans, 0);
    const postparse_summary *s = postparse_parser_summary(x->p);
    assert_int_equal(s->input_bytes, x->len);
    assert_int_equal(s->body_bytes, x->len - HEAD_LEN);
    postparse_parser_free(x->p);
    event_log_free(&x->log);
    free(x->want);
    free(x->in);
}

/* Feeds in[from..to) in pieces of the sizes in cut[] (cycled), resuming
 * after pauses. */
static postparse_status feed_cut(postparse_parser *p, const char *in,
                                 size_t from, size_t to, const size_t *cut,
                                 size_t cuts)
{
    postparse_status st = POSTPARSE_OK;
    for (size_t i = from, k = 0; st == POSTPARSE_OK && i < to; k++) {
        size_t n = cut[k % cuts];
        if (n > to - i)
            n = to - i;
        st = event_log_feed(p, in + i, n);
        i += n;
    }
    return st;
}

/* Tiny feeds, then one large feed, then tiny feeds again: the large one
 * pushes the gathered bytes out first, in one span. */
static void test_tiny_big_tiny(void **state)
{
    (void)state;
    parse x;
    parse_start(&x, 3 * POSTPARSE__GATHER_BELOW + 1000);
    const char *in = x.in;
    /* The front matter and the body's first bytes in one feed: the body
     * has started. */
    size_t at = HEAD_LEN + 5;
    assert_int_equal(event_log_feed(x.p, in, at), POSTPARSE_OK);
    size_t before = x.spans.count;
    static const size_t tiny[] = {1, 2, 3, 7};
    assert_int_equal(feed_cut(x.p, in, at, at + 100, tiny, 4), POSTPARSE_OK);
    /* Nothing went out: the 100 bytes wait in the parser. */
    assert_int_equal(x.spans.count, before);
    assert_int_equal(x.p->gather_len, 100);
    assert_int_equal(postparse_parser_summary(x.p)->input_bytes, at + 100);
    /* While small feeds are copied, bad arguments are still refused, and an
     * empty feed takes nothing. */
    assert_int_equal(postparse_parser_feed(x.p, NULL, 1),
                     POSTPARSE_ERR_INVALID_ARGUMENT);
    assert_int_equal(postparse_parser_feed(x.p, NULL, 0), POSTPARSE_OK);
    assert_int_equal(postparse_parser_consumed(x.p), 0);
    assert_int_equal(postparse_parser_feed(x.p, in + at + 100, 0),
                     POSTPARSE_OK);
    assert_int_equal(postparse_parser_consumed(x.p), 0);
    assert_int_equal(x.p->gather_len, 100);
    assert_int_equal(x.p->gather_room, POSTPARSE__GATHER_BYTES - 100);
    assert_int_equal(postparse_parser_summary(x.p)->input_bytes, at + 100);
    at += 100;
    /* Large: not gathered. */
    size_t big = POSTPARSE__GATHER_BELOW + 100;
    assert_int_equal(event_log_feed(x.p, in + at, big), POSTPARSE_OK);
    at += big;
    assert_true(x.spans.in_parser);
    assert_int_equal(x.p->gather_len, 0);
    /* The gathered run (a character it cut is carried into the next) and
     * the large feed. */
    assert_true(x.spans.count - before <= 4);
    assert_int_equal(feed_cut(x.p, in, at, x.len, tiny, 4), POSTPARSE_OK);
    parse_check_end(&x);
}

/* 1-byte feeds fill the buffer: each time it is full it goes out as one
 * run of at most its size. */
static void test_full_buffer_flushes(void **state)
{
    (void)state;
    enum { MAX = POSTPARSE__GATHER_BELOW - 1 };
    static const size_t cuts[][3] = {
        {1, 1, 1}, {MAX, 3, MAX - 1}, {7, 64, 200}};
    for (size_t c = 0; c < 3; c++) {
        parse x;
        parse_start(&x, 5 * POSTPARSE__GATHER_BYTES + 77);
        assert_int_equal(event_log_feed(x.p, x.in, HEAD_LEN + 1), POSTPARSE_OK);
        assert_int_equal(feed_cut(x.p, x.in, HEAD_LEN + 1, x.len, cuts[c], 3),
                         POSTPARSE_OK);
        size_t runs = x.len / (POSTPARSE__GATHER_BYTES - MAX) + 2;
        parse_check_end(&x);
        assert_true(x.spans.in_parser);
        assert_true(x.spans.largest <= POSTPARSE__GATHER_BYTES);
        /* A few runs, not a span a feed (a cut character adds one). */
        assert_true(x.spans.count <= 2 * runs);
    }
}

/* on_body pauses on the gathered run that a large feed pushes out: that
 * feed took none of its own bytes; fed again after resume, it gives the
 * same log as one feed, nothing lost or repeated. */
static void test_pause_while_flushing_for_a_large_feed(void **state)
{
    (void)state;
    parse x;
    parse_start(&x, 2000);
    const char *in = x.in;
    size_t at = HEAD_LEN + 6; /* after two whole characters */
    assert_int_equal(event_log_feed(x.p, in, at), POSTPARSE_OK);
    for (size_t k = 0; k < 50; k++, at++)
        assert_int_equal(postparse_parser_feed(x.p, in + at, 1), POSTPARSE_OK);
    size_t spans = x.spans.count;
    x.log.pause_every = 1;
    x.log.events = 0;
    size_t big = POSTPARSE__GATHER_BELOW + 88;
    assert_int_equal(postparse_parser_feed(x.p, in + at, big),
                     POSTPARSE_PAUSED);
    assert_int_equal(postparse_parser_consumed(x.p), 0);
    assert_int_equal(x.spans.count, spans + 1);
    assert_true(x.spans.in_parser);
    /* The 50 gathered bytes count as input; the large feed's do not. */
    assert_int_equal(postparse_parser_summary(x.p)->input_bytes, at);
    assert_int_equal(postparse_parser_feed(x.p, in + at, big),
                     POSTPARSE_ERR_MISUSE);
    assert_int_equal(postparse_parser_resume(x.p), POSTPARSE_OK);
    /* The rest: the cut character's span (maybe), then the large feed. */
    postparse_status st;
    size_t rounds = 0;
    while ((st = postparse_parser_feed(x.p, in + at, big)) ==
           POSTPARSE_PAUSED) {
        size_t used = postparse_parser_consumed(x.p);
        at += used;
        big -= used;
        postparse_parser_resume(x.p);
        assert_true(++rounds < 10);
    }
    assert_int_equal(st, POSTPARSE_OK);
    at += big;
    x.log.pause_every = 0;
    assert_int_equal(event_log_feed(x.p, in + at, x.len - at), POSTPARSE_OK);
    parse_check_end(&x);
}

/* A small feed that does not fit pushes the full buffer out first: a pause
 * there leaves all of that feed to the caller. */
static void test_pause_while_flushing_a_full_buffer(void **state)
{
    (void)state;
    parse x;
    parse_start(&x, 3 * POSTPARSE__GATHER_BYTES);
    const char *in = x.in;
    size_t at = HEAD_LEN + 1;
    assert_int_equal(event_log_feed(x.p, in, at), POSTPARSE_OK);
    /* Pieces that fill the buffer but for less than one more. */
    enum { PIECE = 100, FIT = POSTPARSE__GATHER_BYTES / PIECE };
    for (int k = 0; k < FIT; k++, at += PIECE)
        assert_int_equal(postparse_parser_feed(x.p, in + at, PIECE),
                         POSTPARSE_OK);
    assert_int_equal(x.p->gather_len, FIT * PIECE);
    x.log.pause_every = 1;
    x.log.events = 0;
    assert_int_equal(postparse_parser_feed(x.p, in + at, PIECE),
                     POSTPARSE_PAUSED);
    assert_int_equal(postparse_parser_consumed(x.p), 0);
    assert_int_equal(postparse_parser_summary(x.p)->input_bytes, at);
    assert_int_equal(postparse_parser_resume(x.p), POSTPARSE_OK);
    /* Fed again: the flush goes on (a carried character may still pause),
     * then the piece is gathered. */
    postparse_status st;
    while ((st = postparse_parser_feed(x.p, in + at, PIECE)) ==
           POSTPARSE_PAUSED) {
        assert_int_equal(postparse_parser_consumed(x.p), 0);
        postparse_parser_resume(x.p);
    }
    assert_int_equal(st, POSTPARSE_OK);
    assert_int_equal(postparse_parser_consumed(x.p), PIECE);
    assert_int_equal(x.p->gather_len, PIECE);
    at += PIECE;
    x.log.pause_every = 3;
    static const size_t cut[] = {PIECE};
    assert_int_equal(feed_cut(x.p, in, at, x.len, cut, 1), POSTPARSE_OK);
    parse_check_end(&x);
}

/* finish pushes the gathered bytes out; a pause there is still the end of
 * the input. */
static void test_finish_flushes(void **state)
{
    (void)state;
    parse x;
    parse_start(&x, 500);
    const char *in = x.in;
    assert_int_equal(event_log_feed(x.p, in, HEAD_LEN + 2), POSTPARSE_OK);
    size_t spans = x.spans.count;
    static const size_t cut[] = {5};
    assert_int_equal(feed_cut(x.p, in, HEAD_LEN + 2, x.len, cut, 1),
                     POSTPARSE_OK);
    assert_int_equal(x.spans.count, spans);
    x.log.pause_every = 1;
    x.log.events = 0;
    assert_int_equal(postparse_parser_finish(x.p), POSTPARSE_PAUSED);
    assert_int_equal(x.spans.count, spans + 1);
    assert_int_equal(postparse_parser_consumed(x.p), 0);
    postparse_parser_resume(x.p);
    assert_int_equal(postparse_parser_feed(x.p, "x", 1), POSTPARSE_ERR_MISUSE);
    parse_check_end(&x);
}

/* Strict mode, an invalid byte among gathered bytes: the error is where one
 * feed puts it, every valid byte before it went out, and the summary counts
 * what one feed counts. The call that pushes the bytes out (a large feed,
 * or finish) fails, having taken none of its own. */
static void test_strict_error_in_gathered_bytes(void **state)
{
    (void)state;
    static const char prefix[] = "---\na: 1\n---\nline one\n\xE4\xB8\xAD x\xFF"
                                 "\xE4\xB8\xAD tail ";
    enum { TAIL = POSTPARSE__GATHER_BELOW + 44 };
    char in[sizeof prefix + TAIL + 1];
    size_t len = sizeof prefix - 1;
    memcpy(in, prefix, len);
    memset(in + len, 'y', TAIL);
    len += TAIL;
    in[len++] = '\n';
    size_t bad = (size_t)(strchr(in, '\xFF') - in);
    postparse_options opt;
    postparse_options_init(&opt);
    char *want = whole_log(in, len, &opt);
    assert_non_null(strstr(want, "error@5:4 invalid-utf8"));

    postparse_parser *p;
    assert_int_equal(postparse_parser_new(&p, &opt, NULL, NULL), POSTPARSE_OK);
    for (int at_finish = 0; at_finish <= 1; at_finish++) {
        assert_int_equal(postparse_parser_feed(p, in, 15), POSTPARSE_OK);
        /* 1-byte feeds past the bad byte, then the y's in one large feed (or
         * a byte at a time, then finish). */
        size_t end = at_finish ? len : bad + 8;
        for (size_t i = 15; i < end; i++)
            assert_int_equal(postparse_parser_feed(p, in + i, 1), POSTPARSE_OK);
        postparse_status st =
            at_finish ? postparse_parser_finish(p)
                      : postparse_parser_feed(p, in + end, len - end);
        assert_int_equal(st, POSTPARSE_ERR_INVALID_UTF8);
        assert_int_equal(postparse_parser_consumed(p), 0);
        const postparse_error *e = postparse_parser_error(p);
        assert_non_null(e);
        assert_int_equal(e->pos.offset, bad);
        assert_int_equal(e->pos.line, 5);
        assert_int_equal(e->pos.column, 4);
        const postparse_summary *s = postparse_parser_summary(p);
        assert_int_equal(s->input_bytes, bad);
        assert_int_equal(s->body_bytes, bad - 13);
        assert_int_equal(postparse_parser_feed(p, "x", 1),
                         POSTPARSE_ERR_INVALID_UTF8);
        postparse_parser_reset(p);
    }
    postparse_parser_free(p);

    /* One feed says the same. */
    assert_int_equal(postparse_parser_new(&p, &opt, NULL, NULL), POSTPARSE_OK);
    assert_int_equal(postparse_parser_feed(p, in, len),
                     POSTPARSE_ERR_INVALID_UTF8);
    assert_int_equal(postparse_parser_consumed(p), bad);
    assert_int_equal(postparse_parser_summary(p)->input_bytes, bad);
    postparse_parser_free(p);

    /* And through the event log, at every small chunk size. */
    for (size_t chunk = 1; chunk <= 7; chunk++) {
        event_log log;
        event_log_init(&log);
        assert_string_equal(event_log_parse(&log, in, len, chunk, &opt), want);
        event_log_free(&log);
    }
    free(want);
}

/* With the replace policy, an invalid byte among gathered bytes gets its
 * diagnostic in order, and a pause on that diagnostic loses nothing. */
static void test_replace_with_pauses_in_gathered_bytes(void **state)
{
    (void)state;
    static const char in[] = "---\na: 1\n---\nab\xC3(\xF0\x9F\x98 c\xE2\x82\xAC"
                             "\xED\xA0\x80 d\n";
    size_t len = sizeof in - 1;
    postparse_options opt;
    postparse_options_init(&opt);
    opt.utf8_policy = POSTPARSE_UTF8_REPLACE;
    char *want = whole_log(in, len, &opt);
    for (unsigned pause = 0; pause <= 3; pause++) {
        event_log log;
        event_log_init(&log);
        log.pause_every = pause;
        postparse_parser *p = event_log_start(&log, &opt);
        postparse_status st = event_log_feed(p, in, 14);
        for (size_t i = 14; st == POSTPARSE_OK && i < len; i++)
            st = event_log_feed(p, in + i, 1);
        assert_int_equal(st, POSTPARSE_OK);
        assert_string_equal(event_log_finish(&log, p, st), want);
        event_log_free(&log);
    }
    free(want);
}

/* reset drops what was gathered: none of it reaches the next parse. */
static void test_reset_drops_gathered_bytes(void **state)
{
    (void)state;
    static const char one[] = "---\na: 1\n---\nfirst ";
    static const char two[] = "Second body\n";
    postparse_options opt;
    postparse_options_init(&opt);
    char *want = whole_log(two, sizeof two - 1, &opt);

    event_log log;
    event_log_init(&log);
    postparse_parser *p = event_log_start(&log, &opt);
    assert_int_equal(event_log_feed(p, one, sizeof one - 1), POSTPARSE_OK);
    assert_int_equal(event_log_feed(p, "gathered", 8), POSTPARSE_OK);
    assert_int_equal(p->gather_len, 8);
    const uint8_t *buffer = p->gather;
    postparse_parser_reset(p);
    /* The buffer is kept for the next parse, empty. */
    assert_ptr_equal(p->gather, buffer);
    assert_int_equal(p->gather_len, 0);
    event_log_free(&log);
    event_log_init(&log);
    /* A body in 1-byte feeds after the first: gathered again. */
    assert_int_equal(event_log_feed(p, two, 1), POSTPARSE_OK);
    for (size_t i = 1; i < sizeof two - 1; i++)
        assert_int_equal(event_log_feed(p, two + i, 1), POSTPARSE_OK);
    assert_int_equal(p->gather_len, sizeof two - 2);
    assert_string_equal(event_log_finish(&log, p, POSTPARSE_OK), want);
    event_log_free(&log);
    free(want);
}

/* The feed's preconditions come before its fast path: a tiny feed after
 * finish is refused even where the room fields would take it (they are
 * zeroed today, but nothing rests on that any more: the empty feed after
 * finish once slipped through a shortcut taken before the checks). */
static void test_checks_before_the_fast_path(void **state)
{
    (void)state;
    static const char one[] = "---\na: 1\n---\nfirst ";
    postparse_options opt;
    postparse_options_init(&opt);
    event_log log;
    event_log_init(&log);
    postparse_parser *p = event_log_start(&log, &opt);
    assert_int_equal(postparse_parser_feed(p, one, sizeof one - 1),
                     POSTPARSE_OK);
    assert_int_equal(postparse_parser_feed(p, "ab", 2), POSTPARSE_OK);
    assert_int_equal(p->gather_len, 2);
    assert_int_equal(postparse_parser_finish(p), POSTPARSE_OK);
    uint64_t input = postparse_parser_summary(p)->input_bytes;
    p->gather_room = 100; /* as a stale room would be */
    p->fm_room = 100;
    assert_int_equal(postparse_parser_feed(p, "cd", 2), POSTPARSE_ERR_MISUSE);
    assert_int_equal(postparse_parser_feed(p, "", 0), POSTPARSE_ERR_MISUSE);
    assert_int_equal(postparse_parser_consumed(p), 0);
    assert_int_equal(p->gather_len, 0);
    assert_int_equal(postparse_parser_summary(p)->input_bytes, input);
    postparse_parser_free(p);
    event_log_free(&log);
}

/* A feed that starts the body is not gathered: a whole small file in one
 * feed goes straight out of the caller's buffer, with no allocation. */
static void test_feed_that_starts_the_body_is_direct(void **state)
{
    (void)state;
    parse x;
    parse_start(&x, 100);
    assert_int_equal(postparse_parser_feed(x.p, x.in, x.len), POSTPARSE_OK);
    assert_int_equal(x.spans.count, 1);
    assert_false(x.spans.in_parser);
    assert_null(x.p->gather);
    parse_check_end(&x);
}

/* Feeds of mixed sizes, below and above the gathering threshold and up to
 * the buffer's size, with empty feeds and pauses: every flush point falls
 * somewhere. Each input, in each policy, gives one feed's log. */
static size_t random_cut(unsigned *seed)
{
    static const size_t sizes[] = {0,
                                   1,
                                   2,
                                   3,
                                   7,
                                   POSTPARSE__GATHER_INLINE,
                                   POSTPARSE__GATHER_INLINE + 1,
                                   64,
                                   POSTPARSE__GATHER_BELOW - 1,
                                   POSTPARSE__GATHER_BELOW,
                                   POSTPARSE__GATHER_BELOW + 1,
                                   POSTPARSE__GATHER_BYTES - 1,
                                   POSTPARSE__GATHER_BYTES + 5};
    *seed = *seed * 1103515245u + 12345u;
    return sizes[(*seed >> 16) % (sizeof sizes / sizeof *sizes)];
}

static void test_mixed_feed_sizes(void **state)
{
    (void)state;
    size_t len;
    char *in = make_input(3 * POSTPARSE__GATHER_BYTES, &len);
    /* Bad bytes here and there (the strict policy stops at the first). */
    static const size_t bad_at[] = {700, 5001, 16390, 30000};
    for (size_t k = 0; k < sizeof bad_at / sizeof *bad_at; k++)
        in[HEAD_LEN + bad_at[k]] = (char)(k % 2 ? 0xFF : 0x80);
    unsigned seed = 99;
    for (int policy = POSTPARSE_UTF8_STRICT;
         policy <= POSTPARSE_UTF8_PASS_THROUGH; policy++) {
        postparse_options opt;
        postparse_options_init(&opt);
        opt.utf8_policy = (postparse_utf8_policy)policy;
        char *want = whole_log(in, len, &opt);
        for (int round = 0; round < 40; round++) {
            event_log log;
            event_log_init(&log);
            log.pause_every = (unsigned)round % 4;
            log.strict_spans = policy != POSTPARSE_UTF8_PASS_THROUGH;
            postparse_parser *p = event_log_start(&log, &opt);
            postparse_status st = POSTPARSE_OK;
            for (size_t i = 0; st == POSTPARSE_OK && i < len;) {
                size_t n = random_cut(&seed);
                if (n > len - i)
                    n = len - i;
                st = event_log_feed(p, in + i, n);
                i += n;
            }
            if (strcmp(event_log_finish(&log, p, st), want) != 0)
                fail_msg("policy %d round %d:\n  want %.300s\n  got  %.300s",
                         policy, round, want, log.text);
            assert_int_equal(log.bad_spans, 0);
            event_log_free(&log);
        }
        free(want);
    }
    free(in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tiny_big_tiny),
        cmocka_unit_test(test_full_buffer_flushes),
        cmocka_unit_test(test_pause_while_flushing_for_a_large_feed),
        cmocka_unit_test(test_pause_while_flushing_a_full_buffer),
        cmocka_unit_test(test_finish_flushes),
        cmocka_unit_test(test_strict_error_in_gathered_bytes),
        cmocka_unit_test(test_replace_with_pauses_in_gathered_bytes),
        cmocka_unit_test(test_reset_drops_gathered_bytes),
        cmocka_unit_test(test_feed_that_starts_the_body_is_direct),
        cmocka_unit_test(test_checks_before_the_fast_path),
        cmocka_unit_test(test_mixed_feed_sizes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
