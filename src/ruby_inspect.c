/* SPDX-License-Identifier: MIT */
/* Ruby's String#inspect, as Psych's and Jekyll's messages quote a
 * scalar. */
#include "ruby_inspect.h"

#include <stdio.h>
#include <string.h>

#include "base_array.h"
#include "value.h"

void postparse__ruby_inspect(char *out, size_t cap, const char *s, size_t len)
{
    size_t o = 0;
    if (cap < 8) {
        if (cap)
            out[0] = '\0';
        return;
    }
    out[o++] = '"';
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        /* Ruby's one-letter escapes, as pairs: byte, letter. */
        static const char letters[] = "\"\"\\\\\nn\tt\rr\ff\vv\aa\bb\x1b"
                                      "e";
        char esc[8] = {0};
        const char *hit = NULL;
        for (size_t k = 0; c && k + 1 < sizeof(letters); k += 2)
            if ((unsigned char)letters[k] == c)
                hit = &letters[k + 1];
        if (hit) {
            esc[0] = '\\';
            esc[1] = *hit;
        } else if (c == '#' && i + 1 < len &&
                   (s[i + 1] == '{' || s[i + 1] == '$' || s[i + 1] == '@')) {
            strcpy(esc, "\\#");
        } else if (c < 0x20 || c == 0x7f) {
            snprintf(esc, sizeof(esc), "\\u%04X", c);
        } else {
            esc[0] = (char)c;
        }
        size_t el = strlen(esc);
        if (o + el + 5 > cap) {
            memcpy(out + o, POSTPARSE__LIT("..."));
            o += 3;
            break;
        }
        memcpy(out + o, esc, el);
        o += el;
    }
    out[o++] = '"';
    out[o] = '\0';
}

void postparse__ruby_inspect_value(char *out, size_t cap,
                                   const postparse_value *v, int depth)
{
    size_t o = 0;
    switch ((postparse_value_kind)v->kind) {
    case POSTPARSE_VALUE_STRING:
        postparse__ruby_inspect(out, cap, v->u.s.p, v->u.s.n);
        return;
    case POSTPARSE_VALUE_INT:
        if (v->flags & POSTPARSE__VALUE_BIG)
            snprintf(out, cap, "%s", v->u.s.p);
        else
            snprintf(out, cap, "%lld", (long long)v->u.i);
        return;
    case POSTPARSE_VALUE_BOOL:
        snprintf(out, cap, "%s", v->u.b ? "true" : "false");
        return;
    case POSTPARSE_VALUE_NULL:
        snprintf(out, cap, "nil");
        return;
    case POSTPARSE_VALUE_SEQUENCE:
    case POSTPARSE_VALUE_MAPPING: {
        if (depth > 4 || cap < 16)
            break;
        bool map = v->kind == POSTPARSE_VALUE_MAPPING;
        out[o++] = map ? '{' : '[';
        for (size_t i = 0; i < v->u.c.n * (map ? 2 : 1) && o + 8 < cap; i++) {
            if (i) {
                bool pair = map && i % 2;
                memcpy(out + o, pair ? "=>" : ", ", 2);
                o += 2;
            }
            postparse__ruby_inspect_value(out + o, cap - o - 2, v->u.c.items[i],
                                          depth + 1);
            o += strlen(out + o);
        }
        out[o++] = map ? '}' : ']';
        out[o] = '\0';
        return;
    }
    default:
        break;
    }
    snprintf(out, cap, "%s", v->text ? v->text : "...");
}
