/* SPDX-License-Identifier: MIT */
/* Byte ranges of scalars and edits of them (<postparse/edit.h>). The value
 * tree keeps where a node starts; where a scalar ends is found again in the
 * text, for the simple forms only, and checked against the value's text,
 * so that an edit never lands on bytes that are not the value. */
#include <postparse/postparse.h>

#include <string.h>

#include "alloc.h"
#include "base_ctype.h"
#include "edit_span.h"

/* The end of a plain scalar that starts at s: the end of its line, before
 * a comment (" #") and trailing blanks; false when the next line continues
 * it (indented, not blank, not a comment). */
static bool plain_end(const char *text, size_t len, size_t s, size_t *end)
{
    size_t e = s;
    while (e < len && !postparse__is_break(text[e]) &&
           !(text[e] == '#' && e > s && postparse__is_blank(text[e - 1])))
        e++;
    size_t line_end = e;
    while (line_end < len && !postparse__is_break(text[line_end]))
        line_end++;
    while (e > s && postparse__is_blank(text[e - 1]))
        e--;
    size_t n = line_end;
    if (n < len && text[n] == '\r')
        n++;
    if (n < len && text[n] == '\n')
        n++;
    if (n < len && postparse__is_blank(text[n])) {
        size_t k = n;
        while (k < len && postparse__is_blank(text[k]))
            k++;
        if (k < len && !postparse__is_break(text[k]) && text[k] != '#')
            return false; /* continued on the next line */
    }
    *end = e;
    return e > s;
}

bool postparse_scalar_span(const char *text, size_t len,
                           const postparse_value *value, uint64_t *start,
                           uint64_t *end)
{
    return postparse__scalar_span_at(text, len, 0, value, start, end);
}

bool postparse__scalar_span_at(const char *text, size_t len, uint64_t base,
                               const postparse_value *value, uint64_t *start,
                               uint64_t *end)
{
    size_t vlen;
    const char *vtext = postparse_value_text(value, &vlen);
    postparse_value_kind k = postparse_value_kind_of(value);
    if (!text || !vtext || postparse_value_tag(value) ||
        k == POSTPARSE_VALUE_SEQUENCE || k == POSTPARSE_VALUE_MAPPING)
        return false;
    uint64_t s64 = postparse_value_pos(value).offset;
    if (s64 < base || s64 - base >= len)
        return false;
    s64 -= base;
    size_t s = (size_t)s64, e;
    char q = text[s];
    if (q == '"' || q == '\'') {
        if (!postparse_value_is_quoted(value))
            return false;
        e = s + 1;
        while (e < len && text[e] != q && !postparse__is_break(text[e]) &&
               !(q == '"' && text[e] == '\\'))
            e++;
        if (e >= len || text[e] != q ||
            (q == '\'' && e + 1 < len && text[e + 1] == '\''))
            return false;
        if (e - s - 1 != vlen || memcmp(text + s + 1, vtext, vlen) != 0)
            return false;
        e++;
    } else {
        if (postparse_value_is_quoted(value) || q == '&' || q == '!' ||
            q == '|' || q == '>' || q == '*' || q == '[' || q == '{' ||
            !plain_end(text, len, s, &e))
            return false;
        if (e - s != vlen || memcmp(text + s, vtext, vlen) != 0)
            return false;
    }
    *start = s;
    *end = e;
    return true;
}

postparse_status postparse_edit_apply(const char *text, size_t len,
                                      const postparse_edit *edits, size_t count,
                                      const postparse_allocator *allocator,
                                      char **out, size_t *out_len)
{
    postparse_allocator a = {0};
    if (allocator)
        a = *allocator;
    if (!out || !out_len || (!text && len) || (!edits && count) ||
        !postparse__allocator_valid(&a))
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    *out = NULL;
    *out_len = 0;
    size_t total = len, at = 0;
    for (size_t i = 0; i < count; i++) {
        const postparse_edit *ed = &edits[i];
        if (ed->offset < at || ed->offset > len ||
            ed->length > len - ed->offset || (!ed->text && ed->text_len))
            return POSTPARSE_ERR_INVALID_ARGUMENT;
        at = (size_t)(ed->offset + ed->length);
        if (ed->text_len > SIZE_MAX - total - 1)
            return POSTPARSE_ERR_NOMEM;
        total = total - (size_t)ed->length + ed->text_len;
    }
    char *buf = postparse__malloc(&a, total + 1);
    if (!buf)
        return POSTPARSE_ERR_NOMEM;
    size_t o = 0;
    at = 0;
    for (size_t i = 0; i < count; i++) {
        size_t off = (size_t)edits[i].offset;
        memcpy(buf + o, text + at, off - at);
        o += off - at;
        if (edits[i].text_len)
            memcpy(buf + o, edits[i].text, edits[i].text_len);
        o += edits[i].text_len;
        at = off + (size_t)edits[i].length;
    }
    if (len > at)
        memcpy(buf + o, text + at, len - at);
    o += len - at;
    buf[o] = '\0';
    *out = buf;
    *out_len = o;
    return POSTPARSE_OK;
}

void postparse_edit_free(char *buffer, size_t len,
                         const postparse_allocator *allocator)
{
    postparse_allocator a = {0};
    if (allocator)
        a = *allocator;
    if (buffer)
        postparse__free(&a, buffer, len + 1);
}
