/* SPDX-License-Identifier: MIT */
/* Values the post layer makes (slugs, titles, category lists) and Ruby's
 * to_s / inspect of loaded values, which Jekyll applies to categories
 * (map(&:to_s)), dates (parse_date(date.to_s)) and the excerpt separator. */
#include "post.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base_calendar.h"
#include "value.h"
#include "value_json.h"

postparse_value *postparse__post_string(postparse_post *post, const char *s,
                                        size_t len)
{
    postparse_value *v =
        postparse__value_new(post->arena, POSTPARSE_VALUE_STRING);
    if (!v)
        return NULL;
    v->u.s.p = postparse__arena_strndup(post->arena, s, len);
    v->u.s.n = len;
    return v->u.s.p ? v : NULL;
}

postparse_value *postparse__post_sequence(postparse_post *post,
                                          postparse_value **items, size_t n)
{
    postparse_value *v =
        postparse__value_new(post->arena, POSTPARSE_VALUE_SEQUENCE);
    if (!v)
        return NULL;
    if (n > 0) {
        v->u.c.items = postparse__arena_alloc(post->arena, n * sizeof(*items));
        if (!v->u.c.items)
            return NULL;
        memcpy(v->u.c.items, items, n * sizeof(*items));
    }
    v->u.c.n = n;
    return v;
}

bool postparse__ruby_truthy(const postparse_value *v)
{
    postparse_value_kind k = postparse_value_kind_of(v);
    return k != POSTPARSE_VALUE_NULL &&
           !(k == POSTPARSE_VALUE_BOOL && !postparse_value_bool(v));
}

postparse_value *postparse__post_zoned(postparse_post *post, postparse_value *v)
{
    if (postparse_value_kind_of(v) != POSTPARSE_VALUE_TIMESTAMP ||
        v->u.dt.has_offset)
        return v;
    postparse_datetime dt = {
        .year = v->u.dt.year,
        .month = v->u.dt.month,
        .day = v->u.dt.day,
        .hour = v->u.dt.hour,
        .minute = v->u.dt.minute,
        .second = v->u.dt.second,
    };
    int64_t t = postparse_datetime_to_unix(&dt);
    if (post->zone)
        postparse_tz_localize(post->zone, t, 0, &dt);
    else
        postparse_datetime_from_unix(t, 0, 0, &dt);
    postparse_value *z = postparse__value_new(post->arena, v->kind);
    if (!z)
        return NULL;
    *z = *v;
    z->u.dt.year = dt.year;
    z->u.dt.month = dt.month;
    z->u.dt.day = dt.day;
    z->u.dt.hour = dt.hour;
    z->u.dt.minute = dt.minute;
    z->u.dt.second = dt.second;
    z->u.dt.utc_offset = dt.utc_offset;
    z->u.dt.has_offset = true;
    return z;
}

#define APPEND(b, a, s, n)                                                     \
    do {                                                                       \
        if (!postparse__buffer_append((b), (a), (s), (n)))                     \
            return false;                                                      \
    } while (0)

static bool appendf(postparse__buffer *b, const postparse_allocator *a,
                    const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static bool appendf(postparse__buffer *b, const postparse_allocator *a,
                    const char *fmt, ...)
{
    char buf[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n < 0)
        return false;
    return postparse__buffer_append(
        b, a, buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

static bool float_to_s(postparse__buffer *b, const postparse_allocator *a,
                       double f)
{
    if (isnan(f))
        APPEND(b, a, "NaN", 3);
    else if (isinf(f))
        APPEND(b, a, f > 0 ? "Infinity" : "-Infinity", f > 0 ? 8 : 9);
    else {
        char buf[64];
        APPEND(b, a, buf, postparse__ruby_float(buf, f));
    }
    return true;
}

/* Time#to_s ("2025-01-01 10:00:00 +0800", "... UTC") or, for inspect,
 * with the fraction ("10:00:00.5"). A naive Psych time is UTC and shown
 * as such. */
static bool time_to_s(postparse__buffer *b, const postparse_allocator *a,
                      const postparse_value *v, bool inspect)
{
    const postparse_datetime *ts = &v->u.dt;
    size_t tlen;
    const char *text = postparse_value_text(v, &tlen);
    /* Psych makes a "Z" time with Time.utc, which prints " UTC". */
    bool utc =
        !ts->has_offset ||
        (text && tlen && (text[tlen - 1] == 'Z' || text[tlen - 1] == 'z'));
    if (!appendf(b, a, "%04" PRId64 "-%02d-%02d %02d:%02d:%02d", ts->year,
                 ts->month, ts->day, ts->hour, ts->minute, ts->second))
        return false;
    if (inspect && ts->nanosecond) {
        char frac[16];
        snprintf(frac, sizeof(frac), ".%09u", (unsigned)ts->nanosecond);
        size_t n = strlen(frac);
        while (frac[n - 1] == '0')
            n--;
        APPEND(b, a, frac, n);
    }
    if (utc)
        APPEND(b, a, " UTC", 4);
    else {
        int32_t off = ts->utc_offset;
        char sign = off < 0 ? '-' : '+';
        if (off < 0)
            off = -off;
        if (!appendf(b, a, " %c%02d%02d", sign, (int)(off / 3600),
                     (int)(off / 60 % 60)))
            return false;
    }
    return true;
}

/* String#inspect of a UTF-8 string. */
static bool string_inspect(postparse__buffer *b, const postparse_allocator *a,
                           const char *s, size_t n)
{
    APPEND(b, a, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        switch (c) {
        case '"':
            esc = "\\\"";
            break;
        case '\\':
            esc = "\\\\";
            break;
        case '\n':
            esc = "\\n";
            break;
        case '\t':
            esc = "\\t";
            break;
        case '\r':
            esc = "\\r";
            break;
        case '\f':
            esc = "\\f";
            break;
        case '\v':
            esc = "\\v";
            break;
        case '\b':
            esc = "\\b";
            break;
        case '\a':
            esc = "\\a";
            break;
        case 0x1B:
            esc = "\\e";
            break;
        case '#':
            if (i + 1 < n && strchr("{$@", s[i + 1]))
                esc = "\\#";
            break;
        default:
            break;
        }
        if (esc)
            APPEND(b, a, esc, strlen(esc));
        else if (c < 0x20 || c == 0x7F) {
            if (!appendf(b, a, "\\u%04X", c))
                return false;
        } else
            APPEND(b, a, s + i, 1);
    }
    APPEND(b, a, "\"", 1);
    return true;
}

#define TO_S_MAX_DEPTH 100

/* The collections being written, outermost first: a collection that holds
 * itself is written as Ruby's inspect writes it, "[...]" or "{...}", not
 * expanded again (each expansion would multiply the work by its size). */
typedef const postparse_value *to_s_path[TO_S_MAX_DEPTH + 1];

static bool on_path(const to_s_path path, int depth, const postparse_value *v)
{
    if (!(v->flags & POSTPARSE__VALUE_RECURSIVE))
        return false;
    for (int i = 0; i < depth; i++)
        if (path[i] == v)
            return true;
    return false;
}

static bool to_s(postparse__buffer *b, const postparse_allocator *a,
                 const postparse_value *v, bool inspect, int depth,
                 to_s_path path)
{
    if (depth > TO_S_MAX_DEPTH) {
        APPEND(b, a, "[...]", 5);
        return true;
    }
    switch (postparse_value_kind_of(v)) {
    case POSTPARSE_VALUE_NULL:
        if (inspect)
            APPEND(b, a, "nil", 3);
        return true;
    case POSTPARSE_VALUE_BOOL:
        APPEND(b, a, v->u.b ? "true" : "false", v->u.b ? 4 : 5);
        return true;
    case POSTPARSE_VALUE_INT:
        if (v->flags & POSTPARSE__VALUE_BIG)
            APPEND(b, a, v->u.s.p, v->u.s.n);
        else if (!appendf(b, a, "%" PRId64, v->u.i))
            return false;
        return true;
    case POSTPARSE_VALUE_FLOAT:
        return float_to_s(b, a, v->u.f);
    case POSTPARSE_VALUE_STRING:
    case POSTPARSE_VALUE_BINARY:
        if (inspect)
            return string_inspect(b, a, v->u.s.p, v->u.s.n);
        APPEND(b, a, v->u.s.p, v->u.s.n);
        return true;
    case POSTPARSE_VALUE_TIMESTAMP:
        return time_to_s(b, a, v, inspect);
    case POSTPARSE_VALUE_DATE:
        if (inspect) {
            int64_t jd = postparse__days_from_civil(v->u.dt.year, v->u.dt.month,
                                                    v->u.dt.day) +
                         2440588;
            return appendf(b, a,
                           "#<Date: %04" PRId64 "-%02d-%02d ((%" PRId64
                           "j,0s,0n),+0s,2299161j)>",
                           v->u.dt.year, v->u.dt.month, v->u.dt.day, jd);
        }
        return appendf(b, a, "%04" PRId64 "-%02d-%02d", v->u.dt.year,
                       v->u.dt.month, v->u.dt.day);
    case POSTPARSE_VALUE_SEQUENCE:
        if (on_path(path, depth, v)) {
            APPEND(b, a, "[...]", 5);
            return true;
        }
        path[depth] = v;
        APPEND(b, a, "[", 1);
        for (size_t i = 0; i < v->u.c.n; i++) {
            if (i)
                APPEND(b, a, ", ", 2);
            if (!to_s(b, a, v->u.c.items[i], true, depth + 1, path))
                return false;
        }
        APPEND(b, a, "]", 1);
        return true;
    case POSTPARSE_VALUE_MAPPING:
        if (on_path(path, depth, v)) {
            APPEND(b, a, "{...}", 5);
            return true;
        }
        path[depth] = v;
        APPEND(b, a, "{", 1);
        for (size_t i = 0; i < v->u.c.n; i++) {
            if (i)
                APPEND(b, a, ", ", 2);
            if (!to_s(b, a, v->u.c.items[2 * i], true, depth + 1, path))
                return false;
            APPEND(b, a, "=>", 2);
            if (!to_s(b, a, v->u.c.items[2 * i + 1], true, depth + 1, path))
                return false;
        }
        APPEND(b, a, "}", 1);
        return true;
    }
    return true;
}

bool postparse__ruby_to_s(postparse__buffer *b, const postparse_allocator *a,
                          const postparse_value *v)
{
    to_s_path path;
    return to_s(b, a, v, false, 0, path) && postparse__buffer_reserve(b, a, 0);
}
