/* SPDX-License-Identifier: MIT */
/* Time zones from TZif data (RFC 8536) and POSIX TZ rules, read without the
 * C library's time zone machinery (which is process-global and keyed on the
 * TZ variable), so that zones are immutable values usable from any thread. */
#include "timezone.h"

#include "base_array.h"
#include "alloc.h"
#include "base_ctype.h"
#include "date.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define DEFAULT_TZDIR "/usr/share/zoneinfo"
#define MAX_TZIF_BYTES (1u << 20)
#define MAX_NAME 255
#define ABBR_MAX 16

typedef struct tz_type {
    int32_t offset;
    bool is_dst;
    uint32_t abbr; /* index into abbrs */
} tz_type;

/* A POSIX rule date: Jn (1..365, no Feb 29), n (0..365), or Mm.w.d. */
typedef struct rule_date {
    char kind; /* 'J', 'N' or 'M' */
    int month, week, wday, yday;
    int32_t time; /* seconds after local midnight, may be negative */
} rule_date;

typedef struct posix_rule {
    char std_abbr[ABBR_MAX], dst_abbr[ABBR_MAX];
    int32_t std_offset, dst_offset; /* east of UTC */
    bool has_dst;
    rule_date start, end;
} posix_rule;

struct postparse_tz {
    postparse_allocator alloc;
    size_t block_size; /* bytes of this allocation, arrays included */
    char *name;
    size_t timecnt, typecnt, charcnt;
    int64_t *trans;
    uint8_t *trans_type;
    tz_type *types;
    char *abbrs;
    bool has_rule;
    posix_rule rule;
};

/* ---- POSIX TZ rules ---- */

static const char *parse_abbr(const char *p, const char *end, char *out)
{
    size_t n = 0;
    if (p < end && *p == '<') {
        p++;
        while (p < end && *p != '>') {
            if (n + 1 < ABBR_MAX)
                out[n++] = *p;
            p++;
        }
        if (p >= end)
            return NULL;
        p++;
    } else {
        while (p < end && postparse__is_alpha(*p)) {
            if (n + 1 < ABBR_MAX)
                out[n++] = *p;
            p++;
        }
        if (n < 3)
            return NULL;
    }
    out[n] = '\0';
    return p;
}

static const char *parse_num(const char *p, const char *end, int max, int *out)
{
    int v = 0, n = 0;
    while (p < end && postparse__is_digit(*p) && n < 4) {
        v = v * 10 + (*p - '0');
        p++;
        n++;
    }
    if (n == 0 || v > max)
        return NULL;
    *out = v;
    return p;
}

/* [+-]hh[:mm[:ss]], hours up to 167 (RFC 8536 extension). */
static const char *parse_hms(const char *p, const char *end, int32_t *out)
{
    int sign = 1, h = 0, m = 0, s = 0;
    if (p < end && (*p == '+' || *p == '-')) {
        sign = *p == '-' ? -1 : 1;
        p++;
    }
    if (!(p = parse_num(p, end, 167, &h)))
        return NULL;
    if (p < end && *p == ':') {
        if (!(p = parse_num(p + 1, end, 59, &m)))
            return NULL;
        if (p < end && *p == ':' && !(p = parse_num(p + 1, end, 59, &s)))
            return NULL;
    }
    *out = sign * (h * 3600 + m * 60 + s);
    return p;
}

static const char *parse_rule_date(const char *p, const char *end,
                                   rule_date *rd)
{
    memset(rd, 0, sizeof *rd);
    if (p < end && *p == 'J') {
        rd->kind = 'J';
        p = parse_num(p + 1, end, 365, &rd->yday);
        if (!p || rd->yday < 1)
            return NULL;
    } else if (p < end && *p == 'M') {
        rd->kind = 'M';
        if (!(p = parse_num(p + 1, end, 12, &rd->month)) || rd->month < 1 ||
            p >= end || *p != '.' ||
            !(p = parse_num(p + 1, end, 5, &rd->week)) || rd->week < 1 ||
            p >= end || *p != '.' || !(p = parse_num(p + 1, end, 6, &rd->wday)))
            return NULL;
    } else {
        rd->kind = 'N';
        if (!(p = parse_num(p, end, 365, &rd->yday)))
            return NULL;
    }
    rd->time = 7200;
    if (p < end && *p == '/')
        p = parse_hms(p + 1, end, &rd->time);
    return p;
}

/* A UTC offset as the data block allows it (RFC 8536: -89999..93599
 * seconds); parse_hms takes hours up to 167, which only rule times may use. */
static bool offset_in_range(int32_t offset)
{
    return offset > -89999 && offset < 93600;
}

static bool parse_posix_rule(const char *p, const char *end, posix_rule *r)
{
    int32_t west;
    memset(r, 0, sizeof *r);
    if (!(p = parse_abbr(p, end, r->std_abbr)) ||
        !(p = parse_hms(p, end, &west)) || !offset_in_range(-west))
        return false;
    r->std_offset = -west;
    if (p == end)
        return true;
    if (!(p = parse_abbr(p, end, r->dst_abbr)))
        return false;
    r->has_dst = true;
    r->dst_offset = r->std_offset + 3600;
    if (p < end && *p != ',') {
        if (!(p = parse_hms(p, end, &west)))
            return false;
        r->dst_offset = -west;
    }
    if (!offset_in_range(r->dst_offset))
        return false;
    if (p == end) {
        /* No rule given: the US rules, as glibc assumes. */
        r->start = (rule_date){'M', 3, 2, 0, 0, 7200};
        r->end = (rule_date){'M', 11, 1, 0, 0, 7200};
        return true;
    }
    if (*p != ',' || !(p = parse_rule_date(p + 1, end, &r->start)) ||
        p >= end || *p != ',' || !(p = parse_rule_date(p + 1, end, &r->end)))
        return false;
    return p == end;
}

/* Local seconds (from 1970, as if UTC) of a rule date in `year`. */
static int64_t rule_local(const rule_date *rd, int64_t year)
{
    int64_t jan1 = postparse__days_from_civil(year, 1, 1);
    int64_t day;
    if (rd->kind == 'J') {
        day =
            jan1 + rd->yday - 1 + (postparse__is_leap(year) && rd->yday >= 60);
    } else if (rd->kind == 'N') {
        day = jan1 + rd->yday;
    } else {
        int64_t first = postparse__days_from_civil(year, rd->month, 1);
        int dow = (int)((first % 7 + 11) % 7); /* 1970-01-01: Thursday */
        int d = 1 + (rd->wday - dow + 7) % 7 + (rd->week - 1) * 7;
        int n = postparse__days_in_month(year, rd->month);
        while (d > n)
            d -= 7;
        day = first + d - 1;
    }
    return day * 86400 + rd->time;
}

static int32_t rule_offset(const posix_rule *r, int64_t t, bool *is_dst)
{
    *is_dst = false;
    if (!r->has_dst)
        return r->std_offset;
    int64_t year;
    postparse__civil_from_days(postparse__floor_div(t + r->std_offset, 86400),
                               &year, NULL, NULL);
    /* The start is written in standard time, the end in daylight time. */
    int64_t start = rule_local(&r->start, year) - r->std_offset;
    int64_t end = rule_local(&r->end, year) - r->dst_offset;
    bool dst = start < end ? (t >= start && t < end) : !(t >= end && t < start);
    *is_dst = dst;
    return dst ? r->dst_offset : r->std_offset;
}

/* ---- TZif ---- */

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           p[3];
}

static int64_t be64(const unsigned char *p)
{
    return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

typedef struct tzif_counts {
    uint32_t isut, isstd, leap, time, type, chars;
} tzif_counts;

static bool read_header(const unsigned char *p, size_t size, int *version,
                        tzif_counts *c)
{
    if (size < 44 || memcmp(p, POSTPARSE__LIT("TZif")) != 0)
        return false;
    *version = p[4] == 0 ? 1 : p[4] - '0';
    c->isut = be32(p + 20);
    c->isstd = be32(p + 24);
    c->leap = be32(p + 28);
    c->time = be32(p + 32);
    c->type = be32(p + 36);
    c->chars = be32(p + 40);
    /* RFC 8536 bounds; they also keep the size arithmetic below small. */
    return c->type >= 1 && c->type <= 256 && c->chars >= 1 &&
           c->chars <= 65536 && c->time <= 1u << 20 && c->leap <= 1u << 16 &&
           (c->isut == 0 || c->isut == c->type) &&
           (c->isstd == 0 || c->isstd == c->type);
}

static size_t block_len(const tzif_counts *c, size_t tsize)
{
    return (size_t)c->time * tsize + c->time + (size_t)c->type * 6 + c->chars +
           (size_t)c->leap * (tsize + 4) + c->isstd + c->isut;
}

static size_t align8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

static postparse_status make_zone(const postparse_allocator *allocator,
                                  const char *name, size_t timecnt,
                                  size_t typecnt, size_t charcnt,
                                  postparse_tz **out)
{
    size_t name_len = name ? strlen(name) : 0;
    size_t size = align8(sizeof(postparse_tz)) + align8(timecnt * 8) +
                  align8(typecnt * sizeof(tz_type)) + align8(timecnt) +
                  align8(charcnt + 1) + name_len + 1;
    postparse_allocator a = {0};
    if (allocator)
        a = *allocator;
    if (!postparse__allocator_valid(&a))
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    unsigned char *mem = postparse__malloc(&a, size);
    if (!mem)
        return POSTPARSE_ERR_NOMEM;
    memset(mem, 0, size);
    postparse_tz *tz = (postparse_tz *)mem;
    size_t at = align8(sizeof(postparse_tz));
    tz->alloc = a;
    tz->block_size = size;
    tz->trans = (int64_t *)(mem + at);
    at += align8(timecnt * 8);
    tz->types = (tz_type *)(mem + at);
    at += align8(typecnt * sizeof(tz_type));
    tz->trans_type = mem + at;
    at += align8(timecnt);
    tz->abbrs = (char *)(mem + at);
    at += align8(charcnt + 1);
    tz->name = (char *)(mem + at);
    if (name_len)
        memcpy(tz->name, name, name_len);
    tz->timecnt = timecnt;
    tz->typecnt = typecnt;
    tz->charcnt = charcnt;
    *out = tz;
    return POSTPARSE_OK;
}

postparse_status postparse_tz_from_tzif(const void *data, size_t size,
                                        const char *name,
                                        const postparse_allocator *allocator,
                                        postparse_tz **out)
{
    const unsigned char *p = data;
    tzif_counts c;
    int version;
    *out = NULL;
    if (!data || !read_header(p, size, &version, &c))
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    size_t tsize = 4;
    size_t len1 = block_len(&c, 4);
    if (size - 44 < len1)
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    const unsigned char *body = p + 44;
    const unsigned char *footer = NULL, *fend = NULL;
    if (version >= 2) {
        /* The 64-bit block follows the 32-bit one with its own header. */
        const unsigned char *h2 = body + len1;
        size_t rest = size - 44 - len1;
        if (!read_header(h2, rest, &version, &c))
            return POSTPARSE_ERR_INVALID_ARGUMENT;
        tsize = 8;
        size_t len2 = block_len(&c, 8);
        if (rest - 44 < len2)
            return POSTPARSE_ERR_INVALID_ARGUMENT;
        body = h2 + 44;
        const unsigned char *f = body + len2;
        const unsigned char *end = p + size;
        if (f < end && *f == '\n') {
            const unsigned char *nl =
                memchr(f + 1, '\n', (size_t)(end - f - 1));
            if (nl) {
                footer = f + 1;
                fend = nl;
            }
        }
    }
    /* Leap-second ("right/") zones count TAI-like seconds: not Unix time. */
    if (c.leap != 0)
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    posix_rule rule;
    bool has_rule =
        footer && fend > footer &&
        parse_posix_rule((const char *)footer, (const char *)fend, &rule);
    postparse_tz *tz;
    postparse_status st =
        make_zone(allocator, name, c.time, c.type, c.chars, &tz);
    if (st != POSTPARSE_OK)
        return st;
    const unsigned char *q = body;
    for (size_t i = 0; i < c.time; i++, q += tsize)
        tz->trans[i] = tsize == 8 ? be64(q) : (int32_t)be32(q);
    for (size_t i = 0; i < c.time; i++, q++) {
        if (*q >= c.type)
            goto bad;
        tz->trans_type[i] = *q;
    }
    for (size_t i = 0; i < c.type; i++, q += 6) {
        int32_t off = (int32_t)be32(q);
        if (!offset_in_range(off) || q[5] >= c.chars)
            goto bad;
        tz->types[i] = (tz_type){off, q[4] != 0, q[5]};
    }
    memcpy(tz->abbrs, q, c.chars);
    tz->abbrs[c.chars] = '\0';
    for (size_t i = 1; i < c.time; i++)
        if (tz->trans[i] <= tz->trans[i - 1])
            goto bad;
    tz->has_rule = has_rule;
    if (has_rule)
        tz->rule = rule;
    *out = tz;
    return POSTPARSE_OK;
bad:
    postparse_tz_free(tz);
    return POSTPARSE_ERR_INVALID_ARGUMENT;
}

postparse_status postparse_tz_fixed(int32_t utc_offset,
                                    const postparse_allocator *allocator,
                                    postparse_tz **out)
{
    *out = NULL;
    if (utc_offset <= -93600 || utc_offset >= 93600)
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    char name[16];
    int32_t a = utc_offset < 0 ? -utc_offset : utc_offset;
    if (utc_offset == 0)
        snprintf(name, sizeof name, "UTC");
    else if (a % 60)
        snprintf(name, sizeof name, "%c%02d:%02d:%02d",
                 utc_offset < 0 ? '-' : '+', (int)(a / 3600),
                 (int)(a / 60 % 60), (int)(a % 60));
    else
        snprintf(name, sizeof name, "%c%02d:%02d", utc_offset < 0 ? '-' : '+',
                 (int)(a / 3600), (int)(a / 60 % 60));
    postparse_tz *tz;
    postparse_status st = make_zone(allocator, name, 0, 1, sizeof name, &tz);
    if (st != POSTPARSE_OK)
        return st;
    tz->types[0] = (tz_type){utc_offset, false, 0};
    memcpy(tz->abbrs, name, sizeof name);
    *out = tz;
    return POSTPARSE_OK;
}

/* A fixed offset as Ruby's Time reads one ("+08", "+0800", "+08:00",
 * "+08:00:30"), and "+8" and "+8:30" as well, whose meaning is as plain:
 * a sign is required, so that a zone name is never mistaken for an offset.
 * Ruby refuses an offset of 24 hours or more ("utc_offset out of range"),
 * and so does postparse: *out_of_range says so when the form is right. */
static bool parse_fixed_name(const char *s, int32_t *offset, bool *out_of_range)
{
    *out_of_range = false;
    if ((s[0] != '+' && s[0] != '-') || !postparse__is_digit(s[1]))
        return false;
    int sign = s[0] == '-' ? -1 : 1;
    const char *p = s + 1;
    int h = *p++ - '0', m = 0, sec = 0;
    bool two = postparse__is_digit(*p);
    if (two)
        h = h * 10 + (*p++ - '0');
    if (*p == ':' || (two && postparse__is_digit(*p))) {
        bool colon = *p == ':';
        p += colon;
        if (!postparse__is_digit(p[0]) || !postparse__is_digit(p[1]))
            return false;
        m = (p[0] - '0') * 10 + (p[1] - '0');
        p += 2;
        if (colon && *p == ':') {
            if (!postparse__is_digit(p[1]) || !postparse__is_digit(p[2]))
                return false;
            sec = (p[1] - '0') * 10 + (p[2] - '0');
            p += 3;
        }
    }
    if (*p != '\0' || m > 59 || sec > 59)
        return false;
    if (h > 23) {
        *out_of_range = true;
        return false;
    }
    *offset = sign * (h * 3600 + m * 60 + sec);
    return true;
}

/* A POSIX TZ string ("CST-8", "<+08>-8", "EST5EDT,M3.2.0,M11.1.0"), which
 * Jekyll's `timezone` also is: Jekyll sets the TZ variable, and the C
 * library reads such a string when no zone file has the name. */
static postparse_status open_posix_rule(const char *name,
                                        const postparse_allocator *allocator,
                                        postparse_tz **out)
{
    posix_rule rule;
    if (!parse_posix_rule(name, name + strlen(name), &rule))
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    size_t abbr_len = strlen(rule.std_abbr);
    postparse_tz *tz;
    postparse_status st = make_zone(allocator, name, 0, 1, abbr_len, &tz);
    if (st != POSTPARSE_OK)
        return st;
    tz->types[0] = (tz_type){rule.std_offset, false, 0};
    memcpy(tz->abbrs, rule.std_abbr, abbr_len + 1);
    tz->has_rule = true;
    tz->rule = rule;
    *out = tz;
    return POSTPARSE_OK;
}

static bool valid_zone_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > MAX_NAME || s[0] == '/' || strstr(s, ".."))
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!(postparse__is_alpha(c) || postparse__is_digit(c) || c == '/' ||
              c == '_' || c == '-' || c == '+' || c == '.'))
            return false;
    }
    return true;
}

static bool is_utc_name(const char *s)
{
    return ((s[0] == 'U' || s[0] == 'u') && (s[1] == 'T' || s[1] == 't') &&
            (s[2] == 'C' || s[2] == 'c') && s[3] == '\0') ||
           ((s[0] == 'Z' || s[0] == 'z') && s[1] == '\0');
}

postparse_status postparse_tz_open(const char *name, const char *tzdir,
                                   const postparse_allocator *allocator,
                                   postparse_tz **out)
{
    *out = NULL;
    if (!name)
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    int32_t off;
    bool out_of_range;
    if (is_utc_name(name))
        return postparse_tz_fixed(0, allocator, out);
    if (parse_fixed_name(name, &off, &out_of_range))
        return postparse_tz_fixed(off, allocator, out);
    if (out_of_range || name[0] == '+' || name[0] == '-')
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    if (!valid_zone_name(name))
        return open_posix_rule(name, allocator, out);
    if (!tzdir)
        tzdir = DEFAULT_TZDIR;
    size_t dl = strlen(tzdir), nl = strlen(name);
    postparse_allocator a = {0};
    if (allocator)
        a = *allocator;
    if (!postparse__allocator_valid(&a))
        return POSTPARSE_ERR_INVALID_ARGUMENT;
    size_t path_size = dl + 1 + nl + 1;
    char *path = postparse__malloc(&a, path_size);
    if (!path)
        return POSTPARSE_ERR_NOMEM;
    memcpy(path, tzdir, dl);
    path[dl] = '/';
    memcpy(path + dl + 1, name, nl + 1);
    FILE *f = fopen(path, "rb");
    postparse__free(&a, path, path_size);
    if (!f)
        return errno == ENOENT || errno == ENOTDIR || errno == EISDIR
                   ? open_posix_rule(name, allocator, out)
                   : POSTPARSE_ERR_IO;
    size_t cap = 4096, len = 0;
    unsigned char *buf = postparse__malloc(&a, cap);
    postparse_status st = POSTPARSE_OK;
    if (!buf) {
        fclose(f);
        return POSTPARSE_ERR_NOMEM;
    }
    for (;;) {
        if (len == cap) {
            if (cap >= MAX_TZIF_BYTES) {
                st = POSTPARSE_ERR_INVALID_ARGUMENT;
                break;
            }
            unsigned char *nb = postparse__realloc(&a, buf, cap, cap * 2);
            if (!nb) {
                st = POSTPARSE_ERR_NOMEM;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            /* A directory opens on Linux but cannot be read. */
            if (ferror(f))
                st = errno == EISDIR ? POSTPARSE_ERR_INVALID_ARGUMENT
                                     : POSTPARSE_ERR_IO;
            break;
        }
    }
    fclose(f);
    if (st == POSTPARSE_OK)
        st = postparse_tz_from_tzif(buf, len, name, &a, out);
    postparse__free(&a, buf, cap);
    return st;
}

void postparse_tz_free(postparse_tz *tz)
{
    if (!tz)
        return;
    postparse_allocator a = tz->alloc;
    postparse__free(&a, tz, tz->block_size);
}

const char *postparse_tz_name(const postparse_tz *tz)
{
    return tz->name;
}

static const tz_type *type_at(const postparse_tz *tz, int64_t t)
{
    if (tz->timecnt == 0 || t < tz->trans[0])
        return &tz->types[0];
    size_t lo = 0, hi = tz->timecnt; /* trans[lo] <= t < trans[hi] */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (tz->trans[mid] <= t)
            lo = mid;
        else
            hi = mid;
    }
    return &tz->types[tz->trans_type[lo]];
}

static bool rule_applies(const postparse_tz *tz, int64_t t)
{
    return tz->has_rule &&
           (tz->timecnt == 0 || t >= tz->trans[tz->timecnt - 1]);
}

int32_t postparse_tz_offset_at(const postparse_tz *tz, int64_t unix_seconds,
                               const char **abbreviation)
{
    if (rule_applies(tz, unix_seconds)) {
        bool dst;
        int32_t off = rule_offset(&tz->rule, unix_seconds, &dst);
        if (abbreviation)
            *abbreviation = dst ? tz->rule.dst_abbr : tz->rule.std_abbr;
        return off;
    }
    const tz_type *ty = type_at(tz, unix_seconds);
    if (abbreviation)
        *abbreviation = tz->abbrs + ty->abbr;
    return ty->offset;
}

/* The first instant after t at which the offset may change: the offset is
 * the same on all of [t, next_change(t)). Not every instant returned is a
 * change (a rule year's end is one whether or not the offset moves there). */
static int64_t next_change(const postparse_tz *tz, int64_t t)
{
    if (!rule_applies(tz, t)) {
        size_t lo = 0, hi = tz->timecnt; /* the first transition after t */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (tz->trans[mid] <= t)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo < tz->timecnt ? tz->trans[lo] : INT64_MAX;
    }
    const posix_rule *r = &tz->rule;
    if (!r->has_dst)
        return INT64_MAX;
    /* rule_offset reads t in the rule year that t + std_offset falls in:
     * inside that year the offset moves only at its start and end. */
    int64_t year;
    postparse__civil_from_days(postparse__floor_div(t + r->std_offset, 86400),
                               &year, NULL, NULL);
    int64_t next =
        postparse__days_from_civil(year + 1, 1, 1) * 86400 - r->std_offset;
    int64_t start = rule_local(&r->start, year) - r->std_offset;
    int64_t end = rule_local(&r->end, year) - r->dst_offset;
    if (start > t && start < next)
        next = start;
    if (end > t && end < next)
        next = end;
    return next;
}

/* Every offset is inside (-89999, 93600) seconds (offset_in_range), so the
 * instants whose wall-clock time is L lie in (L - 93600, L + 89999). Walk
 * the stretches of constant offset o across that window: t = L - o is an
 * answer when it falls in its own stretch. The latest answer is taken (Ruby
 * takes the later instant of an overlap). With none, L is in a gap, and the
 * offset of the last stretch whose local start is not after L is the one
 * before the jump over L (all later stretches start after L locally), so
 * the time moves forward, as in Ruby. Exact however close the transitions
 * are; the walk takes one step per transition in the window (one or two in
 * the time zone database). */
int64_t postparse_tz_local_to_unix(const postparse_tz *tz,
                                   const postparse_datetime *local,
                                   postparse_tz_local_kind *kind)
{
    postparse_datetime l = *local;
    l.utc_offset = 0;
    int64_t L = postparse_datetime_to_unix(&l);
    int64_t hi = L + 90000;
    size_t answers = 0;
    int64_t latest = 0;
    int32_t before = 0;
    for (int64_t a = L - 93600; a < hi;) {
        int64_t b = next_change(tz, a);
        if (b > hi)
            b = hi;
        int32_t o = postparse_tz_offset_at(tz, a, NULL);
        if (L - o >= a && L - o < b) {
            answers++;
            latest = L - o;
        }
        if (a + o <= L) /* true of the first stretch: a + o < L */
            before = o;
        a = b;
    }
    if (kind)
        *kind = answers == 0   ? POSTPARSE_TZ_LOCAL_GAP
                : answers == 1 ? POSTPARSE_TZ_LOCAL_UNIQUE
                               : POSTPARSE_TZ_LOCAL_OVERLAP;
    return answers ? latest : L - before;
}

void postparse_tz_localize(const postparse_tz *tz, int64_t unix_seconds,
                           int32_t nanosecond, postparse_datetime *out)
{
    int32_t off = postparse_tz_offset_at(tz, unix_seconds, NULL);
    postparse_datetime_from_unix(unix_seconds, nanosecond, off, out);
}

static bool abbr_equal(const char *abbr, const char *zone, size_t len)
{
    size_t n = strlen(abbr);
    if (n != len)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = abbr[i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (c != zone[i])
            return false;
    }
    return true;
}

bool postparse__tz_abbreviation_offset(const postparse_tz *tz, int64_t year,
                                       const char *zone, size_t len,
                                       int32_t *offset)
{
    static const int months[2] = {1, 7};
    /* A zone's names past any transition are its last rule's: a year far
     * out (a date string's year may have 20 digits) is looked up as one a
     * million years away, where its seconds still fit an int64_t. */
    const int64_t far = 1000000;
    if (year > far)
        year = far;
    else if (year < -far)
        year = -far;
    for (int i = 0; i < 2; i++) {
        postparse_datetime d = {0};
        d.year = year;
        d.month = months[i];
        d.day = 1;
        int64_t t = postparse_tz_local_to_unix(tz, &d, NULL);
        const char *abbr;
        int32_t off = postparse_tz_offset_at(tz, t, &abbr);
        if (abbr_equal(abbr, zone, len)) {
            *offset = off;
            return true;
        }
    }
    return false;
}
