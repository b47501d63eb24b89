/* SPDX-License-Identifier: MIT */
/* Allocation failure, as expat's alloc tests do it: for each input (the
 * splitter's cases, then typed YAML values, aliases, syntax errors), fail
 * the 1st, 2nd, ... n-th allocation until the parse succeeds. Every failure
 * must give a clean POSTPARSE_ERR_NOMEM (sticky, with a message), leak
 * nothing (the hooks count live bytes and check the sizes postparse passes
 * back), and leave a parser that can be reset, reused for the same input
 * with the same events as a fresh one, and freed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <postparse/postparse.h>

#include "parser_results.h"
#include "event_log.h"
#include "parser_state.h"

/* A header before each block keeps its size, so that the size postparse
 * gives to realloc and free can be checked. */
#define HEADER 16

typedef struct fail_alloc {
    size_t calls;   /* malloc and realloc calls so far */
    size_t fail_at; /* the call that returns NULL (1-based); 0: none */
    bool failed;
    size_t failed_size; /* what that call asked for */
    size_t live_bytes;
    size_t live_blocks;
} fail_alloc;

static bool should_fail(fail_alloc *a, size_t size)
{
    if (++a->calls != a->fail_at)
        return false;
    a->failed = true;
    a->failed_size = size;
    return true;
}

static void *block_of(void *ptr, size_t size)
{
    unsigned char *base = (unsigned char *)ptr - HEADER;
    size_t kept;
    memcpy(&kept, base, sizeof kept);
    assert_int_equal(kept, size);
    return base;
}

static void *fa_malloc(void *ctx, size_t size)
{
    fail_alloc *a = ctx;
    if (should_fail(a, size))
        return NULL;
    unsigned char *base = malloc(HEADER + size);
    assert_non_null(base);
    memcpy(base, &size, sizeof size);
    a->live_bytes += size;
    a->live_blocks++;
    return base + HEADER;
}

static void *fa_realloc(void *ctx, void *ptr, size_t old_size, size_t size)
{
    fail_alloc *a = ctx;
    if (!ptr) {
        assert_int_equal(old_size, 0);
        return fa_malloc(ctx, size);
    }
    void *base = block_of(ptr, old_size);
    if (should_fail(a, size))
        return NULL;
    unsigned char *grown = realloc(base, HEADER + size);
    assert_non_null(grown);
    memcpy(grown, &size, sizeof size);
    a->live_bytes += size - old_size;
    return grown + HEADER;
}

static void fa_free(void *ctx, void *ptr, size_t size)
{
    fail_alloc *a = ctx;
    free(block_of(ptr, size));
    a->live_bytes -= size;
    a->live_blocks--;
}

typedef struct alloc_case {
    const char *name;
    const char *input;
    size_t len; /* 0: strlen(input) */
    postparse_utf8_policy policy;
    size_t max_frontmatter_bytes; /* 0: the default */
} alloc_case;

static const alloc_case cases[] = {
    {"cjk post",
     "---\ntitle: \xE4\xB8\xAD\xE6\x96\x87\xE6\xA0\x87\xE9\xA2\x98\n"
     "tags: [\xE6\x97\xA5\xE8\xAE\xB0]\n---\n\n"
     "\xE4\xBB\x8A\xE5\xA4\xA9\xE5\xA4\xA9\xE6\xB0\x94\xE5\xBE\x88\xE5\xA5"
     "\xBD\xE3\x80\x82\n",
     0, POSTPARSE_UTF8_STRICT, 0},
    {"crlf", "---\r\ntitle: x\r\nlayout: post\r\n---\r\n\r\nBody\r\n", 0,
     POSTPARSE_UTF8_STRICT, 0},
    {"bom", "\xEF\xBB\xBF---\ntitle: bom\n---\nBody\n", 0,
     POSTPARSE_UTF8_STRICT, 0},
    {"unclosed", "---\ntitle: never closed\n\nall body\n", 0,
     POSTPARSE_UTF8_STRICT, 0},
    {"blanks after closer", "---\na: 1\n---\n \t\n\n   \nBody\n", 0,
     POSTPARSE_UTF8_STRICT, 0},
    {"invalid body strict", "---\na: 1\n---\nCaf\xE9\n", 0,
     POSTPARSE_UTF8_STRICT, 0},
    {"invalid body replace", "---\na: 1\n---\nCaf\xE9 \xF0\x9F\x98\n", 0,
     POSTPARSE_UTF8_REPLACE, 0},
    {"invalid body pass-through", "---\na: 1\n---\nCaf\xE9 \xC3\n", 0,
     POSTPARSE_UTF8_PASS_THROUGH, 0},
    {"invalid front matter strict", "---\na: \xFF\n---\nBody\n", 0,
     POSTPARSE_UTF8_STRICT, 0},
    {"invalid front matter replace", "---\na: \xFF\xC0\n---\nBody\n", 0,
     POSTPARSE_UTF8_REPLACE, 0},
    {"invalid front matter pass-through", "---\na: \xED\xA0\x80\n---\nB\n", 0,
     POSTPARSE_UTF8_PASS_THROUGH, 0},
    {"front matter limit",
     "---\ntitle: a front matter longer than the limit\n---\nBody\n", 0,
     POSTPARSE_UTF8_STRICT, 16},
    {"nul bytes", "---\na: 1\n---\nx\0y\0", 18, POSTPARSE_UTF8_STRICT, 0},
    {"typed values",
     "---\nlayout: post\ndate: 2024-03-01 10:00:00 +01:00\nday: 2024-02-29\n"
     "published: no\nn: 0x1F\nf: .inf\nbig: 123456789012345678901234567890\n"
     "bin: !!binary aGVsbG8=\nnil: ~\ntags: [a, b]\n---\nBody\n",
     0, POSTPARSE_UTF8_STRICT, 0},
    {"anchors, aliases and merge keys",
     "---\nd: &d {layout: post, x: [1, 2]}\np:\n  <<: *d\n  t: one\n"
     "q: [*d, *d]\nself: &s [*s]\ndup: 1\ndup: 2\n---\nBody\n",
     0, POSTPARSE_UTF8_STRICT, 0},
    {"yaml syntax error", "---\ntitle: [unclosed\n  bad: x\n---\nBody\n", 0,
     POSTPARSE_UTF8_STRICT, 0},
    {"undefined alias", "---\na: *nowhere\n---\nBody\n", 0,
     POSTPARSE_UTF8_STRICT, 0},
    {"not a mapping", "---\n- a\n- b\n---\nBody\n", 0, POSTPARSE_UTF8_STRICT,
     0},
    {"post fields",
     "---\ntitle: A title longer than eight\ndate: 2025-02-30 10:00\n"
     "categories: one two\ncategory: three\ntags: [x, 2, true]\n"
     "layout: post\npermalink: /:title/\n---\nIntro with [a link][l].\n\n"
     "Rest.\n\n[l]: https://example.com\n",
     0, POSTPARSE_UTF8_STRICT, 0},
    {"cjk keys and block scalars",
     "---\n\xE4\xBD\x9C\xE8\x80\x85: \xE5\xBC\xA0\xE4\xB8\x89\n"
     "lit: |\n  one\n  two\nfold: >-\n  a\n  b\n---\nBody\n",
     0, POSTPARSE_UTF8_STRICT, 0},
};

enum { CHUNK = 5 };

/* Parses in which the gather buffer could not be had, and small feeds took
 * the direct path. */
static size_t gather_fallbacks;

static bool always_fails(void *user_data, const char *key,
                         const postparse_value *value, char *message,
                         size_t message_size)
{
    snprintf(message, message_size, "'%s' is checked; expected nothing", key);
    return false;
}

/* Every case also derives the post fields (a dated path, a fixed site
 * time) and runs user rules, so that their allocations fail too. */
static postparse_rule rules[3];

static void set_allocator(postparse_options *opt, const alloc_case *c,
                          fail_alloc *a)
{
    postparse_rule_init(&rules[0]);
    rules[0].key = "title";
    rules[0].type = POSTPARSE_RULE_STRING;
    rules[0].required = true;
    rules[0].max_chars = 8;
    postparse_rule_init(&rules[1]);
    rules[1].key = "tags";
    rules[1].type = POSTPARSE_RULE_STRING_LIST;
    postparse_rule_init(&rules[2]);
    rules[2].key = "layout";
    rules[2].check = always_fails;
    postparse_options_init(opt);
    opt->path = "_posts/2024-03-01-alloc-failure.md";
    opt->site_time_set = true;
    opt->site_time = 1735689600;
    opt->rules = rules;
    opt->rule_count = 3;
    opt->utf8_policy = c->policy;
    if (c->max_frontmatter_bytes)
        opt->max_frontmatter_bytes = c->max_frontmatter_bytes;
    opt->allocator.malloc = fa_malloc;
    opt->allocator.realloc = fa_realloc;
    opt->allocator.free = fa_free;
    opt->allocator.ctx = a;
}

/* Feeds the input in CHUNK-byte pieces and finishes, as event_log_parse. */
static postparse_status parse_into(event_log *log, postparse_parser *p,
                                   const char *input, size_t len)
{
    postparse_status st = POSTPARSE_OK;
    for (size_t i = 0; st == POSTPARSE_OK && i < len; i += CHUNK) {
        size_t n = len - i < CHUNK ? len - i : CHUNK;
        st = event_log_feed(p, input + i, n);
        if (st == POSTPARSE_OK)
            st = event_log_feed(p, input + i + n, 0);
    }
    return event_log_end(log, p, st);
}

/* The options and name of c, the bytes of input. */
static void check_input(const alloc_case *c, const char *input, size_t len)
{
    postparse_options opt;
    fail_alloc a = {0};
    set_allocator(&opt, c, &a);
    postparse_callbacks cb;
    event_log_callbacks(&cb);

    /* The reference: no failure; it counts the allocations. */
    event_log ref;
    event_log_init(&ref);
    event_log_parse(&ref, input, len, CHUNK, &opt);
    size_t total = a.calls;
    assert_true(total > 0);
    assert_int_equal(a.live_bytes, 0);

    for (size_t k = 1; k <= total + 1; k++) {
        memset(&a, 0, sizeof a);
        a.fail_at = k;
        event_log log;
        event_log_init(&log);
        postparse_parser *p;
        postparse_status st = postparse_parser_new(&p, &opt, &cb, &log);
        if (st != POSTPARSE_OK) {
            assert_int_equal(st, POSTPARSE_ERR_NOMEM);
            assert_true(a.failed);
            assert_int_equal(a.live_bytes, 0);
            event_log_free(&log);
            continue;
        }
        st = parse_into(&log, p, input, len);
        assert_int_equal(a.failed, k <= total);
        /* Without the gather buffer, small body feeds go the direct way:
         * no error of its own, the events of the reference. */
        if (a.failed && a.failed_size == POSTPARSE__GATHER_BYTES &&
            strcmp(log.text, ref.text) == 0) {
            a.failed = false;
            gather_fallbacks++;
        }
        if (a.failed && st != POSTPARSE_ERR_NOMEM)
            fail_msg("%s: allocation %zu of %zu failed, and the parse gave "
                     "%s: %s",
                     c->name, k, total, postparse_status_name(st), log.text);
        if (a.failed) {
            assert_int_equal(st, POSTPARSE_ERR_NOMEM);
            assert_non_null(strstr(log.text, "out-of-memory"));
            const postparse_error *e = postparse_parser_error(p);
            assert_non_null(e);
            assert_int_equal(e->code, POSTPARSE_ERR_NOMEM);
            assert_true(e->message[0] != '\0');
            /* Sticky until reset. */
            assert_int_equal(postparse_parser_feed(p, "x", 1),
                             POSTPARSE_ERR_NOMEM);
            assert_int_equal(postparse_parser_finish(p), POSTPARSE_ERR_NOMEM);
            /* Reset, and the same input with memory to spare gives what a
             * fresh parser gives. */
            postparse_parser_reset(p);
            assert_null(postparse_parser_error(p));
            a.fail_at = 0;
            event_log_free(&log);
            event_log_init(&log);
            parse_into(&log, p, input, len);
        }
        if (strcmp(log.text, ref.text) != 0)
            fail_msg("%s, allocation %zu failed:\n  got  %s\n  want %s",
                     c->name, k, log.text, ref.text);
        postparse_parser_free(p);
        assert_int_equal(a.live_bytes, 0);
        assert_int_equal(a.live_blocks, 0);
        event_log_free(&log);
    }
    event_log_free(&ref);
}

static void check_case(const alloc_case *c)
{
    check_input(c, c->input, c->len ? c->len : strlen(c->input));
}

static void test_every_allocation_can_fail(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_case(&cases[i]);
    /* CHUNK-byte feeds of the body are gathered: that allocation failed
     * too. */
    assert_true(gather_fallbacks > 0);
}

/* The loader's arena grows by blocks: a YAML error whose message is the
 * first thing that needs a new block must still be a clean NOMEM when that
 * block cannot be had. Front matter of growing size moves the block edge
 * across the error path. */
static void test_yaml_errors_at_every_arena_edge(void **state)
{
    (void)state;
    static const char *const errors[] = {
        "bad: [unclosed\n  x: y\n",       /* Psych::SyntaxError */
        "bad: *nowhere\n",                /* an undefined alias */
        "bad: !ruby/object:Foo {a: 1}\n", /* a disallowed class */
    };
    /* Under valgrind (POSTPARSE_TEST_SHRINK), the syntax error and the
     * first block edge only. */
    const char *shrink = getenv("POSTPARSE_TEST_SHRINK");
    bool small = shrink && *shrink && strcmp(shrink, "0") != 0;
    size_t kinds = small ? 1 : sizeof errors / sizeof errors[0];
    for (size_t e = 0; e < kinds; e++)
        for (int keys = 0; keys < (small ? 80 : 160); keys++) {
            char input[8192];
            size_t n = (size_t)snprintf(input, sizeof input, "---\n");
            for (int k = 0; k < keys; k++)
                n += (size_t)snprintf(input + n, sizeof input - n,
                                      "key%d: value %d\n", k, k);
            n += (size_t)snprintf(input + n, sizeof input - n, "%s---\nB\n",
                                  errors[e]);
            assert_true(n < sizeof input);
            alloc_case c = {"yaml error near an arena edge", NULL, 0,
                            POSTPARSE_UTF8_STRICT, 0};
            check_input(&c, input, n);
        }
}

/* The code of a read: NOMEM when no document, else the document's fatal
 * error or OK; the document is freed. */
static postparse_status read_status(const char *in, size_t len,
                                    const postparse_options *opt,
                                    postparse_error *e)
{
    postparse_doc *doc = postparse_read_buffer(in, len, opt, e);
    if (!doc)
        return e->code;
    const postparse_error *fatal = postparse_doc_error(doc);
    postparse_status st = fatal ? fatal->code : POSTPARSE_OK;
    postparse_doc_free(doc);
    return st;
}

/* read_buffer (and the document it makes, take_doc's) cleans up after a
 * failure too: every allocation fails in turn. */
static void test_read_buffer_cleans_up(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const alloc_case *c = &cases[i];
        size_t len = c->len ? c->len : strlen(c->input);
        postparse_options opt;
        fail_alloc a = {0};
        postparse_error e;
        set_allocator(&opt, c, &a);
        postparse_status want = read_status(c->input, len, &opt, &e);
        size_t total = a.calls;
        for (size_t k = 1; k <= total; k++) {
            memset(&a, 0, sizeof a);
            a.fail_at = k;
            postparse_status st = read_status(c->input, len, &opt, &e);
            assert_true(a.failed);
            /* Only sorting the diagnostics into file order has a way
             * around a failed allocation (an insertion sort). */
            if (st != want)
                assert_int_equal(st, POSTPARSE_ERR_NOMEM);
            assert_int_equal(a.live_bytes, 0);
        }
        memset(&a, 0, sizeof a);
        a.fail_at = total + 1;
        assert_int_equal(read_status(c->input, len, &opt, &e), want);
        assert_false(a.failed);
        assert_int_equal(a.live_bytes, 0);
    }
}

static bool count_entry(void *user_data, const postparse_site_entry *e)
{
    (void)user_data;
    return e->path != NULL;
}

/* The site layer: open (config, defaults), walk, defaults per file and a
 * post read with them, each allocation failed in turn: POSTPARSE_ERR_NOMEM
 * from whichever call met it, nothing leaked. */
static postparse_status site_run(fail_alloc *a, const char *dir)
{
    postparse_site_options so;
    postparse_site_options_init(&so);
    so.allocator.malloc = fa_malloc;
    so.allocator.realloc = fa_realloc;
    so.allocator.free = fa_free;
    so.allocator.ctx = a;
    postparse_site *site = NULL;
    postparse_error err;
    postparse_status st = postparse_site_open(dir, &so, &site, &err);
    if (st != POSTPARSE_OK) {
        assert_null(site);
        assert_int_equal(err.code, st);
        return st;
    }
    const postparse_value *d = NULL;
    st = postparse_site_defaults_for(site, "ja/_posts/2025-01-01-a.md", &d);
    if (st == POSTPARSE_OK) {
        postparse_options o;
        postparse_options_init(&o);
        o.allocator = so.allocator;
        st = postparse_site_file_options(site, "ja/_posts/2025-01-01-a.md", &o);
        static const char text[] =
            "---\ntitle: A\ncategories: [x]\nmeta: {b: 3}\n---\nbody\n";
        if (st == POSTPARSE_OK) {
            postparse_error e;
            postparse_doc *doc =
                postparse_read_buffer(text, sizeof(text) - 1, &o, &e);
            st = doc == NULL                ? e.code
                 : postparse_doc_error(doc) ? postparse_doc_error(doc)->code
                                            : POSTPARSE_OK;
            postparse_doc_free(doc);
        }
    }
    if (st == POSTPARSE_OK)
        st = postparse_site_walk(site, true, count_entry, NULL, &err);
    postparse_site_free(site);
    return st;
}

static void test_site_allocations_can_fail(void **state)
{
    (void)state;
    char dir[] = "/tmp/postparse-alloc-site-XXXXXX";
    assert_non_null(mkdtemp(dir));
    static const char *const files[][2] = {
        {"_config.yml", "timezone: Asia/Tokyo\nexclude: [x]\ndefaults:\n"
                        "  - scope: {path: \"\"}\n    values: {layout: p, "
                        "meta: {a: 1}}\n  - scope: {path: ja}\n    values: "
                        "{categories: [d], meta: {b: 2}}\n"},
        {"ja", NULL},
        {"ja/_posts", NULL},
        {"ja/_posts/2025-01-01-a.md", "---\n---\na\n"},
        {"_drafts", NULL},
        {"_drafts/d.md", "---\n---\nd\n"},
    };
    char path[256];
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i][0]);
        if (!files[i][1]) {
            assert_int_equal(mkdir(path, 0700), 0);
            continue;
        }
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(files[i][1], f);
        fclose(f);
    }
    fail_alloc a = {0};
    assert_int_equal(site_run(&a, dir), POSTPARSE_OK);
    assert_int_equal(a.live_bytes, 0);
    size_t total = a.calls;
    assert_true(total > 10);
    for (size_t k = 1; k <= total; k++) {
        memset(&a, 0, sizeof a);
        a.fail_at = k;
        postparse_status got = site_run(&a, dir);
        if (got != POSTPARSE_ERR_NOMEM)
            fprintf(stderr, "allocation %zu of %zu failed, site_run gave %s\n",
                    k, total, postparse_status_name(got));
        assert_int_equal(got, POSTPARSE_ERR_NOMEM);
        assert_true(a.failed);
        assert_int_equal(a.live_bytes, 0);
        assert_int_equal(a.live_blocks, 0);
    }
    for (size_t i = sizeof files / sizeof files[0]; i-- > 0;) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i][0]);
        assert_int_equal(files[i][1] ? unlink(path) : rmdir(path), 0);
    }
    assert_int_equal(rmdir(dir), 0);
}

/* The editor: set, append, rename and the write with its read-back, each
 * allocation failed in turn: POSTPARSE_ERR_NOMEM from whichever call met
 * it (never a refusal: a read-back that runs out of memory is out of
 * memory), nothing written, nothing leaked. */
static bool discard(void *ud, const char *data, size_t len)
{
    (void)data;
    *(size_t *)ud += len;
    return true;
}

static postparse_status edit_run(fail_alloc *a, const char *text, size_t len,
                                 size_t *written)
{
    postparse_allocator al = {fa_malloc, fa_realloc, fa_free, a};
    postparse_options o;
    postparse_options_init(&o);
    postparse_doc *doc = postparse_read_buffer(text, len, &o, NULL);
    assert_non_null(doc);
    postparse_error err;
    postparse_status st = POSTPARSE_OK;
    postparse_editor *ed = postparse_editor_new(doc, &al, &err);
    if (!ed)
        st = err.code;
    if (st == POSTPARSE_OK)
        st = postparse_editor_set(ed, "title", "New title", 9, 0, NULL, &err);
    if (st == POSTPARSE_OK)
        st = postparse_editor_append(ed, "tags", "c", 1, &err);
    if (st == POSTPARSE_OK)
        st = postparse_editor_rename(ed, "author", "by", &err);
    if (st == POSTPARSE_OK)
        st = postparse_editor_write_buffer(ed, text, len, discard, written,
                                           &err);
    if (st != POSTPARSE_OK)
        assert_int_equal(err.code, st);
    postparse_editor_free(ed);
    postparse_doc_free(doc);
    return st;
}

static void test_edit_allocations_can_fail(void **state)
{
    (void)state;
    static const char text[] = "---\ntitle: Old\nauthor: A\ntags: [a, b]\n"
                               "---\nbody\n";
    size_t len = sizeof text - 1, written = 0;
    fail_alloc a = {0};
    assert_int_equal(edit_run(&a, text, len, &written), POSTPARSE_OK);
    assert_int_equal(written, strlen("---\ntitle: New title\nby: A\n"
                                     "tags: [a, b, c]\n---\nbody\n"));
    assert_int_equal(a.live_bytes, 0);
    size_t total = a.calls;
    assert_true(total > 10);
    for (size_t k = 1; k <= total; k++) {
        memset(&a, 0, sizeof a);
        a.fail_at = k;
        written = 0;
        postparse_status got = edit_run(&a, text, len, &written);
        if (got != POSTPARSE_ERR_NOMEM)
            fprintf(stderr, "allocation %zu of %zu failed, edit_run gave %s\n",
                    k, total, postparse_status_name(got));
        assert_int_equal(got, POSTPARSE_ERR_NOMEM);
        assert_true(a.failed);
        assert_int_equal(written, 0);
        assert_int_equal(a.live_bytes, 0);
        assert_int_equal(a.live_blocks, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_allocation_can_fail),
        cmocka_unit_test(test_yaml_errors_at_every_arena_edge),
        cmocka_unit_test(test_read_buffer_cleans_up),
        cmocka_unit_test(test_site_allocations_can_fail),
        cmocka_unit_test(test_edit_allocations_can_fail),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
