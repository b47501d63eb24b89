/* SPDX-License-Identifier: MIT */
/* What the built-in rules question in a string that Jekyll takes without a
 * word: control characters (which reach the page as they are), a layout
 * that is a path, a tag or category that becomes more or less than one
 * folder of a URL, a NEL in the YAML text (which libyaml reads as a line
 * break, so the value no longer holds it), and a taxonomy list that
 * contains itself (Array#flatten raises). schema.c reports them. */
#include "schema.h"

#include <stdio.h>
#include <string.h>

#include "position.h"
#include "value.h"

bool postparse__schema_control_find(const char *s, size_t len, uint32_t *cp,
                                    size_t *index)
{
    size_t chars = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)s[i];
        uint32_t c = 0;
        bool found = false;
        if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
            c = b;
            found = true;
        } else if (b == 0xC2 && i + 1 < len &&
                   (unsigned char)s[i + 1] >= 0x80 &&
                   (unsigned char)s[i + 1] <= 0x9F) {
            /* U+0080..U+009F, C1: two bytes in UTF-8. */
            c = (unsigned char)s[i + 1];
            found = true;
        }
        if (found) {
            *cp = c;
            *index = chars + 1;
            return true;
        }
        chars += (b & 0xC0) != 0x80;
    }
    return false;
}

void postparse__schema_control_name(uint32_t cp, char *buf, size_t size)
{
    const char *name = cp == 0      ? " (NUL)"
                       : cp == 0x1B ? " (ESC)"
                       : cp == 0x85 ? " (NEL, next line)"
                       : cp < 0x20  ? " (a C0 control)"
                                    : " (a C1 control)";
    snprintf(buf, size, "U+%04X%s", (unsigned)cp, name);
}

postparse__name_problem postparse__schema_layout_problem(const char *s,
                                                         size_t len)
{
    if (len == 0)
        return POSTPARSE__NAME_OK; /* empty-string says it */
    bool slash = memchr(s, '/', len) || memchr(s, '\\', len);
    bool dots = (len == 1 && s[0] == '.') ||
                (len >= 2 && s[0] == '.' && s[1] == '.') ||
                (len >= 3 && !memcmp(s + len - 3, "/..", 3));
    for (size_t i = 0; i + 3 < len && !dots; i++)
        dots = !memcmp(s + i, "/../", 4);
    if (dots || s[0] == '/' || s[len - 1] == '/' || memchr(s, '\\', len))
        return POSTPARSE__NAME_NO_SUCH_NAME;
    return slash ? POSTPARSE__NAME_SUBFOLDER : POSTPARSE__NAME_OK;
}

postparse__name_problem postparse__schema_taxonomy_problem(const char *s,
                                                           size_t len)
{
    uint32_t cp;
    size_t at;
    if ((len == 1 && s[0] == '.') || (len == 2 && !memcmp(s, "..", 2)))
        return POSTPARSE__NAME_DOTS;
    if (memchr(s, '/', len))
        return POSTPARSE__NAME_SUBFOLDER;
    if (postparse__schema_control_find(s, len, &cp, &at))
        return POSTPARSE__NAME_CONTROL;
    return POSTPARSE__NAME_OK;
}

/* Ruby's Array#flatten keeps the arrays it is inside of and raises
 * ArgumentError on meeting one of them again; hashes are not entered. */
static bool cycles(const postparse_value *v, const postparse_value **stack,
                   size_t depth)
{
    if (postparse_value_kind_of(v) != POSTPARSE_VALUE_SEQUENCE)
        return false;
    for (size_t i = 0; i < depth; i++)
        if (stack[i] == v)
            return true;
    /* Deeper than the loader nests (max_depth): only an alias can lead
     * there, and the walk stops as the flattening does. */
    if (depth == POSTPARSE__FLATTEN_DEPTH)
        return false;
    stack[depth] = v;
    for (size_t i = 0; i < postparse_value_length(v); i++)
        if (cycles(postparse_value_index(v, i), stack, depth + 1))
            return true;
    return false;
}

bool postparse__schema_flatten_raises(const postparse_value *item,
                                      const postparse_value *outer)
{
    const postparse_value *stack[POSTPARSE__FLATTEN_DEPTH + 1];
    size_t depth = 0;
    if (outer)
        stack[depth++] = outer;
    return cycles(item, stack, depth);
}

postparse_status postparse__schema_nel_scan(postparse__diag_list *diags,
                                            const char *text, size_t len,
                                            postparse_pos start)
{
    postparse__cursor c = {start, false};
    size_t done = 0;
    for (const char *p = text; (p = memchr(p, 0xC2, (size_t)(text + len - p)));
         p++) {
        if (p + 1 >= text + len || (unsigned char)p[1] != 0x85)
            continue;
        size_t at = (size_t)(p - text);
        postparse__cursor_advance(&c, (const uint8_t *)text + done, at - done);
        done = at;
        postparse_status st = postparse__diag_add(
            diags, POSTPARSE_SEVERITY_WARNING, POSTPARSE_DIAG_CONTROL_CHARACTER,
            c.pos, NULL,
            "a NEL character (U+0085) in the front matter: YAML reads it as "
            "a line break, so Jekyll's value has a space or a new line in its "
            "place (or the YAML does not load); delete it, or write the "
            "character meant (often an ellipsis, U+2026, from Windows-1252 "
            "read as Latin-1)");
        if (st != POSTPARSE_OK)
            return st;
    }
    return POSTPARSE_OK;
}
