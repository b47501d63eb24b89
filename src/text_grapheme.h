/* SPDX-License-Identifier: MIT */
/* Extended grapheme clusters (utf8proc's stateful break rules) and the
 * display width of each cluster, one code point at a time so that callers
 * can cut, count or stream. */
#ifndef POSTPARSE_TEXT_GRAPHEME_H
#define POSTPARSE_TEXT_GRAPHEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct postparse__text_cluster {
    int32_t prev;   /* last code point pushed; -1 before the first */
    int32_t state;  /* utf8proc_grapheme_break_stateful's state */
    uint64_t sum;   /* sum of the code points' widths in this cluster */
    bool emoji;     /* an emoji sequence: shown 2 columns wide */
    bool hangul;    /* starts with a Hangul syllable or leading jamo */
    bool pict;      /* starts with an Extended_Pictographic or keycap base */
    bool ri;        /* starts with a regional indicator */
    bool after_zwj; /* the last code point was U+200D */
} postparse__text_cluster;

#define POSTPARSE__TEXT_CLUSTER_INIT                                           \
    {                                                                          \
        -1, 0, 0, false, false, false, false, false                            \
    }

/* Adds a code point. Returns true when cp starts a new cluster; then
 * *closed_width is the width in columns of the cluster that ended before it
 * (0 when cp is the first code point). */
bool postparse__text_cluster_push(postparse__text_cluster *c, uint32_t cp,
                                  uint64_t *closed_width);

/* Width in columns of the open cluster (0 if none); resets *c. */
uint64_t postparse__text_cluster_end(postparse__text_cluster *c);

/* Walks the grapheme clusters of a buffer (ill-formed subparts decode as
 * U+FFFD and are clusters of their own bytes). */
typedef struct postparse__text_clusters {
    const uint8_t *s;
    size_t len;
    size_t pos;  /* next byte to decode */
    size_t next; /* start of the cluster already begun, if begun */
    bool begun;
    postparse__text_cluster c;
} postparse__text_clusters;

typedef struct postparse__text_span {
    size_t start, end;   /* bytes [start, end) */
    uint64_t codepoints; /* code points in the cluster */
    uint64_t width;      /* columns */
} postparse__text_span;

void postparse__text_clusters_init(postparse__text_clusters *it, const char *s,
                                   size_t len);
/* The next cluster into *span; false at the end. */
bool postparse__text_clusters_next(postparse__text_clusters *it,
                                   postparse__text_span *span);
/* A cluster's size in unit (a postparse_text_unit). */
uint64_t postparse__text_span_measure(const postparse__text_span *span,
                                      int unit);

#endif
