/* SPDX-License-Identifier: MIT */
#include "utf8.h"

#include <string.h>

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

size_t postparse__utf8_valid_prefix(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        /* ASCII runs are most of Markdown: skip them 8 bytes at a time. */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & UINT64_C(0x8080808080808080))
                break;
            i += 8;
        }
        if (i >= n)
            break;
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t len;
        if (postparse__utf8_classify(s + i, n - i, &len) !=
            POSTPARSE__UTF8_VALID)
            break;
        i += len;
    }
    return i;
}
