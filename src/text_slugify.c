/* SPDX-License-Identifier: MIT */
/* Jekyll::Utils.slugify (Jekyll 4.3.1):
 *   return cased ? string : string.downcase unless mode is a known one
 *   string = I18n.transliterate(string) if mode == "latin"
 *   slug = string.gsub(<mode's class of replaceable characters>+, "-")
 *   slug.gsub!(/^-|-$/i, "")     # one leading and one trailing hyphen
 *   slug.downcase! unless cased
 * The replacement leaves no line breaks, so ^ and $ are the slug's ends. */
#include <postparse/text.h>

#include <string.h>
#include <utf8proc.h>

#include "alloc.h"
#include "base_array.h"
#include "text_decode.h"
#include "text_sink.h"
#include "text_tables.h"

typedef struct slugger {
    postparse__text_sink *sink;
    postparse_text_slug_mode mode;
    bool cased;
    bool in_run; /* inside a run of replaceable characters */
    bool first;  /* nothing produced yet: a hyphen here is dropped */
    bool held;   /* a hyphen is waiting: dropped if it ends the slug */
} slugger;

/* Ruby's String#downcase (full mapping, Ruby's Unicode version). */
static void put_lower(postparse__text_sink *k, uint32_t cp, bool cased)
{
    if (cased) {
        postparse__text_sink_put_cp(k, cp);
        return;
    }
    if (cp < 0x80) {
        char c = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
        postparse__text_sink_put(k, &c, 1);
        return;
    }
    size_t lo = 0, hi = postparse__text_lower_exceptions_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const postparse__text_lower_exception *e =
            &postparse__text_lower_exceptions[mid];
        if (cp < e->cp) {
            hi = mid;
        } else if (cp > e->cp) {
            lo = mid + 1;
        } else {
            postparse__text_sink_put_cp(k, e->lower[0]);
            if (e->lower[1] != 0)
                postparse__text_sink_put_cp(k, e->lower[1]);
            return;
        }
    }
    postparse__text_sink_put_cp(
        k, (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp));
}

static bool is_slug_letter(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
               (cp >= '0' && cp <= '9');
    return postparse__text_in_ranges(postparse__text_slug_ranges,
                                     postparse__text_slug_ranges_count, cp);
}

static bool replaceable(postparse_text_slug_mode mode, uint32_t cp)
{
    switch (mode) {
    case POSTPARSE_TEXT_SLUG_RAW:
        return cp == ' ' || (cp >= '\t' && cp <= '\r');
    case POSTPARSE_TEXT_SLUG_PRETTY:
        return !is_slug_letter(cp) &&
               !(cp < 0x80 && cp != 0 && strchr("._~!$&'()+,;=@", (int)cp));
    case POSTPARSE_TEXT_SLUG_ASCII:
        return !(cp < 0x80 && is_slug_letter(cp));
    default:
        return !is_slug_letter(cp);
    }
}

/* A character of the slug after replacement, with the ^- and -$ rule. */
static void emit(slugger *g, uint32_t cp)
{
    bool first = g->first;
    g->first = false;
    if (cp == '-' && first)
        return;
    if (g->held) {
        postparse__text_sink_put(g->sink, POSTPARSE__LIT("-"));
        g->held = false;
    }
    if (cp == '-')
        g->held = true;
    else
        put_lower(g->sink, cp, g->cased);
}

static void replace(slugger *g, uint32_t cp)
{
    if (replaceable(g->mode, cp)) {
        g->in_run = true;
        return;
    }
    if (g->in_run) {
        emit(g, '-');
        g->in_run = false;
    }
    emit(g, cp);
}

/* I18n.transliterate with its default approximations: "?" for everything
 * non-ASCII it has no approximation for. */
static void transliterate(slugger *g, uint32_t cp)
{
    if (cp < 0x80) {
        replace(g, cp);
        return;
    }
    const char *a = "?";
    if (cp >= postparse__text_latin_first &&
        cp - postparse__text_latin_first < postparse__text_latin_count &&
        postparse__text_latin_approx[cp - postparse__text_latin_first][0])
        a = postparse__text_latin_approx[cp - postparse__text_latin_first];
    for (; *a != '\0'; a++)
        replace(g, (uint32_t)(unsigned char)*a);
}

size_t postparse_text_slugify(const char *s, size_t len,
                              postparse_text_slug_mode mode, bool cased,
                              char *out, size_t out_size)
{
    const uint8_t *u = (const uint8_t *)s;
    postparse__text_sink sink;
    slugger g = {&sink, mode, cased, false, true, false};

    postparse__text_sink_init(&sink, out, out_size);
    for (size_t i = 0; i < len;) {
        uint32_t cp = u[i] < 0x80 ? u[i++] : postparse__text_next(u, len, &i);
        switch (mode) {
        case POSTPARSE_TEXT_SLUG_RAW:
        case POSTPARSE_TEXT_SLUG_DEFAULT:
        case POSTPARSE_TEXT_SLUG_PRETTY:
        case POSTPARSE_TEXT_SLUG_ASCII:
            replace(&g, cp);
            break;
        case POSTPARSE_TEXT_SLUG_LATIN:
            transliterate(&g, cp);
            break;
        default:
            put_lower(&sink, cp, cased);
            break;
        }
    }
    /* A run at the end becomes a hyphen, held and so removed by -$; a
     * hyphen held before it is then written. */
    if (g.in_run)
        emit(&g, '-');
    return postparse__text_sink_end(&sink);
}

postparse_status postparse_text_slugify_alloc(const char *s, size_t len,
                                              postparse_text_slug_mode mode,
                                              bool cased,
                                              const postparse_allocator *alloc,
                                              char **out, size_t *out_len)
{
    if (out == NULL || out_len == NULL || (s == NULL && len > 0))
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    *out = NULL;
    *out_len = 0;
    size_t n = postparse_text_slugify(s, len, mode, cased, NULL, 0);
    char *p = postparse__malloc(alloc, n + 1);
    if (p == NULL)
        return POSTPARSE_ERR_NOMEM;
    postparse_text_slugify(s, len, mode, cased, p, n + 1);
    *out = p;
    *out_len = n;
    return POSTPARSE_OK;
}

bool postparse_text_slug_mode_from_name(const char *name,
                                        postparse_text_slug_mode *mode)
{
    static const char *const names[] = {"none",   "raw",   "default",
                                        "pretty", "ascii", "latin"};

    for (size_t i = 0; name != NULL && i < sizeof names / sizeof names[0];
         i++) {
        if (strcmp(name, names[i]) == 0) {
            *mode = (postparse_text_slug_mode)i;
            return true;
        }
    }
    return false;
}
