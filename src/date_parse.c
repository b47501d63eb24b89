/* SPDX-License-Identifier: MIT */
/* Jekyll's date strings: Ruby's Time.parse (lib/time.rb of Ruby 3.1:
 * Time.parse, make_time, zone_offset, apply_offset, force_zone!) on top of
 * Date._parse (date_ruby.c), as Jekyll's Utils.parse_date calls it. */
#include "date.h"
#include "base_ctype.h"
#include "date_ruby.h"
#include "timezone.h"

#include <string.h>

#define MAX_CHARS 128  /* Date._parse's default limit */
#define MAX_BYTES 1024 /* room for MAX_CHARS characters of UTF-8 */

typedef postparse__ruby_span view;

static bool ci_prefix(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++)
        if (postparse__to_lower(s[i]) != w[i])
            return false;
    return true;
}

/* ---- Time.parse: zone_offset, apply_offset, Time.utc/local ---- */

/* Ruby's divmod: q = floor(a / b), a = q * b + r. */
static int64_t divmod(int64_t a, int64_t b, int64_t *r)
{
    int64_t q = postparse__floor_div(a, b);
    *r = a - q * b;
    return q;
}

/* time.rb's month_days, including Ruby's negative array index for month 0
 * and nil (returned as 0) past December. */
static int64_t month_days(int64_t y, int64_t m)
{
    int64_t i = m - 1;
    if (i < -12 || i >= 12)
        return 0;
    if (i < 0)
        i += 12;
    return postparse__days_in_month(y, (int)i + 1);
}

/* time.rb's apply_offset, quirks and all: only the parts of the offset that
 * are non-zero normalize their field, and a day carry moves at most to the
 * neighbouring month's edge. */
static void apply_offset(int64_t *year, int64_t *mon, int64_t *day,
                         int64_t *hour, int64_t *min, int64_t *sec, int64_t off)
{
    int64_t o;
    if (off < 0) {
        off = -off;
        off = divmod(off, 60, &o);
        if (o) {
            *sec += o;
            o = divmod(*sec, 60, sec);
            off += o;
        }
        off = divmod(off, 60, &o);
        if (o) {
            *min += o;
            o = divmod(*min, 60, min);
            off += o;
        }
        off = divmod(off, 24, &o);
        if (o) {
            *hour += o;
            o = divmod(*hour, 24, hour);
            off += o;
        }
        if (off) {
            *day += off;
            int64_t days = month_days(*year, *mon);
            if (days && days < *day) {
                *mon += 1;
                if (*mon > 12) {
                    *mon = 1;
                    *year += 1;
                }
                *day = 1;
            }
        }
    } else if (off > 0) {
        off = divmod(off, 60, &o);
        if (o) {
            *sec -= o;
            o = divmod(*sec, 60, sec);
            off -= o;
        }
        off = divmod(off, 60, &o);
        if (o) {
            *min -= o;
            o = divmod(*min, 60, min);
            off -= o;
        }
        off = divmod(off, 24, &o);
        if (o) {
            *hour -= o;
            o = divmod(*hour, 24, hour);
            off -= o;
        }
        if (off) {
            *day -= off;
            if (*day < 1) {
                *mon -= 1;
                if (*mon < 1) {
                    *year -= 1;
                    *mon = 12;
                }
                *day = month_days(*year, *mon);
            }
        }
    }
}

static bool zone_is(const char *z, size_t n, const char *w)
{
    return strlen(w) == n && ci_prefix(z, n, w);
}

/* time.rb's zone_offset. */
static bool zone_offset(const char *z, size_t n, int64_t year,
                        const postparse_tz *tz, int32_t *off)
{
    static const struct {
        const char *name;
        int hours;
    } table[] = {{"utc", 0},  {"z", 0},    {"ut", 0},   {"gmt", 0},
                 {"est", -5}, {"edt", -4}, {"cst", -6}, {"cdt", -5},
                 {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7}};
    char up[16];
    if (n >= 2 && (z[0] == '+' || z[0] == '-')) {
        int sign = z[0] == '-' ? -1 : 1;
        bool all = true;
        for (size_t i = 1; i < n; i++)
            all = all && (postparse__is_digit(z[i]) || z[i] == ':');
        if (!all)
            return false;
        /* \A([+-])(\d\d)(:?)(\d\d)(?:\3(\d\d))?\z or \A[+-]\d\d\z */
        const char *d = z + 1;
        size_t m = n - 1;
        int h, mi = 0, se = 0;
        if (m == 2 && postparse__is_digit(d[0]) && postparse__is_digit(d[1])) {
            h = (d[0] - '0') * 10 + d[1] - '0';
        } else {
            bool colon = m >= 3 && d[2] == ':';
            size_t step = colon ? 3 : 2;
            if (!((m == step + 2) || (m == 2 * step + 2)))
                return false;
            for (size_t i = 0; i < m; i++)
                if ((i + 1) % 3 == 0 && colon ? d[i] != ':' : !postparse__is_digit(d[i]))
                    return false;
            h = (d[0] - '0') * 10 + d[1] - '0';
            mi = (d[step] - '0') * 10 + d[step + 1] - '0';
            if (m == 2 * step + 2)
                se = (d[2 * step] - '0') * 10 + d[2 * step + 1] - '0';
        }
        *off = sign * ((h * 60 + mi) * 60 + se);
        return true;
    }
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (zone_is(z, n, table[i].name)) {
            *off = table[i].hours * 3600;
            return true;
        }
    if (n == 1 && postparse__is_alpha(z[0]) && postparse__to_lower(z[0]) != 'j') {
        /* Military zones: A..M east (no J), N..Y west. */
        int c = postparse__to_lower(z[0]) - 'a';
        if (c <= 8)
            *off = (c + 1) * 3600;
        else if (c <= 12)
            *off = c * 3600;
        else if (c <= 24)
            *off = -(c - 12) * 3600;
        else
            return false;
        return true;
    }
    if (!tz || n >= sizeof up)
        return false;
    for (size_t i = 0; i < n; i++)
        up[i] = (char)(postparse__to_lower(z[i]) - (postparse__is_alpha(z[i]) ? 'a' - 'A' : 0));
    return postparse__tz_abbreviation_offset(tz, year, up, n, off);
}

static void fail(postparse_date_result *r, postparse_date_status st,
                 postparse_diagnostic_code code, const char *message,
                 view where)
{
    r->status = st;
    r->code = code;
    r->message = message;
    r->where_offset = where.off;
    r->where_length = where.len;
}

static void unsupported(postparse_date_result *r, size_t len)
{
    fail(r, POSTPARSE_DATE_UNSUPPORTED, POSTPARSE_DIAG_DATE_UNSUPPORTED_FORM,
         "date in a form postparse does not model; expected YYYY-MM-DD "
         "[HH:MM[:SS[.frac]]] [+HH:MM|Z]",
         (view){0, len});
}

/* The site's wall clock at `now`, or at an offset: what time.rb's make_time
 * reads today's date from (now.getlocal(off), else now.getlocal). */
static void now_local(const postparse_tz *zone, bool has_off, int32_t off,
                      int64_t now, postparse_datetime *out)
{
    if (has_off)
        postparse_datetime_from_unix(now, 0, off, out);
    else if (zone)
        postparse_tz_localize(zone, now, 0, out);
    else
        postparse_datetime_from_unix(now, 0, 0, out);
}

/* time.rb's make_time once the fields are known (after its yday branch):
 * the fields before the first one given come from now (`today`, already at
 * the string's offset), apply_offset, then Time.utc or Time.local with
 * their range checks. */
static postparse_date_status
make_time(const postparse__ruby_date *p, int64_t year,
          const postparse_datetime *today, const postparse_tz *site_zone,
          bool has_off, int32_t off, size_t len, postparse_date_result *out)
{
    memset(out, 0, sizeof *out);
    view whole = {0, len};
    int64_t mon = 1, day = 1, hour = 0, min = 0, sec = 0;
    /* make_time: the fields before the first one given come from now. */
    if (!p->has_year) {
        mon = today->month;
        if (p->has_mon)
            goto given;
        day = today->day;
        if (p->has_mday)
            goto given;
        hour = today->hour;
        if (p->has_hour)
            goto given;
        min = today->minute;
        if (p->has_min)
            goto given;
        sec = today->second;
    }
given:
    if (p->has_mon)
        mon = p->mon;
    if (p->has_mday)
        day = p->mday;
    if (p->has_hour)
        hour = p->hour;
    if (p->has_min)
        min = p->min;
    if (p->has_sec)
        sec = p->sec;
    postparse_datetime *w = &out->written;
    w->year = year;
    w->month = (int)mon;
    w->day = (int)day;
    w->hour = (int)hour;
    w->minute = (int)min;
    w->second = (int)sec;
    w->nanosecond = p->nsec;
    w->utc_offset = off;
    w->has_time = p->has_hour;
    w->has_offset = has_off;
    if (has_off)
        apply_offset(&year, &mon, &day, &hour, &min, &sec, off);
    /* Time.utc / Time.local argument checks (time.c's time_arg). */
    view v_whole = whole;
    const int64_t int_max = 2147483647;
    view big = p->mon > int_max    ? p->at_mon
               : p->mday > int_max ? p->at_mday
               : p->hour > int_max ? p->at_hour
               : p->min > int_max  ? p->at_min
               : p->sec > int_max  ? p->at_sec
                                   : (view){0, 0};
    if (p->range_error || big.len) {
        /* time.c's obj2int (NUM2INT) on a field past 2^31 - 1. */
        fail(out, POSTPARSE_DATE_RANGE_ERROR, POSTPARSE_DIAG_DATE_RANGE_ERROR,
             "a number too big for Ruby's Time (RangeError: integer too big "
             "to convert to `int')",
             big.len ? big : v_whole);
    } else if (mon < 1 || mon > 12) {
        fail(out, POSTPARSE_DATE_INVALID,
             POSTPARSE_DIAG_DATE_MONTH_OUT_OF_RANGE,
             "month out of range; expected 1 to 12",
             p->at_mon.len ? p->at_mon : v_whole);
    } else if (day < 1 || day > 31) {
        fail(out, POSTPARSE_DATE_INVALID, POSTPARSE_DIAG_DATE_DAY_OUT_OF_RANGE,
             "day out of range; expected 1 to 31 (a day past the month's end "
             "rolls over, 32 and more are rejected)",
             p->at_mday.len ? p->at_mday : v_whole);
    } else if (hour < 0 || hour > 24) {
        fail(out, POSTPARSE_DATE_INVALID, POSTPARSE_DIAG_DATE_HOUR_OUT_OF_RANGE,
             "hour out of range; expected 0 to 23 (24:00:00 is accepted)",
             p->at_hour.len ? p->at_hour : v_whole);
    } else if (min < 0 || min > 59 || (hour == 24 && min != 0)) {
        fail(out, POSTPARSE_DATE_INVALID,
             POSTPARSE_DIAG_DATE_MINUTE_OUT_OF_RANGE,
             "minute out of range; expected 0 to 59",
             p->at_min.len ? p->at_min : v_whole);
    } else if (sec < 0 || sec > 60 || (hour == 24 && sec != 0)) {
        fail(out, POSTPARSE_DATE_INVALID,
             POSTPARSE_DIAG_DATE_SECOND_OUT_OF_RANGE,
             "second out of range; expected 0 to 59 (60 is accepted)",
             p->at_sec.len ? p->at_sec : v_whole);
    }
    if (out->status == POSTPARSE_DATE_INVALID ||
        out->status == POSTPARSE_DATE_RANGE_ERROR)
        return out->status;
    /* Ruby's integers are unbounded; a number past 10^15, or a year past a
     * million (where Ruby's local time stops following the zone's rules),
     * is not modelled once the fields Time.utc checks have passed. */
    if (p->huge || year > 1000000 || year < -1000000) {
        unsupported(out, len);
        return out->status;
    }
    if (has_off && (off <= -86400 || off >= 86400)) {
        /* time.rb's force_zone! ends in Time#localtime(offset), which
         * raises "utc_offset out of range" unless -86400 < offset < 86400
         * (time.c's utc_offset_arg): +24, +2400, +23:60, +23:59:60, -99. */
        fail(out, POSTPARSE_DATE_INVALID,
             POSTPARSE_DIAG_DATE_OFFSET_OUT_OF_RANGE,
             "UTC offset out of range; expected -23:59 to +23:59", p->zone);
        return out->status;
    }
    postparse_datetime f = {0};
    f.year = year;
    f.month = (int)mon;
    f.day = (int)day;
    f.hour = (int)hour;
    f.minute = (int)min;
    f.second = (int)sec;
    if (has_off)
        out->unix_seconds = postparse_datetime_to_unix(&f);
    else if (site_zone)
        out->unix_seconds = postparse_tz_local_to_unix(site_zone, &f, NULL);
    else
        out->unix_seconds = postparse_datetime_to_unix(&f);
    out->nanosecond = p->nsec;
    if (site_zone)
        postparse_tz_localize(site_zone, out->unix_seconds, p->nsec,
                              &out->value);
    else
        postparse_datetime_from_unix(out->unix_seconds, p->nsec, 0,
                                     &out->value);
    out->status = POSTPARSE_DATE_OK;
    if (!postparse_date_is_valid(w->year, w->month, w->day) || w->hour > 23 ||
        w->minute > 59 || w->second > 59) {
        view at = !postparse_date_is_valid(w->year, w->month, w->day)
                      ? (w->month < 1 || w->month > 12 ? p->at_mon : p->at_mday)
                  : w->hour > 23   ? p->at_hour
                  : w->minute > 59 ? p->at_min
                                   : p->at_sec;
        fail(out, POSTPARSE_DATE_ROLLED_OVER, POSTPARSE_DIAG_DATE_ROLLED_OVER,
             "impossible date or time; Jekyll rolls it over to a later one",
             at.len ? at : v_whole);
    }
    return out->status;
}

/* The day of the year of t's wall clock: at the string's offset (time.rb's
 * force_zone!), else in the site zone (Time.local). */
static int64_t local_yday(const postparse_date_result *t,
                          const postparse_tz *site_zone, bool has_off,
                          int32_t off)
{
    postparse_datetime local;
    if (has_off)
        postparse_datetime_from_unix(t->unix_seconds, 0, off, &local);
    else if (site_zone)
        postparse_tz_localize(site_zone, t->unix_seconds, 0, &local);
    else
        postparse_datetime_from_unix(t->unix_seconds, 0, 0, &local);
    return postparse__days_from_civil(local.year, local.month, local.day) -
           postparse__days_from_civil(local.year, 1, 1) + 1;
}

static postparse_date_status yday_out_of_range(const postparse__ruby_date *p,
                                               size_t len,
                                               postparse_date_result *out)
{
    memset(out, 0, sizeof *out);
    fail(out, POSTPARSE_DATE_INVALID, POSTPARSE_DIAG_DATE_DAY_OUT_OF_RANGE,
         "day of the year out of range; expected 1 to 365 (366 in a leap "
         "year)",
         p->at_yday.len ? p->at_yday : (view){0, len});
    return out->status;
}

/* time.rb's make_time yday branch, as Ruby runs it: a first guess with
 * 31-day months, Time's own day of the year for it, then the guess moved
 * by the difference (into the next month past its end). An hour past 23
 * rolls the first guess over too, so the difference takes the roll-over
 * back out: "211 59:04" is the 211th day at 11:04, not two days later. */
static postparse_date_status
make_time_yday(postparse__ruby_date *p, int64_t year, int64_t off_year,
               const postparse_datetime *today, const postparse_tz *site_zone,
               bool has_now, bool has_off, int32_t off, size_t len,
               postparse_date_result *out)
{
    if (p->yday < 1 || p->yday > 366)
        return yday_out_of_range(p, len, out);
    if (!p->has_year && !has_now) {
        /* Which day it is, and whether the guess moves into a month that
         * does not exist, depends on the year now gives. */
        unsupported(out, len);
        return out->status;
    }
    int64_t mon = (p->yday - 1) / 31 + 1, day = (p->yday - 1) % 31 + 1;
    p->has_mon = p->has_mday = true;
    p->at_mon = p->at_mday = p->at_yday;
    p->mon = mon;
    p->mday = day;
    postparse_date_status st =
        make_time(p, year, today, site_zone, has_off, off, len, out);
    if (st != POSTPARSE_DATE_OK && st != POSTPARSE_DATE_ROLLED_OVER)
        return st;
    int64_t diff = p->yday - local_yday(out, site_zone, has_off, off);
    if (diff != 0) {
        day += diff;
        int64_t mdays = month_days(off_year, mon);
        if (day > 28 && day > mdays) {
            if (++mon > 12)
                return yday_out_of_range(p, len, out);
            day -= mdays;
        }
        p->mon = mon;
        p->mday = day;
        st = make_time(p, year, today, site_zone, has_off, off, len, out);
    }
    /* A day of the year names a real date: only a time field past its
     * range is a roll-over the author did not mean. */
    if (st == POSTPARSE_DATE_ROLLED_OVER && out->written.hour <= 23 &&
        out->written.minute <= 59 && out->written.second <= 59) {
        out->status = st = POSTPARSE_DATE_OK;
        out->code = POSTPARSE_DIAG_NONE;
        out->message = NULL;
        out->where_offset = out->where_length = 0;
    }
    return st;
}

/* Time.parse(s, now); without has_now, now is 0 and *used_now says that
 * the value depends on it (the string has no year). */
static postparse_date_status parse(const char *s, size_t len,
                                   const postparse_tz *site_zone, bool has_now,
                                   int64_t now, bool *used_now,
                                   postparse_date_result *out)
{
    memset(out, 0, sizeof *out);
    view whole = {0, len};
    size_t chars = 0;
    for (size_t i = 0; i < len; i++)
        chars += ((unsigned char)s[i] & 0xC0) != 0x80;
    if (chars > MAX_CHARS || len > MAX_BYTES) {
        fail(out, POSTPARSE_DATE_INVALID, POSTPARSE_DIAG_DATE_TOO_LONG,
             "date string longer than 128 characters; Ruby's Date._parse "
             "rejects it",
             whole);
        return out->status;
    }
    char work[MAX_BYTES];
    postparse__ruby_date p;
    postparse__ruby_date_parse(s, len, work, &p);
    /* make_time: "no time information" */
    if (!p.has_year && !p.has_yday && !p.has_mon && !p.has_mday &&
        !p.has_hour && !p.has_min && !p.has_sec && !p.has_frac) {
        fail(out, POSTPARSE_DATE_INVALID, POSTPARSE_DIAG_DATE_NO_DATE,
             "no date or time in the string; expected YYYY-MM-DD", whole);
        return out->status;
    }
    const char *zone = p.has_zone ? s + p.zone.off : NULL;
    postparse_datetime today = {0};
    int32_t off = 0;
    bool has_off = false;
    /* make_time's off_year: the year given, else now's (in the system
     * zone, which Jekyll sets to the site's). */
    int64_t off_year = p.year;
    if (!p.has_year) {
        now_local(site_zone, false, 0, now, &today);
        off_year = today.year;
    }
    if (zone)
        has_off = zone_offset(zone, p.zone.len, off_year, site_zone, &off);
    if (!p.has_year) {
        *used_now = true;
        now_local(site_zone, has_off, off, now, &today);
    }
    int64_t year = p.has_year ? p.year : today.year;
    if (!p.has_yday)
        return make_time(&p, year, &today, site_zone, has_off, off, len, out);
    return make_time_yday(&p, year, off_year, &today, site_zone, has_now,
                          has_off, off, len, out);
}

postparse_date_status postparse_date_parse_jekyll(const char *s, size_t len,
                                                  const postparse_tz *site_zone,
                                                  postparse_date_result *out)
{
    /* Without a year Ruby fills the leading fields from Time.now, which is
     * not known here: such a string is UNSUPPORTED unless a field is out of
     * range whatever today is (month 20, hour 25, an offset of +25:00). */
    bool used_now = false;
    postparse_date_status st =
        parse(s, len, site_zone, false, 0, &used_now, out);
    if (used_now && st != POSTPARSE_DATE_INVALID &&
        st != POSTPARSE_DATE_RANGE_ERROR)
        unsupported(out, len);
    return out->status;
}

postparse_date_status
postparse_date_parse_jekyll_at(const char *s, size_t len,
                               const postparse_tz *site_zone, int64_t now,
                               postparse_date_result *out)
{
    bool used_now = false;
    return parse(s, len, site_zone, true, now, &used_now, out);
}
