/* SPDX-License-Identifier: MIT */
/* Mirrors the oracle's to_j and Ruby's JSON generator: strings are escaped
 * as JSON.generate does (no "\/", non-ASCII raw), floats as Float#to_s.
 * The plain encoding writes the same values without the oracle's $
 * wrappers. */
#include "value_json.h"

#include "base_array.h"
#include "post.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The oracle's JSON generator stops at this nesting (JSON's max_nesting). */
#define JSON_MAX_DEPTH 100

typedef struct writer {
    postparse__json *out;
    /* The collections being written, outermost first: a recursive one met
     * again is cut, or a value holding itself twice would double the
     * output at every level. */
    const postparse_value *path[JSON_MAX_DEPTH + 1];
} writer;

void postparse__json_put(postparse__json *w, const char *s, size_t n)
{
    if (w->ok && n)
        w->ok = w->sink(w->ctx, s, n);
}

void postparse__json_puts(postparse__json *w, const char *s)
{
    postparse__json_put(w, s, strlen(s));
}

static void put(writer *w, const char *s, size_t n)
{
    postparse__json_put(w->out, s, n);
}

static void puts_(writer *w, const char *s)
{
    postparse__json_put(w->out, s, strlen(s));
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
void postparse__json_string(postparse__json *out, const char *s, size_t n)
{
    writer wr = {out, {NULL}};
    writer *w = &wr;
    put(w, POSTPARSE__LIT("\""));
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
    put(w, POSTPARSE__LIT("\""));
}

static void base64(postparse__json *w, const char *s, size_t n)
{
    static const char tbl[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *u = (const unsigned char *)s;
    postparse__json_put(w, POSTPARSE__LIT("\""));
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
        postparse__json_put(w, q, 4);
    }
    postparse__json_put(w, POSTPARSE__LIT("\""));
}

void postparse__json_text(postparse__json *w, const char *s, size_t n)
{
    if (w->plain || valid_utf8(s, n)) {
        postparse__json_string(w, s, n);
        return;
    }
    postparse__json_puts(w, "{\"$invalid_utf8\":");
    postparse__json_string(w, s, n);
    postparse__json_puts(w, ",\"base64\":");
    base64(w, s, n);
    postparse__json_puts(w, "}");
}

/* A year as Ruby's strftime %Y writes it: at least four digits. */
static int year_text(char *buf, size_t size, int64_t year)
{
    return snprintf(buf, size, "%s%04lld", year < 0 ? "-" : "",
                    (long long)(year < 0 ? -year : year));
}

/* Typed: {"$time":"...%L%:z"} as the oracle's strftime writes it. Plain:
 * RFC 3339, the fraction only when there is one, trailing zeros cut. */
static void time_value(writer *w, const postparse_datetime *t)
{
    char year[32], frac[16] = "", buf[128];
    int32_t off = t->utc_offset;
    char sign = off < 0 ? '-' : '+';
    if (off < 0)
        off = -off;
    year_text(year, sizeof year, t->year);
    if (!w->out->plain) {
        snprintf(buf, sizeof(buf),
                 "{\"$time\":\"%s-%02d-%02dT%02d:%02d:%02d.%03u%c%02d:%02d\"}",
                 year, t->month, t->day, t->hour, t->minute, t->second,
                 t->nanosecond / 1000000u, sign, (int)(off / 3600),
                 (int)(off / 60 % 60));
    } else {
        if (t->nanosecond) {
            int n = snprintf(frac, sizeof frac, ".%09u", t->nanosecond);
            while (n > 2 && frac[n - 1] == '0')
                frac[--n] = '\0';
        }
        snprintf(buf, sizeof(buf),
                 "\"%s-%02d-%02dT%02d:%02d:%02d%s%c%02d:%02d\"", year, t->month,
                 t->day, t->hour, t->minute, t->second, frac, sign,
                 (int)(off / 3600), (int)(off / 60 % 60));
    }
    puts_(w, buf);
}

static void date_value(writer *w, const postparse_datetime *d)
{
    char year[32], buf[80];
    year_text(year, sizeof year, d->year);
    snprintf(buf, sizeof(buf),
             w->out->plain ? "\"%s-%02d-%02d\""
                           : "{\"$date\":\"%s-%02d-%02d\"}",
             year, d->month, d->day);
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

/* A key in the plain encoding: its Ruby to_s, as to_json writes keys. */
static void plain_key(writer *w, const postparse_value *k)
{
    if (k->kind == POSTPARSE_VALUE_STRING) {
        postparse__json_string(w->out, k->u.s.p, k->u.s.n);
        return;
    }
    postparse__buffer b = {0};
    const postparse_allocator a = {0};
    if (!postparse__ruby_to_s(&b, &a, k)) {
        postparse__buffer_free(&b, &a);
        w->out->ok = false;
        return;
    }
    postparse__json_string(w->out, b.data ? b.data : "", b.len);
    postparse__buffer_free(&b, &a);
}

static void value(writer *w, const postparse_value *v, int depth)
{
    char buf[64];
    bool plain = w->out->plain;
    if (!w->out->ok)
        return;
    if (!v) {
        puts_(w, "null");
        return;
    }
    if (depth > JSON_MAX_DEPTH) {
        puts_(w, plain ? "null" : "{\"$nesting\":\"too deep\"}");
        return;
    }
    if (v->flags & POSTPARSE__VALUE_RECURSIVE) {
        for (int i = 0; i < depth; i++) {
            if (w->path[i] == v) {
                puts_(w, plain ? "null" : "{\"$recursive\":true}");
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
        if (!isfinite(v->u.f) && plain)
            puts_(w, "null");
        else if (isnan(v->u.f))
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
        postparse__json_text(w->out, v->u.s.p, v->u.s.n);
        return;
    case POSTPARSE_VALUE_BINARY:
        if (!plain)
            puts_(w, "{\"$binary\":");
        base64(w->out, v->u.s.p, v->u.s.n);
        if (!plain)
            puts_(w, "}");
        return;
    case POSTPARSE_VALUE_TIMESTAMP:
        time_value(w, &v->u.dt);
        return;
    case POSTPARSE_VALUE_DATE:
        date_value(w, &v->u.dt);
        return;
    case POSTPARSE_VALUE_SEQUENCE:
        put(w, POSTPARSE__LIT("["));
        for (size_t i = 0; i < v->u.c.n; i++) {
            if (i)
                put(w, POSTPARSE__LIT(","));
            value(w, v->u.c.items[i], depth + 1);
        }
        put(w, POSTPARSE__LIT("]"));
        return;
    case POSTPARSE_VALUE_MAPPING: {
        bool object = plain || plain_keys(v);
        puts_(w, object ? "{" : "{\"$map\":[");
        for (size_t i = 0; i < v->u.c.n; i++) {
            const postparse_value *k = v->u.c.items[2 * i];
            if (i)
                put(w, POSTPARSE__LIT(","));
            if (plain) {
                plain_key(w, k);
                put(w, POSTPARSE__LIT(":"));
            } else if (object) {
                postparse__json_string(w->out, k->u.s.p, k->u.s.n);
                put(w, POSTPARSE__LIT(":"));
            } else {
                put(w, POSTPARSE__LIT("["));
                value(w, k, depth + 1);
                put(w, POSTPARSE__LIT(","));
            }
            value(w, v->u.c.items[2 * i + 1], depth + 1);
            if (!object)
                put(w, POSTPARSE__LIT("]"));
        }
        puts_(w, object ? "}" : "]}");
        return;
    }
    }
}

void postparse__json_value(postparse__json *out, const postparse_value *v)
{
    writer w = {out, {NULL}};
    value(&w, v, 0);
}

bool postparse_value_write_json(const postparse_value *value, unsigned flags,
                                postparse_write_fn write, void *user_data)
{
    if (!write)
        return false;
    postparse__json w;
    postparse__json_pretty pretty;
    postparse__json_init(&w, flags, write, user_data, &pretty);
    postparse__json_value(&w, value);
    return postparse__json_end(&w);
}

bool postparse_json_write_string(const char *data, size_t len,
                                 postparse_write_fn write, void *user_data)
{
    if (!write || (!data && len))
        return false;
    postparse__json w = {write, user_data, true, false};
    postparse__json_string(&w, data ? data : "", len);
    return w.ok;
}
