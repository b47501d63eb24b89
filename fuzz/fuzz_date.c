/* SPDX-License-Identifier: MIT */
/* The date layer: Jekyll's date strings, post file names, and TZif data.
 *
 * Flags (see fuzz_input.h): bits 0-1 choose what the document is: a date
 * string (0, 1), a file name (2) or TZif bytes (3); bits 2-3 the site zone
 * (UTC, +05:30, America/New_York, Europe/London; a missing zoneinfo falls
 * back to fixed offsets). Whatever the bytes, the results must be
 * consistent: a parsed instant seen in the zone is the value returned, the
 * value is a real date-time, formatting it and parsing that gives the same
 * instant back, and every offset and length stays inside the input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <postparse/postparse.h>

#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static postparse_tz *zones[4];

/* Opened once; they stay reachable for the life of the process. Zone 0 is
 * UTC, which date parsing is given as NULL. */
static const postparse_tz *site_zone(unsigned which)
{
    static bool opened;
    if (!opened) {
        opened = true;
        CHECK(postparse_tz_fixed(0, NULL, &zones[0]) == POSTPARSE_OK);
        CHECK(postparse_tz_fixed(19800, NULL, &zones[1]) == POSTPARSE_OK);
        if (postparse_tz_open("America/New_York", NULL, NULL, &zones[2]) !=
            POSTPARSE_OK)
            CHECK(postparse_tz_fixed(-18000, NULL, &zones[2]) == POSTPARSE_OK);
        if (postparse_tz_open("Europe/London", NULL, NULL, &zones[3]) !=
            POSTPARSE_OK)
            CHECK(postparse_tz_fixed(3600, NULL, &zones[3]) == POSTPARSE_OK);
    }
    return zones[which & 3];
}

static void check_sane(const postparse_datetime *dt)
{
    CHECK(dt->month >= 1 && dt->month <= 12);
    CHECK(postparse_date_is_valid(dt->year, dt->month, dt->day));
    CHECK(dt->hour >= 0 && dt->hour <= 23);
    CHECK(dt->minute >= 0 && dt->minute <= 59);
    CHECK(dt->second >= 0 && dt->second <= 59);
    CHECK(dt->nanosecond >= 0 && dt->nanosecond <= 999999999);
}

static bool same_time(const postparse_datetime *a, const postparse_datetime *b)
{
    return a->year == b->year && a->month == b->month && a->day == b->day &&
           a->hour == b->hour && a->minute == b->minute &&
           a->second == b->second && a->nanosecond == b->nanosecond &&
           a->utc_offset == b->utc_offset;
}

/* An instant seen in tz: a real date-time that converts back, and prints. */
static void check_instant(const postparse_tz *tz, int64_t t, int32_t ns,
                          const postparse_datetime *value)
{
    postparse_datetime seen;
    postparse_tz_localize(tz, t, ns, &seen);
    check_sane(&seen);
    CHECK(seen.utc_offset == postparse_tz_offset_at(tz, t, NULL));
    CHECK(postparse_datetime_to_unix(&seen) == t);
    if (value)
        CHECK(same_time(&seen, value));
    char buf[POSTPARSE_DATETIME_FORMAT_MAX];
    size_t n = postparse_datetime_format(&seen, buf, sizeof buf);
    CHECK(n < sizeof buf && strlen(buf) == n);
}

static void check_date_string(const uint8_t *s, size_t len,
                              const postparse_tz *tz, bool round_trip)
{
    postparse_date_result r;
    postparse_date_status st =
        postparse_date_parse_jekyll((const char *)s, len, tz, &r);
    const postparse_tz *zone = tz ? tz : zones[0];
    CHECK(st == r.status && (unsigned)st <= POSTPARSE_DATE_RANGE_ERROR);
    CHECK((st == POSTPARSE_DATE_OK) == (r.code == POSTPARSE_DIAG_NONE));
    CHECK((r.code == POSTPARSE_DIAG_NONE) == (r.message == NULL));
    CHECK(postparse_diagnostic_code_summary(r.code) || !r.code);
    CHECK(r.where_offset <= len && r.where_length <= len - r.where_offset);
    /* With a now, a string without a year is read against it (and every
     * string with one gives what the form without now gives). */
    postparse_date_result at;
    int64_t now = (int64_t)len * 86400 * 397 - 2000000000;
    postparse_date_status st_at = postparse_date_parse_jekyll_at(
        (const char *)s, len, tz, now, &at);
    CHECK(st_at == at.status && (unsigned)st_at <= POSTPARSE_DATE_RANGE_ERROR);
    CHECK((st_at == POSTPARSE_DATE_OK) == (at.code == POSTPARSE_DIAG_NONE));
    CHECK(at.where_offset <= len && at.where_length <= len - at.where_offset);
    if (st != POSTPARSE_DATE_UNSUPPORTED)
        CHECK(st_at == st && (st != POSTPARSE_DATE_OK ||
                              at.unix_seconds == r.unix_seconds));
    if (st_at == POSTPARSE_DATE_OK || st_at == POSTPARSE_DATE_ROLLED_OVER)
        check_instant(zone, at.unix_seconds, at.nanosecond, &at.value);
    /* The canonical spelling (what check --fix writes) reads as the same
     * second and is its own canonical spelling (the fix is idempotent). */
    char canon[POSTPARSE_DATE_CANONICAL_MAX], again[sizeof canon];
    size_t cn =
        postparse_date_canonical((const char *)s, len, tz, canon, sizeof canon);
    CHECK(cn < sizeof canon && strlen(canon) == cn);
    if (cn > 0) {
        postparse_date_result c;
        CHECK(st == POSTPARSE_DATE_OK);
        CHECK(postparse_date_parse_jekyll(canon, cn, tz, &c) ==
                  POSTPARSE_DATE_OK &&
              c.unix_seconds == r.unix_seconds);
        CHECK(postparse_date_canonical(canon, cn, tz, again, sizeof again) ==
                  cn &&
              memcmp(again, canon, cn) == 0);
    }
    if (st != POSTPARSE_DATE_OK && st != POSTPARSE_DATE_ROLLED_OVER)
        return;
    check_instant(zone, r.unix_seconds, r.nanosecond, &r.value);
    /* What the oracle prints must read back as the same instant (to the
     * millisecond it prints), where the format can say it: four-digit
     * years, offsets in whole minutes. */
    if (!round_trip || r.value.year < 1000 || r.value.year > 9999 ||
        r.value.utc_offset % 60 != 0)
        return;
    char buf[POSTPARSE_DATETIME_FORMAT_MAX];
    size_t n = postparse_datetime_format(&r.value, buf, sizeof buf);
    postparse_date_result back;
    postparse_date_parse_jekyll(buf, n, tz, &back);
    if (back.status != POSTPARSE_DATE_OK ||
        back.unix_seconds != r.unix_seconds ||
        back.nanosecond != r.nanosecond - r.nanosecond % 1000000) {
        fprintf(stderr, "fuzz_date: \"%s\" does not read back (%d, %lld)\n",
                buf, (int)back.status, (long long)back.unix_seconds);
        abort();
    }
}

static void check_file_name(const uint8_t *s, size_t len,
                            const postparse_tz *tz)
{
    const char *p = (const char *)s;
    postparse_filename_date f;
    if (!postparse_filename_date_match(p, len, &f)) {
        postparse_filename_date zero;
        memset(&zero, 0, sizeof zero);
        CHECK(memcmp(&f, &zero, sizeof f) == 0);
        return;
    }
    CHECK(!memchr(p, '\n', len));
    CHECK(f.date_length >= 6 && f.date_offset + f.date_length < len);
    CHECK(p[f.date_offset + f.date_length] == '-');
    CHECK(f.slug_offset == f.date_offset + f.date_length + 1);
    CHECK(f.ext_offset == f.slug_offset + f.slug_length);
    CHECK(f.ext_length >= 2 && f.ext_offset + f.ext_length == len);
    CHECK(p[f.ext_offset] == '.');
    /* [^/]* for the slug; the extension (\.[^.]+) may hold a '/'. */
    CHECK(!memchr(p + f.slug_offset, '/', f.slug_length));
    CHECK(f.date_offset == 0 || p[f.date_offset - 1] == '/');
    for (size_t i = 0; i < f.date_length; i++)
        CHECK((p[f.date_offset + i] >= '0' && p[f.date_offset + i] <= '9') ||
              p[f.date_offset + i] == '-');
    check_date_string(s + f.date_offset, f.date_length, tz, false);
}

static int64_t read_int(const uint8_t *s, size_t len, size_t at, int bytes)
{
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++)
        v = v << 8 | (at + (size_t)i < len ? s[at + (size_t)i] : 0);
    return (int64_t)v;
}

/* TZif from the fuzzer: it must be rejected cleanly, or give a zone whose
 * every instant (within 35,000 years) is a real local time that reads back
 * as that instant (or, in an overlap, as the latest with that local time). */
static void check_tzif(const uint8_t *s, size_t len)
{
    postparse_tz *tz;
    postparse_status st = postparse_tz_from_tzif(s, len, "fuzz", NULL, &tz);
    if (st != POSTPARSE_OK) {
        CHECK(tz == NULL);
        return;
    }
    CHECK(strcmp(postparse_tz_name(tz), "fuzz") == 0);
    static const int64_t fixed[] = {
        -((int64_t)1 << 40), -2208988800, -1,         0,
        1700000000,          2147483648,  4102444800, (int64_t)1 << 40};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0] + 8; i++) {
        int64_t t = i < sizeof fixed / sizeof fixed[0]
                        ? fixed[i]
                        : read_int(s, len, len - 5 * (i % 8 + 1), 5) >> 24;
        const char *abbreviation = NULL;
        int32_t off = postparse_tz_offset_at(tz, t, &abbreviation);
        /* TZif designations are whatever bytes the file has (RFC 8536
         * only advises 3 to 6 ASCII characters): NUL-terminated inside the
         * zone is all that is promised (ASan checks the bounds). */
        CHECK(abbreviation && strlen(abbreviation) < len);
        CHECK(off > -26 * 3600 && off < 26 * 3600);
        check_instant(tz, t, 0, NULL);
        postparse_datetime local;
        postparse_tz_localize(tz, t, 0, &local);
        postparse_tz_local_kind kind;
        int64_t back = postparse_tz_local_to_unix(tz, &local, &kind);
        /* local_to_unix is exact however close the transitions are (made-up
         * TZif data puts them seconds apart: the regression
         * harness-tzif-transitions-hours-apart): the wall-clock time of an
         * instant is never in a gap, a unique one gives the instant back,
         * and an overlap gives its latest instant, which shows the same
         * wall clock. */
        CHECK(kind == POSTPARSE_TZ_LOCAL_UNIQUE ||
              kind == POSTPARSE_TZ_LOCAL_OVERLAP);
        if (kind == POSTPARSE_TZ_LOCAL_UNIQUE)
            CHECK(back == t);
        CHECK(back >= t);
        CHECK(back + postparse_tz_offset_at(tz, back, NULL) == t + off);
    }
    check_date_string((const uint8_t *)"2024-03-10 02:30:00", 19, tz, true);
    postparse_tz_free(tz);
}

/* Calendar arithmetic round trip, within a billion years. */
static void check_calendar(const uint8_t *s, size_t len)
{
    int64_t year = read_int(s, len, 0, 4) % 1000000000;
    int month = (int)(read_int(s, len, 4, 2) % 10000);
    int64_t day = read_int(s, len, 6, 3) % 10000000;
    int64_t days = postparse_days_from_civil(year, month, day);
    int64_t y;
    int m, d;
    postparse_civil_from_days(days, &y, &m, &d);
    CHECK(postparse_date_is_valid(y, m, d));
    CHECK(postparse_days_from_civil(y, m, d) == days);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in;
    fuzz_input_split(&in, data, size);
    const postparse_tz *tz = site_zone(in.flags >> 2);
    if (tz == zones[0])
        tz = NULL;
    switch (in.flags & 3) {
    case 0:
    case 1:
        check_date_string(in.doc, in.doc_len, tz, true);
        check_calendar(in.doc, in.doc_len);
        break;
    case 2:
        check_file_name(in.doc, in.doc_len, tz);
        break;
    case 3:
        check_tzif(in.doc, in.doc_len);
        break;
    }
    return 0;
}
