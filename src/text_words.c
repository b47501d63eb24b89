/* SPDX-License-Identifier: MIT */
/* Jekyll 4.3's number_of_words filter:
 *   cjk:     input.scan(/[CJK]/).length + input.scan(/[^CJK\s]+/).length
 *   auto:    cjk when any CJK character is present, else default
 *   default: input.split.length
 * with CJK = \p{Han}\p{Katakana}\p{Hiragana}\p{Hangul} and \s and split's
 * whitespace both ASCII-only in Ruby. */
#include <postparse/text.h>

#include <string.h>

#include "text_decode.h"
#include "text_words.h"

uint64_t postparse__text_words_result(uint64_t words, uint64_t cjk_chars,
                                      uint64_t cjk_words, int mode)
{
    switch (mode) {
    case POSTPARSE_TEXT_WORDS_CJK:
        return cjk_chars + cjk_words;
    case POSTPARSE_TEXT_WORDS_AUTO:
        return cjk_chars == 0 ? words : cjk_chars + cjk_words;
    default:
        return words;
    }
}

uint64_t postparse_text_word_count(const char *s, size_t len,
                                   postparse_text_word_mode mode)
{
    const uint8_t *u = (const uint8_t *)s;
    postparse__text_words w = POSTPARSE__TEXT_WORDS_INIT;

    for (size_t i = 0; i < len;) {
        uint32_t cp = u[i] < 0x80 ? u[i++] : postparse__text_next(u, len, &i);
        postparse__text_words_push(&w, cp);
    }
    return postparse__text_words_result(w.words, w.cjk_chars, w.cjk_words,
                                        (int)mode);
}

bool postparse_text_word_mode_from_name(const char *name,
                                        postparse_text_word_mode *mode)
{
    static const struct {
        const char *name;
        postparse_text_word_mode mode;
    } names[] = {{"default", POSTPARSE_TEXT_WORDS_DEFAULT},
                 {"cjk", POSTPARSE_TEXT_WORDS_CJK},
                 {"auto", POSTPARSE_TEXT_WORDS_AUTO}};

    for (size_t i = 0; name != NULL && i < sizeof names / sizeof names[0];
         i++) {
        if (strcmp(name, names[i].name) == 0) {
            *mode = names[i].mode;
            return true;
        }
    }
    return false;
}

uint64_t postparse_text_reading_minutes(uint64_t words,
                                        unsigned words_per_minute)
{
    uint64_t wpm = words_per_minute == 0 ? 200 : words_per_minute;
    return words / wpm + (words % wpm != 0);
}
