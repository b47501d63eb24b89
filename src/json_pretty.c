/* SPDX-License-Identifier: MIT */
/* POSTPARSE_JSON_PRETTY: a filter that indents the compact JSON the
 * writers make, so that there is one writer for both forms. It relies on
 * the writers never putting white space outside strings. */
#include "value_json.h"

#include <string.h>

#define OUT_BYTES 256

typedef struct out {
    postparse__json_pretty *p;
    char buf[OUT_BYTES];
    size_t len;
    bool ok;
} out;

static void flush(out *o)
{
    if (o->ok && o->len)
        o->ok = o->p->sink(o->p->ctx, o->buf, o->len);
    o->len = 0;
}

static void emit(out *o, char c)
{
    if (o->len == OUT_BYTES)
        flush(o);
    o->buf[o->len++] = c;
}

static void newline(out *o, size_t depth)
{
    emit(o, '\n');
    for (size_t i = 0; i < 2 * depth; i++)
        emit(o, ' ');
}

static bool pretty_sink(void *ctx, const char *data, size_t len)
{
    postparse__json_pretty *p = ctx;
    out o = {.p = p, .len = 0, .ok = true};
    for (size_t i = 0; i < len; i++) {
        char c = data[i];
        if (p->in_string) {
            emit(&o, c);
            if (p->escaped)
                p->escaped = false;
            else if (c == '\\')
                p->escaped = true;
            else if (c == '"')
                p->in_string = false;
            continue;
        }
        if (p->open) {
            char open = p->open;
            p->open = 0;
            emit(&o, open);
            if ((open == '{' && c == '}') || (open == '[' && c == ']')) {
                p->depth--;
                emit(&o, c);
                continue;
            }
            newline(&o, p->depth);
        }
        switch (c) {
        case '{':
        case '[':
            p->open = c;
            p->depth++;
            break;
        case '}':
        case ']':
            p->depth--;
            newline(&o, p->depth);
            emit(&o, c);
            break;
        case ',':
            emit(&o, c);
            newline(&o, p->depth);
            break;
        case ':':
            emit(&o, c);
            emit(&o, ' ');
            break;
        case '"':
            p->in_string = true;
            emit(&o, c);
            break;
        default:
            emit(&o, c);
        }
    }
    flush(&o);
    return o.ok;
}

void postparse__json_init(postparse__json *w, unsigned flags,
                          postparse_write_fn sink, void *ctx,
                          postparse__json_pretty *pretty)
{
    w->ok = true;
    w->plain = (flags & POSTPARSE_JSON_PLAIN) != 0;
    if (flags & POSTPARSE_JSON_PRETTY) {
        memset(pretty, 0, sizeof *pretty);
        pretty->sink = sink;
        pretty->ctx = ctx;
        w->sink = pretty_sink;
        w->ctx = pretty;
    } else {
        w->sink = sink;
        w->ctx = ctx;
    }
}

bool postparse__json_end(postparse__json *w)
{
    if (w->ok && w->sink == pretty_sink) {
        postparse__json_pretty *p = w->ctx;
        if (p->open) { /* cannot happen with complete JSON */
            char c = p->open;
            p->open = 0;
            w->ok = p->sink(p->ctx, &c, 1);
        }
    }
    return w->ok;
}
