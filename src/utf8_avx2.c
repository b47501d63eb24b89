/* SPDX-License-Identifier: MIT */
/* UTF-8 validation 32 bytes at a time with AVX2: the lookup algorithm of
 * Keiser and Lemire, "Validating UTF-8 In Less Than One Instruction Per
 * Byte" (2021). Three 16-entry tables, indexed by the high and low nibble of
 * the previous byte and the high nibble of the current one, flag every
 * error that a pair of bytes can show; a last check makes sure the third
 * and fourth bytes of long sequences are continuation bytes. It only says
 * whether blocks are valid: the exact place of an error is found by the
 * scalar code, from a character boundary this code returns. */
#include "utf8.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#define TARGET __attribute__((target("avx2")))

enum {
    TOO_SHORT = 1 << 0,
    TOO_LONG = 1 << 1,
    OVERLONG_3 = 1 << 2,
    TOO_LARGE = 1 << 3,
    SURROGATE = 1 << 4,
    OVERLONG_2 = 1 << 5,
    TOO_LARGE_1000 = 1 << 6,
    OVERLONG_4 = 1 << 6,
    TWO_CONTS = 1 << 7,
    CARRY = TOO_SHORT | TOO_LONG | TWO_CONTS
};

/* One 16-byte table, in both 128-bit lanes (shuffles stay in their lane). */
#define TABLE16(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13,    \
                a14, a15)                                                      \
    _mm256_setr_epi8((char)(a0), (char)(a1), (char)(a2), (char)(a3),           \
                     (char)(a4), (char)(a5), (char)(a6), (char)(a7),           \
                     (char)(a8), (char)(a9), (char)(a10), (char)(a11),         \
                     (char)(a12), (char)(a13), (char)(a14), (char)(a15),       \
                     (char)(a0), (char)(a1), (char)(a2), (char)(a3),           \
                     (char)(a4), (char)(a5), (char)(a6), (char)(a7),           \
                     (char)(a8), (char)(a9), (char)(a10), (char)(a11),         \
                     (char)(a12), (char)(a13), (char)(a14), (char)(a15))

TARGET static __m256i nibble_high(__m256i v)
{
    return _mm256_and_si256(_mm256_srli_epi16(v, 4), _mm256_set1_epi8(0x0F));
}

/* The bytes of input shifted right by n across the 128-bit lanes, the gap
 * filled with the last bytes of prev. */
#define PREV(input, prev, n)                                                   \
    _mm256_alignr_epi8(                                                        \
        (input), _mm256_permute2x128_si256((prev), (input), 0x21), 16 - (n))

TARGET static __m256i special_cases(__m256i input, __m256i prev1)
{
    const __m256i byte_1_high = TABLE16(
        TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
        TOO_LONG, TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,
        TOO_SHORT | OVERLONG_2, TOO_SHORT, TOO_SHORT | OVERLONG_3 | SURROGATE,
        TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4);
    const __m256i byte_1_low = TABLE16(
        CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4, CARRY | OVERLONG_2, CARRY,
        CARRY, CARRY | TOO_LARGE, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE,
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000);
    const __m256i byte_2_high =
        TABLE16(TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
                TOO_SHORT, TOO_SHORT, TOO_SHORT,
                TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 |
                    TOO_LARGE_1000 | OVERLONG_4,
                TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,
                TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
                TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
                TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT);
    __m256i a = _mm256_shuffle_epi8(byte_1_high, nibble_high(prev1));
    __m256i b = _mm256_shuffle_epi8(
        byte_1_low, _mm256_and_si256(prev1, _mm256_set1_epi8(0x0F)));
    __m256i c = _mm256_shuffle_epi8(byte_2_high, nibble_high(input));
    return _mm256_and_si256(_mm256_and_si256(a, b), c);
}

/* Errors of the block: special cases, and third or fourth bytes of long
 * sequences that are not continuation bytes (or continuation bytes where
 * none is due). */
TARGET static __m256i block_errors(__m256i input, __m256i prev_input)
{
    __m256i prev1 = PREV(input, prev_input, 1);
    __m256i sc = special_cases(input, prev1);
    __m256i prev2 = PREV(input, prev_input, 2);
    __m256i prev3 = PREV(input, prev_input, 3);
    __m256i third =
        _mm256_subs_epu8(prev2, _mm256_set1_epi8((char)(0xE0 - 0x80)));
    __m256i fourth =
        _mm256_subs_epu8(prev3, _mm256_set1_epi8((char)(0xF0 - 0x80)));
    __m256i must23 = _mm256_and_si256(_mm256_or_si256(third, fourth),
                                      _mm256_set1_epi8((char)0x80));
    return _mm256_xor_si256(must23, sc);
}

/* A character boundary at or before end, before which everything is known
 * valid: end itself, unless one of the last three bytes is a lead byte that
 * cannot start a sequence or starts one that runs past end. */
static size_t boundary_before(const uint8_t *s, size_t start, size_t end)
{
    for (size_t back = 1; back <= 3 && back <= end - start; back++) {
        uint8_t b = s[end - back];
        if ((b & 0xC0) == 0x80)
            continue;
        /* The tables flag a bad lead byte, or a lead byte whose sequence
         * is cut, only at the byte after it: in the next block. */
        size_t len = postparse__utf8_sequence_length(b);
        return len == 0 || len > back ? end - back : end;
    }
    return end;
}

TARGET size_t postparse__utf8_valid_blocks_avx2(const uint8_t *s, size_t n)
{
    __m256i prev_input = _mm256_setzero_si256();
    size_t i = 0;
    while (n - i >= 32) {
        __m256i input = _mm256_loadu_si256((const __m256i *)(s + i));
        __m256i errors = block_errors(input, prev_input);
        if (!_mm256_testz_si256(errors, errors))
            break;
        prev_input = input;
        i += 32;
    }
    /* Fewer than 32 bytes left, all blocks valid: the block that ends at n
     * checks them, looking again at bytes already found valid, instead of
     * the portable code going through them one at a time (what a feed of a
     * few KiB would otherwise pay each time). */
    if (n - i < 32 && i < n && n >= 64) {
        __m256i input = _mm256_loadu_si256((const __m256i *)(s + n - 32));
        __m256i prev = _mm256_loadu_si256((const __m256i *)(s + n - 64));
        __m256i errors = block_errors(input, prev);
        if (_mm256_testz_si256(errors, errors))
            i = n;
    }
    return i ? boundary_before(s, 0, i) : 0;
}

bool postparse__utf8_have_avx2(void)
{
    return __builtin_cpu_supports("avx2");
}
#else
size_t postparse__utf8_valid_blocks_avx2(const uint8_t *s, size_t n)
{
    return 0;
}

bool postparse__utf8_have_avx2(void)
{
    return false;
}
#endif
