/* SPDX-License-Identifier: MIT */
/* In-memory rate of the body path on CJK text, beside floors measured in the
 * same run: a read-only pass over the bytes, and utf8proc_iterate.
 * usage: postparse-body-rate [MiB]   (default 64)
 * Prints MB/s (10^6 bytes a second), best of 5. */
#include <postparse/postparse.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <utf8proc.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Chinese news prose with some ASCII markup and CRLF-free lines, the shape
 * of the posts this library reads most. */
static char *make_body(size_t size)
{
    static const char *const pieces[] = {
        "\xE4\xB8\xAD\xE5\x9B\xBD\xE7\xBB\x8F\xE6\xB5\x8E",
        ("\xE6\x97\xA5\xE6\x9C\xAC\xE7\xB5\x8C\xE6\xB8\x88\xE6\x96\xB0\xE8\x81"
         "\x9E"),
        "\xEF\xBC\x8C",
        "\xE3\x80\x82",
        "<p>",
        "</p>\n",
        "\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4",
        "2025",
        " ",
        "\xE3\x81\xB2\xE3\x82\x89\xE3\x81\x8C\xE3\x81\xAA",
        "\xF0\x9F\x98\x80",
        "\xE5\xB8\x82\xE5\x9C\xBA\xE9\x9C\x80\xE6\xB1\x82",
    };
    char *s = malloc(size + 64);
    size_t n = 0;
    unsigned x = 1;
    while (n < size) {
        x = x * 1103515245u + 12345u;
        const char *p = pieces[(x >> 16) % (sizeof pieces / sizeof *pieces)];
        size_t len = strlen(p);
        memcpy(s + n, p, len);
        n += len;
    }
    s[n] = '\0';
    return s;
}

static volatile unsigned long long sink;

static postparse_action on_body(void *ud, const char *d, size_t n,
                                const postparse_pos *pos)
{
    *(unsigned long long *)ud += n;
    return POSTPARSE_CONTINUE;
}

static double run_parser(const char *body, size_t len, size_t chunk)
{
    postparse_callbacks cb;
    postparse_callbacks_init(&cb);
    cb.on_body = on_body;
    unsigned long long bytes = 0;
    postparse_parser *p;
    if (postparse_parser_new(&p, NULL, &cb, &bytes) != POSTPARSE_OK)
        exit(2);
    double t = now();
    for (size_t i = 0; i < len; i += chunk)
        if (postparse_parser_feed(
                p, body + i, len - i < chunk ? len - i : chunk) != POSTPARSE_OK)
            exit(3);
    if (postparse_parser_finish(p) != POSTPARSE_OK || bytes != len)
        exit(4);
    t = now() - t;
    postparse_parser_free(p);
    return t;
}

static double run_read(const char *body, size_t len)
{
    double t = now();
    unsigned long long sum = 0;
    for (size_t i = 0; i < len; i++)
        sum += (unsigned char)body[i];
    sink = sum;
    return now() - t;
}

/* The fastest read of every byte libc has: memchr for a byte that is not
 * there. */
static double run_memchr(const char *body, size_t len)
{
    double t = now();
    sink = memchr(body, '\0', len) != NULL;
    return now() - t;
}

static double run_utf8proc(const char *body, size_t len)
{
    double t = now();
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)body;
    utf8proc_ssize_t left = (utf8proc_ssize_t)len;
    utf8proc_int32_t cp;
    unsigned long long n = 0;
    while (left > 0) {
        utf8proc_ssize_t k = utf8proc_iterate(s, left, &cp);
        if (k <= 0)
            exit(5);
        s += k;
        left -= k;
        n++;
    }
    sink = n;
    return now() - t;
}

int main(int argc, char **argv)
{
    size_t mib = argc > 1 ? strtoul(argv[1], NULL, 10) : 64;
    size_t len = mib << 20;
    char *body = make_body(len);
    len = strlen(body);
    enum { ROWS = 6 };
    double best[ROWS] = {1e9, 1e9, 1e9, 1e9, 1e9, 1e9};
    for (int rep = 0; rep < 5; rep++) {
        double t[ROWS] = {
            run_memchr(body, len),        run_read(body, len),
            run_utf8proc(body, len),      run_parser(body, len, len),
            run_parser(body, len, 65536), run_parser(body, len, 4096)};
        for (int k = 0; k < ROWS; k++)
            if (t[k] < best[k])
                best[k] = t[k];
    }
    static const char *const names[ROWS] = {"floor: memchr (memory bandwidth)",
                                            "floor: sum of bytes (scalar read)",
                                            "utf8proc_iterate",
                                            "postparse body, one feed",
                                            "postparse body, 64 KiB feeds",
                                            "postparse body, 4 KiB feeds"};
    printf("CJK body, %.1f MB, best of 5\n", (double)len / 1e6);
    for (int k = 0; k < ROWS; k++)
        printf("%-34s %8.0f MB/s\n", names[k], (double)len / best[k] / 1e6);
    free(body);
    return 0;
}
