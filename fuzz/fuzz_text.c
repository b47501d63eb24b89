/* SPDX-License-Identifier: MIT */
/* The text layer on any bytes: every result is consistent with the others.
 * NFC is valid UTF-8, idempotent, agrees with utf8proc on valid input and
 * with postparse_text_is_nfc; streaming statistics fed in the tail's chunks
 * equal the whole-text measures; cut and truncate stay within their budget
 * and on character boundaries; slugs are the same through every entry
 * point, and an ASCII slug is [a-z0-9-] without edge or double hyphens.
 *
 * Flags (see fuzz_input.h): bits 0-1 the unit for cut and truncate, bits
 * 2-3 pick the slug modes tried with cased = false; the first chunk-size
 * byte (if any) is the budget. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <postparse/postparse.h>
#include <utf8proc.h>

#include "fuzz_input.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool valid_utf8(const char *s, size_t n)
{
    return postparse__utf8_valid_prefix((const uint8_t *)s, n) == n;
}

/* An snprintf-style result in out[out_size], against the full result: the
 * whole of it, or (short buffer) its longest prefix that ends on a
 * character boundary. Either may hold NUL bytes. */
static void check_written(const char *out, size_t out_size, const char *full,
                          size_t full_len)
{
    if (full_len < out_size) {
        CHECK(memcmp(out, full, full_len) == 0 && out[full_len] == '\0');
        return;
    }
    size_t p = out_size - 1;
    if (valid_utf8(full, full_len)) {
        while (p > 0 && ((unsigned char)full[p] & 0xC0) == 0x80)
            p--;
    } else {
        /* Boundaries are not defined in ill-formed bytes: any prefix. */
        for (p = 0; p < out_size - 1; p++)
            if (out[p] == '\0' && full[p] != '\0')
                break;
    }
    CHECK(out[p] == '\0' && memcmp(out, full, p) == 0);
}

static void check_nfc(const char *s, size_t len)
{
    char *nfc;
    size_t nfc_len;
    CHECK(postparse_text_nfc(s, len, NULL, &nfc, &nfc_len) == POSTPARSE_OK);
    CHECK(nfc[nfc_len] == '\0' && valid_utf8(nfc, nfc_len));
    bool same = nfc_len == len && memcmp(nfc, s, len) == 0;
    CHECK(postparse_text_is_nfc(s, len) == same);
    CHECK(postparse_text_is_nfc(nfc, nfc_len));
    char *again;
    size_t again_len;
    CHECK(postparse_text_nfc(nfc, nfc_len, NULL, &again, &again_len) ==
          POSTPARSE_OK);
    CHECK(again_len == nfc_len && memcmp(again, nfc, nfc_len) == 0);
    postparse_text_free(NULL, again, again_len);
    /* utf8proc stops at a NUL; compare text without one. */
    if (valid_utf8(s, len) && !memchr(s, '\0', len)) {
        utf8proc_uint8_t *ref = NULL;
        utf8proc_ssize_t n =
            utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
                         &ref, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        CHECK(n >= 0);
        CHECK((size_t)n == nfc_len && memcmp(ref, nfc, nfc_len) == 0);
        free(ref);
    }
    postparse_text_free(NULL, nfc, nfc_len);
}

/* Fed in the tail's chunks (cutting characters and clusters anywhere), the
 * counts are those of the whole text. */
static void check_stats(const fuzz_input *in, const char *s, size_t len)
{
    postparse_text_stats *stats = NULL;
    /* Out of memory is no finding. */
    if (postparse_text_stats_new(NULL, &stats) != POSTPARSE_OK)
        return;
    size_t at = 0;
    for (size_t k = 0; at < len; k++) {
        size_t n = in->sizes_len ? in->sizes[k % in->sizes_len] % 17 : 1;
        if (n == 0) {
            postparse_text_stats_feed(stats, s + at, 0);
            n = 1;
        }
        if (n > len - at)
            n = len - at;
        postparse_text_stats_feed(stats, s + at, n);
        at += n;
    }
    postparse_text_stats_finish(stats);
    const postparse_text_counts st = *postparse_text_stats_counts(stats);
    CHECK(st.bytes == len);
    CHECK(st.chars == postparse_text_length(s, len, POSTPARSE_TEXT_CODEPOINTS));
    CHECK(st.graphemes ==
          postparse_text_length(s, len, POSTPARSE_TEXT_GRAPHEMES));
    CHECK(st.width == postparse_text_width(s, len));
    CHECK(st.width == postparse_text_length(s, len, POSTPARSE_TEXT_COLUMNS));
    CHECK(st.words ==
          postparse_text_word_count(s, len, POSTPARSE_TEXT_WORDS_DEFAULT));
    CHECK(st.cjk_chars + st.cjk_words ==
          postparse_text_word_count(s, len, POSTPARSE_TEXT_WORDS_CJK));
    CHECK(postparse_text_stats_words(stats, POSTPARSE_TEXT_WORDS_CJK) ==
          postparse_text_word_count(s, len, POSTPARSE_TEXT_WORDS_CJK));
    CHECK(postparse_text_stats_words(stats, POSTPARSE_TEXT_WORDS_AUTO) ==
          postparse_text_word_count(s, len, POSTPARSE_TEXT_WORDS_AUTO));
    CHECK(st.graphemes <= st.chars && st.chars <= len);
    postparse_text_stats_free(stats);
}

static void check_cut(const char *s, size_t len, uint64_t max,
                      postparse_text_unit unit)
{
    bool truncated;
    size_t cut = postparse_text_cut(s, len, max, unit, &truncated);
    CHECK(cut <= len && truncated == (cut < len));
    CHECK(postparse_text_length(s, cut, unit) <= max);
    if (valid_utf8(s, len))
        CHECK(valid_utf8(s, cut));

    static const char ellipsis[] = "\xE2\x80\xA6";
    char out[512];
    size_t full = postparse_text_truncate(s, len, max, unit, ellipsis, 3, out,
                                          sizeof out);
    if (full < sizeof out) {
        CHECK(out[full] == '\0');
        CHECK(postparse_text_length(out, full, unit) <= max);
        if (postparse_text_length(s, len, unit) <= max)
            CHECK(full == len && memcmp(out, s, len) == 0);
        char small[8];
        memset(small, 0x55, sizeof small);
        size_t again = postparse_text_truncate(s, len, max, unit, ellipsis, 3,
                                               small, sizeof small);
        CHECK(again == full);
        check_written(small, sizeof small, out, full);
    }
}

static void check_slug(const char *s, size_t len, postparse_text_slug_mode mode,
                       bool cased)
{
    char *slug;
    size_t slug_len;
    CHECK(postparse_text_slugify_alloc(s, len, mode, cased, NULL, &slug,
                                       &slug_len) == POSTPARSE_OK);
    CHECK(slug[slug_len] == '\0' && valid_utf8(slug, slug_len));
    char out[64];
    memset(out, 0x55, sizeof out);
    size_t full = postparse_text_slugify(s, len, mode, cased, out, sizeof out);
    CHECK(full == slug_len);
    check_written(out, sizeof out, slug, slug_len);
    if (mode == POSTPARSE_TEXT_SLUG_ASCII && slug_len > 0) {
        CHECK(slug[0] != '-' && slug[slug_len - 1] != '-');
        for (size_t i = 0; i < slug_len; i++) {
            char c = slug[i];
            CHECK((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                  (cased && c >= 'A' && c <= 'Z') || c == '-');
            CHECK(!(c == '-' && i > 0 && slug[i - 1] == '-'));
        }
    }
    postparse_text_free(NULL, slug, slug_len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in;
    fuzz_input_split(&in, data, size);
    const char *s = (const char *)in.doc;
    size_t len = in.doc_len;
    check_nfc(s, len);
    check_stats(&in, s, len);
    uint64_t max = in.sizes_len ? in.sizes[0] % 40 : 10;
    check_cut(s, len, max, (postparse_text_unit)(in.flags & 3));
    for (int mode = (int)(in.flags >> 2 & 3); mode <= POSTPARSE_TEXT_SLUG_LATIN;
         mode += 2) {
        check_slug(s, len, (postparse_text_slug_mode)mode, false);
        check_slug(s, len, (postparse_text_slug_mode)mode, true);
    }
    return 0;
}
