/* SPDX-License-Identifier: MIT */
/* Text that can be printed on a terminal or in a one-line log without
 * acting on either: the one escaping function for every message the
 * library makes (diagnostics.c) and every path or message the CLI prints. */
#include <postparse/text.h>

#include <stdio.h>
#include <string.h>

#include "text_decode.h"

/* Characters that change how text is shown rather than showing: explicit
 * bidirectional formatting (U+202A..U+202E embeddings and overrides,
 * U+2066..U+2069 isolates, U+200E/U+200F and U+061C marks: a value could
 * reorder the rest of its line, the "Trojan Source" trick), and the line and
 * paragraph separators U+2028/U+2029, which some terminals and editors break
 * lines at. */
static bool is_format_control(uint32_t cp)
{
    return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
           (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* The escape of one character into e (at most 7 bytes and a NUL); its
 * length, or 0 when the character stands for itself. */
static size_t escape_char(uint32_t cp, char e[8])
{
    switch (cp) {
    case '\n':
        memcpy(e, "\\n", 3);
        return 2;
    case '\r':
        memcpy(e, "\\r", 3);
        return 2;
    case '\t':
        memcpy(e, "\\t", 3);
        return 2;
    default:
        break;
    }
    if (cp < 0x20 || cp == 0x7F)
        return (size_t)snprintf(e, 8, "\\x%02x", (unsigned)cp);
    if ((cp >= 0x80 && cp <= 0x9F) || is_format_control(cp))
        return (size_t)snprintf(e, 8, "\\u%04x", (unsigned)cp);
    return 0;
}

size_t postparse_text_escape(const char *s, size_t len, char *out,
                             size_t out_size)
{
    const uint8_t *u = (const uint8_t *)s;
    size_t total = 0;   /* length of the whole escaped text */
    size_t written = 0; /* bytes of it in out */
    bool full = out_size == 0;
    char e[8];

    for (size_t i = 0; i < len;) {
        /* A run of printable ASCII is copied as it is, in one piece (the
         * messages of a parse are mostly that): its bytes are units of
         * their own, so a cut may fall anywhere in it. */
        size_t run = i;
        while (run < len && u[run] >= 0x20 && u[run] < 0x7F)
            run++;
        if (run > i) {
            size_t n = run - i;
            if (!full) {
                size_t room = out_size - 1 - written;
                size_t k = n < room ? n : room;
                memcpy(out + written, s + i, k);
                written += k;
                full = k < n;
            }
            total += n;
            i = run;
            continue;
        }
        const char *unit = s + i;
        size_t unit_len = 1, n = 1;

        if (u[i] < 0x20 || u[i] >= 0x7F) {
            if (postparse__utf8_classify(u + i, len - i, &n) ==
                POSTPARSE__UTF8_VALID) {
                size_t k =
                    escape_char(postparse__text_decode_valid(u + i, n), e);
                unit = k ? e : s + i;
                unit_len = k ? k : n;
            } else {
                /* Each byte of an ill-formed sequence on its own: every
                 * byte is shown, and nothing after them is swallowed. */
                n = 1;
                unit_len = (size_t)snprintf(e, sizeof e, "\\x%02x", u[i]);
                unit = e;
            }
        }
        /* Whole units only: never half a character or half an escape. */
        if (!full && written + unit_len < out_size) {
            memcpy(out + written, unit, unit_len);
            written += unit_len;
        } else {
            full = true;
        }
        total += unit_len;
        i += n;
    }
    if (out_size > 0)
        out[written] = '\0';
    return total;
}
