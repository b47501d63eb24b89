/* SPDX-License-Identifier: MIT */
/* Cutting text to a budget of code points, clusters or columns without ever
 * splitting a grapheme cluster. */
#include <postparse/text.h>

#include "text_grapheme.h"
#include "text_sink.h"

size_t postparse_text_cut(const char *s, size_t len, uint64_t max,
                          postparse_text_unit unit, bool *truncated)
{
    postparse__text_clusters it;
    postparse__text_span span;
    uint64_t used = 0;
    size_t keep = 0;

    postparse__text_clusters_init(&it, s, len);
    while (postparse__text_clusters_next(&it, &span)) {
        uint64_t m = postparse__text_span_measure(&span, (int)unit);
        if (m > max - used) {
            if (truncated != NULL)
                *truncated = true;
            return keep;
        }
        used += m;
        keep = span.end;
    }
    if (truncated != NULL)
        *truncated = false;
    return len;
}

size_t postparse_text_truncate(const char *s, size_t len, uint64_t max,
                               postparse_text_unit unit, const char *ellipsis,
                               size_t ellipsis_len, char *out, size_t out_size)
{
    postparse__text_sink sink;
    bool truncated;
    size_t keep = postparse_text_cut(s, len, max, unit, &truncated);

    if (ellipsis == NULL)
        ellipsis_len = 0;
    postparse__text_sink_init(&sink, out, out_size);
    if (truncated && ellipsis_len > 0) {
        uint64_t e = postparse_text_length(ellipsis, ellipsis_len, unit);
        if (e <= max)
            keep = postparse_text_cut(s, keep, max - e, unit, NULL);
        else
            ellipsis_len = 0;
    }
    postparse__text_sink_put(&sink, s, keep);
    if (truncated)
        postparse__text_sink_put(&sink, ellipsis, ellipsis_len);
    return postparse__text_sink_end(&sink);
}
