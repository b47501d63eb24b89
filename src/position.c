/* SPDX-License-Identifier: MIT */
#include "position.h"

#include <string.h>

#include "utf8.h"

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

/* Bytes equal to b, or with code_points, bytes that are not continuation
 * bytes (10xxxxxx: as signed bytes, those below -64). SSE2 is part of
 * x86-64, so no run-time check. */
static size_t count_bytes(const uint8_t *s, size_t n, uint8_t b,
                          bool code_points)
{
    size_t count = 0, i = 0;
    const __m128i needle = _mm_set1_epi8((char)b);
    const __m128i cont_max = _mm_set1_epi8(-65);
    while (n - i >= 16) {
        __m128i acc = _mm_setzero_si128();
        size_t stop = i + 255 * 16 < n ? i + 255 * 16 : n;
        for (; stop - i >= 16; i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
            acc = _mm_sub_epi8(acc, code_points ? _mm_cmpgt_epi8(v, cont_max)
                                                : _mm_cmpeq_epi8(v, needle));
        }
        count += horizontal_sum(acc);
    }
    for (; i < n; i++)
        count += code_points ? (s[i] & 0xC0) != 0x80 : s[i] == b;
    return count;
}

/* The index after the last LF or CR of s[0..n), 0 when there is none. */
static size_t after_last_line_end(const uint8_t *s, size_t n)
{
    const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
    size_t i = n;
    for (; i >= 16; i -= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i - 16));
        unsigned m = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)));
        if (m)
            return i - 16 + (32 - (size_t)__builtin_clz(m));
    }
    while (i > 0 && s[i - 1] != '\n' && s[i - 1] != '\r')
        i--;
    return i;
}
#else
static size_t count_bytes(const uint8_t *s, size_t n, uint8_t b,
                          bool code_points)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += code_points ? (s[i] & 0xC0) != 0x80 : s[i] == b;
    return count;
}

static size_t after_last_line_end(const uint8_t *s, size_t n)
{
    while (n > 0 && s[n - 1] != '\n' && s[n - 1] != '\r')
        n--;
    return n;
}
#endif

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#define HAVE_AVX2_CURSOR 1
#define TARGET_AVX2 __attribute__((target("avx2,popcnt")))

/* Sums the 32 byte counters of acc (each at most 255) into a total. */
TARGET_AVX2 static size_t sum_lanes_avx2(__m256i acc)
{
    __m256i sums = _mm256_sad_epu8(acc, _mm256_setzero_si256());
    return (size_t)_mm256_extract_epi64(sums, 0) +
           (size_t)_mm256_extract_epi64(sums, 1) +
           (size_t)_mm256_extract_epi64(sums, 2) +
           (size_t)_mm256_extract_epi64(sums, 3);
}

/* Code points of the whole 64-byte blocks that end s[0..*end) and hold no
 * LF or CR, stepping *end back over them: a line several kilobytes long
 * (a CJK paragraph) crosses most feeds, and this loop is what a feed costs
 * there. The counts go into byte lanes, two a block, summed before a lane
 * can pass 255. */
TARGET_AVX2 static uint64_t code_points_before_line_end(const uint8_t *s,
                                                        size_t *end)
{
    const __m256i lf = _mm256_set1_epi8('\n'), cr = _mm256_set1_epi8('\r');
    const __m256i cont_max = _mm256_set1_epi8(-65);
    uint64_t count = 0;
    size_t i = *end;
    bool line_end = false;
    while (i >= 64 && !line_end) {
        __m256i acc = _mm256_setzero_si256();
        for (int blocks = 0; blocks < 127 && i >= 64; blocks++, i -= 64) {
            __m256i lo = _mm256_loadu_si256((const __m256i *)(s + i - 64));
            __m256i hi = _mm256_loadu_si256((const __m256i *)(s + i - 32));
            __m256i ends =
                _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(lo, lf),
                                                _mm256_cmpeq_epi8(lo, cr)),
                                _mm256_or_si256(_mm256_cmpeq_epi8(hi, lf),
                                                _mm256_cmpeq_epi8(hi, cr)));
            if (!_mm256_testz_si256(ends, ends)) {
                line_end = true;
                break;
            }
            acc = _mm256_sub_epi8(acc, _mm256_cmpgt_epi8(lo, cont_max));
            acc = _mm256_sub_epi8(acc, _mm256_cmpgt_epi8(hi, cont_max));
        }
        count += sum_lanes_avx2(acc);
    }
    *end = i;
    return count;
}

/* The index after the last LF or CR of s[0..n) (0 when none), found from
 * the end, with the code points after it counted on the way. */
TARGET_AVX2 static size_t last_line_avx2(const uint8_t *s, size_t n,
                                         uint64_t *code_points)
{
    const __m256i lf = _mm256_set1_epi8('\n'), cr = _mm256_set1_epi8('\r');
    const __m256i cont_max = _mm256_set1_epi8(-65);
    size_t i = n;
    uint64_t count = code_points_before_line_end(s, &i);
    /* The block with the line end, or the last bytes, 32 at a time. */
    for (; i >= 32; i -= 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(s + i - 32));
        uint32_t ends = (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(
            _mm256_cmpeq_epi8(v, lf), _mm256_cmpeq_epi8(v, cr)));
        uint32_t starts =
            (uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(v, cont_max));
        if (ends) {
            int last = 31 - __builtin_clz(ends);
            if (last < 31)
                count += (uint64_t)__builtin_popcount(starts >> (last + 1));
            *code_points = count;
            return i - 32 + (size_t)last + 1;
        }
        count += (uint64_t)__builtin_popcount(starts);
    }
    while (i > 0 && s[i - 1] != '\n' && s[i - 1] != '\r')
        count += (s[--i] & 0xC0) != 0x80;
    *code_points = count;
    return i;
}

/* LF bytes of s[0..n); *has_cr: whether there is a CR too. */
TARGET_AVX2 static size_t count_lf_avx2(const uint8_t *s, size_t n,
                                        bool *has_cr)
{
    const __m256i lf = _mm256_set1_epi8('\n'), cr = _mm256_set1_epi8('\r');
    __m256i crs = _mm256_setzero_si256();
    size_t count = 0, i = 0;
    while (n - i >= 32) {
        __m256i acc = _mm256_setzero_si256();
        size_t stop = i + 255 * 32 < n ? i + 255 * 32 : n;
        for (; stop - i >= 32; i += 32) {
            __m256i v = _mm256_loadu_si256((const __m256i *)(s + i));
            acc = _mm256_sub_epi8(acc, _mm256_cmpeq_epi8(v, lf));
            crs = _mm256_or_si256(crs, _mm256_cmpeq_epi8(v, cr));
        }
        count += sum_lanes_avx2(acc);
    }
    bool tail_cr = false;
    if (i < n && n >= 32) {
        /* The last bytes through the block that ends at n, with the bits
         * of the bytes already counted shifted out: no byte loop. */
        __m256i v = _mm256_loadu_si256((const __m256i *)(s + n - 32));
        unsigned shift = 32 - (unsigned)(n - i);
        uint32_t lfs =
            (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, lf)) >> shift;
        uint32_t cr_bits =
            (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, cr)) >> shift;
        count += (size_t)__builtin_popcount(lfs);
        tail_cr = cr_bits != 0;
    } else {
        for (; i < n; i++) {
            count += s[i] == '\n';
            tail_cr |= s[i] == '\r';
        }
    }
    *has_cr = tail_cr || !_mm256_testz_si256(crs, crs);
    return count;
}
#endif

/* Code points in valid UTF-8. */
static uint64_t count_code_points(const uint8_t *s, size_t n)
{
    return count_bytes(s, n, 0, true);
}

static void advance(postparse__cursor *c, const uint8_t *s, size_t n,
                    bool use_avx2)
{
    /* Short spans (a YAML scalar, a name) cost less a byte at a time than
     * the setup of the vector loops. */
    if (n < 32) {
        /* A local copy: stores through c could alias s. */
        postparse__cursor local = *c;
        for (size_t i = 0; i < n; i++)
            postparse__cursor_step(&local, s[i]);
        *c = local;
        return;
    }
    c->pos.offset += n;
    /* Only the last line's code points make the column; before it, only
     * line ends count. */
    size_t last;
    uint64_t tail, lines;
    bool has_cr = true; /* unless known, look */
#ifndef HAVE_AVX2_CURSOR
    (void)use_avx2;
#else
    if (use_avx2) {
        last = last_line_avx2(s, n, &tail);
        lines = last ? count_lf_avx2(s, last, &has_cr) : 0;
    } else
#endif
    {
        last = after_last_line_end(s, n);
        tail = count_code_points(s + last, n - last);
        lines = last ? count_bytes(s, last, '\n', false) : 0;
    }
    if (last == 0) {
        c->pos.column += tail;
        c->after_cr = false;
        return;
    }
    /* CRs are rare: find them with memchr. A CR ends a line; an LF right
     * after a CR does not end another. */
    for (const uint8_t *cr = has_cr ? memchr(s, '\r', last) : NULL; cr;
         cr = memchr(cr + 1, '\r', (size_t)(s + last - cr - 1))) {
        lines++;
        if (cr + 1 < s + n && cr[1] == '\n')
            lines--;
    }
    if (c->after_cr && s[0] == '\n')
        lines--;
    c->pos.line += lines;
    c->pos.column = 1 + tail;
    c->after_cr = s[n - 1] == '\r';
}

void postparse__cursor_advance(postparse__cursor *c, const uint8_t *s, size_t n)
{
    advance(c, s, n, postparse__utf8_have_avx2());
}

void postparse__cursor_advance_portable(postparse__cursor *c, const uint8_t *s,
                                        size_t n)
{
    advance(c, s, n, false);
}
