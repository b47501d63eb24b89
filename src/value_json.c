/* SPDX-License-Identifier: MIT */
/* Mirrors the oracle's to_j and Ruby's JSON generator: strings are escaped
 * as JSON.generate does (no "\/", non-ASCII raw), floats as Float#to_s. */
#include "value_json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The oracle's JSON generator stops at this nesting (JSON's max_nesting). */
#define JSON_MAX_DEPTH 100

typedef struct writer {
    postparse__json_sink sink;
    void *ctx;
    bool ok;
    /* The collections being written, outermost first: a recursive one met
     * again is cut, or a value holding itself twice would double the
     * output at every level. */
    const postparse_value *path[JSON_MAX_DEPTH + 1];
} writer;

static void put(writer *w, const char *s, size_t n)
{
    if (w->ok && n)
        w->ok = w->sink(w->ctx, s, n);
}

static void puts_(writer *w, const char *s)
{
    put(w, s, strlen(s));
}

size_t postparse__ruby_float(char *out, double f)
{
    if (f == 0)
        return (size_t)sprintf(out, signbit(f) ? "-0.0" : "0.0");
    /* Shortest round-trip digits, as Ruby's dtoa mode 0 gives them. */
    char buf[40];
    int prec;
    for (prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof(buf), "%.*e", prec - 1, f);
        if (strtod(buf, NULL) == f)
            break;
    }
    char digits[24];
    size_t nd = 0;
    const char *p = buf;
    bool neg = *p == '-';
    if (neg)
        p++;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9')
            digits[nd++] = *p;
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    int decpt = atoi(p + 1) + 1;
    size_t o = 0;
    if (neg)
        out[o++] = '-';
    /* Ruby's flo_to_s: fixed notation up to DBL_DIG + 1 digits before the
     * point, but padding with zeros only up to DBL_DIG. */
    if (decpt > 0 && ((size_t)decpt < nd ? decpt <= 16 : decpt <= 15)) {
        for (int i = 0; i < decpt; i++)
            out[o++] = (size_t)i < nd ? digits[i] : '0';
        out[o++] = '.';
        if ((size_t)decpt < nd)
            for (size_t i = (size_t)decpt; i < nd; i++)
                out[o++] = digits[i];
        else
            out[o++] = '0';
    } else if (decpt <= 0 && decpt > -4) {
        out[o++] = '0';
        out[o++] = '.';
        for (int i = 0; i < -decpt; i++)
            out[o++] = '0';
        for (size_t i = 0; i < nd; i++)
            out[o++] = digits[i];
    } else {
        out[o++] = digits[0];
        out[o++] = '.';
        if (nd > 1)
            for (size_t i = 1; i < nd; i++)
                out[o++] = digits[i];
        else
            out[o++] = '0';
        o += (size_t)sprintf(out + o, "e%+03d", decpt - 1);
    }
    out[o] = '\0';
    return o;
}

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid:
 * the maximal-subpart rule of Unicode (and of Ruby's scrub). *sub gets the
 * length of the invalid maximal subpart when 0 is returned. */
static size_t utf8_seq(const unsigned char *s, size_t n, size_t *sub)
{
    unsigned char c = s[0];
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;
    *sub = 1;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        need = 1;
    else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        if (c == 0xE0)
            lo = 0xA0;
        if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        if (c == 0xF0)
            lo = 0x90;
        if (c == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    for (size_t i = 1; i <= need; i++) {
        if (i >= n || s[i] < (i == 1 ? lo : 0x80) ||
            s[i] > (i == 1 ? hi : 0xBF)) {
            *sub = i;
            return 0;
        }
    }
    return need + 1;
}

static bool valid_utf8(const char *s, size_t n)
{
    size_t i = 0, sub;
    while (i < n) {
        size_t k = utf8_seq((const unsigned char *)s + i, n - i, &sub);
        if (!k)
            return false;
        i += k;
    }
    return true;
}

/* A JSON string; each invalid maximal subpart becomes U+FFFD, as
 * String#scrub does. */
static void json_string(writer *w, const char *s, size_t n)
{
    put(w, "\"", 1);
    size_t run = 0, i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        char esc[8];
        const char *rep = NULL;
        size_t sub, k = 1;
        static const char letters[] = "\"\"\\\\\nn\rr\tt\ff\bb";
        const char *hit = NULL;
        for (size_t j = 0; c && j + 1 < sizeof(letters); j += 2)
            if ((unsigned char)letters[j] == c)
                hit = &letters[j + 1];
        if (hit) {
            esc[0] = '\\';
            esc[1] = *hit;
            esc[2] = '\0';
            rep = esc;
        } else if (c < 0x20) {
            snprintf(esc, sizeof(esc), "\\u%04x", c);
            rep = esc;
        } else if (c >= 0x80) {
            k = utf8_seq((const unsigned char *)s + i, n - i, &sub);
            if (!k) {
                rep = "\xEF\xBF\xBD";
                k = sub;
            }
        }
        if (rep) {
            put(w, s + run, i - run);
            puts_(w, rep);
            run = i + k;
        }
        i += k;
    }
    put(w, s + run, n - run);
    put(w, "\"", 1);
}

static void base64(writer *w, const char *s, size_t n)
{
    static const char tbl[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *u = (const unsigned char *)s;
    put(w, "\"", 1);
    for (size_t i = 0; i < n; i += 3) {
        char q[4];
        unsigned x = (unsigned)u[i] << 16;
        if (i + 1 < n)
            x |= (unsigned)u[i + 1] << 8;
        if (i + 2 < n)
            x |= u[i + 2];
        q[0] = tbl[x >> 18 & 63];
        q[1] = tbl[x >> 12 & 63];
        q[2] = i + 1 < n ? tbl[x >> 6 & 63] : '=';
        q[3] = i + 2 < n ? tbl[x & 63] : '=';
        put(w, q, 4);
    }
    put(w, "\"", 1);
}

static void string_value(writer *w, const char *s, size_t n)
{
    if (valid_utf8(s, n)) {
        json_string(w, s, n);
        return;
    }
    puts_(w, "{\"$invalid_utf8\":");
    json_string(w, s, n);
    puts_(w, ",\"base64\":");
    base64(w, s, n);
    puts_(w, "}");
}

static void time_value(writer *w, const postparse_datetime *t)
{
    char buf[80];
    int32_t off = t->utc_offset;
    char sign = off < 0 ? '-' : '+';
    if (off < 0)
        off = -off;
    /* strftime("%Y-%m-%dT%H:%M:%S.%L%:z") */
    snprintf(
        buf, sizeof(buf),
        "{\"$time\":\"%s%04lld-%02d-%02dT%02d:%02d:%02d.%03u%c%02d:%02d\"}",
        t->year < 0 ? "-" : "", (long long)(t->year < 0 ? -t->year : t->year),
        t->month, t->day, t->hour, t->minute, t->second,
        t->nanosecond / 1000000u, sign, (int)(off / 3600),
        (int)(off / 60 % 60));
    puts_(w, buf);
}

static bool plain_keys(const postparse_value *v)
{
    for (size_t i = 0; i < v->u.c.n; i++) {
        const postparse_value *k = v->u.c.items[2 * i];
        if (k->kind != POSTPARSE_VALUE_STRING ||
            (k->u.s.n && k->u.s.p[0] == '$') || !valid_utf8(k->u.s.p, k->u.s.n))
            return false;
    }
    return true;
}

static void value(writer *w, const postparse_value *v, int depth)
{
    char buf[64];
    if (!w->ok)
        return;
    if (!v) {
        puts_(w, "null");
        return;
    }
    if (depth > JSON_MAX_DEPTH) {
        puts_(w, "{\"$nesting\":\"too deep\"}");
        return;
    }
    if (v->flags & POSTPARSE__VALUE_RECURSIVE) {
        for (int i = 0; i < depth; i++) {
            if (w->path[i] == v) {
                puts_(w, "{\"$recursive\":true}");
                return;
            }
        }
    }
    w->path[depth] = v;
    switch ((postparse_value_kind)v->kind) {
    case POSTPARSE_VALUE_NULL:
        puts_(w, "null");
        return;
    case POSTPARSE_VALUE_BOOL:
        puts_(w, v->u.b ? "true" : "false");
        return;
    case POSTPARSE_VALUE_INT:
        if (v->flags & POSTPARSE__VALUE_BIG)
            put(w, v->u.s.p, v->u.s.n);
        else {
            snprintf(buf, sizeof(buf), "%lld", (long long)v->u.i);
            puts_(w, buf);
        }
        return;
    case POSTPARSE_VALUE_FLOAT:
        if (isnan(v->u.f))
            puts_(w, "{\"$float\":\"NaN\"}");
        else if (isinf(v->u.f))
            puts_(w, v->u.f > 0 ? "{\"$float\":\"Infinity\"}"
                                : "{\"$float\":\"-Infinity\"}");
        else {
            postparse__ruby_float(buf, v->u.f);
            puts_(w, buf);
        }
        return;
    case POSTPARSE_VALUE_STRING:
        string_value(w, v->u.s.p, v->u.s.n);
        return;
    case POSTPARSE_VALUE_BINARY:
        puts_(w, "{\"$binary\":");
        base64(w, v->u.s.p, v->u.s.n);
        puts_(w, "}");
        return;
    case POSTPARSE_VALUE_TIMESTAMP:
        time_value(w, &v->u.dt);
        return;
    case POSTPARSE_VALUE_DATE:
        snprintf(buf, sizeof(buf), "{\"$date\":\"%s%04lld-%02d-%02d\"}",
                 v->u.dt.year < 0 ? "-" : "",
                 (long long)(v->u.dt.year < 0 ? -v->u.dt.year : v->u.dt.year),
                 v->u.dt.month, v->u.dt.day);
        puts_(w, buf);
        return;
    case POSTPARSE_VALUE_SEQUENCE:
        put(w, "[", 1);
        for (size_t i = 0; i < v->u.c.n; i++) {
            if (i)
                put(w, ",", 1);
            value(w, v->u.c.items[i], depth + 1);
        }
        put(w, "]", 1);
        return;
    case POSTPARSE_VALUE_MAPPING: {
        bool plain = plain_keys(v);
        puts_(w, plain ? "{" : "{\"$map\":[");
        for (size_t i = 0; i < v->u.c.n; i++) {
            const postparse_value *k = v->u.c.items[2 * i];
            if (i)
                put(w, ",", 1);
            if (plain) {
                json_string(w, k->u.s.p, k->u.s.n);
                put(w, ":", 1);
            } else {
                put(w, "[", 1);
                value(w, k, depth + 1);
                put(w, ",", 1);
            }
            value(w, v->u.c.items[2 * i + 1], depth + 1);
            if (!plain)
                put(w, "]", 1);
        }
        puts_(w, plain ? "}" : "]}");
        return;
    }
    }
}

bool postparse__value_write_json(const postparse_value *v,
                                 postparse__json_sink sink, void *ctx)
{
    writer w = {sink, ctx, true, {NULL}};
    value(&w, v, 0);
    return w.ok;
}

static bool file_sink(void *ctx, const char *data, size_t len)
{
    return fwrite(data, 1, len, (FILE *)ctx) == len;
}

bool postparse_value_write_json(const postparse_value *value, FILE *out)
{
    if (!out)
        return false;
    return postparse__value_write_json(value, file_sink, out);
}
