/* SPDX-License-Identifier: MIT */
/* Hostile sizes, with bounded time and memory: megabyte lines in the body
 * and the front matter, a front matter past its limit, and a 1 GiB body
 * generated on the fly (never stored) streamed in 64 KiB chunks, during
 * which the parser's own live memory must not grow by a byte (with
 * excerpts on, not past max_excerpt_bytes); then YAML:
 * an alias bomb, 100,000 nested collections, huge scalars and 100,000 keys
 * end in a limit error (or load) in bounded time, never a crash.
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
#include <time.h>

#include <cmocka.h>

#include <postparse/postparse.h>

#include "parser_results.h"
#include "parser_state.h"

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

/* The splitter's tests: a megabyte scalar is no YAML limit error here, and
 * generated excerpts (which keep up to max_excerpt_bytes of the body) are
 * off unless asked for. */
static postparse_parser *new_parser_with(stream *s, counting_alloc *a,
                                         size_t max_frontmatter_bytes,
                                         bool excerpts)
{
    memset(s, 0, sizeof *s);
    memset(a, 0, sizeof *a);
    postparse_options opt;
    postparse_options_init(&opt);
    opt.max_scalar_bytes = 4 << 20;
    if (!excerpts)
        opt.excerpt_separator = "";
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

static postparse_parser *new_parser(stream *s, counting_alloc *a,
                                    size_t max_frontmatter_bytes)
{
    return new_parser_with(s, a, max_frontmatter_bytes, false);
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
    /* The last feed is short: its bytes wait in the gather buffer, a fixed
     * size, for finish. */
    assert_true(a.peak <= first_peak + POSTPARSE__GATHER_BYTES);
    postparse_parser_free(p);
    assert_int_equal(a.live, 0);
    free(s);
}

/* A front matter of one 900 KiB line fits the default 1 MiB; one of
 * 2 MiB passes the limit with no closing line, so the whole file is body
 * (with a warning, and an error at the closing line that comes later), and
 * the parser has not kept more than the limit. */
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
            /* Past the limit with no closing line, the block is body, as
             * Jekyll reads it when it has none; the closing line that does
             * come is reported (issue 15). */
            assert_int_equal(status, POSTPARSE_OK);
            assert_int_equal(st.text_len, 0);
            assert_int_equal(st.body_bytes, len);
            const postparse_diagnostic *d = postparse_parser_diagnostic(p, 0);
            assert_int_equal(d->id, POSTPARSE_DIAG_FRONTMATTER_OVER_LIMIT);
            d = postparse_parser_diagnostic(p, 1);
            assert_int_equal(d->id,
                             POSTPARSE_DIAG_FRONTMATTER_CLOSED_PAST_LIMIT);
            assert_int_equal(d->pos.offset, 7 + n + 1);
            assert_int_equal(d->pos.line, 3);
            /* The buffer doubles: at most twice the limit, plus the body
             * path's fixed buffers (the 16 KiB gather buffer). */
            assert_true(a.peak <= (2u << 20) + 32768);
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

static bool shrink(void)
{
    const char *v = getenv("POSTPARSE_TEST_SHRINK");
    return v && *v && strcmp(v, "0") != 0;
}

typedef struct stream_figures {
    uint64_t spans;
    size_t peak;                /* the parser's peak live bytes, whole stream */
    size_t early_peak;          /* the same once `early` body bytes were fed */
    size_t fed_peak;            /* the same once all were fed, before finish */
    long rss_before, rss_after; /* ru_maxrss, KiB */
} stream_figures;

/* Streams `total` body bytes after a small front matter, generated a chunk
 * at a time into one 64 KiB buffer (never stored), with lines of 4089 bytes
 * so that lines, chunks and characters all cut each other (the last, short
 * line is dots). Every span must start where the last ended. */
static stream_figures stream_body(uint64_t total, uint64_t early, bool excerpts)
{
    enum { CHUNK = 64 * 1024, LINE = PATTERN_LEN * 146 + 1 };
    char *buf = malloc(CHUNK);
    assert_non_null(buf);
    stream st;
    counting_alloc a;
    stream_figures f = {0};
    f.rss_before = max_rss_kib();
    postparse_parser *p = new_parser_with(&st, &a, 0, excerpts);
    assert_int_equal(postparse_parser_feed(p, head, HEAD_LEN), POSTPARSE_OK);
    for (uint64_t at = 0; at < total; at += CHUNK) {
        size_t n = total - at < CHUNK ? (size_t)(total - at) : CHUNK;
        fill(buf, n, at, LINE, total / LINE * LINE);
        assert_int_equal(postparse_parser_feed(p, buf, n), POSTPARSE_OK);
        if (at < early)
            f.early_peak = a.peak;
    }
    f.fed_peak = a.peak;
    assert_int_equal(postparse_parser_finish(p), POSTPARSE_OK);
    f.rss_after = max_rss_kib();
    assert_false(st.bad_span);
    assert_int_equal(st.body_bytes, total);
    assert_int_equal(st.next.line, 4 + total / LINE);
    f.spans = st.spans;
    f.peak = a.peak;
    postparse_parser_free(p);
    assert_int_equal(a.live, 0);
    free(buf);
    return f;
}

/* 1 GiB of body: the parser's live memory after the first chunk is its
 * peak for the whole stream, and the process does not grow. */
static void test_gigabyte_body_in_constant_memory(void **state)
{
    (void)state;
    uint64_t total = (uint64_t)(shrink() ? 16 : 1024) << 20;
    stream_figures f = stream_body(total, 1, false);
    print_message("streamed %llu MiB of body in %llu spans: parser peak %zu "
                  "bytes (after the first chunk: %zu), ru_maxrss %ld KiB "
                  "before, %ld KiB after\n",
                  (unsigned long long)(total >> 20),
                  (unsigned long long)f.spans, f.peak, f.early_peak,
                  f.rss_before, f.rss_after);
    assert_int_equal(f.peak, f.early_peak);
    assert_true(f.rss_after - f.rss_before < 4096);
}

/* With generated excerpts on (the default) and no separator in the body,
 * the parser keeps max_excerpt_bytes (1 MiB) of it for the excerpt, and
 * not a byte more however long the body goes on (finish then makes the
 * excerpt). */
static void test_body_memory_bounded_by_the_excerpt(void **state)
{
    (void)state;
    uint64_t total = (uint64_t)(shrink() ? 8 : 64) << 20;
    stream_figures f = stream_body(total, 4 << 20, true);
    print_message("streamed %llu MiB with excerpts on: parser peak %zu bytes "
                  "while feeding (after 4 MiB: %zu), %zu with finish\n",
                  (unsigned long long)(total >> 20), f.fed_peak, f.early_peak,
                  f.peak);
    assert_int_equal(f.fed_peak, f.early_peak);
    assert_true(f.peak <= (4u << 20));
}

/* ---- the YAML layer ---------------------------------------------------- */

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) +
           (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* A growable string for building hostile front matter. */
typedef struct text {
    char *s;
    size_t len, cap;
} text;

static void put(text *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->s = realloc(t->s, t->cap);
        assert_non_null(t->s);
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

static void puts_(text *t, const char *s)
{
    put(t, s, strlen(s));
}

static void repeat(text *t, const char *s, size_t times)
{
    for (size_t i = 0; i < times; i++)
        puts_(t, s);
}

typedef struct yaml_outcome {
    postparse_status status;
    double seconds;
    size_t peak;        /* the parser's peak live bytes */
    bool has_value;     /* postparse_parser_front_matter() non-NULL */
    size_t top_entries; /* entries of the top mapping */
    uint64_t body_bytes;
} yaml_outcome;

/* Parses t (in 64 KiB chunks) with the default limits, front matter bytes
 * raised to max_fm, and max_keys if not 0. */
static yaml_outcome parse_yaml(const text *t, size_t max_fm, size_t max_keys)
{
    counting_alloc a = {0};
    postparse_options opt;
    postparse_options_init(&opt);
    opt.max_frontmatter_bytes = max_fm;
    if (max_keys)
        opt.max_keys = max_keys;
    opt.allocator.malloc = c_malloc;
    opt.allocator.realloc = c_realloc;
    opt.allocator.free = c_free;
    opt.allocator.ctx = &a;
    stream st;
    memset(&st, 0, sizeof st);
    postparse_callbacks cb;
    postparse_callbacks_init(&cb);
    cb.on_body = on_body;
    postparse_parser *p;
    assert_int_equal(postparse_parser_new(&p, &opt, &cb, &st), POSTPARSE_OK);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    yaml_outcome out = {POSTPARSE_OK, 0, 0, false, 0, 0};
    for (size_t i = 0; out.status == POSTPARSE_OK && i < t->len; i += 65536)
        out.status = postparse_parser_feed(
            p, t->s + i, t->len - i < 65536 ? t->len - i : 65536);
    if (out.status == POSTPARSE_OK)
        out.status = postparse_parser_finish(p);
    out.seconds = seconds_since(&t0);
    const postparse_value *fm = postparse_parser_front_matter(p);
    out.has_value = fm != NULL;
    out.top_entries = postparse_value_length(fm);
    out.body_bytes = st.body_bytes;
    postparse_parser_free(p);
    out.peak = a.peak;
    assert_int_equal(a.live, 0);
    return out;
}

/* Generous: the point is "seconds, not hours", on a loaded machine, under
 * sanitizers or valgrind. */
#define BOUNDED_SECONDS 60.0

/* Billion laughs: 9 levels of 9 aliases would be 9^9 nodes expanded. */
static void test_yaml_alias_bomb(void **state)
{
    (void)state;
    text t = {0};
    puts_(&t, "---\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int level = 1; level <= 9; level++) {
        char line[160];
        snprintf(line, sizeof line, "a%d: &a%d [", level, level);
        puts_(&t, line);
        for (int k = 0; k < 9; k++) {
            snprintf(line, sizeof line, "%s*a%d", k ? ", " : "", level - 1);
            puts_(&t, line);
        }
        puts_(&t, "]\n");
    }
    puts_(&t, "---\nbody\n");
    yaml_outcome o = parse_yaml(&t, 1 << 20, 0);
    assert_int_equal(o.status, POSTPARSE_ERR_ALIAS_LIMIT);
    assert_false(o.has_value);
    assert_true(o.seconds < BOUNDED_SECONDS);
    assert_true(o.peak < (64u << 20));
    print_message("alias bomb: %s in %.3f s, parser peak %zu bytes\n",
                  postparse_status_name(o.status), o.seconds, o.peak);
    free(t.s);
}

/* 100,000 nested collections, flow and block: a depth error at the
 * default depth (100), in bounded time (libyaml's flow nesting is
 * quadratic: the limit must stop it early). */
static void test_yaml_deep_nesting(void **state)
{
    (void)state;
    enum { DEPTH = 100000 };
    static const char *const open[] = {"[", "{a: ", "- "};
    static const char *const close[] = {"]", "}", ""};
    for (size_t k = 0; k < 3; k++) {
        text t = {0};
        puts_(&t, "---\nk: ");
        if (k == 2)
            puts_(&t, "\n");
        repeat(&t, open[k], DEPTH);
        puts_(&t, "x");
        repeat(&t, close[k], DEPTH);
        puts_(&t, "\n---\nbody\n");
        yaml_outcome o = parse_yaml(&t, 4 << 20, 0);
        assert_int_equal(o.status, POSTPARSE_ERR_DEPTH_LIMIT);
        assert_true(o.seconds < BOUNDED_SECONDS);
        print_message("%d nested '%s': %s in %.3f s, parser peak %zu bytes\n",
                      DEPTH, open[k], postparse_status_name(o.status),
                      o.seconds, o.peak);
        free(t.s);
    }
}

/* A scalar of 900 KiB passes the default 256 KiB limit: plain, quoted and
 * block forms; one of 200 KiB loads. */
static void test_yaml_huge_scalars(void **state)
{
    (void)state;
    static const char *const forms[][2] = {
        {"k: ", "\n"}, {"k: \"", "\"\n"}, {"k: |\n  ", "\n"}};
    static const size_t sizes[] = {200 << 10, 900 << 10};
    for (size_t f = 0; f < 3; f++)
        for (size_t s = 0; s < 2; s++) {
            text t = {0};
            puts_(&t, "---\n");
            puts_(&t, forms[f][0]);
            repeat(&t, "abcdefghijklmnop", sizes[s] / 16);
            puts_(&t, forms[f][1]);
            puts_(&t, "---\nbody\n");
            yaml_outcome o = parse_yaml(&t, 4 << 20, 0);
            assert_int_equal(o.status, s == 0 ? POSTPARSE_OK
                                              : POSTPARSE_ERR_SCALAR_LIMIT);
            assert_true(o.seconds < BOUNDED_SECONDS);
            if (s == 0) {
                assert_int_equal(o.top_entries, 1);
                assert_int_equal(o.body_bytes, 5);
            }
            free(t.s);
        }
}

/* 100,000 distinct keys: a limit error at the default 10,000, and, with the
 * limit raised, a load in bounded time (duplicate detection must not be
 * quadratic). */
static void test_yaml_many_keys(void **state)
{
    (void)state;
    enum { KEYS = 100000 };
    text t = {0};
    puts_(&t, "---\n");
    for (int i = 0; i < KEYS; i++) {
        char line[32];
        snprintf(line, sizeof line, "key%d: %d\n", i, i);
        puts_(&t, line);
    }
    puts_(&t, "---\nbody\n");
    yaml_outcome o = parse_yaml(&t, 4 << 20, 0);
    assert_int_equal(o.status, POSTPARSE_ERR_KEYS_LIMIT);
    yaml_outcome all = parse_yaml(&t, 4 << 20, KEYS);
    assert_int_equal(all.status, POSTPARSE_OK);
    assert_int_equal(all.top_entries, KEYS);
    assert_true(all.seconds < BOUNDED_SECONDS);
    print_message("%d keys: limit error in %.3f s; loaded in %.3f s, parser "
                  "peak %zu bytes\n",
                  KEYS, o.seconds, all.seconds, all.peak);
    free(t.s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_megabyte_body_line),
        cmocka_unit_test(test_megabyte_front_matter_lines),
        cmocka_unit_test(test_gigabyte_body_in_constant_memory),
        cmocka_unit_test(test_body_memory_bounded_by_the_excerpt),
        cmocka_unit_test(test_yaml_alias_bomb),
        cmocka_unit_test(test_yaml_deep_nesting),
        cmocka_unit_test(test_yaml_huge_scalars),
        cmocka_unit_test(test_yaml_many_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
