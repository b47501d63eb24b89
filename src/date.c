/* SPDX-License-Identifier: MIT */
/* The public calendar calls (base_calendar.c does the arithmetic), the
 * oracle's ISO 8601 format, and Jekyll's file name date matcher. */
#include "date.h"

#include <stdio.h>
#include <string.h>

#include "base_ctype.h"

/* The public names of base_calendar's arithmetic. */
int64_t postparse_days_from_civil(int64_t year, int month, int64_t day)
{
    return postparse__days_from_civil(year, month, day);
}

void postparse_civil_from_days(int64_t days, int64_t *year, int *month,
                               int *day)
{
    postparse__civil_from_days(days, year, month, day);
}

bool postparse_date_is_valid(int64_t year, int month, int day)
{
    return month >= 1 && month <= 12 && day >= 1 &&
           day <= postparse__days_in_month(year, month);
}

int64_t postparse_datetime_to_unix(const postparse_datetime *dt)
{
    int64_t days = postparse_days_from_civil(dt->year, dt->month, dt->day);
    return days * 86400 + (int64_t)dt->hour * 3600 + (int64_t)dt->minute * 60 +
           dt->second - dt->utc_offset;
}

void postparse_datetime_from_unix(int64_t unix_seconds, int32_t nanosecond,
                                  int32_t utc_offset, postparse_datetime *out)
{
    int64_t local = unix_seconds + utc_offset;
    int64_t days = postparse__floor_div(local, 86400);
    int64_t secs = local - days * 86400;
    memset(out, 0, sizeof *out);
    postparse_civil_from_days(days, &out->year, &out->month, &out->day);
    out->hour = (int)(secs / 3600);
    out->minute = (int)(secs / 60 % 60);
    out->second = (int)(secs % 60);
    out->nanosecond = nanosecond;
    out->utc_offset = utc_offset;
    out->has_time = true;
    out->has_offset = true;
}

size_t postparse_datetime_format(const postparse_datetime *dt, char *buf,
                                 size_t size)
{
    char tmp[POSTPARSE_DATETIME_FORMAT_MAX];
    /* Ruby's %:z truncates toward zero: -00:44:30 prints as -00:44. */
    int32_t off = dt->utc_offset;
    char sign = off < 0 ? '-' : '+';
    int32_t aoff = off < 0 ? -off : off;
    /* Ruby's %Y pads to 4 digits after the sign: 0025, -0001. */
    int64_t y = dt->year;
    uint64_t ay = y < 0 ? (uint64_t)0 - (uint64_t)y : (uint64_t)y;
    int n = snprintf(
        tmp, sizeof tmp, "%s%04llu-%02d-%02dT%02d:%02d:%02d.%03d%c%02d:%02d",
        y < 0 ? "-" : "", (unsigned long long)ay, dt->month, dt->day, dt->hour,
        dt->minute, dt->second, (int)(dt->nanosecond / 1000000), sign,
        (int)(aoff / 3600), (int)(aoff / 60 % 60));
    size_t len = n < 0 ? 0 : (size_t)n;
    if (size > 0) {
        size_t c = len < size - 1 ? len : size - 1;
        memcpy(buf, tmp, c);
        buf[c] = '\0';
    }
    return len;
}

/* Length of the run of digits at p (bounded by end). */
static size_t digit_run(const char *p, const char *end)
{
    const char *q = p;
    while (q < end && postparse__is_digit(*q))
        q++;
    return (size_t)(q - p);
}

/* The regex's (\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^.]+)$ anchored at
 * `start`. \d{n,m} followed by '-' can only succeed on a whole digit run,
 * and the extension's dot must be the last dot of the rest. */
static bool match_date_at(const char *path, size_t len, size_t start,
                          postparse_filename_date *out)
{
    const char *end = path + len;
    const char *p = path + start;
    static const size_t lo[3] = {2, 1, 1}, hi[3] = {4, 2, 2};
    for (int i = 0; i < 3; i++) {
        size_t n = digit_run(p, end);
        if (n < lo[i] || n > hi[i] || p + n >= end || p[n] != '-')
            return false;
        p += n + 1;
    }
    size_t date_len = (size_t)(p - 1 - (path + start));
    const char *rest = p;
    const char *dot = NULL;
    for (const char *q = rest; q < end; q++)
        if (*q == '.')
            dot = q;
    if (!dot || dot + 1 >= end)
        return false;
    for (const char *q = rest; q < dot; q++)
        if (*q == '/')
            return false;
    out->date_offset = start;
    out->date_length = date_len;
    out->slug_offset = (size_t)(rest - path);
    out->slug_length = (size_t)(dot - rest);
    out->ext_offset = (size_t)(dot - path);
    out->ext_length = (size_t)(end - dot);
    return true;
}

bool postparse_filename_date_match(const char *path, size_t len,
                                   postparse_filename_date *out)
{
    memset(out, 0, sizeof *out);
    if (!path || memchr(path, '\n', len))
        return false;
    /* (?>.+/)*? is lazy and each repetition atomic: zero repetitions (the
     * date at the start), else one that swallows up to the last '/'. */
    if (match_date_at(path, len, 0, out))
        return true;
    const char *slash = NULL;
    for (size_t i = 0; i < len; i++)
        if (path[i] == '/')
            slash = path + i;
    if (slash && slash > path &&
        match_date_at(path, len, (size_t)(slash + 1 - path), out))
        return true;
    memset(out, 0, sizeof *out);
    return false;
}
