/* SPDX-License-Identifier: MIT */
/* In-memory rate of the body path on CJK text, beside floors measured in the
 * same run: a read-only pass over the bytes, utf8proc_iterate, and for the
 * 1- and 7-byte feeds the least a feed can cost (feed_floor_lib.c: a call
 * into a shared library that checks, copies and counts).
 * usage: postparse-body-rate [MiB]   (default 64)
 * Prints MB/s (10^6 bytes a second), best of 11 (the machines are noisy),
 * then what a tiny feed costs a call beside what 3x and 1.5x one feed's
 * time a byte would allow. */
#include <postparse/postparse.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <utf8proc.h>

#include "feed_floor_lib.h"

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
    const char *at = body, *end = body + len;
    double t = now();
    while ((size_t)(end - at) > chunk) {
        if (postparse_parser_feed(p, at, chunk) != POSTPARSE_OK)
            exit(3);
        at += chunk;
    }
    if (postparse_parser_feed(p, at, (size_t)(end - at)) != POSTPARSE_OK ||
        postparse_parser_finish(p) != POSTPARSE_OK || bytes != len)
        exit(4);
    t = now() - t;
    postparse_parser_free(p);
    return t;
}

/* The same feeds into feed_floor (16 bytes after body[len) are readable:
 * make_body keeps 64 spare). */
static double run_floor(const char *body, size_t len, size_t chunk)
{
    static feed_floor_state s;
    s.len = 0;
    s.room = FEED_FLOOR_BYTES;
    const char *at = body, *end = body + len;
    double t = now();
    while ((size_t)(end - at) > chunk) {
        if (feed_floor(&s, at, chunk) != 0)
            exit(6);
        at += chunk;
    }
    if (feed_floor(&s, at, (size_t)(end - at)) != 0)
        exit(6);
    return now() - t;
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
    /* The slow feeds run on a part of the body, cut on a character. */
    size_t part16 = len / 16, part64 = len / 64;
    while ((body[part16] & 0xC0) == 0x80)
        part16--;
    while ((body[part64] & 0xC0) == 0x80)
        part64--;
    enum { ROWS = 10, ONE_FEED = 3, FLOOR_7 = 8, FLOOR_1 = 9 };
    double best[ROWS];
    for (int k = 0; k < ROWS; k++)
        best[k] = 1e9;
    enum { ROUNDS = 11 };
    for (int rep = 0; rep < ROUNDS; rep++) {
        /* utf8proc_iterate has rounds of its own, after these: for some
         * milliseconds after its long scalar run, vector code ran at half
         * its speed here (memchr and the body path alike). */
        double t[ROWS] = {1e9,
                          run_read(body, len),
                          run_memchr(body, len),
                          run_parser(body, len, len),
                          run_parser(body, len, 65536),
                          run_parser(body, len, 4096),
                          run_parser(body, part16, 7) * len / part16,
                          run_parser(body, part64, 1) * len / part64,
                          run_floor(body, part16, 7) * len / part16,
                          run_floor(body, part64, 1) * len / part64};
        for (int k = 0; k < ROWS; k++)
            if (t[k] < best[k])
                best[k] = t[k];
    }
    for (int rep = 0; rep < ROUNDS; rep++) {
        double t = run_utf8proc(body, len);
        if (t < best[0])
            best[0] = t;
    }
    static const char *const names[ROWS] = {"utf8proc_iterate",
                                            "floor: sum of bytes (scalar read)",
                                            "floor: memchr (memory bandwidth)",
                                            "postparse body, one feed",
                                            "postparse body, 64 KiB feeds",
                                            "postparse body, 4 KiB feeds",
                                            "postparse body, 7-byte feeds",
                                            "postparse body, 1-byte feeds",
                                            "floor: a feed call, 7 bytes",
                                            "floor: a feed call, 1 byte"};
    printf("CJK body, %.1f MB, best of %d (7-byte feeds on 1/16 of it, "
           "1-byte on 1/64)\n",
           (double)len / 1e6, ROUNDS);
    for (int k = 0; k < ROWS; k++)
        printf("%-34s %8.0f MB/s %6.2fx one feed's time a byte\n", names[k],
               (double)len / best[k] / 1e6, best[k] / best[ONE_FEED]);
    /* A tiny feed's cost a call, and what the targets would allow. */
    double ns_byte = best[ONE_FEED] * 1e9 / (double)len;
    printf("a call: 7-byte feeds %.2f ns (floor %.2f ns; 1.5x one feed "
           "allows %.2f ns), 1-byte feeds %.2f ns (floor %.2f ns; 3x one "
           "feed allows %.2f ns)\n",
           best[6] * 1e9 / (double)len * 7,
           best[FLOOR_7] * 1e9 / (double)len * 7, 1.5 * 7 * ns_byte,
           best[7] * 1e9 / (double)len, best[FLOOR_1] * 1e9 / (double)len,
           3 * ns_byte);
    free(body);
    return 0;
}
