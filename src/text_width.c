/* SPDX-License-Identifier: MIT */
/* Display width and lengths; the per-cluster width rules live in
 * text_grapheme.c. */
#include <postparse/text.h>

#include "text_grapheme.h"

uint64_t postparse_text_width(const char *s, size_t len)
{
    return postparse_text_length(s, len, POSTPARSE_TEXT_COLUMNS);
}

uint64_t postparse_text_length(const char *s, size_t len,
                               postparse_text_unit unit)
{
    postparse__text_clusters it;
    postparse__text_span span;
    uint64_t n = 0;

    postparse__text_clusters_init(&it, s, len);
    while (postparse__text_clusters_next(&it, &span))
        n += postparse__text_span_measure(&span, (int)unit);
    return n;
}
