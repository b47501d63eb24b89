/* SPDX-License-Identifier: MIT */
/* Linear time whatever the chunking: 4 MiB fed a byte at a time must cost
 * about four times what 1 MiB costs, in the same run. Two measures: the
 * bytes the parser's allocations move (exact), and CPU time (best of five,
 * a ratio, no threshold in seconds). A quadratic rescan would give a ratio
 * near 16; the bound is 8, as a loaded machine moves a CPU-time ratio by
 * half again (a doubling measured 3.22 for a linear body once, beside two
 * fuzzers, where its bound was 3). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include <postparse/postparse.h>

#include "parser_results.h"

typedef struct traffic {
    size_t bytes; /* bytes asked of malloc and realloc, in all */
} traffic;

static void *t_malloc(void *ctx, size_t n)
{
    ((traffic *)ctx)->bytes += n;
    return malloc(n);
}

static void *t_realloc(void *ctx, void *p, size_t old, size_t n)
{
    ((traffic *)ctx)->bytes += n;
    return realloc(p, n);
}

static void t_free(void *ctx, void *p, size_t n)
{
    free(p);
}

typedef enum { FRONT_MATTER, BODY } region;

/* Builds a post whose front matter or body has about size bytes. */
static char *make_post(region where, size_t size, size_t *len)
{
    char *s = malloc(size + 64);
    size_t n = 0;
    memcpy(s, "---\n", 4);
    n = 4;
    static const char line[] = "k: \xE4\xB8\xAD\xE6\x96\x87 text\n";
    if (where == FRONT_MATTER)
        while (n + sizeof line < size) {
            memcpy(s + n, line, sizeof line - 1);
            n += sizeof line - 1;
        }
    memcpy(s + n, "---\n", 4);
    n += 4;
    if (where == BODY)
        while (n + sizeof line < size) {
            memcpy(s + n, line, sizeof line - 1);
            n += sizeof line - 1;
        }
    *len = n;
    return s;
}

static double parse_bytewise(region where, size_t size, size_t *moved)
{
    size_t len;
    char *post = make_post(where, size, &len);
    double best = 1e30;
    for (int rep = 0; rep < 5; rep++) {
        traffic t = {0};
        postparse_options opt;
        postparse_options_init(&opt);
        opt.max_frontmatter_bytes = 4 * size;
        opt.max_keys = SIZE_MAX; /* the YAML load must be linear too */
        opt.allocator.malloc = t_malloc;
        opt.allocator.realloc = t_realloc;
        opt.allocator.free = t_free;
        opt.allocator.ctx = &t;
        postparse_parser *p;
        assert_int_equal(postparse_parser_new(&p, &opt, NULL, NULL),
                         POSTPARSE_OK);
        clock_t start = clock();
        for (size_t i = 0; i < len; i++)
            assert_int_equal(postparse_parser_feed(p, post + i, 1),
                             POSTPARSE_OK);
        assert_int_equal(postparse_parser_finish(p), POSTPARSE_OK);
        double secs = (double)(clock() - start) / CLOCKS_PER_SEC;
        assert_int_equal(postparse_parser_summary(p)->has_front_matter, 1);
        postparse_parser_free(p);
        if (secs < best)
            best = secs;
        *moved = t.bytes;
    }
    free(post);
    return best;
}

static void check_linear(region where)
{
    /* Under valgrind (POSTPARSE_TEST_SHRINK) a quarter of the size shows
     * the same ratio in a quarter of the time. */
    size_t size =
        getenv("POSTPARSE_TEST_SHRINK") ? (size_t)256 << 10 : (size_t)1 << 20;
    /* Gathered 1-byte body feeds cost a few nanoseconds each: four times
     * the bytes keep the body's timing well above the clock's noise. */
    if (where == BODY)
        size *= 4;
    size_t moved1, moved4;
    double t1 = parse_bytewise(where, size, &moved1);
    double t4 = parse_bytewise(where, 4 * size, &moved4);
    print_message("%s: %zu KiB %.4fs, %zu KiB %.4fs (ratio %.2f); "
                  "allocated %zu and %zu bytes\n",
                  where == BODY ? "body" : "front matter", size >> 10, t1,
                  size >> 8, t4, t4 / t1, moved1, moved4);
    assert_true((double)moved4 <= 5.0 * (double)moved1 + 4096);
    assert_true(t4 / t1 < 8.0);
}

static void test_front_matter_is_linear(void **state)
{
    (void)state;
    check_linear(FRONT_MATTER);
}

static void test_body_is_linear(void **state)
{
    (void)state;
    check_linear(BODY);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_front_matter_is_linear),
        cmocka_unit_test(test_body_is_linear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
