/* SPDX-License-Identifier: MIT */
/* A UTF-8 decoder for the text layer that never fails: each maximal subpart
 * of an ill-formed sequence becomes one U+FFFD (Unicode's recommended
 * practice, as WHATWG), so measuring and cutting functions have a defined
 * answer for any bytes. It is fed byte by byte so that a sequence may be
 * split across chunks (postparse_text_stats). Inline: it is the hot path. */
#ifndef POSTPARSE_TEXT_DECODE_H
#define POSTPARSE_TEXT_DECODE_H

#include <stddef.h>
#include <stdint.h>

#define POSTPARSE__REPLACEMENT 0xFFFDu

typedef struct postparse__text_decoder {
    uint32_t cp;  /* bits gathered so far */
    uint8_t need; /* continuation bytes still expected; 0 = between chars */
    uint8_t lo;   /* bounds of the next continuation byte (E0 A0, F4 8F...) */
    uint8_t hi;
} postparse__text_decoder;

typedef enum postparse__text_decoded {
    POSTPARSE__DECODE_MORE,  /* byte taken, the character is incomplete */
    POSTPARSE__DECODE_CHAR,  /* byte taken, *cp is complete */
    POSTPARSE__DECODE_REFEED /* *cp = U+FFFD ended before this byte, which
                                was not taken: feed it again */
} postparse__text_decoded;

static inline postparse__text_decoded
postparse__text_decode(postparse__text_decoder *d, uint8_t b, uint32_t *cp)
{
    if (d->need != 0) {
        if (b < d->lo || b > d->hi) {
            d->need = 0;
            *cp = POSTPARSE__REPLACEMENT;
            return POSTPARSE__DECODE_REFEED;
        }
        d->cp = (d->cp << 6) | (b & 0x3Fu);
        d->lo = 0x80;
        d->hi = 0xBF;
        if (--d->need != 0)
            return POSTPARSE__DECODE_MORE;
        *cp = d->cp;
        return POSTPARSE__DECODE_CHAR;
    }
    if (b < 0x80) {
        *cp = b;
        return POSTPARSE__DECODE_CHAR;
    }
    d->lo = 0x80;
    d->hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
        d->need = 1;
        d->cp = b & 0x1Fu;
    } else if (b >= 0xE0 && b <= 0xEF) {
        d->need = 2;
        d->cp = b & 0x0Fu;
        if (b == 0xE0)
            d->lo = 0xA0; /* overlong */
        else if (b == 0xED)
            d->hi = 0x9F; /* surrogates */
    } else if (b >= 0xF0 && b <= 0xF4) {
        d->need = 3;
        d->cp = b & 0x07u;
        if (b == 0xF0)
            d->lo = 0x90; /* overlong */
        else if (b == 0xF4)
            d->hi = 0x8F; /* above U+10FFFF */
    } else {
        *cp = POSTPARSE__REPLACEMENT;
        return POSTPARSE__DECODE_CHAR;
    }
    return POSTPARSE__DECODE_MORE;
}

/* The character that starts at s[*pos] (*pos < len); advances *pos past it.
 * A sequence cut short by the end of the buffer is one U+FFFD. */
static inline uint32_t postparse__text_next(const uint8_t *s, size_t len,
                                            size_t *pos)
{
    size_t i = *pos;
    postparse__text_decoder d = {0, 0, 0, 0};
    uint32_t cp;

    if (s[i] < 0x80) {
        *pos = i + 1;
        return s[i];
    }
    for (;;) {
        if (i == len) {
            *pos = len;
            return POSTPARSE__REPLACEMENT;
        }
        switch (postparse__text_decode(&d, s[i], &cp)) {
        case POSTPARSE__DECODE_MORE:
            i++;
            continue;
        case POSTPARSE__DECODE_CHAR:
            i++;
            break;
        case POSTPARSE__DECODE_REFEED:
            break;
        }
        *pos = i;
        return cp;
    }
}

#endif
