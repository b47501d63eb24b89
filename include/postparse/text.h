/* SPDX-License-Identifier: MIT */
/* Stability: stable from 1.0 (ABI checked by .ci/abi-check). */
/* Unicode text tools for post titles and bodies: NFC, display width,
 * grapheme-safe truncation, Jekyll's word counts and Jekyll's slugs.
 * docs/text.md is the guide. Include <postparse/postparse.h>, not this.
 *
 * Conventions for every function here:
 * - Input is (s, len): len bytes at s, not NUL-terminated, s may be NULL
 *   when len is 0. Input is never modified and may contain NUL bytes.
 * - Invalid UTF-8 is never an error: each maximal ill-formed subpart (as
 *   Unicode's recommended practice and WHATWG define it) counts as one
 *   U+FFFD. Functions that measure or cut (width, length, word count,
 *   truncate) leave those bytes as they are; functions that write new text
 *   (NFC, slugify) write U+FFFD in their place, so their output is always
 *   valid UTF-8.
 * - snprintf style: a function with (char *out, size_t out_size) writes at
 *   most out_size bytes including a terminating NUL (nothing if out_size is
 *   0) and returns the length the full result has, in bytes, without the
 *   NUL. The result was complete if the return value < out_size. A result
 *   is never cut inside a UTF-8 sequence; a short buffer gets the longest
 *   prefix that ends on a character boundary.
 * - Allocating functions take a const postparse_allocator * (NULL = the C
 *   library's malloc/realloc/free), return POSTPARSE_ERR_NOMEM when a hook
 *   fails (with *out set to NULL) and hand back a NUL-terminated string of
 *   *out_len bytes that the caller frees with postparse_text_free().
 * - Character classes that Jekyll takes from Ruby (which characters are
 *   CJK, letters, digits, marks; lowercase mapping) follow Ruby 3.1's
 *   Unicode 13 tables, as Jekyll 4.3.1 does; NFC, grapheme clusters and
 *   widths follow utf8proc (Unicode 15 for utf8proc 2.8). */
#ifndef POSTPARSE_TEXT_H
#define POSTPARSE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <postparse/common.h>
#include <postparse/export.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Normalization ---------------------------------------------------- */

/* Unicode Normalization Form C of s: canonical decomposition, then
 * canonical composition (Hangul jamo L+V(+T) become one syllable, a kana
 * plus U+3099/U+309A becomes the voiced kana, e + U+0301 becomes U+00E9).
 * Compatibility characters are kept (full-width and half-width forms stay).
 * Time linear in len on any input, a long run of combining marks included.
 * *out (owned by the caller, free with postparse_text_free) receives
 * *out_len bytes plus a NUL. Returns POSTPARSE_OK, POSTPARSE_ERR_NOMEM, or
 * POSTPARSE_ERR_INVALID_ARGUMENT when out or out_len is NULL, or s is NULL
 * with len > 0. */
POSTPARSE_API postparse_status
postparse_text_nfc(const char *s, size_t len, const postparse_allocator *alloc,
                   char **out, size_t *out_len);

/* True when postparse_text_nfc would return exactly s (so a caller can skip
 * the copy). Invalid UTF-8 is never NFC (it would be replaced). Fast, with
 * no allocation, for text made of ASCII, Latin-1, kana, CJK ideographs,
 * precomposed Hangul and full-width forms; anything else is normalized with
 * the C library's malloc and compared (false if that memory runs out). */
POSTPARSE_API bool postparse_text_is_nfc(const char *s, size_t len);

/* Frees a string of len bytes (plus its NUL) that a postparse_text_
 * function allocated with the same allocator. NULL is ignored. */
POSTPARSE_API void postparse_text_free(const postparse_allocator *alloc,
                                       char *p, size_t len);

/* ---- Measuring -------------------------------------------------------- */

/* Units for lengths and limits (any other value counts code points). */
typedef enum postparse_text_unit {
    /* Unicode code points: what Ruby's String#length and Liquid's
     * `size` and `truncate` count. */
    POSTPARSE_TEXT_CODEPOINTS = 0,
    /* Extended grapheme clusters (user-perceived characters): an emoji ZWJ
     * family, a flag, e + combining acute, a decomposed Hangul syllable
     * each count one. */
    POSTPARSE_TEXT_GRAPHEMES = 1,
    /* Terminal display columns, as postparse_text_width counts them. */
    POSTPARSE_TEXT_COLUMNS = 2
} postparse_text_unit;

/* Display width of s in terminal columns, summed over grapheme clusters:
 * East Asian wide and fullwidth characters 2, other printable characters 1,
 * combining marks, zero-width and control characters (tab and newline
 * included) 0; an emoji sequence (ZWJ sequence, skin tone modifier,
 * regional-indicator flag, VS16 presentation, keycap) 2 per cluster, and a
 * Hangul syllable written as conjoining jamo 2. One line is assumed: a
 * caller wanting the widest line splits at newlines first. */
POSTPARSE_API uint64_t postparse_text_width(const char *s, size_t len);

/* Length of s in the given unit (for POSTPARSE_TEXT_COLUMNS, the width). */
POSTPARSE_API uint64_t postparse_text_length(const char *s, size_t len,
                                             postparse_text_unit unit);

/* ---- Truncation ------------------------------------------------------- */

/* The longest prefix of s that ends on a grapheme cluster boundary and
 * measures at most max in unit. Returns its length in bytes (a prefix of s:
 * no copy); *truncated (if not NULL) is set to whether bytes were left
 * out. A cluster is never cut, so the prefix may measure less than max. */
POSTPARSE_API size_t postparse_text_cut(const char *s, size_t len, uint64_t max,
                                        postparse_text_unit unit,
                                        bool *truncated);

/* s truncated to at most max in unit, never inside a grapheme cluster.
 * When s measures at most max it is copied whole. Otherwise the longest
 * whole-cluster prefix that leaves room for the ellipsis (ellipsis_len
 * bytes at ellipsis, measured in the same unit; NULL or 0 for none) is
 * followed by the ellipsis, as Liquid's truncate does; when the ellipsis
 * alone measures more than max it is left out, so the result never
 * measures more than max. Ill-formed bytes in s are copied as they are.
 * snprintf style (see the top of this header); returns bytes. */
POSTPARSE_API size_t postparse_text_truncate(
    const char *s, size_t len, uint64_t max, postparse_text_unit unit,
    const char *ellipsis, size_t ellipsis_len, char *out, size_t out_size);

/* ---- Words ------------------------------------------------------------ */

/* The modes of Jekyll's `number_of_words` filter (Jekyll 4.3). */
typedef enum postparse_text_word_mode {
    /* input.split.length: runs of characters other than ASCII whitespace
     * (space, \t, \n, \v, \f, \r). U+3000 and U+00A0 do not separate. */
    POSTPARSE_TEXT_WORDS_DEFAULT = 0,
    /* Each Han, Katakana, Hiragana or Hangul character is a word, plus each
     * run of other characters that are not ASCII whitespace. */
    POSTPARSE_TEXT_WORDS_CJK = 1,
    /* CJK when the text has any CJK character, else DEFAULT. */
    POSTPARSE_TEXT_WORDS_AUTO = 2
} postparse_text_word_mode;

/* Jekyll's number_of_words(s, mode). Any mode value other than CJK and
 * AUTO counts as DEFAULT, as Jekyll does for unknown mode strings. */
POSTPARSE_API uint64_t postparse_text_word_count(const char *s, size_t len,
                                                 postparse_text_word_mode mode);

/* "default", "cjk" or "auto" -> *mode; false (and *mode unchanged) for any
 * other name, which Jekyll counts as "default". name is NUL-terminated. */
POSTPARSE_API bool
postparse_text_word_mode_from_name(const char *name,
                                   postparse_text_word_mode *mode);

/* Reading time in whole minutes, rounded up: ceil(words /
 * words_per_minute); 0 words take 0 minutes. words_per_minute 0 means 200.
 * (Jekyll has no reading-time filter; themes divide number_of_words.) */
POSTPARSE_API uint64_t
postparse_text_reading_minutes(uint64_t words, unsigned words_per_minute);

/* ---- Streaming statistics --------------------------------------------- */

/* Counts for text that arrives in pieces (a body delivered in spans): feed
 * any chunking, even cutting UTF-8 sequences or grapheme clusters, and
 * the counts are those of the whole text. Opaque; one allocation, at
 * postparse_text_stats_new(), none while feeding. Read the counts after
 * postparse_text_stats_finish(). */
typedef struct postparse_text_stats postparse_text_stats;

/* What postparse_text_stats_counts() gives (owned by the stats object, so
 * that the struct can grow). */
typedef struct postparse_text_counts {
    uint64_t bytes;     /* bytes fed */
    uint64_t chars;     /* code points (U+FFFD per ill-formed subpart) */
    uint64_t graphemes; /* extended grapheme clusters */
    uint64_t width;     /* display columns, as postparse_text_width */
    uint64_t words;     /* number_of_words in DEFAULT mode */
    uint64_t cjk_chars; /* Han, Katakana, Hiragana, Hangul characters */
    /* Runs of other characters between CJK characters and ASCII
     * whitespace; number_of_words in CJK mode is cjk_chars + cjk_words
     * (postparse_text_stats_words gives it). */
    uint64_t cjk_words;
} postparse_text_counts;

/* A new, empty stats object in *out, allocated with alloc (NULL: the C
 * library; copied). Returns POSTPARSE_OK, POSTPARSE_ERR_NOMEM, or
 * POSTPARSE_ERR_INVALID_ARGUMENT (out NULL, an allocator with some hooks
 * NULL). On failure *out is NULL. */
POSTPARSE_API postparse_status postparse_text_stats_new(
    const postparse_allocator *alloc, postparse_text_stats **out);
/* NULL is ignored. */
POSTPARSE_API void postparse_text_stats_free(postparse_text_stats *st);
/* Back to empty, for the next text. */
POSTPARSE_API void postparse_text_stats_reset(postparse_text_stats *st);
/* Feeds len bytes (none after finish). */
POSTPARSE_API void postparse_text_stats_feed(postparse_text_stats *st,
                                             const char *s, size_t len);
/* Ends the text: an incomplete UTF-8 sequence at the end counts as U+FFFD
 * and the last cluster's width is added. Calling it again does nothing. */
POSTPARSE_API void postparse_text_stats_finish(postparse_text_stats *st);
/* The counts so far (complete after finish). */
POSTPARSE_API const postparse_text_counts *
postparse_text_stats_counts(const postparse_text_stats *st);
/* number_of_words of everything fed, in the given mode (after finish). */
POSTPARSE_API uint64_t postparse_text_stats_words(
    const postparse_text_stats *st, postparse_text_word_mode mode);

/* ---- Slugs ------------------------------------------------------------ */

/* The modes of Jekyll::Utils.slugify (Jekyll 4.3). */
typedef enum postparse_text_slug_mode {
    /* The text itself, only lowercased (unless cased); no hyphens. Jekyll
     * does this for "none" and for any mode name it does not know. */
    POSTPARSE_TEXT_SLUG_NONE = 0,
    /* Runs of ASCII whitespace become one hyphen. */
    POSTPARSE_TEXT_SLUG_RAW = 1,
    /* Runs of characters other than letters (\p{L}), marks (\p{M}) and
     * decimal digits (\p{Nd}) become one hyphen: CJK letters stay. */
    POSTPARSE_TEXT_SLUG_DEFAULT = 2,
    /* As DEFAULT, but also keeps ._~!$&'()+,;=@ */
    POSTPARSE_TEXT_SLUG_PRETTY = 3,
    /* Runs of characters other than A-Z a-z 0-9 become one hyphen. */
    POSTPARSE_TEXT_SLUG_ASCII = 4,
    /* I18n.transliterate first (the accented Latin letters of U+00C0 to
     * U+017E become ASCII, "Æ" "AE", "ß" "ss"; every other non-ASCII
     * character "?"), then DEFAULT. */
    POSTPARSE_TEXT_SLUG_LATIN = 5
} postparse_text_slug_mode;

/* Jekyll::Utils.slugify(s, mode:, cased:): after the replacement, one
 * leading and one trailing hyphen are removed, then the slug is lowercased
 * with Ruby's String#downcase unless cased. The result may be empty (Jekyll
 * warns then). A mode value outside the enum acts as NONE, as Jekyll does
 * for an unknown mode name. snprintf style; returns bytes. */
POSTPARSE_API size_t postparse_text_slugify(const char *s, size_t len,
                                            postparse_text_slug_mode mode,
                                            bool cased, char *out,
                                            size_t out_size);

/* The same, allocated (see the top of this header). */
POSTPARSE_API postparse_status postparse_text_slugify_alloc(
    const char *s, size_t len, postparse_text_slug_mode mode, bool cased,
    const postparse_allocator *alloc, char **out, size_t *out_len);

/* "none", "raw", "default", "pretty", "ascii" or "latin" -> *mode; false
 * (and *mode unchanged) for any other name. Jekyll treats unknown names as
 * "none", and a missing mode as "default". name is NUL-terminated. */
POSTPARSE_API bool
postparse_text_slug_mode_from_name(const char *name,
                                   postparse_text_slug_mode *mode);

/* ---- Escaping for display --------------------------------------------- */

/* s as text that is safe to print on a terminal or in a line of a log: it
 * cannot start a new line, send a terminal escape sequence or reorder what
 * follows it. Escaped, as C and JSON write them: LF, CR and tab as \n, \r,
 * \t; other C0 controls and DEL as \x1b; C1 controls (U+0080..U+009F) and
 * the characters that change how text is shown (bidirectional marks,
 * embeddings, overrides and isolates U+061C, U+200E, U+200F, U+202A..U+202E,
 * U+2066..U+2069; the separators U+2028, U+2029) as \u202e; each byte of
 * ill-formed UTF-8 as \xff. Everything else, backslashes included, is kept,
 * so that escaping twice changes nothing. snprintf style: the result is cut
 * only between whole characters and whole escapes. Every message of the
 * library (postparse_diagnostic.message, postparse_error.message) has been
 * through it. */
POSTPARSE_API size_t postparse_text_escape(const char *s, size_t len, char *out,
                                           size_t out_size);

#ifdef __cplusplus
}
#endif

#endif
