/* SPDX-License-Identifier: MIT */
/* Helper for tests/gen/compare-text.rb (not part of the test suite).
 *
 *   text-driver          reads records "<kind> <mode> <cased> <len>\n<len
 *                        bytes>" on stdin; kind w prints the word counts in
 *                        default, cjk and auto modes, kind s prints
 *                        "<len>\n<slug>" for slug mode <mode> (0..5).
 *   text-driver bench FILE...
 *                        throughput (MB/s) of width, word count and the
 *                        streaming statistics over the files' bytes. */
#include <postparse/postparse.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *read_all(FILE *f, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t r;
    while (buf != NULL && (r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (nb == NULL)
                free(buf);
            buf = nb;
        }
    }
    *len = n;
    return buf;
}

static int compare(void)
{
    char kind;
    int mode, cased;
    size_t len;

    while (scanf(" %c %d %d %zu", &kind, &mode, &cased, &len) == 4) {
        getchar();
        char *s = malloc(len + 1);
        if (s == NULL || fread(s, 1, len, stdin) != len)
            return 1;
        if (kind == 'w') {
            printf("%llu %llu %llu\n",
                   (unsigned long long)postparse_text_word_count(
                       s, len, POSTPARSE_TEXT_WORDS_DEFAULT),
                   (unsigned long long)postparse_text_word_count(
                       s, len, POSTPARSE_TEXT_WORDS_CJK),
                   (unsigned long long)postparse_text_word_count(
                       s, len, POSTPARSE_TEXT_WORDS_AUTO));
        } else {
            char *slug;
            size_t slug_len;
            if (postparse_text_slugify_alloc(
                    s, len, (postparse_text_slug_mode)mode, cased != 0, NULL,
                    &slug, &slug_len) != POSTPARSE_OK)
                return 1;
            printf("%zu\n", slug_len);
            fwrite(slug, 1, slug_len, stdout);
            putchar('\n');
            postparse_text_free(NULL, slug, slug_len);
        }
        free(s);
        fflush(stdout);
    }
    return 0;
}

typedef struct text {
    char *s;
    size_t len;
} text;

static volatile uint64_t sink;

static void run(const char *name, const text *t, size_t count, size_t total,
                int what)
{
    int rounds = 0;
    postparse_text_stats *st = NULL;
    if (postparse_text_stats_new(NULL, &st) != POSTPARSE_OK)
        return;
    double start = now(), elapsed;
    do {
        for (size_t i = 0; i < count; i++) {
            if (what == 0) {
                sink += postparse_text_width(t[i].s, t[i].len);
            } else if (what == 1) {
                sink += postparse_text_word_count(t[i].s, t[i].len,
                                                  POSTPARSE_TEXT_WORDS_AUTO);
            } else if (what == 2) {
                postparse_text_stats_reset(st);
                postparse_text_stats_feed(st, t[i].s, t[i].len);
                postparse_text_stats_finish(st);
                sink += postparse_text_stats_counts(st)->width;
            } else {
                char *out;
                size_t out_len;
                if (postparse_text_nfc(t[i].s, t[i].len, NULL, &out,
                                       &out_len) == POSTPARSE_OK)
                    postparse_text_free(NULL, out, out_len);
            }
        }
        rounds++;
        elapsed = now() - start;
    } while (elapsed < 1.0);
    postparse_text_stats_free(st);
    printf("%-26s %8.1f MB/s\n", name, (double)total * rounds / elapsed / 1e6);
}

static int bench(int argc, char **argv)
{
    text *t = calloc((size_t)argc, sizeof *t);
    size_t total = 0, count = 0;
    for (int i = 0; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (f == NULL) {
            perror(argv[i]);
            return 1;
        }
        t[count].s = read_all(f, &t[count].len);
        fclose(f);
        total += t[count++].len;
    }
    printf("%zu files, %.2f MB\n", count, (double)total / 1e6);
    run("postparse_text_width", t, count, total, 0);
    run("postparse_text_word_count", t, count, total, 1);
    run("postparse_text_stats (all)", t, count, total, 2);
    run("postparse_text_nfc", t, count, total, 3);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "bench") == 0)
        return bench(argc - 2, argv + 2);
    return compare();
}
