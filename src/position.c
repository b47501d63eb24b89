/* SPDX-License-Identifier: MIT */
#include "position.h"

#include <string.h>

void postparse__cursor_init(postparse__cursor *c, uint64_t offset)
{
    c->pos.offset = offset;
    c->pos.line = 1;
    c->pos.column = 1;
    c->after_cr = false;
}

#if defined(__SSE2__)
#include <emmintrin.h>

/* Sums the 16 byte counters of acc (each at most 255) into a total. */
static size_t horizontal_sum(__m128i acc)
{
    __m128i sums = _mm_sad_epu8(acc, _mm_setzero_si128());
    return (size_t)_mm_cvtsi128_si64(sums) +
           (size_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums));
}

/* Bytes equal to b. SSE2 is part of x86-64, so no run-time check. */
static size_t count_byte(const uint8_t *s, size_t n, uint8_t b)
{
    size_t count = 0, i = 0;
    const __m128i needle = _mm_set1_epi8((char)b);
    while (n - i >= 16) {
        __m128i acc = _mm_setzero_si128();
        size_t stop = i + 255 * 16 < n ? i + 255 * 16 : n;
        for (; stop - i >= 16; i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
            acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(v, needle));
        }
        count += horizontal_sum(acc);
    }
    for (; i < n; i++)
        count += s[i] == b;
    return count;
}
#else
static size_t count_byte(const uint8_t *s, size_t n, uint8_t b)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += s[i] == b;
    return count;
}
#endif

/* Bytes that are not continuation bytes (10xxxxxx): code points in valid
 * UTF-8. Only the last line of a span is counted, so a plain loop does. */
static uint64_t count_code_points(const uint8_t *s, size_t n)
{
    uint64_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += (s[i] & 0xC0) != 0x80;
    return count;
}

void postparse__cursor_advance(postparse__cursor *c, const uint8_t *s, size_t n)
{
    if (n == 0)
        return;
    c->pos.offset += n;
    /* Only the last line's code points make the column; before it, only
     * line ends count. */
    size_t last = n;
    while (last > 0 && s[last - 1] != '\n' && s[last - 1] != '\r')
        last--;
    if (last == 0) {
        c->pos.column += count_code_points(s, n);
        c->after_cr = false;
        return;
    }
    uint64_t lines = count_byte(s, last, '\n');
    /* CRs are rare: find them with memchr. A CR ends a line; an LF right
     * after a CR does not end another. */
    for (const uint8_t *cr = memchr(s, '\r', last); cr;
         cr = memchr(cr + 1, '\r', (size_t)(s + last - cr - 1))) {
        lines++;
        if (cr + 1 < s + n && cr[1] == '\n')
            lines--;
    }
    if (c->after_cr && s[0] == '\n')
        lines--;
    c->pos.line += lines;
    c->pos.column = 1 + count_code_points(s + last, n - last);
    c->after_cr = s[n - 1] == '\r';
}
