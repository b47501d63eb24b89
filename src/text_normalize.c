/* SPDX-License-Identifier: MIT */
#include <postparse/text.h>

#include <string.h>
#include <utf8proc.h>

#include "alloc.h"
#include "text_decode.h"

#define NFC_OPTIONS (UTF8PROC_STABLE | UTF8PROC_COMPOSE)

/* Characters whose NFC quick check is Yes and whose combining class is 0
 * in the blocks posts are mostly written in: Latin-1 and Latin Extended,
 * general punctuation, CJK punctuation, kana, CJK ideographs, precomposed
 * Hangul, full-width and half-width forms. A string made only of these is
 * already NFC. Left out on purpose: U+2000..U+200F (U+2000 and U+2001
 * decompose canonically), U+302A..U+302F and U+3099..U+309A (combining). */
static bool nfc_quick_yes(uint32_t cp)
{
    return cp < 0x300 || (cp >= 0x2010 && cp <= 0x2027) ||
           (cp >= 0x2030 && cp <= 0x205E) || (cp >= 0x3000 && cp <= 0x3029) ||
           (cp >= 0x3030 && cp <= 0x3098) || (cp >= 0x309B && cp <= 0x30FF) ||
           (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xFF00 && cp <= 0xFFEF);
}

/* 0: NFC already; 1: valid but needs normalizing; 2: ill-formed. */
static int nfc_scan(const uint8_t *s, size_t len)
{
    if (postparse__utf8_valid_prefix(s, len) != len)
        return 2;
    for (size_t i = 0; i < len;) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        if (!nfc_quick_yes(postparse__text_next(s, len, &i)))
            return 1;
    }
    return 0;
}

static postparse_status copy_out(const postparse_allocator *alloc,
                                 const char *s, size_t len, char **out,
                                 size_t *out_len)
{
    char *p = postparse__malloc(alloc, len + 1);
    if (p == NULL)
        return POSTPARSE_ERR_NOMEM;
    if (len > 0)
        memcpy(p, s, len);
    p[len] = '\0';
    *out = p;
    *out_len = len;
    return POSTPARSE_OK;
}

/* The code point buffer doubles as utf8proc_reencode's byte output, which
 * needs one byte more than 4 per code point for its NUL. */
static size_t buffer_bytes(size_t cap)
{
    return cap * sizeof(utf8proc_int32_t) + 1;
}

static bool reserve(const postparse_allocator *alloc, utf8proc_int32_t **buf,
                    size_t *cap, size_t need)
{
    if (need <= *cap)
        return true;
    size_t ncap = *cap + *cap / 2;
    if (ncap < need)
        ncap = need;
    if (ncap > (SIZE_MAX - 1) / sizeof(utf8proc_int32_t) ||
        ncap > (size_t)PTRDIFF_MAX)
        return false;
    void *p =
        postparse__realloc(alloc, *buf, buffer_bytes(*cap), buffer_bytes(ncap));
    if (p == NULL)
        return false;
    *buf = p;
    *cap = ncap;
    return true;
}

/* Appends the canonical decomposition of each code point of the
 * well-formed run s[0..len) to *buf, in input order: the canonical
 * ordering is sort_marks' job. (utf8proc_decompose_custom would do both,
 * but its ordering is an insertion sort over the whole buffer, quadratic in
 * a run of combining marks: 256 KB of alternating U+0301 U+0316 took 26 s.) */
static bool decompose_run(const postparse_allocator *alloc, const uint8_t *s,
                          size_t len, utf8proc_int32_t **buf, size_t *cap,
                          size_t *n)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp = postparse__text_next(s, len, &i);
        for (;;) {
            utf8proc_ssize_t room = (utf8proc_ssize_t)(*cap - *n);
            utf8proc_ssize_t r = utf8proc_decompose_char(
                (utf8proc_int32_t)cp, *buf + *n, room, NFC_OPTIONS, NULL);
            if (r < 0)
                return false;
            if (r <= room) {
                *n += (size_t)r;
                break;
            }
            if (!reserve(alloc, buf, cap, *n + (size_t)r))
                return false;
        }
    }
    return true;
}

static int ccc(utf8proc_int32_t cp)
{
    return utf8proc_get_property(cp)->combining_class;
}

/* Stable counting sort of run[0..k) by combining class (1..254), through
 * tmp[0..k): two passes over the run whatever its order. */
static void count_sort_marks(utf8proc_int32_t *run, utf8proc_int32_t *tmp,
                             size_t k)
{
    size_t start[257] = {0};

    for (size_t j = 0; j < k; j++)
        start[ccc(run[j]) + 1]++;
    for (size_t c = 1; c < 257; c++)
        start[c] += start[c - 1];
    for (size_t j = 0; j < k; j++)
        tmp[start[ccc(run[j])]++] = run[j];
    memcpy(run, tmp, k * sizeof *run);
}

/* Canonical ordering (Unicode 3.11): each maximal run of non-starters
 * (combining class > 0) sorted by class, stably. A stable sort has one
 * result, so this is exactly what utf8proc's ordering gives; runs of up to
 * SHORT_RUN marks (every run in real text: UAX #15's stream-safe format
 * allows 30) take the same insertion sort, longer ones a counting sort, so
 * a hostile run costs O(k) instead of O(k^2). Returns false when the
 * counting sort's scratch cannot be allocated. */
#define SHORT_RUN 32

static bool sort_marks(const postparse_allocator *alloc, utf8proc_int32_t *buf,
                       size_t n)
{
    utf8proc_int32_t *tmp = NULL;
    size_t tmp_cap = 0;
    bool ok = true;

    for (size_t i = 0; i < n;) {
        if (ccc(buf[i]) == 0) {
            i++;
            continue;
        }
        size_t start = i;
        while (i < n && ccc(buf[i]) != 0)
            i++;
        size_t k = i - start;
        utf8proc_int32_t *run = buf + start;
        if (k <= SHORT_RUN) {
            for (size_t j = 1; j < k; j++) {
                utf8proc_int32_t c = run[j];
                int cc = ccc(c);
                size_t m = j;
                for (; m > 0 && ccc(run[m - 1]) > cc; m--)
                    run[m] = run[m - 1];
                run[m] = c;
            }
            continue;
        }
        if (k > tmp_cap) {
            void *p = postparse__realloc(alloc, tmp, tmp_cap * sizeof *tmp,
                                         k * sizeof *tmp);
            if (p == NULL) {
                ok = false;
                break;
            }
            tmp = p;
            tmp_cap = k;
        }
        count_sort_marks(run, tmp, k);
    }
    postparse__free(alloc, tmp, tmp_cap * sizeof *tmp);
    return ok;
}

/* Canonically decomposes (and reorders) s into *buf, one well-formed run at
 * a time with U+FFFD for each ill-formed subpart between runs: U+FFFD is a
 * starter, so nothing reorders or composes across it. Returns the code
 * point count or -1 when memory runs out. */
static ptrdiff_t decompose(const postparse_allocator *alloc, const uint8_t *s,
                           size_t len, utf8proc_int32_t **buf, size_t *cap)
{
    size_t n = 0;

    for (size_t i = 0; i < len;) {
        size_t run = postparse__utf8_valid_prefix(s + i, len - i);
        if (run > 0 && !decompose_run(alloc, s + i, run, buf, cap, &n))
            return -1;
        i += run;
        if (i == len)
            break;
        size_t bad;
        postparse__utf8_classify(s + i, len - i, &bad);
        i += bad;
        if (!reserve(alloc, buf, cap, n + 1))
            return -1;
        (*buf)[n++] = (utf8proc_int32_t)POSTPARSE__REPLACEMENT;
    }
    if (!sort_marks(alloc, *buf, n))
        return -1;
    return (ptrdiff_t)n;
}

postparse_status postparse_text_nfc(const char *s, size_t len,
                                    const postparse_allocator *alloc,
                                    char **out, size_t *out_len)
{
    if (out == NULL || out_len == NULL || (s == NULL && len > 0))
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    *out = NULL;
    *out_len = 0;
    const uint8_t *u = (const uint8_t *)s;
    if (nfc_scan(u, len) == 0)
        return copy_out(alloc, s, len, out, out_len);

    /* Most text decomposes into at most one code point per byte; the
     * decomposer says when it needs more. */
    size_t cap = len + 8;
    if (cap > (SIZE_MAX - 1) / sizeof(utf8proc_int32_t))
        return POSTPARSE_ERR_NOMEM;
    utf8proc_int32_t *buf = postparse__malloc(alloc, buffer_bytes(cap));
    if (buf == NULL)
        return POSTPARSE_ERR_NOMEM;
    ptrdiff_t n = decompose(alloc, u, len, &buf, &cap);
    if (n < 0) {
        postparse__free(alloc, buf, buffer_bytes(cap));
        return POSTPARSE_ERR_NOMEM;
    }
    utf8proc_ssize_t bytes =
        utf8proc_reencode(buf, (utf8proc_ssize_t)n, NFC_OPTIONS);
    if (bytes < 0) {
        postparse__free(alloc, buf, buffer_bytes(cap));
        return POSTPARSE_ERR_NOMEM;
    }
    char *p =
        postparse__realloc(alloc, buf, buffer_bytes(cap), (size_t)bytes + 1);
    if (p == NULL) {
        /* A hook that cannot shrink: copy to an exact block instead, so the
         * caller frees what it was told it got. */
        postparse_status st =
            copy_out(alloc, (const char *)buf, (size_t)bytes, out, out_len);
        postparse__free(alloc, buf, buffer_bytes(cap));
        return st;
    }
    *out = p;
    *out_len = (size_t)bytes;
    return POSTPARSE_OK;
}

bool postparse_text_is_nfc(const char *s, size_t len)
{
    int verdict = nfc_scan((const uint8_t *)s, len);
    if (verdict != 1)
        return verdict == 0;
    char *nfc;
    size_t nfc_len;
    if (postparse_text_nfc(s, len, NULL, &nfc, &nfc_len) != POSTPARSE_OK)
        return false;
    bool same = nfc_len == len && memcmp(nfc, s, len) == 0;
    postparse_text_free(NULL, nfc, nfc_len);
    return same;
}

void postparse_text_free(const postparse_allocator *alloc, char *p, size_t len)
{
    if (p != NULL)
        postparse__free(alloc, p, len + 1);
}
