/* SPDX-License-Identifier: MIT */
/* The character classes of Jekyll's number_of_words and a word counter that
 * takes one code point at a time (shared by the one-shot count and the
 * streaming statistics). */
#ifndef POSTPARSE_TEXT_WORDS_H
#define POSTPARSE_TEXT_WORDS_H

#include <stdint.h>

#include "text_tables.h"

enum {
    POSTPARSE__WORD_SPACE = 0, /* Ruby's \s and String#split: ASCII only */
    POSTPARSE__WORD_CJK = 1,   /* [\p{Han}\p{Katakana}\p{Hiragana}\p{Hangul}] */
    POSTPARSE__WORD_OTHER = 2
};

static inline int postparse__text_word_class(uint32_t cp)
{
    if (cp < 0x80)
        return (cp == ' ' || (cp >= '\t' && cp <= '\r'))
                   ? POSTPARSE__WORD_SPACE
                   : POSTPARSE__WORD_OTHER;
    /* The first CJK character is U+1100. */
    if (cp >= 0x1100 &&
        postparse__text_in_ranges(postparse__text_cjk_ranges,
                                  postparse__text_cjk_ranges_count, cp))
        return POSTPARSE__WORD_CJK;
    return POSTPARSE__WORD_OTHER;
}

typedef struct postparse__text_words {
    uint64_t words;     /* runs of non-space: input.split.length */
    uint64_t cjk_chars; /* input.scan(cjk_regex).length */
    uint64_t cjk_words; /* input.scan(word_regex).length */
    int prev;           /* class of the previous code point */
} postparse__text_words;

#define POSTPARSE__TEXT_WORDS_INIT                                             \
    {                                                                          \
        0, 0, 0, POSTPARSE__WORD_SPACE                                         \
    }

static inline void postparse__text_words_push(postparse__text_words *w,
                                              uint32_t cp)
{
    int c = postparse__text_word_class(cp);
    if (c != POSTPARSE__WORD_SPACE && w->prev == POSTPARSE__WORD_SPACE)
        w->words++;
    if (c == POSTPARSE__WORD_CJK)
        w->cjk_chars++;
    else if (c == POSTPARSE__WORD_OTHER && w->prev != POSTPARSE__WORD_OTHER)
        w->cjk_words++;
    w->prev = c;
}

uint64_t postparse__text_words_result(uint64_t words, uint64_t cjk_chars,
                                      uint64_t cjk_words, int mode);

#endif
