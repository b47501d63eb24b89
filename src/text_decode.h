/* SPDX-License-Identifier: MIT */
/* Decoding for the text layer that never fails: each maximal subpart of an
 * ill-formed sequence (utf8.h's classification) is one U+FFFD, so measuring
 * and cutting functions have a defined answer for any bytes. Inline: it is
 * the hot path of every text function. */
#ifndef POSTPARSE_TEXT_DECODE_H
#define POSTPARSE_TEXT_DECODE_H

#include <stddef.h>
#include <stdint.h>

#include "utf8.h"

#define POSTPARSE__REPLACEMENT 0xFFFDu

/* The code point of a well-formed sequence of len (1 to 4) bytes. */
static inline uint32_t postparse__text_decode_valid(const uint8_t *s,
                                                    size_t len)
{
    switch (len) {
    case 1:
        return s[0];
    case 2:
        return ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3Fu);
    case 3:
        return ((uint32_t)(s[0] & 0x0F) << 12) |
               ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3Fu);
    default:
        return ((uint32_t)(s[0] & 0x07) << 18) |
               ((uint32_t)(s[1] & 0x3F) << 12) |
               ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3Fu);
    }
}

/* The character that starts at s[*pos] (*pos < len); advances *pos past it.
 * A sequence cut short by the end of the buffer is one U+FFFD. */
static inline uint32_t postparse__text_next(const uint8_t *s, size_t len,
                                            size_t *pos)
{
    size_t i = *pos;
    size_t n;

    if (s[i] < 0x80) {
        *pos = i + 1;
        return s[i];
    }
    postparse__utf8_class c = postparse__utf8_classify(s + i, len - i, &n);
    *pos = i + n;
    return c == POSTPARSE__UTF8_VALID ? postparse__text_decode_valid(s + i, n)
                                      : POSTPARSE__REPLACEMENT;
}

#endif
