/* SPDX-License-Identifier: MIT */
/* Stability: stable from 1.0 (ABI checked by .ci/abi-check). */
/* Dates and times as Jekyll 4.3 reads them: broken-down date-times, the
 * proleptic Gregorian calendar on 64-bit seconds, time zones read from the
 * system's TZif database (or fixed offsets), the string forms Jekyll's
 * `Utils.parse_date` (Ruby's `Time.parse`) accepts, and the date in a post's
 * file name. Include <postparse/postparse.h>, not this. docs/dates.md is the
 * guide.
 *
 * Nothing here touches the process's time zone state: no TZ variable, no
 * localtime(), no mktime(). Every function is thread-safe; a postparse_tz is
 * immutable once opened and may be shared between threads. */
#ifndef POSTPARSE_DATE_H
#define POSTPARSE_DATE_H

#include <postparse/common.h>
#include <postparse/diagnostic.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The one date-time type: YAML timestamps and dates
 * (postparse_value_datetime), a post's date (postparse_post_date) and every
 * function below. A broken-down date-time: civil fields, nanoseconds, the
 * UTC offset, and flags for a date without a time (has_time false: the time
 * fields are 0) and a time without a known offset. The calendar is
 * proleptic Gregorian with astronomical years (year 0 is 1 BC). */
typedef struct postparse_datetime {
    int64_t year;
    int month;          /* 1..12 */
    int day;            /* 1..31 */
    int hour;           /* 0..23 */
    int minute;         /* 0..59 */
    int second;         /* 0..59 */
    int32_t nanosecond; /* 0..999999999 */
    int32_t utc_offset; /* seconds east of UTC (+08:00 is 28800) */
    bool has_time;      /* a time of day was given (else midnight) */
    bool has_offset;    /* utc_offset was given (else it is 0 and unknown) */
} postparse_datetime;

/* Days from 1970-01-01 to year-month-day. The month and day may lie outside
 * their ranges: they roll over (month 13 of 2024 is January 2025, day 0 is
 * the last day of the previous month). */
POSTPARSE_API int64_t postparse_days_from_civil(int64_t year, int month,
                                                int64_t day);
/* The date `days` days after 1970-01-01. Any pointer may be NULL. */
POSTPARSE_API void postparse_civil_from_days(int64_t days, int64_t *year,
                                             int *month, int *day);
/* True when year-month-day exists in the calendar (2024-02-29 does,
 * 2025-02-29 does not). */
POSTPARSE_API bool postparse_date_is_valid(int64_t year, int month, int day);

/* Unix seconds of `dt` (its fields taken at utc_offset; has_offset is not
 * looked at). Out-of-range fields roll over as in postparse_days_from_civil.
 * The nanoseconds are not included. */
POSTPARSE_API int64_t postparse_datetime_to_unix(const postparse_datetime *dt);
/* The broken-down form of unix seconds + nanosecond seen at utc_offset
 * seconds east of UTC; has_time and has_offset are set true. */
POSTPARSE_API void postparse_datetime_from_unix(int64_t unix_seconds,
                                                int32_t nanosecond,
                                                int32_t utc_offset,
                                                postparse_datetime *out);

/* Bytes postparse_datetime_format() needs at most, NUL included. */
#define POSTPARSE_DATETIME_FORMAT_MAX 64

/* Writes `dt` as the Jekyll oracle prints a Time (Ruby's
 * `%Y-%m-%dT%H:%M:%S.%L%:z`): "2025-02-07T20:00:59.000+08:00". Milliseconds
 * are truncated, the year has at least 4 digits ("0025", "-0001"), and an
 * offset with seconds is truncated to minutes, as Ruby's %:z does. Returns the
 * length without the NUL (always < POSTPARSE_DATETIME_FORMAT_MAX); writes at
 * most `size` bytes, NUL-terminated when size > 0. */
POSTPARSE_API size_t postparse_datetime_format(const postparse_datetime *dt,
                                               char *buf, size_t size);

/* ---- time zones ---------------------------------------------------------
 */

/* An immutable time zone: an IANA zone read from TZif data, or a fixed
 * offset. Opaque; free with postparse_tz_free(). */
typedef struct postparse_tz postparse_tz;

/* Opens a zone by name:
 *  - "UTC", "Z" (case-insensitive): UTC;
 *  - "+08", "+0800", "+08:00", "+08:00:30" (Ruby's forms), "+8", "+8:30"
 *    (sign required): a fixed offset under 24 hours, as Ruby's Time takes
 *    one (+24:00 and beyond are POSTPARSE_ERR_INVALID_ARGUMENT);
 *  - anything else: an IANA name ("Asia/Shanghai") read from `tzdir` (NULL
 *    for "/usr/share/zoneinfo"); a name no file has, or with bytes a file
 *    name may not have, is read as a POSIX TZ string ("CST-8", "<+08>-8",
 *    "EST5EDT,M3.2.0,M11.1.0"), as the C library reads Jekyll's `timezone`
 *    (it sets TZ). Names with "..", a leading '/', or bytes other than
 *    letters, digits and "/_-+." are never looked up as files.
 * `name` is NUL-terminated and copied. `allocator` may be NULL (libc) and is
 * copied into the zone, which uses it to free itself.
 * Returns POSTPARSE_OK, POSTPARSE_ERR_INVALID_ARGUMENT (bad name, unknown
 * zone, not TZif data, TZif with leap seconds), POSTPARSE_ERR_IO or
 * POSTPARSE_ERR_NOMEM. On failure *out is NULL. */
POSTPARSE_API postparse_status
postparse_tz_open(const char *name, const char *tzdir,
                  const postparse_allocator *allocator, postparse_tz **out);
/* Makes a zone from TZif bytes in memory (version 1 to 4; the 64-bit data
 * and the footer's POSIX TZ rule are used when present). `data` is only
 * read during the call; `name` (NUL-terminated, may be NULL) is copied. */
POSTPARSE_API postparse_status postparse_tz_from_tzif(
    const void *data, size_t size, const char *name,
    const postparse_allocator *allocator, postparse_tz **out);
/* A fixed offset in seconds east of UTC (|offset| < 26 h). */
POSTPARSE_API postparse_status
postparse_tz_fixed(int32_t utc_offset, const postparse_allocator *allocator,
                   postparse_tz **out);
/* NULL is allowed. */
POSTPARSE_API void postparse_tz_free(postparse_tz *tz);
/* The name the zone was opened with ("Asia/Shanghai", "+08:00"); owned by
 * the zone. */
POSTPARSE_API const char *postparse_tz_name(const postparse_tz *tz);

/* Offset (seconds east of UTC) in force at an instant. `abbreviation`, if
 * not NULL, receives the zone's abbreviation ("CST", "EDT", "+08"; owned by
 * the zone). */
POSTPARSE_API int32_t postparse_tz_offset_at(const postparse_tz *tz,
                                             int64_t unix_seconds,
                                             const char **abbreviation);

/* How a wall-clock time maps to instants. */
typedef enum postparse_tz_local_kind {
    POSTPARSE_TZ_LOCAL_UNIQUE = 0, /* exactly one instant */
    /* In a gap (clocks jumped forward): as Ruby's Time.local, the time is
     * read with the offset before the jump, so 02:30 on a spring-forward
     * night in New York becomes 03:30 EDT. */
    POSTPARSE_TZ_LOCAL_GAP = 1,
    /* In an overlap (clocks went back): as Ruby's Time.local, the later
     * instant (the offset after the change) is taken. */
    POSTPARSE_TZ_LOCAL_OVERLAP = 2
} postparse_tz_local_kind;

/* Unix seconds of a wall-clock time in `tz` (fields of `local` as in
 * postparse_datetime_to_unix, its utc_offset ignored; out-of-range fields
 * roll over), resolved as Ruby's Time.local does. `kind` may be NULL. */
POSTPARSE_API int64_t postparse_tz_local_to_unix(
    const postparse_tz *tz, const postparse_datetime *local,
    postparse_tz_local_kind *kind);
/* The broken-down time of an instant in `tz` (has_time and has_offset set). */
POSTPARSE_API void postparse_tz_localize(const postparse_tz *tz,
                                         int64_t unix_seconds,
                                         int32_t nanosecond,
                                         postparse_datetime *out);

/* ---- Jekyll's date strings ----------------------------------------------
 */

typedef enum postparse_date_status {
    /* Jekyll accepts the string, and the value is the date-time as written. */
    POSTPARSE_DATE_OK = 0,
    /* Jekyll accepts the string but the value is not what is written: an
     * impossible day rolls over (2025-02-30 is March 2), 24:00 is the next
     * day, second 60 is the next minute, an hour or day made valid only by
     * Ruby's offset arithmetic. The value is Jekyll's. */
    POSTPARSE_DATE_ROLLED_OVER = 1,
    /* Jekyll raises Jekyll::Errors::InvalidDateError (a fatal build error):
     * no date information, month 13, day 32, minute 60, hour 25, more than
     * 128 characters, ... */
    POSTPARSE_DATE_INVALID = 2,
    /* A form postparse does not model (month names, week dates, bare digit
     * runs, a time without a date, ...). Ruby may well accept it; no value
     * is given. */
    POSTPARSE_DATE_UNSUPPORTED = 3,
    /* A month, day, hour, minute or second past 2^31 - 1: Ruby raises
     * RangeError, which Jekyll's Utils.parse_date does not turn into
     * InvalidDateError: the build logs it and goes on, the post without a
     * date ("2025-99999999999-01"). */
    POSTPARSE_DATE_RANGE_ERROR = 4
} postparse_date_status;

/* The outcome of postparse_date_parse_jekyll(). */
typedef struct postparse_date_result {
    postparse_date_status status;
    /* The diagnostic code, POSTPARSE_DIAG_NONE when status is OK:
     * POSTPARSE_DIAG_DATE_ROLLED_OVER, _DATE_INVALID, _DATE_MONTH_OUT_OF_RANGE,
     * _DATE_DAY_OUT_OF_RANGE, _DATE_HOUR_OUT_OF_RANGE,
     * _DATE_MINUTE_OUT_OF_RANGE, _DATE_SECOND_OUT_OF_RANGE, _DATE_OFFSET_OUT_OF_RANGE,
     * _DATE_RANGE_ERROR, _DATE_TOO_LONG, _DATE_NO_DATE, _DATE_UNSUPPORTED_FORM (postparse_diagnostic_code_name()
     * gives the kebab-case name). */
    postparse_diagnostic_code code;
    /* What is wrong and what was expected; static English text. NULL when
     * status is OK. */
    const char *message;
    /* Bytes of the input the diagnostic is about (offset from `s`, length);
     * the whole input when nothing narrower applies. */
    size_t where_offset;
    size_t where_length;
    /* The fields as written, after Ruby's completion of two-digit years
     * (69..99 -> 19xx, 0..68 -> 20xx) and am/pm. Meaningful unless status is
     * UNSUPPORTED or code is POSTPARSE_DIAG_DATE_NO_DATE or _DATE_TOO_LONG. The
     * month and day are as written even when out of range. */
    postparse_datetime written;
    /* The instant Jekyll computes (OK and ROLLED_OVER only). */
    int64_t unix_seconds;
    int32_t nanosecond;
    /* That instant in the site zone: what Jekyll keeps in data["date"]. */
    postparse_datetime value;
} postparse_date_result;

/* Parses a `date:` string as Jekyll 4.3 does (`Time.parse(s).localtime`
 * with ENV["TZ"] set to the site zone): every form of Ruby 3.1's
 * Date._parse (YYYY-MM-DD [HH:MM[:SS[.frac]]] [zone], "February 7, 2025",
 * "7 Feb 2025", RFC 2822, "Fri Feb  7 20:00:59 UTC 2025", 20250207T200059Z,
 * 2025-038, H27.02.07, ...) and the offset rules of Ruby's time.rb (an
 * unknown zone such as "+8" or "GMT+8" is ignored and the time read in the
 * site zone; "CET" counts when it is the site zone's own abbreviation). A
 * string without an offset is read in `site_zone` (NULL for UTC) with
 * Ruby's gap and overlap rules. A string without a year ("10:00", "Feb 7")
 * takes its leading fields from today, which this function does not know:
 * it is UNSUPPORTED here; postparse_date_parse_jekyll_at() reads it.
 * `s` need not be NUL-terminated and may contain any bytes; the function is
 * pure (no allocation, no global state). `out` is always filled. */
POSTPARSE_API postparse_date_status postparse_date_parse_jekyll(
    const char *s, size_t len, const postparse_tz *site_zone,
    postparse_date_result *out);

/* postparse_date_parse_jekyll() with `now` (Unix seconds) as Ruby's
 * Time.now: a string without a year takes the fields before its first one
 * from now in the site zone (or at the string's offset), as time.rb's
 * make_time does ("10:00" is today at 10:00, "Feb 7" is this year's). Pass
 * the site's build time (Jekyll's site.time), which is Time.now when a
 * build reads its posts. */
POSTPARSE_API postparse_date_status postparse_date_parse_jekyll_at(
    const char *s, size_t len, const postparse_tz *site_zone, int64_t now,
    postparse_date_result *out);

/* Bytes postparse_date_canonical() needs at most, NUL included. */
#define POSTPARSE_DATE_CANONICAL_MAX 32

/* The canonical spelling of a `date:` string that Jekyll reads
 * (docs/dates.md, "Canonical form"): "YYYY-MM-DD" when the string gives no
 * time, "YYYY-MM-DD HH:MM:SS +HH:MM" when it gives a UTC offset (the
 * string's own offset), "YYYY-MM-DD HH:MM:SS" otherwise (site time, as the
 * string meant). It keeps what the string gives and only spells it one way,
 * so it means the same instant in any site zone: it counts only when
 * postparse_date_parse_jekyll() reads the same second from both in
 * `site_zone` (NULL for UTC) and in UTC, and a fraction of a second is
 * dropped as Jekyll drops it. Writes it NUL-terminated to `buf` (`size`
 * POSTPARSE_DATE_CANONICAL_MAX is enough) and returns its length; returns
 * 0 (and writes "" when size > 0) when there is none: the string is not OK
 * for Jekyll, has no year (it takes today's fields), a year outside
 * 1..9999, an offset with seconds, or no spelling reads the same. The
 * string may already be canonical: compare. */
POSTPARSE_API size_t postparse_date_canonical(const char *s, size_t len,
                                              const postparse_tz *site_zone,
                                              char *buf, size_t size);

/* Parts of a post's path as Jekyll's DATE_FILENAME_MATCHER
 * (`^(?>.+/)*?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^.]+)$`) takes them.
 * Offsets and lengths in bytes from the start of the path. */
typedef struct postparse_filename_date {
    size_t date_offset, date_length; /* "2025-02-07", "25-2-7" */
    size_t slug_offset, slug_length; /* "my-post" (may be empty) */
    size_t ext_offset, ext_length;   /* ".md" (the dot included) */
} postparse_filename_date;

/* Matches a path ("_posts/2025-02-07-x.md" or a basename) against Jekyll's
 * DATE_FILENAME_MATCHER. Returns false (and zeroes *out) when it does not
 * match. The date part is then read by Jekyll with Time.parse: pass it to
 * postparse_date_parse_jekyll() (two-digit years become 19xx/20xx, one-digit
 * months and days are fine, month 13 is INVALID). A path containing a
 * newline is reported as not matching (Ruby's ^ and $ would match at line
 * ends). */
POSTPARSE_API bool postparse_filename_date_match(const char *path, size_t len,
                                                 postparse_filename_date *out);

#ifdef __cplusplus
}
#endif

#endif
