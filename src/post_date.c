/* SPDX-License-Identifier: MIT */
/* data["date"] as Jekyll 4.3 computes it. Every merge of Document#read ends
 * in merge_date!, which replaces the date by Utils.parse_date(date.to_s):
 * Time.parse of the value's to_s, in the site zone. So a YAML timestamp
 * loses its fraction (Time#to_s has none) and keeps its instant (a naive
 * one is UTC, as Psych makes it), a YAML date is local midnight, a string
 * is read as Time.parse reads it, and anything else is read from its to_s
 * (mostly an InvalidDateError, which aborts the build). */
#include "post.h"

#include <stdio.h>
#include <string.h>

#include "base_array.h"
#include "utf8.h"
#include "value.h"

static void localize(const postparse__post_input *in, int64_t t, int32_t ns,
                     postparse_datetime *out)
{
    if (in->opt->site_zone)
        postparse_tz_localize(in->opt->site_zone, t, ns, out);
    else
        postparse_datetime_from_unix(t, ns, 0, out);
}

void postparse__post_site_time(const postparse__post_input *in,
                               int64_t *seconds, int32_t *nanosecond)
{
    *seconds = in->now;
    *nanosecond = in->now_ns;
}

static void set_date(postparse_post *post, const postparse__post_input *in,
                     int64_t t, int32_t ns, postparse_date_source source)
{
    localize(in, t, ns, &post->date);
    post->has_date = true;
    post->date_source = source;
}

/* "_posts/<basename>", as Jekyll's messages name the document. */
static void relative_path(const postparse__post_input *in, char *buf,
                          size_t size)
{
    size_t len;
    const char *name = postparse__post_basename(in->path, &len);
    snprintf(buf, size, "_posts/%.*s",
             (int)postparse__utf8_cut((const uint8_t *)name, len, 200), name);
}

/* A diagnostic at a place inside a one-line scalar: its start plus the
 * characters before byte `offset` of its text. Only where s is the text as
 * written: a date read from a collection's to_s (or a quoted scalar) has
 * no such place in the file, and the value's start is used. */
static postparse_pos pos_in(const postparse_value *v, const char *s,
                            size_t offset)
{
    postparse_pos p = postparse_value_pos(v);
    size_t text_len = 0;
    const char *text = postparse_value_text(v, &text_len);
    if (!v || postparse_value_is_quoted(v) || !text || text_len < offset ||
        memcmp(text, s, offset) != 0 || memchr(s, '\n', offset))
        return p;
    for (size_t i = 0; i < offset; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            p.column++;
        p.offset++;
    }
    return p;
}

/* Jekyll keeps any year, but a year outside 1..9999 is no longer four
 * digits in Time#to_s, feeds and permalinks, and is almost always a typo. */
static postparse_status check_year(postparse_post *post, postparse_pos pos,
                                   const char *key)
{
    if (!post->has_date || (post->date.year >= 1 && post->date.year <= 9999))
        return POSTPARSE_OK;
    return postparse__diag_add(
        post->diags, POSTPARSE_SEVERITY_WARNING, POSTPARSE_DIAG_DATE_YEAR_OUT_OF_RANGE, pos,
        key,
        "the date's year %lld is outside 1 to 9999: Jekyll keeps it, but "
        "URLs, feeds and Liquid's date filters expect four digits; expected "
        "a year such as 2025",
        (long long)post->date.year);
}

/* A string date Jekyll reads that is not spelled in its canonical form
 * (postparse_date_canonical): a note that names the form, which check
 * --fix writes. Only for a string of the post's own front matter: not an
 * integer's or a list's to_s, nor a site's front matter default, which
 * have no bytes in the post to rewrite. */
static postparse_status check_canonical(postparse_post *post,
                                        const postparse__post_input *in,
                                        const char *s, size_t len,
                                        const postparse_value *v)
{
    char canonical[POSTPARSE_DATE_CANONICAL_MAX];
    char read_as[POSTPARSE_DATETIME_FORMAT_MAX];

    if (postparse_value_kind_of(v) != POSTPARSE_VALUE_STRING ||
        v != postparse_value_get(in->front_matter, "date", 4))
        return POSTPARSE_OK;
    size_t n = postparse_date_canonical(s, len, in->opt->site_zone, canonical,
                                        sizeof(canonical));
    if (n == 0 || (n == len && memcmp(s, canonical, n) == 0))
        return POSTPARSE_OK;
    postparse_datetime_format(&post->date, read_as, sizeof(read_as));
    return postparse__diag_add(
        post->diags, POSTPARSE_SEVERITY_NOTE, POSTPARSE_DIAG_DATE_NOT_CANONICAL,
        postparse_value_pos(v), "date",
        "date '%.*s' is a string Jekyll reads with Time.parse as %s; "
        "expected its canonical form '%s' (YYYY-MM-DD, then HH:MM:SS and "
        "+HH:MM when given), which means the same date",
        (int)postparse__utf8_cut((const uint8_t *)s, len, 200), s, read_as,
        canonical);
}

/* Reads s as Utils.parse_date does; where says which value it came from
 * (NULL: the file name) for the messages. */
static postparse_status parse_date(postparse_post *post,
                                   const postparse__post_input *in,
                                   const char *s, size_t len,
                                   const postparse_value *where,
                                   postparse_date_source source)
{
    postparse_date_result r;
    postparse_date_parse_jekyll_at(s, len, in->opt->site_zone, in->now, &r);
    char doc[256];
    relative_path(in, doc, sizeof(doc));
    const char *in_what = where ? "YAML front matter" : "filename";
    postparse_pos pos =
        where ? pos_in(where, s, r.where_offset) : in->front_matter_pos;
    /* At most 200 bytes of the value, cut between characters. */
    int shown = (int)postparse__utf8_cut((const uint8_t *)s, len, 200);
    switch (r.status) {
    case POSTPARSE_DATE_OK: {
        set_date(post, in, r.unix_seconds, 0, source);
        postparse_status st =
            check_year(post, where ? postparse_value_pos(where) : pos,
                       where ? "date" : NULL);
        if (st == POSTPARSE_OK && where)
            st = check_canonical(post, in, s, len, where);
        return st;
    }
    case POSTPARSE_DATE_ROLLED_OVER: {
        set_date(post, in, r.unix_seconds, 0, source);
        char shown_value[POSTPARSE_DATETIME_FORMAT_MAX];
        postparse_datetime_format(&post->date, shown_value,
                                  sizeof(shown_value));
        postparse_status st = postparse__diag_add(
            post->diags, POSTPARSE_SEVERITY_ERROR, r.code, pos,
            where ? "date" : NULL,
            "date '%.*s' in the %s does not exist: Jekyll silently takes "
            "%s instead; expected a real date and time",
            shown, s, in_what, shown_value);
        if (st != POSTPARSE_OK)
            return st;
        return check_year(post, where ? postparse_value_pos(where) : pos,
                          where ? "date" : NULL);
    }
    case POSTPARSE_DATE_INVALID: {
        postparse_status st = postparse__post_raise(
            post, "Jekyll::Errors::InvalidDateError", true,
            "Invalid date '%.*s': Document '%s' does not have a valid date "
            "in the %s.",
            shown, s, doc, in_what);
        if (st != POSTPARSE_OK)
            return st;
        return postparse__diag_add(
            post->diags, POSTPARSE_SEVERITY_ERROR, r.code, pos,
            where ? "date" : NULL,
            "invalid date '%.*s' in the %s: %s; Jekyll stops the build "
            "(InvalidDateError)",
            shown, s, in_what, r.message);
    }
    case POSTPARSE_DATE_RANGE_ERROR: {
        /* Not an ArgumentError: Utils.parse_date lets it through, the read
         * stops there and the build logs it and goes on. */
        postparse_status st = postparse__post_raise(
            post, "RangeError", false,
            "integer too big to convert to `int' (date '%.*s')", shown, s);
        if (st != POSTPARSE_OK)
            return st;
        return postparse__diag_add(
            post->diags, POSTPARSE_SEVERITY_ERROR, r.code, pos,
            where ? "date" : NULL,
            "date '%.*s' in the %s: %s; Jekyll logs the error and keeps the "
            "post without a date",
            shown, s, in_what, r.message);
    }
    case POSTPARSE_DATE_UNSUPPORTED:
        break;
    }
    if (where) {
        post->date_unknown = true;
        post->date_source = source;
    }
    return postparse__diag_add(
        post->diags, POSTPARSE_SEVERITY_WARNING,
        POSTPARSE_DIAG_DATE_UNSUPPORTED_FORM, pos, where ? "date" : NULL,
        "date '%.*s' in the %s is in a form postparse does not read (Ruby's "
        "Time.parse may), so its value is unknown; expected YYYY-MM-DD, "
        "optionally with HH:MM[:SS] and a UTC offset",
        shown, s, in_what);
}

/* A YAML timestamp's fields as written. The value layer keeps Psych's
 * result (Psych's ScalarScanner#parse_time hands the fields of
 * `^(-?\d{4})-(\d{1,2})-(\d{1,2})` and `(\d+:\d+:\d+)` to Time.utc, which
 * rolls a day past the month's end, hour 24 and second 60 over), so the
 * written ones come from the text. False when the text is not that shape
 * (a tagged value, for one). */
static bool written_timestamp(const postparse_value *v, int64_t f[6])
{
    size_t n = 0;
    const char *s = postparse_value_text(v, &n);
    size_t i = 0;
    if (!s)
        return false;
    if (i < n && s[i] == '-')
        i++;
    static const char seps[6] = {'-', '-', 'T', ':', ':', 0};
    for (int k = 0; k < 6; k++) {
        size_t start = i;
        int64_t x = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9' && i - start < 6)
            x = x * 10 + (s[i++] - '0');
        if (i == start)
            return false;
        f[k] = k == 0 && s[0] == '-' ? -x : x;
        if (k == 5)
            break;
        if (seps[k] == 'T') {
            size_t ws = i;
            while (i < n && (s[i] == ' ' || s[i] == '\t'))
                i++;
            if (i == ws && i < n && (s[i] == 'T' || s[i] == 't'))
                i++;
            else if (i == ws)
                return false;
        } else if (i >= n || s[i++] != seps[k]) {
            return false;
        }
    }
    return true;
}

/* A timestamp Psych rolled over: Jekyll takes the later date silently. */
static postparse_status timestamp_rolled_over(postparse_post *post,
                                              const postparse_value *v)
{
    int64_t f[6];
    if (!written_timestamp(v, f))
        return POSTPARSE_OK;
    bool bad_day = f[1] < 1 || f[1] > 12 ||
                   !postparse_date_is_valid(f[0], (int)f[1], (int)f[2]);
    if (!bad_day && f[3] <= 23 && f[4] <= 59 && f[5] <= 59)
        return POSTPARSE_OK;
    size_t n = 0;
    const char *s = postparse_value_text(v, &n);
    char shown_value[POSTPARSE_DATETIME_FORMAT_MAX];
    postparse_datetime_format(&post->date, shown_value, sizeof(shown_value));
    const char *what = bad_day     ? "the day is past the month's end"
                       : f[3] > 23 ? "hour 24 is the next day's midnight"
                       : f[5] > 59 ? "second 60 (a leap second) is the next "
                                     "minute"
                                   : "the time is out of range";
    return postparse__diag_add(
        post->diags, POSTPARSE_SEVERITY_ERROR, POSTPARSE_DIAG_DATE_ROLLED_OVER,
        postparse_value_pos(v), "date",
        "timestamp '%.*s' does not exist (%s): Psych and Jekyll silently take "
        "%s instead; expected a real date and time",
        (int)(n > 200 ? 200 : n), s, what, shown_value);
}

static postparse_status timestamp_date(postparse_post *post,
                                       const postparse__post_input *in,
                                       const postparse_value *v)
{
    /* The conversions leave the nanoseconds out: Jekyll drops them. */
    postparse_datetime ts;
    postparse_value_datetime(v, &ts);
    int64_t t;
    if (!ts.has_offset && in->opt->naive_time_in_site_zone &&
        in->opt->site_zone)
        t = postparse_tz_local_to_unix(in->opt->site_zone, &ts, NULL);
    else
        t = postparse_datetime_to_unix(&ts);
    set_date(post, in, t, 0, POSTPARSE_DATE_SOURCE_FRONT_MATTER);
    postparse_pos pos = postparse_value_pos(v);
    postparse_status st = timestamp_rolled_over(post, v);
    if (st == POSTPARSE_OK)
        st = check_year(post, pos, "date");
    if (st == POSTPARSE_OK && ts.nanosecond != 0)
        st = postparse__diag_add(
            post->diags, POSTPARSE_SEVERITY_NOTE,
            POSTPARSE_DIAG_DATE_FRACTION_DROPPED, pos, "date",
            "Jekyll drops the fraction of a second of this date (.%09u): it "
            "reads the time again from Time#to_s",
            (unsigned)ts.nanosecond);
    if (st == POSTPARSE_OK && !ts.has_offset &&
        !in->opt->naive_time_in_site_zone && post->date.utc_offset != 0)
        st = postparse__diag_add(
            post->diags, POSTPARSE_SEVERITY_NOTE, POSTPARSE_DIAG_DATE_NAIVE_UTC,
            pos, "date",
            "this date has no UTC offset: Psych and Jekyll read it as UTC, "
            "not in the site's time zone; add an offset (e.g. +08:00) to "
            "say which time is meant");
    return st;
}

/* Jekyll hands other values to Time.parse as their to_s. */
static postparse_status parse_date_as_string(postparse_post *post,
                                             const postparse__post_input *in,
                                             const postparse_value *v)
{
    postparse__buffer b = {0};
    postparse_status st = POSTPARSE_ERR_NOMEM;
    if (postparse__ruby_to_s(&b, post->alloc, v))
        st = parse_date(post, in, b.len ? b.data : "", b.len, v,
                        POSTPARSE_DATE_SOURCE_FRONT_MATTER);
    postparse__buffer_free(&b, post->alloc);
    return st;
}

/* An integer's digits go through Date._parse's digit-run rules, most of
 * which fill in today's date. Two are certain: eight digits are
 * YYYYMMDD, and four digits are MMDD, so a year such as 2024 (month 20)
 * is "argument out of range". */
static postparse_status int_date(postparse_post *post,
                                 const postparse__post_input *in,
                                 const postparse_value *v)
{
    int64_t n;
    char digits[32];
    bool small = postparse_value_int(v, &n) && n >= 0;
    int len =
        small ? snprintf(digits, sizeof(digits), "%lld", (long long)n) : 0;
    size_t tlen;
    const char *text = postparse_value_text(v, &tlen);
    bool plain = text && tlen == (size_t)len && !memcmp(text, digits, tlen);
    if (plain && len == 8) {
        char iso[11];
        snprintf(iso, sizeof(iso), "%.4s-%.2s-%.2s", digits, digits + 4,
                 digits + 6);
        return parse_date(post, in, iso, 10, v,
                          POSTPARSE_DATE_SOURCE_FRONT_MATTER);
    }
    if (plain && len == 4) {
        int month = (digits[0] - '0') * 10 + (digits[1] - '0');
        int day = (digits[2] - '0') * 10 + (digits[3] - '0');
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            char doc[256];
            relative_path(in, doc, sizeof(doc));
            postparse_status st = postparse__post_raise(
                post, "Jekyll::Errors::InvalidDateError", true,
                "Invalid date '%s': Document '%s' does not have a valid date "
                "in the YAML front matter.",
                digits, doc);
            if (st != POSTPARSE_OK)
                return st;
            return postparse__diag_add(
                post->diags, POSTPARSE_SEVERITY_ERROR,
                POSTPARSE_DIAG_DATE_INVALID, postparse_value_pos(v), "date",
                "date %s is a number: Ruby reads four digits as MMDD, month "
                "%d does not exist, and Jekyll stops the build "
                "(InvalidDateError); expected a date such as %s-01-01",
                digits, month, digits);
        }
    }
    return parse_date_as_string(post, in, v);
}

postparse_status postparse__post_date_merge(postparse_post *post,
                                            const postparse__post_input *in,
                                            const postparse_value *data)
{
    const postparse_value *v =
        postparse_value_get(data, POSTPARSE__LIT("date"));
    if (!v)
        return POSTPARSE_OK;
    switch (postparse_value_kind_of(v)) {
    case POSTPARSE_VALUE_TIMESTAMP:
        return timestamp_date(post, in, v);
    case POSTPARSE_VALUE_STRING: {
        size_t len;
        const char *s = postparse_value_string(v, &len);
        return parse_date(post, in, s, len, v,
                          POSTPARSE_DATE_SOURCE_FRONT_MATTER);
    }
    case POSTPARSE_VALUE_INT:
        return int_date(post, in, v);
    default:
        break;
    }
    return parse_date_as_string(post, in, v);
}

postparse_status postparse__post_date_filename(postparse_post *post,
                                               const postparse__post_input *in,
                                               const char *name_date,
                                               size_t len)
{
    if (post->date_unknown)
        return POSTPARSE_OK;
    if (post->has_date) {
        int64_t now;
        int32_t now_ns;
        postparse__post_site_time(in, &now, &now_ns);
        if (postparse_datetime_to_unix(&post->date) != now)
            return POSTPARSE_OK;
    }
    /* The source stays front_matter when the front matter had a date (the
     * oracle's rule), even when this one replaces it. */
    postparse_date_source source =
        post->has_date ? post->date_source : POSTPARSE_DATE_SOURCE_FILENAME;
    return parse_date(post, in, name_date, len, NULL, source);
}

void postparse__post_date_default(postparse_post *post,
                                  const postparse__post_input *in,
                                  const postparse_value *data)
{
    if (post->has_date || post->date_unknown)
        return;
    bool is_draft = postparse__post_is_draft(in, data);
    if (is_draft && in->has_mtime) {
        set_date(post, in, in->mtime, in->mtime_ns,
                 POSTPARSE_DATE_SOURCE_FILE_MTIME);
        return;
    }
    int64_t now;
    int32_t now_ns;
    postparse__post_site_time(in, &now, &now_ns);
    set_date(post, in, now, now_ns, POSTPARSE_DATE_SOURCE_SITE_TIME);
}
