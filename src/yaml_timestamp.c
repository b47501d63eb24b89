/* SPDX-License-Identifier: MIT */
/* Psych's timestamps: ScalarScanner's TIME pattern and parse_time, and the
 * date pattern with Date.strptime, with Ruby's range checks. */
#include "yaml_timestamp.h"

#include <string.h>

#include "base_calendar.h"
#include "base_ctype.h"

/* TIME = /^-?\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?
 *         (?:\s*(?:Z|[-+]\d{1,2}:?(?:\d\d)?))?$/ */
static bool zone_tail(const char *s, size_t n, size_t i)
{
    if (i < n && s[i] == ':')
        i++;
    if (i + 2 <= n && postparse__is_digit(s[i]) &&
        postparse__is_digit(s[i + 1]) && i + 2 == n)
        return true;
    return i == n;
}

bool postparse__yaml_match_time(const char *s, size_t n)
{
    size_t i = 0, k;
    if (i < n && s[i] == '-')
        i++;
    for (k = 0; k < 4; k++, i++)
        if (i >= n || !postparse__is_digit(s[i]))
            return false;
    for (int part = 0; part < 2; part++) {
        if (i >= n || s[i] != '-')
            return false;
        i++;
        for (k = 0; k < 2 && i < n && postparse__is_digit(s[i]); k++)
            i++;
        if (k == 0)
            return false;
    }
    if (i < n && (s[i] == 'T' || s[i] == 't'))
        i++;
    else {
        size_t st = i;
        while (i < n && postparse__is_space(s[i]))
            i++;
        if (i == st)
            return false;
    }
    for (k = 0; k < 2 && i < n && postparse__is_digit(s[i]); k++)
        i++;
    if (k == 0)
        return false;
    for (int part = 0; part < 2; part++) {
        if (i + 3 > n || s[i] != ':' || !postparse__is_digit(s[i + 1]) ||
            !postparse__is_digit(s[i + 2]))
            return false;
        i += 3;
    }
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && postparse__is_digit(s[i]))
            i++;
    }
    if (i == n)
        return true;
    while (i < n && postparse__is_space(s[i]))
        i++;
    if (i < n && s[i] == 'Z')
        return i + 1 == n;
    if (i >= n || (s[i] != '-' && s[i] != '+'))
        return false;
    i++;
    if (i + 2 <= n && postparse__is_digit(s[i]) &&
        postparse__is_digit(s[i + 1]) && zone_tail(s, n, i + 2))
        return true;
    return i < n && postparse__is_digit(s[i]) && zone_tail(s, n, i + 1);
}

/* Days of month m; before the Gregorian reform, Psych's Date counts by
 * the Julian calendar, whose every fourth year is leap. */
static int days_in_month(int64_t y, int m, bool julian)
{
    if (julian && m == 2)
        return y % 4 == 0 ? 29 : 28;
    return postparse__days_in_month(y, m);
}

static int parse_small(const char *s, size_t n, size_t *i)
{
    int x = 0;
    while (*i < n && postparse__is_digit(s[*i]) && x < 100000)
        x = x * 10 + (s[(*i)++] - '0');
    return x;
}

/* ScalarScanner#parse_time, with the range checks of Ruby's Time.utc and
 * Time.new (day 29..31 rolls over into the next month, 24:00:00 and a
 * 60th second roll forward, anything else out of range raises, which
 * leaves the scalar a string). Returns 1 on success, 0 when Ruby raises
 * ArgumentError, -1 when it raises NoMethodError (a tab between date and
 * time). */
int postparse__yaml_parse_time(const char *s, size_t n, postparse_datetime *out)
{
    size_t i = 0;
    bool neg = false;
    if (s[i] == '-') {
        neg = true;
        i++;
    }
    int64_t y = parse_small(s, n, &i);
    if (neg)
        y = -y;
    i++;
    int mo = parse_small(s, n, &i);
    i++;
    int d = parse_small(s, n, &i);
    /* date, time = string.split(/[ tT]/, 2) */
    size_t sep = 0;
    while (sep < n && s[sep] != ' ' && s[sep] != 't' && s[sep] != 'T')
        sep++;
    if (sep == n)
        return -1;
    i = sep + 1;
    while (i < n && !postparse__is_digit(s[i]))
        i++;
    int h = parse_small(s, n, &i);
    i++;
    int mi = parse_small(s, n, &i);
    i++;
    int se = parse_small(s, n, &i);
    uint32_t ns = 0;
    if (i < n && s[i] == '.') {
        i++;
        uint32_t scale = 100000000;
        while (i < n && postparse__is_digit(s[i])) {
            ns += (uint32_t)(s[i] - '0') * scale;
            scale /= 10;
            i++;
        }
    }
    while (i < n && postparse__is_space(s[i]))
        i++;
    bool has_zone = i < n;
    int32_t offset = 0;
    if (has_zone && s[i] != 'Z') {
        /* tz = md[3].match(/^([+\-]?\d{1,2})\:?(\d{1,2})?$/) */
        bool zneg = s[i] == '-';
        i++;
        int zh = 0, zm = 0;
        size_t k = 0;
        for (; k < 2 && i < n && postparse__is_digit(s[i]); k++)
            zh = zh * 10 + (s[i++] - '0');
        if (i < n && s[i] == ':')
            i++;
        for (; i < n && postparse__is_digit(s[i]);)
            zm = zm * 10 + (s[i++] - '0');
        /* offset = tz.first * 3600: "-0" is 0, so "-00:30" is +00:30 */
        int64_t off = (int64_t)(zneg ? -zh : zh) * 3600;
        off += (off < 0 ? -1 : 1) * (int64_t)zm * 60;
        if (off <= -86400 || off >= 86400)
            return 0;
        offset = (int32_t)off;
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || se > 60 ||
        (h == 24 && (mi || se || ns)))
        return 0;
    /* Roll over the way Ruby's timegm does. */
    int64_t carry_days = 0;
    if (se == 60) {
        se = 0;
        if (++mi == 60) {
            mi = 0;
            h++;
        }
    }
    if (h == 24) {
        h = 0;
        carry_days = 1;
    }
    d += (int)carry_days;
    while (d > days_in_month(y, mo, false)) {
        d -= days_in_month(y, mo, false);
        if (++mo == 13) {
            mo = 1;
            y++;
        }
    }
    out->year = y;
    out->month = mo;
    out->day = d;
    out->hour = h;
    out->minute = mi;
    out->second = se;
    out->nanosecond = ns;
    out->utc_offset = offset;
    out->has_time = true;
    out->has_offset = has_zone;
    return 1;
}

/* /^\d{4}-(?:1[012]|0\d|\d)-(?:[12]\d|3[01]|0\d|\d)$/, then
 * Date.strptime(string, '%Y-%m-%d'): Julian calendar before 1582-10-15. */
int postparse__yaml_match_date(const char *s, size_t n, postparse_datetime *out)
{
    if (n < 8 || n > 10)
        return -1;
    for (int k = 0; k < 4; k++)
        if (!postparse__is_digit(s[k]))
            return -1;
    if (s[4] != '-')
        return -1;
    size_t i = 5, st = 5;
    while (i < n && postparse__is_digit(s[i]))
        i++;
    size_t ml = i - st;
    if (ml < 1 || ml > 2 || i >= n || s[i] != '-')
        return -1;
    if (ml == 2 && !(s[st] == '0' || (s[st] == '1' && s[st + 1] <= '2')))
        return -1;
    size_t ds = ++i;
    while (i < n && postparse__is_digit(s[i]))
        i++;
    size_t dl = i - ds;
    if (i != n || dl < 1 || dl > 2)
        return -1;
    if (dl == 2 && !(s[ds] == '0' || s[ds] == '1' || s[ds] == '2' ||
                     (s[ds] == '3' && s[ds + 1] <= '1')))
        return -1;
    size_t p = 0;
    int64_t y = parse_small(s, n, &p);
    p = st;
    int m = parse_small(s, n, &p);
    p = ds;
    int d = parse_small(s, n, &p);
    if (m < 1 || d < 1)
        return 0;
    bool julian = y < 1582 || (y == 1582 && (m < 10 || (m == 10 && d < 15)));
    if (y == 1582 && m == 10 && d > 4 && d < 15)
        return 0;
    if (d > days_in_month(y, m, julian))
        return 0;
    out->year = y;
    out->month = m;
    out->day = d;
    return 1;
}
