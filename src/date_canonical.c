/* SPDX-License-Identifier: MIT */
/* The canonical spelling of a date string: what the date-not-canonical
 * note suggests and check --fix writes. It keeps what the author gave (a
 * time or not, an offset or not) and spells only that one way: adding the
 * site's offset to a string without one would tie the post to the zone the
 * check ran with, which is not always the site's. */
#include <postparse/date.h>

#include <stdio.h>
#include <string.h>

/* Whether Jekyll reads s and its spelling c as the same second in zone
 * (s already read there when known is not NULL). */
static bool same_second(const char *s, size_t len,
                        const postparse_date_result *known, const char *c,
                        size_t clen, const postparse_tz *zone)
{
    postparse_date_result a, b;

    if (!known) {
        if (postparse_date_parse_jekyll(s, len, zone, &a) != POSTPARSE_DATE_OK)
            return false;
        known = &a;
    }
    return postparse_date_parse_jekyll(c, clen, zone, &b) ==
               POSTPARSE_DATE_OK &&
           known->unix_seconds == b.unix_seconds;
}

size_t postparse_date_canonical(const char *s, size_t len,
                                const postparse_tz *site_zone, char *buf,
                                size_t size)
{
    char tmp[POSTPARSE_DATE_CANONICAL_MAX];
    postparse_date_result r;
    int n = 0;

    if (size > 0)
        buf[0] = '\0';
    /* Without `now`, a string without a year is UNSUPPORTED: it means a
     * different day each day it is read, so no fixed spelling is right. */
    if (postparse_date_parse_jekyll(s, len, site_zone, &r) != POSTPARSE_DATE_OK)
        return 0;
    const postparse_datetime *w = &r.written;
    if (w->year < 1 || w->year > 9999 ||
        (w->has_offset && w->utc_offset % 60 != 0))
        return 0;
    if (w->has_offset) {
        int32_t off = w->utc_offset < 0 ? -w->utc_offset : w->utc_offset;
        n = snprintf(tmp, sizeof tmp,
                     "%04d-%02d-%02d %02d:%02d:%02d %c%02d:%02d", (int)w->year,
                     w->month, w->day, w->hour, w->minute, w->second,
                     w->utc_offset < 0 ? '-' : '+', (int)(off / 3600),
                     (int)(off / 60 % 60));
    } else if (w->has_time) {
        n = snprintf(tmp, sizeof tmp, "%04d-%02d-%02d %02d:%02d:%02d",
                     (int)w->year, w->month, w->day, w->hour, w->minute,
                     w->second);
    } else {
        n = snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", (int)w->year, w->month,
                     w->day);
    }
    if (n <= 0 || (size_t)n >= sizeof tmp ||
        !same_second(s, len, &r, tmp, (size_t)n, site_zone) ||
        (site_zone && !same_second(s, len, NULL, tmp, (size_t)n, NULL)))
        return 0;
    if (size > 0) {
        size_t c = (size_t)n < size - 1 ? (size_t)n : size - 1;
        memcpy(buf, tmp, c);
        buf[c] = '\0';
    }
    return (size_t)n;
}
