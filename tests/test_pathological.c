/* SPDX-License-Identifier: MIT */
/* Hostile sizes, with bounded time and memory: megabyte lines in the body
 * and the front matter, a front matter past its limit, and a 1 GiB body
 * generated on the fly (never stored) streamed in 64 KiB chunks, during
 * which the parser's own live memory must not grow by a byte.
 *
 * POSTPARSE_TEST_SHRINK=1 in the environment (set by the valgrind test
 * setup) streams 16 MiB instead of 1 GiB. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <cmocka.h>

#include <postparse/postparse.h>

typedef struct counting_alloc {
    size_t live;
    size_t peak;
} counting_alloc;

static void *c_malloc(void *ctx, size_t n)
{
    counting_alloc *a = ctx;
    void *p = malloc(n);
    if (p && (a->live += n) > a->peak)
        a->peak = a->live;
    return p;
}

static void *c_realloc(void *ctx, void *ptr, size_t old, size_t n)
{
    counting_alloc *a = ctx;
    void *p = realloc(ptr, n);
    if (p && (a->live += n - old) > a->peak)
        a->peak = a->live;
    return p;
}

static void c_free(void *ctx, void *ptr, size_t n)
{
    counting_alloc *a = ctx;
    free(ptr);
    a->live -= n;
}

/* What the callbacks saw: body bytes and code points, and every span must
 * start where the previous one ended (offset, line, column). */
typedef struct stream {
    uint64_t body_bytes;
    uint64_t spans;
    postparse_pos next; /* where the next span must start */
    bool started;
    size_t text_len;
    bool bad_span;
} stream;

static postparse_action on_text(void *ud, const char *text, size_t len,
                                const postparse_pos *pos)
{
    ((stream *)ud)->text_len = len;
    return POSTPARSE_CONTINUE;
}

static postparse_action on_body(void *ud, const char *data, size_t len,
                                const postparse_pos *pos)
{
    stream *s = ud;
    if (s->started &&
        (pos->offset != s->next.offset || pos->line != s->next.line ||
         pos->column != s->next.column))
        s->bad_span = true;
    s->started = true;
    s->next = *pos;
    s->next.offset += len;
    /* The streamed bodies have no CR, so a line is an LF. */
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)data[i];
        if (b == '\n') {
            s->next.line++;
            s->next.column = 1;
        } else if ((b & 0xC0) != 0x80) {
            s->next.column++;
        }
    }
    s->body_bytes += len;
    s->spans++;
    return POSTPARSE_CONTINUE;
}

static postparse_parser *new_parser(stream *s, counting_alloc *a,
                                    size_t max_frontmatter_bytes)
{
    memset(s, 0, sizeof *s);
    memset(a, 0, sizeof *a);
    postparse_options opt;
    postparse_options_init(&opt);
    if (max_frontmatter_bytes)
        opt.max_frontmatter_bytes = max_frontmatter_bytes;
    opt.allocator.malloc = c_malloc;
    opt.allocator.realloc = c_realloc;
    opt.allocator.free = c_free;
    opt.allocator.ctx = a;
    postparse_callbacks cb;
    postparse_callbacks_init(&cb);
    cb.on_frontmatter_text = on_text;
    cb.on_body = on_body;
    postparse_parser *p;
    assert_int_equal(postparse_parser_new(&p, &opt, &cb, s), POSTPARSE_OK);
    return p;
}

/* CJK, an emoji, Hangul and ASCII, so that chunk edges fall inside
 * characters. */
static const char pattern[] = "\xE4\xB8\xAD\xE6\x96\x87 text \xF0\x9F\x98\x80 "
                              "\xED\x95\x9C\xEA\xB8\x80 more";
#define PATTERN_LEN (sizeof pattern - 1)

/* Fills buf with the pattern, an LF ending every line of `line` bytes,
 * from stream offset `at`; from offset `dots` on, '.' (so that a stream can
 * end on a character boundary anywhere). The text is valid UTF-8 when
 * line - 1 is a multiple of PATTERN_LEN. */
static void fill(char *buf, size_t n, uint64_t at, uint64_t line, uint64_t dots)
{
    for (size_t i = 0; i < n; i++) {
        uint64_t k = (at + i) % line;
        buf[i] = at + i >= dots  ? '.'
                 : k == line - 1 ? '\n'
                                 : pattern[k % PATTERN_LEN];
    }
}

static uint64_t code_points(const char *s, size_t n)
{
    uint64_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* Feeds in chunks; returns the allocator's peak after the first one. */
static size_t feed_all(postparse_parser *p, counting_alloc *a, const char *s,
                       size_t len, size_t chunk)
{
    size_t first_peak = 0;
    for (size_t i = 0; i < len; i += chunk) {
        assert_int_equal(
            postparse_parser_feed(p, s + i, len - i < chunk ? len - i : chunk),
            POSTPARSE_OK);
        if (i == 0)
            first_peak = a->peak;
    }
    return first_peak;
}

static const char head[] = "---\ntitle: x\n---\n";
#define HEAD_LEN (sizeof head - 1)

/* A 4 MiB body line without an LF: delivered whole, positions exact, and
 * none of it kept. */
static void test_megabyte_body_line(void **state)
{
    (void)state;
    enum { LINE = (4 << 20) / PATTERN_LEN * PATTERN_LEN };
    char *s = malloc(HEAD_LEN + LINE);
    assert_non_null(s);
    memcpy(s, head, HEAD_LEN);
    fill(s + HEAD_LEN, LINE, 0, (uint64_t)LINE + 1, LINE);
    stream st;
    counting_alloc a;
    postparse_parser *p = new_parser(&st, &a, 0);
    size_t first_peak = feed_all(p, &a, s, HEAD_LEN + LINE, 65536);
    assert_int_equal(postparse_parser_finish(p), POSTPARSE_OK);
    assert_false(st.bad_span);
    assert_int_equal(st.body_bytes, LINE);
    assert_int_equal(st.next.line, 4);
    assert_int_equal(st.next.column, 1 + code_points(s + HEAD_LEN, LINE));
    assert_int_equal(a.peak, first_peak);
    postparse_parser_free(p);
    assert_int_equal(a.live, 0);
    free(s);
}

/* A front matter of one 900 KiB line fits the default 1 MiB; one of
 * 2 MiB stops at the limit's byte with a limit error, and the parser has
 * not kept more than the limit. */
static void test_megabyte_front_matter_lines(void **state)
{
    (void)state;
    static const size_t lines[] = {900 << 10, 2 << 20};
    for (size_t k = 0; k < 2; k++) {
        size_t n = lines[k] / PATTERN_LEN * PATTERN_LEN;
        char *s = malloc(n + 64);
        assert_non_null(s);
        memcpy(s, "---\nk: ", 7);
        fill(s + 7, n, 0, (uint64_t)n + 1, n);
        memcpy(s + 7 + n, "\n---\nbody\n", 10);
        size_t len = 7 + n + 10;
        stream st;
        counting_alloc a;
        postparse_parser *p = new_parser(&st, &a, 0);
        postparse_status status = POSTPARSE_OK;
        for (size_t i = 0; status == POSTPARSE_OK && i < len; i += 65536)
            status = postparse_parser_feed(p, s + i,
                                           len - i < 65536 ? len - i : 65536);
        if (status == POSTPARSE_OK)
            status = postparse_parser_finish(p);
        if (k == 0) {
            assert_int_equal(status, POSTPARSE_OK);
            assert_int_equal(st.text_len, 7 + n + 1);
            assert_int_equal(st.body_bytes, 5);
        } else {
            assert_int_equal(status, POSTPARSE_ERR_FRONTMATTER_TOO_LARGE);
            const postparse_error *e = postparse_parser_error(p);
            assert_int_equal(e->pos.offset, 1 << 20);
            assert_int_equal(e->pos.line, 2);
            assert_int_equal(st.body_bytes, 0);
            /* The buffer doubles: at most twice the limit. */
            assert_true(a.peak <= (2u << 20) + 4096);
        }
        postparse_parser_free(p);
        assert_int_equal(a.live, 0);
        free(s);
    }
}

static long max_rss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* 1 GiB of body, generated a chunk at a time into one 64 KiB buffer, with
 * lines of 4089 bytes so that lines, chunks and characters all cut each
 * other (the last, short line is dots). The parser's live memory after the
 * first chunk is its peak for the whole stream. */
static void test_gigabyte_body_in_constant_memory(void **state)
{
    (void)state;
    enum { CHUNK = 64 * 1024, LINE = PATTERN_LEN * 146 + 1 };
    uint64_t total = (uint64_t)1 << 30;
    const char *shrink = getenv("POSTPARSE_TEST_SHRINK");
    if (shrink && *shrink && strcmp(shrink, "0") != 0)
        total = (uint64_t)16 << 20;
    char *buf = malloc(CHUNK);
    assert_non_null(buf);
    stream st;
    counting_alloc a;
    long rss_before = max_rss_kib();
    postparse_parser *p = new_parser(&st, &a, 0);
    assert_int_equal(postparse_parser_feed(p, head, HEAD_LEN), POSTPARSE_OK);
    size_t first_peak = 0;
    for (uint64_t at = 0; at < total; at += CHUNK) {
        size_t n = total - at < CHUNK ? (size_t)(total - at) : CHUNK;
        fill(buf, n, at, LINE, total / LINE * LINE);
        assert_int_equal(postparse_parser_feed(p, buf, n), POSTPARSE_OK);
        if (at == 0)
            first_peak = a.peak;
    }
    assert_int_equal(postparse_parser_finish(p), POSTPARSE_OK);
    long rss_after = max_rss_kib();
    assert_false(st.bad_span);
    assert_int_equal(st.body_bytes, total);
    assert_int_equal(st.next.line, 4 + total / LINE);
    assert_int_equal(a.peak, first_peak);
    print_message("streamed %llu MiB of body in %llu spans: parser peak %zu "
                  "bytes (after the first chunk: %zu), ru_maxrss %ld KiB "
                  "before, %ld KiB after\n",
                  (unsigned long long)(total >> 20),
                  (unsigned long long)st.spans, a.peak, first_peak, rss_before,
                  rss_after);
    /* The process grew by no more than a few buffers. */
    assert_true(rss_after - rss_before < 4096);
    postparse_parser_free(p);
    assert_int_equal(a.live, 0);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_megabyte_body_line),
        cmocka_unit_test(test_megabyte_front_matter_lines),
        cmocka_unit_test(test_gigabyte_body_in_constant_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
