/* SPDX-License-Identifier: MIT */
/* Ruby's Date._parse (ext/date/date_parse.c, date__parse), the heuristic
 * half of Time.parse: what it finds in a string, with where it found it. */
#ifndef POSTPARSE_SRC_DATE_RUBY_H
#define POSTPARSE_SRC_DATE_RUBY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Numbers past this are kept at it: Time.parse raises for every field that
 * large (a month, day, hour of a billion), and a year that large is
 * reported as out of what postparse models. */
#define POSTPARSE__RUBY_NUM_CAP 1000000000000000LL

typedef struct postparse__ruby_span {
    size_t off, len; /* in the input; len 0 = none */
} postparse__ruby_span;

/* The hash date__parse returns, the keys Time.parse reads. */
typedef struct postparse__ruby_date {
    bool has_year, has_mon, has_mday, has_yday, has_hour, has_min, has_sec;
    bool has_frac, has_zone;
    int64_t year, mon, mday, yday, hour, min, sec;
    int32_t nsec; /* sec_fraction, truncated to nanoseconds */
    postparse__ruby_span at_year, at_mon, at_mday, at_yday, at_hour, at_min,
        at_sec, zone;
    bool huge;        /* a number was capped at POSTPARSE__RUBY_NUM_CAP */
    bool range_error; /* parse_time2_cb's NUM2INT of an hour past 2^31 */
} postparse__ruby_date;

/* Date._parse(s, true) of at most `len` bytes (len <= max_len of the
 * caller's buffer, NUL bytes allowed). `work` is scratch of len bytes. */
void postparse__ruby_date_parse(const char *s, size_t len, char *work,
                                postparse__ruby_date *out);

#endif
