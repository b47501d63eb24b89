/* SPDX-License-Identifier: MIT */
/* Document#populate_title: the file name gives the date (DATE_FILENAME_
 * MATCHER), the slug (its middle part, or the name without its extension),
 * and the title when the front matter has none (Utils.titleize_slug: split
 * on '-', String#capitalize each part, join with spaces). */
#include "post.h"

#include <string.h>
#include <utf8proc.h>

#include "base_array.h"
#include "value.h"

const char *postparse__post_basename(const char *path, size_t *len)
{
    if (!path) {
        *len = 0;
        return "";
    }
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    *len = strlen(name);
    return name;
}

/* EntryFilter#filter on the name alone: "." at the end, a special leading
 * character or a backup "~" at the end reject it (".htaccess" is included
 * by default, but cannot match the date pattern). */
bool postparse__post_name_passes_filter(const char *name, size_t len)
{
    if (len == 0 || name[len - 1] == '.' || name[len - 1] == '~')
        return false;
    return !strchr("._#~", name[0]);
}

/* Ruby's String#capitalize uses Unicode's full case mappings
 * (SpecialCasing.txt), which utf8proc's simple mappings lack: the
 * unconditional ones a slug can hold. */
static const struct {
    utf8proc_int32_t c;
    bool title; /* title case (first character) or lower case (the rest) */
    const char *to;
} special_cases[] = {
    {0x00DF, true, "Ss"},        {0x0149, true, "\xCA\xBCN"},
    {0x01F0, true, "J\xCC\x8C"}, {0x0587, true, "\xD4\xB5\xD6\x82"},
    {0xFB00, true, "Ff"},        {0xFB01, true, "Fi"},
    {0xFB02, true, "Fl"},        {0xFB03, true, "Ffi"},
    {0xFB04, true, "Ffl"},       {0xFB05, true, "St"},
    {0xFB06, true, "St"},        {0x0130, false, "i\xCC\x87"},
};

/* One code point, title-cased or lower-cased, appended as UTF-8. */
static bool append_mapped(postparse__buffer *b, const postparse_allocator *a,
                          utf8proc_int32_t c, bool title)
{
    for (size_t i = 0; i < sizeof(special_cases) / sizeof(*special_cases); i++)
        if (special_cases[i].c == c && special_cases[i].title == title)
            return postparse__buffer_append(b, a, special_cases[i].to,
                                            strlen(special_cases[i].to));
    utf8proc_int32_t m = title ? utf8proc_totitle(c) : utf8proc_tolower(c);
    utf8proc_uint8_t out[4];
    utf8proc_ssize_t n = utf8proc_encode_char(m, out);
    return postparse__buffer_append(b, a, out, (size_t)n);
}

/* String#capitalize of s[0..n): the first character title-cased, the rest
 * lower-cased; bytes that are not UTF-8 are kept as they are. */
static bool capitalize(postparse__buffer *b, const postparse_allocator *a,
                       const char *s, size_t n)
{
    size_t i = 0;
    bool first = true;
    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &c);
        if (k <= 0) {
            if (!postparse__buffer_append(b, a, s + i, 1))
                return false;
            i++;
        } else {
            if (!append_mapped(b, a, c, first))
                return false;
            i += (size_t)k;
        }
        first = false;
    }
    return true;
}

/* Utils.titleize_slug. Ruby's split("-") drops trailing empty parts. */
static bool titleize(postparse__buffer *b, const postparse_allocator *a,
                     const char *slug, size_t n)
{
    while (n > 0 && slug[n - 1] == '-')
        n--;
    size_t start = 0;
    for (size_t i = 0; i <= n && n > 0; i++) {
        if (i < n && slug[i] != '-')
            continue;
        if (start > 0 && !postparse__buffer_append(b, a, POSTPARSE__LIT(" ")))
            return false;
        if (!capitalize(b, a, slug + start, i - start))
            return false;
        start = i + 1;
    }
    return postparse__buffer_reserve(b, a, 0);
}

postparse_status postparse__post_slug_title(postparse_post *post,
                                            const postparse__post_input *in,
                                            const postparse_value *data,
                                            const char **name_date,
                                            size_t *name_date_len)
{
    size_t n;
    const char *name = postparse__post_basename(in->path, &n);
    const char *slug = name;
    size_t slug_len = n;
    postparse_filename_date f;
    *name_date = NULL;
    *name_date_len = 0;
    if (postparse_filename_date_match(name, n, &f)) {
        *name_date = name + f.date_offset;
        *name_date_len = f.date_length;
        slug = name + f.slug_offset;
        slug_len = f.slug_length;
        postparse_status st =
            postparse__post_date_filename(post, in, *name_date, f.date_length);
        if (st != POSTPARSE_OK || post->error.fatal)
            return st;
    } else {
        /* DATELESS_FILENAME_MATCHER's slug, or basename_without_ext: the
         * name up to its last dot when a non-dot follows it. */
        const char *dot = NULL;
        for (size_t i = n; i > 0 && !dot; i--)
            if (name[i - 1] == '.')
                dot = name + i - 1;
        if (dot && dot + 1 < name + n)
            slug_len = (size_t)(dot - name);
        else if (dot && dot > name)
            slug_len = (size_t)(dot - name);
    }
    while (slug_len > 0 && slug[slug_len - 1] == '.')
        slug_len--;

    const postparse_value *title =
        postparse_value_get(data, POSTPARSE__LIT("title"));
    if (postparse__ruby_truthy(title)) {
        post->title = title;
    } else {
        postparse__buffer b = {0};
        bool ok = titleize(&b, post->alloc, slug, slug_len);
        post->title =
            ok ? postparse__post_string(post, b.len ? b.data : "", b.len)
               : NULL;
        postparse__buffer_free(&b, post->alloc);
        if (!post->title)
            return POSTPARSE_ERR_NOMEM;
    }
    const postparse_value *fm_slug =
        postparse_value_get(data, POSTPARSE__LIT("slug"));
    if (postparse__ruby_truthy(fm_slug)) {
        post->slug = fm_slug;
    } else {
        post->slug = postparse__post_string(post, slug, slug_len);
        if (!post->slug)
            return POSTPARSE_ERR_NOMEM;
    }
    return POSTPARSE_OK;
}
