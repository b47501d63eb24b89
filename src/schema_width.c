/* SPDX-License-Identifier: MIT */
/* String lengths for the rules: characters and display width. The text
 * layer's postparse_text_width will replace the width once it is merged. */
#include "schema.h"

#include <stdbool.h>
#include <utf8proc.h>

/* Code points, or columns when width is true. */
static size_t measure(const char *s, size_t len, bool width)
{
    size_t total = 0, i = 0;
    while (i < len) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &c);
        if (k <= 0) {
            total++;
            i++;
            continue;
        }
        total += width ? (size_t)utf8proc_charwidth(c) : 1;
        i += (size_t)k;
    }
    return total;
}

size_t postparse__schema_chars(const char *s, size_t len)
{
    return measure(s, len, false);
}

size_t postparse__schema_width(const char *s, size_t len)
{
    return measure(s, len, true);
}
