/* SPDX-License-Identifier: MIT */
#include "json_writer.h"

#include <assert.h>
#include <inttypes.h>
#include <string.h>

void json_writer_init(json_writer *w, FILE *out)
{
    memset(w, 0, sizeof(*w));
    w->out = out;
    w->first[0] = true;
}

/* Before any value or key: the comma that separates it from the previous
 * member. A value right after its key needs none. */
static void json_separate(json_writer *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (!w->first[w->depth])
        fputc(',', w->out);
    w->first[w->depth] = false;
}

static void json_open(json_writer *w, char c)
{
    json_separate(w);
    assert(w->depth < JSON_WRITER_MAX_DEPTH);
    fputc(c, w->out);
    w->first[++w->depth] = true;
}

static void json_close(json_writer *w, char c)
{
    assert(w->depth > 0 && !w->after_key);
    w->depth--;
    fputc(c, w->out);
}

void json_object_begin(json_writer *w)
{
    json_open(w, '{');
}

void json_object_end(json_writer *w)
{
    json_close(w, '}');
}

void json_array_begin(json_writer *w)
{
    json_open(w, '[');
}

void json_array_end(json_writer *w)
{
    json_close(w, ']');
}

void json_key(json_writer *w, const char *key)
{
    json_cstring(w, key);
    fputc(':', w->out);
    w->after_key = true;
}

FILE *json_raw_value(json_writer *w)
{
    json_separate(w);
    return w->out;
}

void json_null(json_writer *w)
{
    json_separate(w);
    fputs("null", w->out);
}

void json_bool(json_writer *w, bool value)
{
    json_separate(w);
    fputs(value ? "true" : "false", w->out);
}

void json_uint(json_writer *w, uint64_t value)
{
    json_separate(w);
    fprintf(w->out, "%" PRIu64, value);
}

/* Length of the UTF-8 sequence at s (len >= 1). *valid tells whether it is a
 * well-formed character; if not, the length is that of the maximal subpart
 * (Unicode 15, 3.9 "U+FFFD substitution of maximal subparts"): the longest
 * start of a well-formed sequence, at least one byte. */
static size_t utf8_sequence(const unsigned char *s, size_t len, bool *valid)
{
    unsigned char b = s[0];
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF; /* range of the second byte */

    *valid = true;
    if (b < 0x80)
        return 1;
    if (b >= 0xC2 && b <= 0xDF) {
        need = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
        need = 3;
        if (b == 0xE0)
            lo = 0xA0; /* no overlong forms */
        else if (b == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (b >= 0xF0 && b <= 0xF4) {
        need = 4;
        if (b == 0xF0)
            lo = 0x90;
        else if (b == 0xF4)
            hi = 0x8F; /* nothing above U+10FFFF */
    } else {
        *valid = false;
        return 1;
    }
    for (size_t i = 1; i < need; i++) {
        if (i >= len || s[i] < lo || s[i] > hi) {
            *valid = false;
            return i;
        }
        lo = 0x80;
        hi = 0xBF;
    }
    return need;
}

/* The string's contents, without quotes. */
static bool json_string_body(FILE *out, const unsigned char *s, size_t len)
{
    bool all_valid = true;
    size_t run = 0; /* start of the bytes that need no escaping */
    size_t i = 0;

    while (i < len) {
        unsigned char c = s[i];
        const char *esc = NULL;
        char ubuf[8];
        size_t n = 1;

        if (c >= 0x80) {
            bool valid;
            n = utf8_sequence(s + i, len - i, &valid);
            if (valid) {
                i += n;
                continue;
            }
            all_valid = false;
            esc = "\xEF\xBF\xBD"; /* U+FFFD */
        } else if (c == '"') {
            esc = "\\\"";
        } else if (c == '\\') {
            esc = "\\\\";
        } else if (c == '\n') {
            esc = "\\n";
        } else if (c == '\t') {
            esc = "\\t";
        } else if (c == '\r') {
            esc = "\\r";
        } else if (c == '\b') {
            esc = "\\b";
        } else if (c == '\f') {
            esc = "\\f";
        } else if (c < 0x20) {
            snprintf(ubuf, sizeof(ubuf), "\\u%04x", c);
            esc = ubuf;
        } else {
            i++;
            continue;
        }
        fwrite(s + run, 1, i - run, out);
        fputs(esc, out);
        i += n;
        run = i;
    }
    fwrite(s + run, 1, len - run, out);
    return all_valid;
}

bool json_string(json_writer *w, const char *data, size_t len)
{
    bool valid;

    json_separate(w);
    fputc('"', w->out);
    valid = json_string_body(w->out, (const unsigned char *)data, len);
    fputc('"', w->out);
    return valid;
}

void json_cstring(json_writer *w, const char *s)
{
    json_string(w, s, strlen(s));
}

static bool utf8_is_valid(const unsigned char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        bool valid;
        i += utf8_sequence(s + i, len - i, &valid);
        if (!valid)
            return false;
    }
    return true;
}

/* RFC 4648 base64 with padding, as Ruby's Base64.strict_encode64. */
static void json_base64(json_writer *w, const unsigned char *s, size_t len)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    json_separate(w);
    fputc('"', w->out);
    for (size_t i = 0; i < len; i += 3) {
        uint32_t v = (uint32_t)s[i] << 16;
        size_t left = len - i;

        if (left > 1)
            v |= (uint32_t)s[i + 1] << 8;
        if (left > 2)
            v |= s[i + 2];
        fputc(alphabet[(v >> 18) & 63], w->out);
        fputc(alphabet[(v >> 12) & 63], w->out);
        fputc(left > 1 ? alphabet[(v >> 6) & 63] : '=', w->out);
        fputc(left > 2 ? alphabet[v & 63] : '=', w->out);
    }
    fputc('"', w->out);
}

void json_text(json_writer *w, const char *data, size_t len)
{
    if (utf8_is_valid((const unsigned char *)data, len)) {
        json_string(w, data, len);
        return;
    }
    json_object_begin(w);
    json_key(w, "$invalid_utf8");
    json_string(w, data, len);
    json_key(w, "base64");
    json_base64(w, (const unsigned char *)data, len);
    json_object_end(w);
}

bool json_line_end(json_writer *w)
{
    assert(w->depth == 0);
    fputc('\n', w->out);
    w->first[0] = true;
    return !ferror(w->out);
}
