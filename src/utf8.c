/* SPDX-License-Identifier: MIT */
#include "utf8.h"

#include <string.h>

#include "utf8_dfa_table.h"

size_t postparse__utf8_sequence_length(uint8_t lead)
{
    if (lead < 0x80)
        return 1;
    if (lead < 0xC2)
        return 0;
    if (lead < 0xE0)
        return 2;
    if (lead < 0xF0)
        return 3;
    if (lead < 0xF5)
        return 4;
    return 0;
}

/* The allowed range of the second byte depends on the lead byte (this is
 * what excludes overlongs, surrogates and code points above U+10FFFF); later
 * bytes are always 80..BF. */
static void second_byte_range(uint8_t lead, uint8_t *lo, uint8_t *hi)
{
    *lo = 0x80;
    *hi = 0xBF;
    if (lead == 0xE0)
        *lo = 0xA0;
    else if (lead == 0xED)
        *hi = 0x9F;
    else if (lead == 0xF0)
        *lo = 0x90;
    else if (lead == 0xF4)
        *hi = 0x8F;
}

postparse__utf8_class postparse__utf8_classify(const uint8_t *s, size_t n,
                                               size_t *len)
{
    size_t need = postparse__utf8_sequence_length(s[0]);
    if (need == 0) {
        *len = 1;
        return POSTPARSE__UTF8_INVALID;
    }
    for (size_t i = 1; i < need; i++) {
        if (i >= n) {
            *len = n;
            return POSTPARSE__UTF8_INCOMPLETE;
        }
        uint8_t lo = 0x80, hi = 0xBF;
        if (i == 1)
            second_byte_range(s[0], &lo, &hi);
        if (s[i] < lo || s[i] > hi) {
            *len = i;
            return POSTPARSE__UTF8_INVALID;
        }
    }
    *len = need;
    return POSTPARSE__UTF8_VALID;
}

/* The exact answer, one sequence at a time: used near an error or at the
 * end of the bytes, where the DFA only says that something is wrong. */
static size_t valid_prefix_slow(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t len;
        if (postparse__utf8_classify(s + i, n - i, &len) !=
            POSTPARSE__UTF8_VALID)
            break;
        i += len;
    }
    return i;
}

static bool all_ascii16(const uint8_t *s)
{
    uint64_t a, b;
    memcpy(&a, s, 8);
    memcpy(&b, s + 8, 8);
    return ((a | b) & UINT64_C(0x8080808080808080)) == 0;
}

size_t postparse__utf8_valid_prefix_portable(const uint8_t *s, size_t n)
{
    /* Blocks of 64 bytes go through the DFA without a branch per byte;
     * each block is stretched to the end of the sequence it cut (at most
     * 3 bytes), so that a block ends on a character boundary unless the
     * text is invalid or ends. ASCII runs are skipped 16 bytes at a time. */
    size_t i = 0, boundary = 0;
    uint64_t state = UTF8_DFA_ACCEPT;
    while (i < n) {
        while (i + 16 <= n && all_ascii16(s + i))
            i += 16;
        boundary = i;
        size_t end = n - i > 64 ? i + 64 : n;
        for (; i < end; i++)
            state = utf8_dfa[s[i]] >> (state & 63);
        state &= 63;
        while (state != UTF8_DFA_ACCEPT && state != UTF8_DFA_ERROR && i < n)
            state = utf8_dfa[s[i++]] >> state & 63;
        if (state != UTF8_DFA_ACCEPT)
            break;
    }
    if (state == UTF8_DFA_ACCEPT)
        return n;
    return boundary + valid_prefix_slow(s + boundary, n - boundary);
}

size_t postparse__utf8_valid_prefix(const uint8_t *s, size_t n)
{
    /* The vector code vouches for whole blocks and stops at a character
     * boundary before anything it doubts; the portable code gives the exact
     * answer from there. */
    size_t i = 0;
    /* s may be NULL when n is 0, and NULL + 0 is undefined in C. */
    if (n == 0)
        return 0;
    if (n >= 64 && postparse__utf8_have_avx2())
        i = postparse__utf8_valid_blocks_avx2(s, n);
    return i + postparse__utf8_valid_prefix_portable(s + i, n - i);
}

size_t postparse__utf8_cut(const uint8_t *s, size_t len, size_t max)
{
    if (max >= len)
        return len;
    /* The start of the character s[max] belongs to: at most 3 bytes back. */
    size_t i = max;
    while (i > 0 && max - i < 3 && (s[i] & 0xC0) == 0x80)
        i--;
    size_t n;
    if (i < max &&
        postparse__utf8_classify(s + i, len - i, &n) !=
            POSTPARSE__UTF8_INVALID &&
        i + n > max)
        return i;
    return max;
}
