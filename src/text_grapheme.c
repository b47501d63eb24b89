/* SPDX-License-Identifier: MIT */
#include "text_grapheme.h"

#include <postparse/text.h>
#include <utf8proc.h>

#include "text_decode.h"

/* Terminals draw a whole emoji sequence (ZWJ family, skin tone, flag,
 * VS16 presentation) as one wide glyph, and a Hangul syllable block made of
 * conjoining jamo as one wide syllable; everything else is the sum of its
 * code points' widths (combining marks and format characters add 0, East
 * Asian wide and fullwidth characters 2). */
static uint64_t cluster_width(const postparse__text_cluster *c)
{
    if (c->emoji || c->hangul)
        return 2;
    return c->sum;
}

static void cluster_start(postparse__text_cluster *c, uint32_t cp,
                          const utf8proc_property_t *p)
{
    int bc = p->boundclass;

    c->sum = p->charwidth; /* what utf8proc_charwidth returns */
    c->emoji = false;
    c->hangul = bc == UTF8PROC_BOUNDCLASS_L || bc == UTF8PROC_BOUNDCLASS_LV ||
                bc == UTF8PROC_BOUNDCLASS_LVT;
    c->pict = bc == UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC || cp == '#' ||
              cp == '*' || (cp >= '0' && cp <= '9');
    c->ri = bc == UTF8PROC_BOUNDCLASS_REGIONAL_INDICATOR;
    c->after_zwj = false;
}

static void cluster_extend(postparse__text_cluster *c, uint32_t cp,
                           const utf8proc_property_t *p)
{
    int bc = p->boundclass;

    c->sum += p->charwidth;
    if ((cp == 0xFE0F && c->pict) || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
        (c->after_zwj && bc == UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC) ||
        (c->ri && bc == UTF8PROC_BOUNDCLASS_REGIONAL_INDICATOR))
        c->emoji = true;
    c->after_zwj = cp == 0x200D;
}

bool postparse__text_cluster_push(postparse__text_cluster *c, uint32_t cp,
                                  uint64_t *closed_width)
{
    const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);

    int bc = p->boundclass;
    bool brk;

    if (c->prev < 0) {
        /* utf8proc's state starts as the first code point's class. */
        c->state = bc;
        c->prev = (int32_t)cp;
        cluster_start(c, cp, p);
        *closed_width = 0;
        return true;
    }
    if (c->state == UTF8PROC_BOUNDCLASS_OTHER &&
        bc == UTF8PROC_BOUNDCLASS_OTHER) {
        /* Letters and ideographs after letters and ideographs (GB999): the
         * common case, without utf8proc's two property look-ups; the state
         * stays OTHER, as utf8proc would leave it. */
        brk = true;
    } else {
        brk = utf8proc_grapheme_break_stateful(c->prev, (utf8proc_int32_t)cp,
                                               &c->state);
    }
    c->prev = (int32_t)cp;
    if (!brk) {
        cluster_extend(c, cp, p);
        return false;
    }
    *closed_width = cluster_width(c);
    cluster_start(c, cp, p);
    return true;
}

uint64_t postparse__text_cluster_end(postparse__text_cluster *c)
{
    uint64_t w = c->prev < 0 ? 0 : cluster_width(c);
    postparse__text_cluster fresh = POSTPARSE__TEXT_CLUSTER_INIT;
    *c = fresh;
    return w;
}

void postparse__text_clusters_init(postparse__text_clusters *it, const char *s,
                                   size_t len)
{
    postparse__text_cluster fresh = POSTPARSE__TEXT_CLUSTER_INIT;
    it->s = (const uint8_t *)s;
    it->len = len;
    it->pos = 0;
    it->next = 0;
    it->begun = false;
    it->c = fresh;
}

static uint32_t next_cp(postparse__text_clusters *it)
{
    const uint8_t *s = it->s;
    return s[it->pos] < 0x80 ? s[it->pos++]
                             : postparse__text_next(s, it->len, &it->pos);
}

bool postparse__text_clusters_next(postparse__text_clusters *it,
                                   postparse__text_span *span)
{
    uint64_t closed;

    if (!it->begun) {
        if (it->pos >= it->len)
            return false;
        it->next = it->pos;
        postparse__text_cluster_push(&it->c, next_cp(it), &closed);
        it->begun = true;
    }
    span->start = it->next;
    span->codepoints = 1;
    while (it->pos < it->len) {
        size_t at = it->pos;
        if (postparse__text_cluster_push(&it->c, next_cp(it), &closed)) {
            it->next = at;
            span->end = at;
            span->width = closed;
            return true;
        }
        span->codepoints++;
    }
    it->begun = false;
    span->end = it->len;
    span->width = postparse__text_cluster_end(&it->c);
    return true;
}

uint64_t postparse__text_span_measure(const postparse__text_span *span,
                                      int unit)
{
    switch (unit) {
    case POSTPARSE_TEXT_GRAPHEMES:
        return 1;
    case POSTPARSE_TEXT_COLUMNS:
        return span->width;
    default:
        return span->codepoints;
    }
}
