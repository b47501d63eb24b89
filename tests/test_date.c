/* SPDX-License-Identifier: MIT */
/* The date layer: calendar arithmetic, TZif zones, Jekyll's date strings and
 * file name dates. Every expected value below was produced by Ruby 3.1.2
 * (Time.parse(s).localtime with TZ set, as Jekyll 4.3.1's Utils.parse_date
 * does) or by the oracle (shared/oracle/README.md points 11-15); the fixed
 * zones "+08:00" and "-05:30" were run with TZ='<+08>-8' and '<-0530>5:30'. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <postparse/postparse.h>

static postparse_tz *open_zone(const char *name)
{
    postparse_tz *tz = NULL;
    assert_int_equal(postparse_tz_open(name, NULL, NULL, &tz), POSTPARSE_OK);
    assert_non_null(tz);
    return tz;
}

static void assert_iso(const postparse_datetime *dt, const char *expected)
{
    char buf[POSTPARSE_DATETIME_FORMAT_MAX];
    size_t n = postparse_datetime_format(dt, buf, sizeof buf);
    assert_string_equal(buf, expected);
    assert_int_equal(n, strlen(expected));
}

/* ---- Jekyll date strings ---- */

typedef struct parse_case {
    const char *zone;
    const char *input;
    postparse_date_status status;
    const char *value; /* the oracle's format, or NULL */
    const char *code;
} parse_case;

static const parse_case parse_cases[] = {
    {"UTC", "2025-02-07", POSTPARSE_DATE_OK, "2025-02-07T00:00:00.000+00:00",
     NULL},
    {"UTC", "2025-02-07 20:00", POSTPARSE_DATE_OK,
     "2025-02-07T20:00:00.000+00:00", NULL},
    {"UTC", "2025-02-07 20:00:59 +0800", POSTPARSE_DATE_OK,
     "2025-02-07T12:00:59.000+00:00", NULL},
    {"UTC", "2025-02-07 20:00:59 +08:00", POSTPARSE_DATE_OK,
     "2025-02-07T12:00:59.000+00:00", NULL},
    {"UTC", "2025-02-07T20:00:59.789Z", POSTPARSE_DATE_OK,
     "2025-02-07T20:00:59.789+00:00", NULL},
    {"UTC", "2025-02-07T20:00:59,5Z", POSTPARSE_DATE_OK,
     "2025-02-07T20:00:59.500+00:00", NULL},
    {"UTC", "2013-05-06 02:12:52 +0200", POSTPARSE_DATE_OK,
     "2013-05-06T00:12:52.000+00:00", NULL},
    {"UTC", "2023-01-29 18:30:22 2023 -0800", POSTPARSE_DATE_OK,
     "2023-01-29T18:30:22.000+00:00", NULL},
    {"UTC", "2025-02-30", POSTPARSE_DATE_ROLLED_OVER,
     "2025-03-02T00:00:00.000+00:00", "date-rolled-over"},
    {"UTC", "2025-02-31", POSTPARSE_DATE_ROLLED_OVER,
     "2025-03-03T00:00:00.000+00:00", "date-rolled-over"},
    {"UTC", "2024-02-30", POSTPARSE_DATE_ROLLED_OVER,
     "2024-03-01T00:00:00.000+00:00", "date-rolled-over"},
    {"UTC", "2025-04-31", POSTPARSE_DATE_ROLLED_OVER,
     "2025-05-01T00:00:00.000+00:00", "date-rolled-over"},
    {"UTC", "2025-02-32", POSTPARSE_DATE_INVALID, NULL,
     "date-day-out-of-range"}, /* ruby: argument out of range */
    {"UTC", "2025-13-01", POSTPARSE_DATE_INVALID, NULL,
     "date-month-out-of-range"}, /* ruby: mon out of range */
    {"UTC", "2025-00-10", POSTPARSE_DATE_INVALID, NULL,
     "date-month-out-of-range"}, /* ruby: mon out of range */
    {"UTC", "2025-01-00", POSTPARSE_DATE_INVALID, NULL,
     "date-day-out-of-range"}, /* ruby: mday out of range */
    {"UTC", "2025-01-01 24:00:00", POSTPARSE_DATE_ROLLED_OVER,
     "2025-01-02T00:00:00.000+00:00", "date-rolled-over"},
    {"UTC", "2025-01-01 24:01", POSTPARSE_DATE_INVALID, NULL,
     "date-minute-out-of-range"}, /* ruby: min out of range */
    {"UTC", "2025-01-01 23:60", POSTPARSE_DATE_INVALID, NULL,
     "date-minute-out-of-range"}, /* ruby: min out of range */
    {"UTC", "2025-01-01 23:59:60", POSTPARSE_DATE_ROLLED_OVER,
     "2025-01-02T00:00:00.000+00:00", "date-rolled-over"},
    {"UTC", "2025-01-01 23:59:61", POSTPARSE_DATE_INVALID, NULL,
     "date-second-out-of-range"}, /* ruby: sec out of range */
    {"UTC", "2025-01-01 25:00", POSTPARSE_DATE_INVALID, NULL,
     "date-hour-out-of-range"}, /* ruby: hour out of range */
    {"UTC", "2025-01-01 25:00 +01:00", POSTPARSE_DATE_ROLLED_OVER,
     "2025-01-02T00:00:00.000+00:00", "date-rolled-over"},
    {"UTC", "2025-13-01 00:30 +01:00", POSTPARSE_DATE_ROLLED_OVER,
     "2025-12-31T23:30:00.000+00:00", "date-rolled-over"},
    {"UTC", "2025-01-00 00:30 +01:00", POSTPARSE_DATE_ROLLED_OVER,
     "2024-12-31T23:30:00.000+00:00", "date-rolled-over"},
    {"UTC", "2025-02-30 23:00 -05:00", POSTPARSE_DATE_ROLLED_OVER,
     "2025-03-01T04:00:00.000+00:00", "date-rolled-over"},
    {"UTC", "25-02-07", POSTPARSE_DATE_OK, "2025-02-07T00:00:00.000+00:00",
     NULL},
    {"UTC", "69-01-01", POSTPARSE_DATE_OK, "1969-01-01T00:00:00.000+00:00",
     NULL},
    {"UTC", "68-12-31", POSTPARSE_DATE_OK, "2068-12-31T00:00:00.000+00:00",
     NULL},
    {"UTC", "0025-01-01", POSTPARSE_DATE_OK, "0025-01-01T00:00:00.000+00:00",
     NULL},
    {"UTC", "-2025-02-07", POSTPARSE_DATE_OK, "-2025-02-07T00:00:00.000+00:00",
     NULL},
    {"UTC", "25-2-7", POSTPARSE_DATE_OK, "2025-02-07T00:00:00.000+00:00", NULL},
    {"UTC", "2025-2-7", POSTPARSE_DATE_OK, "2025-02-07T00:00:00.000+00:00",
     NULL},
    {"UTC", "2025/02/07", POSTPARSE_DATE_OK, "2025-02-07T00:00:00.000+00:00",
     NULL},
    {"UTC", "02/07/2025", POSTPARSE_DATE_OK, "2025-07-02T00:00:00.000+00:00",
     NULL},
    {"UTC", "2025.02.07", POSTPARSE_DATE_OK, "2025-02-07T00:00:00.000+00:00",
     NULL},
    {"UTC", "7-2-2025", POSTPARSE_DATE_OK, "2025-02-07T00:00:00.000+00:00",
     NULL},
    {"UTC", "2025-002-07", POSTPARSE_DATE_OK, "2025-07-02T00:00:00.000+00:00",
     NULL},
    {"UTC", "'25-02-07", POSTPARSE_DATE_OK, "2025-02-07T00:00:00.000+00:00",
     NULL},
    {"UTC", "2025-02-07T20", POSTPARSE_DATE_OK, "2025-02-07T00:00:00.000+00:00",
     NULL},
    {"UTC", "2025-02-07 20", POSTPARSE_DATE_OK, "2025-02-07T20:00:00.000+00:00",
     NULL},
    {"UTC", "2025-02-07 8:00 pm", POSTPARSE_DATE_OK,
     "2025-02-07T20:00:00.000+00:00", NULL},
    {"UTC", "2025-02-07 12:00 am", POSTPARSE_DATE_OK,
     "2025-02-07T00:00:00.000+00:00", NULL},
    {"UTC", "2025-02-07 8pm", POSTPARSE_DATE_OK,
     "2025-02-07T20:00:00.000+00:00", NULL},
    {"UTC", "2025-02-07 20:00:59 +8", POSTPARSE_DATE_OK,
     "2025-02-07T20:00:59.000+00:00", NULL},
    {"UTC", "2025-02-07 20:00:59 GMT+8", POSTPARSE_DATE_OK,
     "2025-02-07T20:00:59.000+00:00", NULL},
    {"UTC", "2025-02-07 20:00:59 +08", POSTPARSE_DATE_OK,
     "2025-02-07T12:00:59.000+00:00", NULL},
    {"UTC", "2025-02-07 20:00:59 +08:00:30", POSTPARSE_DATE_OK,
     "2025-02-07T12:00:29.000+00:00", NULL},
    {"UTC", "2025-02-07 20:00:59 EST", POSTPARSE_DATE_OK,
     "2025-02-08T01:00:59.000+00:00", NULL},
    {"UTC", "2025-02-07 20:00:59 PDT", POSTPARSE_DATE_OK,
     "2025-02-08T03:00:59.000+00:00", NULL},
    {"UTC", "2025-02-07 20:00:59 A", POSTPARSE_DATE_OK,
     "2025-02-07T19:00:59.000+00:00", NULL},
    {"UTC", "2025-02-07 20:00:59 J", POSTPARSE_DATE_OK,
     "2025-02-07T20:00:59.000+00:00", NULL},
    {"UTC", "2025-02-07 20:00:59 utc", POSTPARSE_DATE_OK,
     "2025-02-07T20:00:59.000+00:00", NULL},
    {"UTC", "2025-02-07 Z", POSTPARSE_DATE_OK, "2025-02-07T00:00:00.000+00:00",
     NULL},
    {"UTC", "x 2025-02-07 y", POSTPARSE_DATE_OK,
     "2025-02-07T00:00:00.000+00:00", NULL},
    {"UTC", "not a date", POSTPARSE_DATE_INVALID, NULL,
     "date-no-date"}, /* ruby: no time information in "not a date" */
    {"UTC", "Last Modified", POSTPARSE_DATE_INVALID, NULL,
     "date-no-date"}, /* ruby: no time information in "Last Modified" */
    {"UTC", "Created", POSTPARSE_DATE_INVALID, NULL,
     "date-no-date"}, /* ruby: no time information in "Created" */
    {"UTC", "<%= new Date() %>", POSTPARSE_DATE_INVALID, NULL,
     "date-no-date"}, /* ruby: no time information in "<%= new Date() % */
    {"UTC", "", POSTPARSE_DATE_INVALID, NULL,
     "date-no-date"}, /* ruby: no time information in "" */
    {"UTC", " ", POSTPARSE_DATE_INVALID, NULL,
     "date-no-date"}, /* ruby: no time information in " " */
    {"UTC", "Monday", POSTPARSE_DATE_INVALID, NULL,
     "date-no-date"}, /* ruby: no time information in "Monday" */
    {"Asia/Shanghai", "2025-02-07T20:00:59.000Z", POSTPARSE_DATE_OK,
     "2025-02-08T04:00:59.000+08:00", NULL},
    {"Asia/Shanghai", "2025-02-07 20:00", POSTPARSE_DATE_OK,
     "2025-02-07T20:00:00.000+08:00", NULL},
    {"Asia/Shanghai", "2024-01-02", POSTPARSE_DATE_OK,
     "2024-01-02T00:00:00.000+08:00", NULL},
    {"Asia/Shanghai", "2025-02-07 20:00:59 UTC", POSTPARSE_DATE_OK,
     "2025-02-08T04:00:59.000+08:00", NULL},
    {"Asia/Shanghai", "2025-02-07 20:00:59 CST", POSTPARSE_DATE_OK,
     "2025-02-08T10:00:59.000+08:00", NULL},
    {"Asia/Shanghai", "2025-02-30", POSTPARSE_DATE_ROLLED_OVER,
     "2025-03-02T00:00:00.000+08:00", "date-rolled-over"},
    {"Asia/Shanghai", "1991-04-14 02:30", POSTPARSE_DATE_OK,
     "1991-04-14T03:30:00.000+09:00", NULL},
    {"Asia/Shanghai", "1991-09-15 01:30", POSTPARSE_DATE_OK,
     "1991-09-15T01:30:00.000+08:00", NULL},
    {"Asia/Shanghai", "1900-01-01", POSTPARSE_DATE_OK,
     "1900-01-01T00:00:00.000+08:05", NULL},
    {"America/New_York", "2025-03-09 02:30", POSTPARSE_DATE_OK,
     "2025-03-09T03:30:00.000-04:00", NULL},
    {"America/New_York", "2025-03-09 02:00", POSTPARSE_DATE_OK,
     "2025-03-09T03:00:00.000-04:00", NULL},
    {"America/New_York", "2025-11-02 01:30", POSTPARSE_DATE_OK,
     "2025-11-02T01:30:00.000-05:00", NULL},
    {"America/New_York", "2025-11-02 00:59:59", POSTPARSE_DATE_OK,
     "2025-11-02T00:59:59.000-04:00", NULL},
    {"America/New_York", "2025-07-01 12:00", POSTPARSE_DATE_OK,
     "2025-07-01T12:00:00.000-04:00", NULL},
    {"America/New_York", "2025-02-07 20:00:59 EST", POSTPARSE_DATE_OK,
     "2025-02-07T20:00:59.000-05:00", NULL},
    {"America/New_York", "2100-07-01", POSTPARSE_DATE_OK,
     "2100-07-01T00:00:00.000-04:00", NULL},
    {"Europe/Berlin", "2025-02-07 20:00 CET", POSTPARSE_DATE_OK,
     "2025-02-07T20:00:00.000+01:00", NULL},
    {"Europe/Berlin", "2025-07-07 20:00 CEST", POSTPARSE_DATE_OK,
     "2025-07-07T20:00:00.000+02:00", NULL},
    {"Europe/Berlin", "2025-03-30 02:30", POSTPARSE_DATE_OK,
     "2025-03-30T03:30:00.000+02:00", NULL},
    {"Europe/Berlin", "2025-10-26 02:30", POSTPARSE_DATE_OK,
     "2025-10-26T02:30:00.000+01:00", NULL},
    {"+08:00", "2025-02-07 20:00", POSTPARSE_DATE_OK,
     "2025-02-07T20:00:00.000+08:00", NULL},
    {"+08:00", "2025-02-07 20:00:59 +0000", POSTPARSE_DATE_OK,
     "2025-02-08T04:00:59.000+08:00", NULL},
    {"-05:30", "2025-02-07 20:00", POSTPARSE_DATE_OK,
     "2025-02-07T20:00:00.000-05:30", NULL},
    /* Time#localtime(offset) takes -86400 < offset < 86400 only. */
    {"UTC", "2025-02-07 10:00:00 +24", POSTPARSE_DATE_INVALID, NULL,
     "date-offset-out-of-range"},
    {"UTC", "2025-02-07 10:00:00 +2400", POSTPARSE_DATE_INVALID, NULL,
     "date-offset-out-of-range"},
    {"UTC", "2025-02-07 10:00:00 -2400", POSTPARSE_DATE_INVALID, NULL,
     "date-offset-out-of-range"},
    {"UTC", "2025-02-07 10:00:00 -99", POSTPARSE_DATE_INVALID, NULL,
     "date-offset-out-of-range"},
    {"UTC", "2025-02-07 10:00:00 +23:60", POSTPARSE_DATE_INVALID, NULL,
     "date-offset-out-of-range"},
    {"UTC", "2025-02-07 10:00:00 +99:99", POSTPARSE_DATE_INVALID, NULL,
     "date-offset-out-of-range"},
    {"UTC", "2025-02-07 10:00:00 +23:59:60", POSTPARSE_DATE_INVALID, NULL,
     "date-offset-out-of-range"},
    {"UTC", "2025-02-07 10:00:00 +240000", POSTPARSE_DATE_INVALID, NULL,
     "date-offset-out-of-range"},
    {"UTC", "2025-02-07 10:00:00 +25:00", POSTPARSE_DATE_INVALID, NULL,
     "date-offset-out-of-range"},
    {"UTC", "2025-02-07 10:00:00 -24:00", POSTPARSE_DATE_INVALID, NULL,
     "date-offset-out-of-range"},
    {"UTC", "2025-02-07 10:00:00 +23:59", POSTPARSE_DATE_OK,
     "2025-02-06T10:01:00.000+00:00", NULL},
    {"UTC", "2025-02-07 10:00:00 -23:59:59", POSTPARSE_DATE_OK,
     "2025-02-08T09:59:59.000+00:00", NULL},
    {"UTC", "2025-02-07 10:00:00 +23:59:59", POSTPARSE_DATE_OK,
     "2025-02-06T10:00:01.000+00:00", NULL},
    {"UTC", "2025-02-07 10:00:00 +12:75", POSTPARSE_DATE_OK,
     "2025-02-06T20:45:00.000+00:00", NULL},
    {"UTC", "2025-02-07 10:00:00 +2359", POSTPARSE_DATE_OK,
     "2025-02-06T10:01:00.000+00:00", NULL},
};

static void test_parse_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
        const parse_case *c = &parse_cases[i];
        postparse_tz *tz = open_zone(c->zone);
        postparse_date_result r;
        postparse_date_status st =
            postparse_date_parse_jekyll(c->input, strlen(c->input), tz, &r);
        if (st != c->status || r.status != c->status)
            fail_msg("case %zu %s '%s': status %d, expected %d", i, c->zone,
                     c->input, (int)st, (int)c->status);
        if (c->value) {
            assert_iso(&r.value, c->value);
        }
        if (c->code) {
            assert_int_not_equal(r.code, POSTPARSE_DIAG_NONE);
            assert_string_equal(postparse_diagnostic_code_name(r.code),
                                c->code);
            assert_non_null(r.message);
        } else {
            assert_int_equal(r.code, POSTPARSE_DIAG_NONE);
        }
        postparse_tz_free(tz);
    }
}

/* The same date without a zone means the site zone; with one it does not. */
static void test_parse_null_zone_is_utc(void **state)
{
    (void)state;
    postparse_date_result r;
    const char *s = "2025-02-07 20:00";
    assert_int_equal(postparse_date_parse_jekyll(s, strlen(s), NULL, &r),
                     POSTPARSE_DATE_OK);
    assert_int_equal(r.unix_seconds, 1738958400);
    assert_iso(&r.value, "2025-02-07T20:00:00.000+00:00");
}

/* Written fields, the instant and the nanoseconds, for the post layer. */
static void test_parse_fields(void **state)
{
    (void)state;
    postparse_tz *tz = open_zone("Asia/Shanghai");
    postparse_date_result r;
    const char *s = "2025-02-07T20:00:59.789Z";
    assert_int_equal(postparse_date_parse_jekyll(s, strlen(s), tz, &r),
                     POSTPARSE_DATE_OK);
    assert_int_equal(r.written.year, 2025);
    assert_int_equal(r.written.month, 2);
    assert_int_equal(r.written.day, 7);
    assert_int_equal(r.written.hour, 20);
    assert_int_equal(r.written.second, 59);
    assert_int_equal(r.written.nanosecond, 789000000);
    assert_true(r.written.has_time);
    assert_true(r.written.has_offset);
    assert_int_equal(r.written.utc_offset, 0);
    assert_int_equal(r.unix_seconds, 1738958459);
    assert_int_equal(r.nanosecond, 789000000);
    assert_int_equal(r.value.utc_offset, 28800);
    /* README point 12: the derived date drops the fraction. */
    r.value.nanosecond = 0;
    assert_iso(&r.value, "2025-02-08T04:00:59.000+08:00");

    s = "2025-02-07";
    postparse_date_parse_jekyll(s, strlen(s), tz, &r);
    assert_false(r.written.has_time);
    assert_false(r.written.has_offset);
    assert_iso(&r.value, "2025-02-07T00:00:00.000+08:00");
    postparse_tz_free(tz);
}

/* Diagnostics point at the field that is wrong. */
static void test_parse_where(void **state)
{
    (void)state;
    static const struct {
        const char *input;
        size_t off, len;
    } cases[] = {
        {"2025-13-01", 5, 2},
        {"2025-02-32", 8, 2},
        {"2025-02-30", 8, 2},
        {"2025-01-01 25:00", 11, 2},
        {"2025-01-01 23:60", 14, 2},
        {"2025-01-01 23:59:61", 17, 2},
        {"not a date", 0, 10},
        {"2025-01-01 24:00:00", 11, 2},
        {"2025-01-01 10:00 +24:00", 17, 6},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        postparse_date_result r;
        postparse_date_parse_jekyll(cases[i].input, strlen(cases[i].input),
                                    NULL, &r);
        assert_int_equal(r.where_offset, cases[i].off);
        assert_int_equal(r.where_length, cases[i].len);
    }
}

/* Not NUL-terminated, NUL bytes inside, over-long, non-ASCII. */
static void test_parse_odd_input(void **state)
{
    (void)state;
    postparse_date_result r;
    char exact[10];
    memcpy(exact, "2025-02-07", 10);
    assert_int_equal(postparse_date_parse_jekyll(exact, 10, NULL, &r),
                     POSTPARSE_DATE_OK);
    assert_iso(&r.value, "2025-02-07T00:00:00.000+00:00");
    /* Ruby turns the NUL into a separator like a space. */
    assert_int_equal(postparse_date_parse_jekyll("2025-02-07\0"
                                                 "20:00",
                                                 16, NULL, &r),
                     POSTPARSE_DATE_OK);
    assert_iso(&r.value, "2025-02-07T20:00:00.000+00:00");
    char longer[131];
    memset(longer, '0', 130);
    longer[130] = '\0';
    /* ruby: string length (130) exceeds the limit 128 */
    assert_int_equal(postparse_date_parse_jekyll(longer, 130, NULL, &r),
                     POSTPARSE_DATE_INVALID);
    assert_int_equal(r.code, POSTPARSE_DIAG_DATE_TOO_LONG);
    assert_int_equal(postparse_date_parse_jekyll(NULL, 0, NULL, &r),
                     POSTPARSE_DATE_INVALID);
    /* Ruby: 2025 is MMDD (parse_ddd), month 20: argument out of range,
     * whatever today is. */
    const char *cjk = "2025年2月7日";
    assert_int_equal(postparse_date_parse_jekyll(cjk, strlen(cjk), NULL, &r),
                     POSTPARSE_DATE_INVALID);
    assert_int_equal(r.code, POSTPARSE_DIAG_DATE_MONTH_OUT_OF_RANGE);
    const char *month = "February 7, 2025";
    assert_int_equal(
        postparse_date_parse_jekyll(month, strlen(month), NULL, &r),
        POSTPARSE_DATE_OK);
    assert_iso(&r.value, "2025-02-07T00:00:00.000+00:00");
    /* Without a year the value is today's: only the _at form knows it. */
    const char *feb7 = "Feb 7";
    assert_int_equal(postparse_date_parse_jekyll(feb7, strlen(feb7), NULL, &r),
                     POSTPARSE_DATE_UNSUPPORTED);
    assert_int_equal(postparse_date_parse_jekyll_at(feb7, strlen(feb7), NULL,
                                                    1767225600, &r),
                     POSTPARSE_DATE_OK);
    assert_iso(&r.value, "2026-02-07T00:00:00.000+00:00");
}

/* ---- Ruby's own answers: tests/date_ruby_cases.tsv ---- */

static const char *ruby_cases_path;

static size_t unescape(char *s)
{
    size_t o = 0;
    for (size_t i = 0; s[i]; i++) {
        char c = s[i];
        if (c == '\\' && s[i + 1]) {
            c = s[++i];
            c = c == 't' ? '\t' : c == 'n' ? '\n' : c == '0' ? '\0' : c;
        }
        s[o++] = c;
    }
    return o;
}

/* Every case tests/gen/dates.rb took from Time.parse(s, now) in three
 * zones: the same value, or the same kind of error. */
static void test_parse_as_ruby(void **state)
{
    (void)state;
    if (!ruby_cases_path)
        skip();
    FILE *f = fopen(ruby_cases_path, "r");
    assert_non_null(f);
    static char line[4096];
    char zone_name[64] = "";
    postparse_tz *tz = NULL;
    size_t cases = 0, failed = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        line[strcspn(line, "\n")] = '\0';
        char *zone = line, *now = strchr(zone, '\t');
        char *in = now ? strchr(now + 1, '\t') : NULL;
        char *want = in ? strrchr(in + 1, '\t') : NULL;
        assert_non_null(want);
        *now++ = *in++ = *want++ = '\0';
        if (strcmp(zone, zone_name) != 0) {
            postparse_tz_free(tz);
            tz = open_zone(zone);
            assert_true(strlen(zone) < sizeof zone_name);
            memcpy(zone_name, zone, strlen(zone) + 1);
        }
        size_t n = unescape(in);
        postparse_date_result r;
        postparse_date_status st = postparse_date_parse_jekyll_at(
            in, n, tz, strtoll(now, NULL, 10), &r);
        char got[POSTPARSE_DATETIME_FORMAT_MAX] = "";
        if (st == POSTPARSE_DATE_OK || st == POSTPARSE_DATE_ROLLED_OVER) {
            r.value.nanosecond = 0;
            postparse_datetime_format(&r.value, got, sizeof got);
        } else {
            snprintf(got, sizeof got, "%s",
                     st == POSTPARSE_DATE_INVALID       ? "ArgumentError"
                     : st == POSTPARSE_DATE_RANGE_ERROR ? "RangeError"
                                                        : "unsupported");
        }
        cases++;
        if (strcmp(got, want) != 0 && failed++ < 20)
            print_message("%s '%s': ruby %s, postparse %s\n", zone, in, want,
                          got);
    }
    fclose(f);
    postparse_tz_free(tz);
    assert_true(cases > 1000);
    assert_int_equal(failed, 0);
}

/* ---- file names ---- */

/* ---- dates in a post: what Jekyll reads, and what is said about it ---- */

typedef struct post_date_case {
    const char *in;   /* a post named 2025-02-07-x.md, site zone UTC */
    const char *date; /* Jekyll's data["date"] (the oracle), NULL for none */
    bool fatal;       /* Jekyll raises InvalidDateError */
    const char *code; /* the date diagnostic, or NULL for none */
    postparse_severity severity;
    uint64_t line, column;
} post_date_case;

static void check_post_date(const post_date_case *c)
{
    postparse_options o;
    postparse_options_init(&o);
    o.path = "_posts/2025-02-07-x.md";
    postparse_parser *p;
    assert_int_equal(postparse_parser_new(&p, &o, NULL, NULL), POSTPARSE_OK);
    assert_int_equal(postparse_parser_feed(p, c->in, strlen(c->in)),
                     POSTPARSE_OK);
    assert_int_equal(postparse_parser_finish(p), POSTPARSE_OK);
    postparse_doc *doc = postparse_parser_take_doc(p);
    assert_non_null(doc);
    const postparse_post *post = postparse_doc_post(doc);
    assert_non_null(post);
    postparse_datetime dt;
    bool has = postparse_post_date(post, &dt);
    if (c->date) {
        if (!has)
            fail_msg("%s: no date, expected %s", c->in, c->date);
        assert_iso(&dt, c->date);
    } else if (has) {
        fail_msg("%s: a date, expected none", c->in);
    }
    const postparse_jekyll_error *e = postparse_post_jekyll_error(post);
    bool fatal = e && e->fatal;
    const char *cls = e ? e->class_name : NULL;
    if (fatal != c->fatal)
        fail_msg("%s: fatal %d (%s)", c->in, (int)fatal, cls ? cls : "-");
    if (c->fatal)
        assert_string_equal(cls, "Jekyll::Errors::InvalidDateError");
    const postparse_diagnostic *found = NULL;
    for (size_t k = 0; k < postparse_doc_diagnostic_count(doc); k++) {
        const postparse_diagnostic *d = postparse_doc_diagnostic(doc, k);
        if (!strncmp(d->code, "date-", 5)) {
            if (found || !c->code)
                fail_msg("%s: unexpected %s", c->in, d->code);
            found = d;
        }
    }
    if (c->code) {
        if (!found)
            fail_msg("%s: no %s", c->in, c->code);
        assert_string_equal(found->code, c->code);
        assert_int_equal(found->severity, c->severity);
        assert_int_equal(found->pos.line, c->line);
        assert_int_equal(found->pos.column, c->column);
    }
    postparse_doc_free(doc);
    postparse_parser_free(p);
}

/* Timestamps Psych rolls over silently, years Jekyll keeps, offsets Ruby
 * refuses; every value from the oracle. */
static void test_post_dates(void **state)
{
    (void)state;
    const postparse_severity E = POSTPARSE_SEVERITY_ERROR;
    const postparse_severity W = POSTPARSE_SEVERITY_WARNING;
    static const post_date_case cases[] = {
        {"---\ndate: 2025-02-07 10:00:00\n---\n",
         "2025-02-07T10:00:00.000+00:00", false, NULL, 0, 0, 0},
        {"---\ndate: 2025-02-30 10:00:00\n---\n",
         "2025-03-02T10:00:00.000+00:00", false, "date-rolled-over", E, 2, 7},
        {"---\ndate: 2025-02-29 10:00:00 +08:00\n---\n",
         "2025-03-01T02:00:00.000+00:00", false, "date-rolled-over", E, 2, 7},
        {"---\ntitle: t\ndate: 2025-02-30T10:00:00Z\n---\n",
         "2025-03-02T10:00:00.000+00:00", false, "date-rolled-over", E, 3, 7},
        {"---\ndate: 2025-01-01 24:00:00\n---\n",
         "2025-01-02T00:00:00.000+00:00", false, "date-rolled-over", E, 2, 7},
        {"---\ndate: 2025-01-01 10:00:60\n---\n",
         "2025-01-01T10:01:00.000+00:00", false, "date-rolled-over", E, 2, 7},
        {"---\ndate: 2024-02-29 10:00:00\n---\n",
         "2024-02-29T10:00:00.000+00:00", false, NULL, 0, 0, 0},
        {"---\ndate: 0000-01-01 10:00:00\n---\n",
         "0000-01-01T10:00:00.000+00:00", false, "date-year-out-of-range", W, 2,
         7},
        {"---\ndate: 0000-01-01\n---\n", "0000-01-01T00:00:00.000+00:00", false,
         "date-year-out-of-range", W, 2, 7},
        {"---\ndate: 12345-01-01 10:00:00\n---\n",
         "12345-01-01T10:00:00.000+00:00", false, "date-year-out-of-range", W,
         2, 7},
        {"---\ndate: 9999-12-31 23:59:59 -01:00\n---\n",
         "10000-01-01T00:59:59.000+00:00", false, "date-year-out-of-range", W,
         2, 7},
        {"---\ndate: 2025-02-07 10:00:00 +25:00\n---\n", NULL, true,
         "date-offset-out-of-range", E, 2, 27},
        {"---\ndate: 2025-02-07 10:00:00 -24:00\n---\n", NULL, true,
         "date-offset-out-of-range", E, 2, 27},
        {"---\ndate: '2025-02-07 10:00:00 +23:59:60'\n---\n", NULL, true,
         "date-offset-out-of-range", E, 2, 7},
        {"---\ndate: 2025-02-07 10:00:00 +23:59\n---\n",
         "2025-02-06T10:01:00.000+00:00", false, NULL, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_post_date(&cases[i]);
}

static void test_filename(void **state)
{
    (void)state;
    /* Captures from Ruby's DATE_FILENAME_MATCHER.match(path).captures. */
    static const struct {
        const char *path;
        const char *date, *slug, *ext; /* NULL date: no match */
    } cases[] = {
        {"_posts/2025-02-07-x.md", "2025-02-07", "x", ".md"},
        {"2025-2-7-x.md", "2025-2-7", "x", ".md"},
        {"25-2-7-hello.markdown", "25-2-7", "hello", ".markdown"},
        {"_posts/2025-13-45-x.md", "2025-13-45", "x", ".md"},
        {"a/b/2025-01-01-c.d.e", "2025-01-01", "c.d", ".e"},
        {"2025-01-01-a.b/c", "2025-01-01", "a", ".b/c"},
        {"x/2025-01-01-.md", "2025-01-01", "", ".md"},
        {"2025-01-01-x", NULL, NULL, NULL},
        {"12345-01-01-x.md", NULL, NULL, NULL},
        {"/2025-01-01-x.md", NULL, NULL, NULL},
        {"2025-001-01-x.md", NULL, NULL, NULL},
        {"000_99076ca6299f6e1a.txt", NULL, NULL, NULL},
        {"_posts/2025-01-01-x.", NULL, NULL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        postparse_filename_date f;
        const char *p = cases[i].path;
        bool m = postparse_filename_date_match(p, strlen(p), &f);
        if (!cases[i].date) {
            assert_false(m);
            assert_int_equal(f.date_length, 0);
            continue;
        }
        assert_true(m);
        assert_int_equal(f.date_length, strlen(cases[i].date));
        assert_memory_equal(p + f.date_offset, cases[i].date, f.date_length);
        assert_int_equal(f.slug_length, strlen(cases[i].slug));
        assert_memory_equal(p + f.slug_offset, cases[i].slug, f.slug_length);
        assert_int_equal(f.ext_length, strlen(cases[i].ext));
        assert_memory_equal(p + f.ext_offset, cases[i].ext, f.ext_length);
    }
}

/* The file name date goes through Time.parse too (oracle point 15). */
static void test_filename_then_parse(void **state)
{
    (void)state;
    static const struct {
        const char *path;
        postparse_date_status status;
        const char *value;
    } cases[] = {
        {"25-2-7-hello.md", POSTPARSE_DATE_OK, "2025-02-07T00:00:00.000+00:00"},
        {"70-1-1-x.md", POSTPARSE_DATE_OK, "1970-01-01T00:00:00.000+00:00"},
        {"2025-2-7-x.md", POSTPARSE_DATE_OK, "2025-02-07T00:00:00.000+00:00"},
        {"2025-02-30-x.md", POSTPARSE_DATE_ROLLED_OVER,
         "2025-03-02T00:00:00.000+00:00"},
        {"2025-13-45-x.md", POSTPARSE_DATE_INVALID, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        postparse_filename_date f;
        postparse_date_result r;
        const char *p = cases[i].path;
        assert_true(postparse_filename_date_match(p, strlen(p), &f));
        assert_int_equal(postparse_date_parse_jekyll(p + f.date_offset,
                                                     f.date_length, NULL, &r),
                         cases[i].status);
        if (cases[i].value)
            assert_iso(&r.value, cases[i].value);
    }
}

/* ---- calendar ---- */

static void test_civil(void **state)
{
    (void)state;
    static const struct {
        int64_t y;
        int m, d;
        int64_t days;
    } cases[] = {
        {1970, 1, 1, 0},      {2000, 3, 1, 11017},    {2025, 2, 7, 20126},
        {1969, 12, 31, -1},   {0, 1, 1, -719528},     {-1, 12, 31, -719529},
        {2038, 1, 19, 24855}, {10000, 1, 1, 2932897}, {1600, 2, 29, -135081},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(
            postparse_days_from_civil(cases[i].y, cases[i].m, cases[i].d),
            cases[i].days);
        int64_t y;
        int m, d;
        postparse_civil_from_days(cases[i].days, &y, &m, &d);
        assert_int_equal(y, cases[i].y);
        assert_int_equal(m, cases[i].m);
        assert_int_equal(d, cases[i].d);
    }
    /* Rollover: month 13, day 0, Feb 30. */
    assert_int_equal(postparse_days_from_civil(2024, 13, 1),
                     postparse_days_from_civil(2025, 1, 1));
    assert_int_equal(postparse_days_from_civil(2025, 3, 0),
                     postparse_days_from_civil(2025, 2, 28));
    assert_int_equal(postparse_days_from_civil(2025, 2, 30),
                     postparse_days_from_civil(2025, 3, 2));
    /* Round trip over 800 years around the epoch. */
    for (int64_t n = -150000; n < 150000; n += 7) {
        int64_t y;
        int m, d;
        postparse_civil_from_days(n, &y, &m, &d);
        assert_true(postparse_date_is_valid(y, m, d));
        assert_int_equal(postparse_days_from_civil(y, m, d), n);
    }
    assert_true(postparse_date_is_valid(2024, 2, 29));
    assert_false(postparse_date_is_valid(2025, 2, 29));
    assert_false(postparse_date_is_valid(1900, 2, 29));
    assert_true(postparse_date_is_valid(2000, 2, 29));
    assert_false(postparse_date_is_valid(2025, 13, 1));
    assert_false(postparse_date_is_valid(2025, 4, 31));
}

static void test_unix_and_format(void **state)
{
    (void)state;
    postparse_datetime dt = {0};
    dt.year = 2025;
    dt.month = 2;
    dt.day = 7;
    dt.hour = 20;
    dt.minute = 0;
    dt.second = 59;
    dt.utc_offset = 28800;
    assert_int_equal(postparse_datetime_to_unix(&dt), 1738929659);
    postparse_datetime back;
    postparse_datetime_from_unix(1738929659, 123999999, 28800, &back);
    assert_iso(&back, "2025-02-07T20:00:59.123+08:00");
    /* Ruby's %Y and %:z: 4-digit years, negative years, offsets with seconds
     * truncated (Asia/Shanghai LMT +08:05:43 prints +08:05). */
    postparse_datetime_from_unix(postparse_days_from_civil(25, 1, 1) * 86400, 0,
                                 0, &back);
    assert_iso(&back, "0025-01-01T00:00:00.000+00:00");
    postparse_datetime_from_unix(postparse_days_from_civil(-1, 1, 1) * 86400, 0,
                                 -2670, &back);
    assert_iso(&back, "-0002-12-31T23:15:30.000-00:44");
    postparse_datetime_from_unix(0, 0, 29143, &back);
    assert_iso(&back, "1970-01-01T08:05:43.000+08:05");
    /* Truncated output is still NUL-terminated; the length is the full one. */
    char small[5];
    assert_int_equal(postparse_datetime_format(&back, small, sizeof small), 29);
    assert_string_equal(small, "1970");
}

/* ---- zones ---- */

static void test_zone_offsets(void **state)
{
    (void)state;
    /* Offsets from Ruby: Time.at(t).utc_offset and .zone with TZ set. */
    static const struct {
        const char *zone;
        int64_t t;
        int32_t offset;
        const char *abbr;
    } cases[] = {
        {"America/New_York", 1741503599, -18000, "EST"},
        {"America/New_York", 1741503600, -14400, "EDT"},
        {"America/New_York", 1762063199, -14400, "EDT"}, /* 11-02 01:59:59 */
        {"America/New_York", 1762066800, -18000, "EST"},
        {"America/New_York", 4118086800, -14400, "EDT"}, /* 2100-07-01 */
        {"America/New_York", -2717650801, -17762, "LMT"},
        {"Asia/Shanghai", 1738958459, 28800, "CST"},
        {"Asia/Shanghai", 671565600, 32400, "CDT"}, /* 1991-04-14 */
        {"Asia/Shanghai", -2208988800, 29143, "LMT"},
        {"Europe/Berlin", 1751328000, 7200, "CEST"},
        {"UTC", 1738958459, 0, "UTC"},
        {"+08:00", 0, 28800, "+08:00"},
        {"-0530", 0, -19800, "-05:30"},
        {"z", 0, 0, "UTC"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        postparse_tz *tz = open_zone(cases[i].zone);
        const char *abbr = NULL;
        assert_int_equal(postparse_tz_offset_at(tz, cases[i].t, &abbr),
                         cases[i].offset);
        assert_string_equal(abbr, cases[i].abbr);
        postparse_tz_free(tz);
    }
}

static void test_zone_local_to_unix(void **state)
{
    (void)state;
    /* Ruby: Time.local(y, m, d, h, mi).to_i with TZ set. */
    static const struct {
        const char *zone;
        int y, m, d, h, mi;
        int64_t t;
        postparse_tz_local_kind kind;
    } cases[] = {
        {"America/New_York", 2025, 3, 9, 2, 30, 1741505400,
         POSTPARSE_TZ_LOCAL_GAP},
        {"America/New_York", 2025, 11, 2, 1, 30, 1762065000,
         POSTPARSE_TZ_LOCAL_OVERLAP},
        {"America/New_York", 2025, 2, 30, 0, 0, 1740891600,
         POSTPARSE_TZ_LOCAL_UNIQUE},
        {"America/New_York", 2025, 1, 1, 24, 0, 1735794000,
         POSTPARSE_TZ_LOCAL_UNIQUE},
        {"Europe/London", 2025, 10, 26, 1, 30, 1761442200,
         POSTPARSE_TZ_LOCAL_OVERLAP},
        {"Australia/Lord_Howe", 2025, 10, 5, 2, 15, 1759592700,
         POSTPARSE_TZ_LOCAL_GAP},
        {"Australia/Lord_Howe", 2025, 4, 6, 1, 45, 1743866100,
         POSTPARSE_TZ_LOCAL_OVERLAP},
        {"Europe/Moscow", 2014, 10, 26, 1, 30, 1414276200,
         POSTPARSE_TZ_LOCAL_OVERLAP},
        {"Asia/Shanghai", 2025, 2, 7, 20, 0, 1738929600,
         POSTPARSE_TZ_LOCAL_UNIQUE},
        /* Freetown's 1939 summer time lasted four days (September 1 to 5):
         * a time between is unique, which the old two-days-either-side
         * reading called a gap. */
        {"Africa/Freetown", 1939, 9, 3, 0, 45, -957134100,
         POSTPARSE_TZ_LOCAL_UNIQUE},
        {"Africa/Freetown", 1939, 9, 1, 0, 10, -957307800,
         POSTPARSE_TZ_LOCAL_GAP},
        {"Africa/Freetown", 1939, 9, 4, 23, 50, -956963400,
         POSTPARSE_TZ_LOCAL_OVERLAP},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        postparse_tz *tz = open_zone(cases[i].zone);
        postparse_datetime l = {0};
        l.year = cases[i].y;
        l.month = cases[i].m;
        l.day = cases[i].d;
        l.hour = cases[i].h;
        l.minute = cases[i].mi;
        postparse_tz_local_kind kind;
        assert_int_equal(postparse_tz_local_to_unix(tz, &l, &kind), cases[i].t);
        assert_int_equal(kind, cases[i].kind);
        postparse_tz_free(tz);
    }
}

/* ---- made-up zones with transitions hours apart ---- */

static unsigned char *put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
    return p + 4;
}

static unsigned char *put_header(unsigned char *p, uint32_t timecnt,
                                 uint32_t typecnt, uint32_t charcnt)
{
    memcpy(p, "TZif2", 5);
    memset(p + 5, 0, 15);
    p = put32(p + 20, 0); /* isutcnt */
    p = put32(p, 0);      /* isstdcnt */
    p = put32(p, 0);      /* leapcnt */
    p = put32(p, timecnt);
    p = put32(p, typecnt);
    return put32(p, charcnt);
}

/* TZif version 2: a version-1 block with one type and no transitions, then
 * the 64-bit block (one designation, "ZZZ", for every type) and the footer. */
static size_t make_tzif(unsigned char *buf, const int64_t *trans,
                        const uint8_t *idx, size_t timecnt,
                        const int32_t *offsets, size_t typecnt,
                        const char *footer)
{
    unsigned char *p = put_header(buf, 0, 1, 1);
    p = put32(p, 0);
    *p++ = 0; /* isdst */
    *p++ = 0; /* designation index */
    *p++ = 0; /* the designation "" */
    p = put_header(p, (uint32_t)timecnt, (uint32_t)typecnt, 4);
    for (size_t i = 0; i < timecnt; i++) {
        p = put32(p, (uint32_t)((uint64_t)trans[i] >> 32));
        p = put32(p, (uint32_t)trans[i]);
    }
    memcpy(p, idx, timecnt);
    p += timecnt;
    for (size_t i = 0; i < typecnt; i++) {
        p = put32(p, (uint32_t)offsets[i]);
        *p++ = i > 0;
        *p++ = 0;
    }
    memcpy(p, "ZZZ", 4);
    p += 4;
    size_t n = strlen(footer);
    *p++ = '\n';
    memcpy(p, footer, n);
    p += n;
    *p++ = '\n';
    return (size_t)(p - buf);
}

/* A zone as the stretches of constant offset it has; the first stretch has
 * no start. */
typedef struct stretch {
    int64_t from;
    int32_t offset;
} stretch;

/* local_to_unix's definition read off the stretches: the instants t with
 * t + offset(t) == L, the latest taken; with none (a gap), L read with the
 * offset of the last stretch that starts, in its own local time, at or
 * before L (the offset before the jump over L). */
static int64_t expected_instant(const stretch *s, size_t n, int64_t L,
                                postparse_tz_local_kind *kind)
{
    size_t answers = 0;
    int64_t latest = 0;
    int32_t before = s[0].offset;
    for (size_t i = 0; i < n; i++) {
        int64_t t = L - s[i].offset;
        if ((i == 0 || t >= s[i].from) && (i + 1 == n || t < s[i + 1].from)) {
            answers++;
            latest = t;
        }
        if (i > 0 && s[i].from + s[i].offset <= L)
            before = s[i].offset;
    }
    *kind = answers == 0   ? POSTPARSE_TZ_LOCAL_GAP
            : answers == 1 ? POSTPARSE_TZ_LOCAL_UNIQUE
                           : POSTPARSE_TZ_LOCAL_OVERLAP;
    return answers ? latest : L - before;
}

static int32_t stretch_offset(const stretch *s, size_t n, int64_t t)
{
    size_t i = 0;
    while (i + 1 < n && t >= s[i + 1].from)
        i++;
    return s[i].offset;
}

/* Every second from..to: the zone has the stretches' offsets, and the
 * wall-clock time of each instant maps back to that instant (to the latest
 * instant with that wall-clock time, in an overlap); every wall-clock time
 * in the span, a minute apart, resolves as the stretches say. */
static void check_stretches(const postparse_tz *tz, const stretch *s, size_t n,
                            int64_t from, int64_t to)
{
    for (int64_t t = from; t <= to; t++) {
        int32_t off = stretch_offset(s, n, t);
        assert_int_equal(postparse_tz_offset_at(tz, t, NULL), off);
        postparse_datetime local;
        postparse_tz_localize(tz, t, 0, &local);
        postparse_tz_local_kind kind, want_kind;
        int64_t want = expected_instant(s, n, t + off, &want_kind);
        int64_t back = postparse_tz_local_to_unix(tz, &local, &kind);
        if (back != want || kind != want_kind)
            fail_msg("instant %lld: got %lld (kind %d), expected %lld (%d)",
                     (long long)t, (long long)back, (int)kind, (long long)want,
                     (int)want_kind);
        assert_true(kind != POSTPARSE_TZ_LOCAL_GAP && back >= t);
        if (kind == POSTPARSE_TZ_LOCAL_UNIQUE)
            assert_int_equal(back, t);
    }
    for (int64_t L = from; L <= to; L += 60) {
        postparse_datetime local;
        postparse_datetime_from_unix(L, 0, 0, &local);
        postparse_tz_local_kind kind, want_kind;
        int64_t want = expected_instant(s, n, L, &want_kind);
        assert_int_equal(postparse_tz_local_to_unix(tz, &local, &kind), want);
        assert_int_equal(kind, want_kind);
    }
}

static int64_t local_to_unix_at(const postparse_tz *tz, int64_t L,
                                postparse_tz_local_kind *kind)
{
    postparse_datetime local;
    postparse_datetime_from_unix(L, 0, 0, &local);
    return postparse_tz_local_to_unix(tz, &local, kind);
}

/* Transitions hours apart (made-up TZif data, as a fuzzer writes it):
 * local_to_unix does not depend on how far apart they are. */
static void test_zone_close_transitions(void **state)
{
    (void)state;
    unsigned char buf[512];
    postparse_tz *tz;
    postparse_tz_local_kind kind;
    const int64_t h = 3600, T = 1700000000;

    /* From the data block: +1 h at T, -2 h at T+3h (local time goes back
     * three hours, more than the next stretch lasts), +1.5 h at T+5h,
     * -0.5 h at T+7h, 0 at T+9h, +1 h at T+9.5h, 0 at T+10h. */
    static const int32_t offsets[] = {0, 3600, -7200, 5400, -1800};
    const int64_t trans[] = {T,         T + 3 * h,        T + 5 * h, T + 7 * h,
                             T + 9 * h, T + 9 * h + 1800, T + 10 * h};
    static const uint8_t idx[] = {1, 2, 3, 4, 0, 1, 0};
    size_t n = make_tzif(buf, trans, idx, 7, offsets, 5, "");
    assert_int_equal(postparse_tz_from_tzif(buf, n, "close", NULL, &tz),
                     POSTPARSE_OK);
    stretch table[8] = {{0, 0}};
    for (size_t i = 0; i < 7; i++)
        table[i + 1] = (stretch){trans[i], offsets[idx[i]]};
    check_stretches(tz, table, 8, T - 3 * h, T + 13 * h);
    /* By hand. T+2h local is T+1h (+1 h), T+4h (-2 h) and nothing else:
     * the later. */
    assert_int_equal(local_to_unix_at(tz, T + 2 * h, &kind), T + 4 * h);
    assert_int_equal(kind, POSTPARSE_TZ_LOCAL_OVERLAP);
    /* T+3.5h local is T+2.5h only (+1 h; -2 h would give T+5.5h, past its
     * stretch). */
    assert_int_equal(local_to_unix_at(tz, T + 3 * h + 1800, &kind),
                     T + 2 * h + 1800);
    assert_int_equal(kind, POSTPARSE_TZ_LOCAL_UNIQUE);
    /* T+0.5h local is in the first gap: read with the offset before, 0. */
    assert_int_equal(local_to_unix_at(tz, T + 1800, &kind), T + 1800);
    assert_int_equal(kind, POSTPARSE_TZ_LOCAL_GAP);
    /* T+5h local is in the gap of T+5h (local T+3h to T+6.5h): read with
     * -2 h, the offset before that jump. */
    assert_int_equal(local_to_unix_at(tz, T + 5 * h, &kind), T + 7 * h);
    assert_int_equal(kind, POSTPARSE_TZ_LOCAL_GAP);
    postparse_tz_free(tz);

    /* The footer's rule: daylight time (+3 h, standard +1 h) from 22:00 on
     * December 31 to 03:00 on January 1, across the rule's year boundary,
     * after a last transition (from -5 h) an hour before it starts. */
    const int64_t ny = postparse_days_from_civil(2031, 1, 1) * 86400;
    const int64_t last[] = {ny - 4 * h};
    static const uint8_t last_idx[] = {1};
    static const int32_t last_offsets[] = {-18000, 3600};
    n = make_tzif(buf, last, last_idx, 1, last_offsets, 2,
                  "AAA-1BBB-3,J365/22,J1/3");
    assert_int_equal(postparse_tz_from_tzif(buf, n, "rule", NULL, &tz),
                     POSTPARSE_OK);
    const stretch rule[] = {
        {0, -18000},          {ny - 4 * h, 3600},     {ny - 3 * h, 10800},
        {ny, 3600},           {ny + 8757 * h, 10800}, /* a year on */
        {ny + 8760 * h, 3600}};
    check_stretches(tz, rule, 6, ny - 8 * h, ny + 4 * h);
    check_stretches(tz, rule, 6, ny + 8760 * h - 8 * h, ny + 8760 * h + 4 * h);
    /* 01:30 on January 1 is daylight 22:30 UTC and standard 00:30 UTC. */
    assert_int_equal(local_to_unix_at(tz, ny + 5400, &kind), ny + 1800);
    assert_int_equal(kind, POSTPARSE_TZ_LOCAL_OVERLAP);
    /* 23:00 on December 31 is in the spring-forward gap: standard time. */
    assert_int_equal(local_to_unix_at(tz, ny - h, &kind), ny - 2 * h);
    assert_int_equal(kind, POSTPARSE_TZ_LOCAL_GAP);
    postparse_tz_free(tz);
}

static void test_zone_open_errors(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "",
        "../etc/passwd",
        "/etc/localtime",
        "Asia/Nowhere",
        "Asia",
        "+26:00",
        "+24:00", /* Ruby: utc_offset out of range */
        "+25:59",
        "+08:60",
        "+123",
        "+08:0",
        "-",
        "ABC", /* a POSIX rule needs its offset */
        "Asia/Shanghai\n",
        "America/New York",
        "-2500",
        "right/UTC",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        postparse_tz *tz = (postparse_tz *)&tz;
        postparse_status st = postparse_tz_open(bad[i], NULL, NULL, &tz);
        if (st != POSTPARSE_ERR_INVALID_ARGUMENT)
            fail_msg("'%s' gave %d", bad[i], (int)st);
        assert_null(tz);
    }
    postparse_tz *tz;
    assert_int_equal(postparse_tz_open("UTC", "/nonexistent", NULL, &tz),
                     POSTPARSE_OK);
    postparse_tz_free(tz);
    assert_int_equal(
        postparse_tz_open("Asia/Shanghai", "/nonexistent", NULL, &tz),
        POSTPARSE_ERR_INVALID_ARGUMENT);
    assert_int_equal(postparse_tz_fixed(93600, NULL, &tz),
                     POSTPARSE_ERR_INVALID_ARGUMENT);
    postparse_tz_free(NULL);
}

/* The names Jekyll's `timezone` may hold: offsets in Ruby's forms (and +8),
 * and POSIX TZ strings, which the C library reads when no zone file has
 * the name (offsets as Ruby's Time and glibc give them for TZ=name). */
static void test_zone_open_forms(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int32_t winter, summer; /* 2023-11-14 and 2023-07-22 */
    } cases[] = {
        {"+8", 28800, 28800},
        {"+08", 28800, 28800},
        {"+0800", 28800, 28800},
        {"+08:00", 28800, 28800},
        {"+08:00:30", 28830, 28830},
        {"+8:30", 30600, 30600},
        {"-0530", -19800, -19800},
        {"+23:59", 86340, 86340},
        {"CST-8", 28800, 28800},
        {"<+08>-8", 28800, 28800},
        {"UTC+8", -28800, -28800},
        {"EST5EDT", -18000, -14400},
        {"EST5EDT,M3.2.0,M11.1.0", -18000, -14400},
        {"AAA3BBB,J60/2,300", -10800, -7200},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        postparse_tz *tz;
        if (postparse_tz_open(cases[i].name, NULL, NULL, &tz) != POSTPARSE_OK)
            fail_msg("'%s' refused", cases[i].name);
        assert_int_equal(postparse_tz_offset_at(tz, 1700000000, NULL),
                         cases[i].winter);
        assert_int_equal(postparse_tz_offset_at(tz, 1690000000, NULL),
                         cases[i].summer);
        postparse_tz_free(tz);
    }
}

/* TZif from memory: truncations of a real file are rejected or accepted,
 * never read out of bounds (ASan builds catch an over-read). */
static void test_zone_from_tzif(void **state)
{
    (void)state;
    FILE *f = fopen("/usr/share/zoneinfo/America/New_York", "rb");
    assert_non_null(f);
    unsigned char buf[8192];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    assert_true(n > 1000);
    postparse_tz *tz;
    assert_int_equal(postparse_tz_from_tzif(buf, n, "NY", NULL, &tz),
                     POSTPARSE_OK);
    assert_string_equal(postparse_tz_name(tz), "NY");
    assert_int_equal(postparse_tz_offset_at(tz, 4118086800, NULL), -14400);
    postparse_tz_free(tz);
    for (size_t cut = 0; cut < n; cut++) {
        unsigned char *copy = malloc(cut ? cut : 1);
        memcpy(copy, buf, cut);
        postparse_status st =
            postparse_tz_from_tzif(copy, cut, NULL, NULL, &tz);
        if (st == POSTPARSE_OK)
            postparse_tz_free(tz);
        else
            assert_null(tz);
        free(copy);
    }
}

/* Counting allocator: every byte handed out comes back, and failures are
 * reported, not crashed on. */
typedef struct counting {
    size_t live, calls, fail_at;
} counting;

static void *c_malloc(void *ctx, size_t size)
{
    counting *c = ctx;
    if (++c->calls == c->fail_at)
        return NULL;
    c->live += size;
    return malloc(size);
}

static void *c_realloc(void *ctx, void *p, size_t old, size_t size)
{
    counting *c = ctx;
    if (++c->calls == c->fail_at)
        return NULL;
    c->live += size - old;
    return realloc(p, size);
}

static void c_free(void *ctx, void *p, size_t size)
{
    counting *c = ctx;
    c->live -= size;
    free(p);
}

static void test_zone_allocator(void **state)
{
    (void)state;
    for (size_t fail_at = 1;; fail_at++) {
        counting c = {0, 0, fail_at};
        postparse_allocator a = {c_malloc, c_realloc, c_free, &c};
        postparse_tz *tz;
        postparse_status st =
            postparse_tz_open("America/New_York", NULL, &a, &tz);
        if (st == POSTPARSE_OK) {
            assert_true(c.live > 0);
            postparse_tz_free(tz);
            assert_int_equal(c.live, 0);
            break;
        }
        assert_int_equal(st, POSTPARSE_ERR_NOMEM);
        assert_int_equal(c.live, 0);
    }
    postparse_allocator half = {c_malloc, NULL, NULL, NULL};
    postparse_tz *tz;
    assert_int_equal(postparse_tz_open("UTC", NULL, &half, &tz),
                     POSTPARSE_ERR_INVALID_ARGUMENT);
}

/* Two threads, two zones, the same strings: no shared state. */
typedef struct thread_job {
    const char *zone;
    const char *expected[3];
    int failures;
} thread_job;

static const char *const thread_inputs[3] = {
    "2025-02-07 20:00", "2025-03-09 02:30", "2025-02-07T20:00:59Z"};

static void *thread_main(void *arg)
{
    thread_job *job = arg;
    postparse_tz *tz;
    if (postparse_tz_open(job->zone, NULL, NULL, &tz) != POSTPARSE_OK) {
        job->failures++;
        return NULL;
    }
    for (int round = 0; round < 2000; round++) {
        for (int i = 0; i < 3; i++) {
            postparse_date_result r;
            char buf[POSTPARSE_DATETIME_FORMAT_MAX];
            postparse_date_parse_jekyll(thread_inputs[i],
                                        strlen(thread_inputs[i]), tz, &r);
            postparse_datetime_format(&r.value, buf, sizeof buf);
            if (strcmp(buf, job->expected[i]) != 0)
                job->failures++;
        }
    }
    postparse_tz_free(tz);
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    thread_job jobs[2] = {
        {"Asia/Shanghai",
         {"2025-02-07T20:00:00.000+08:00", "2025-03-09T02:30:00.000+08:00",
          "2025-02-08T04:00:59.000+08:00"},
         0},
        {"America/New_York",
         {"2025-02-07T20:00:00.000-05:00", "2025-03-09T03:30:00.000-04:00",
          "2025-02-07T15:00:59.000-05:00"},
         0},
    };
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&t[i], NULL, thread_main, &jobs[i]), 0);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    assert_int_equal(jobs[0].failures, 0);
    assert_int_equal(jobs[1].failures, 0);
}

/* The canonical spelling keeps what the string gives (a time, an offset)
 * and nothing else; none for a string without a year, an offset with
 * seconds, a year past 9999 or a string Jekyll does not read. */
static void test_canonical(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        const char *want; /* "" for none */
    } rows[] = {
        {"Feb 7, 2025", "2025-02-07"},
        {"2025-2-7", "2025-02-07"},
        {"2025-02-07", "2025-02-07"},
        {"2019-06-01 15:40", "2019-06-01 15:40:00"},
        {"2016/03/08 12:00", "2016-03-08 12:00:00"},
        {"7 Feb 2025 10:00 +0100", "2025-02-07 10:00:00 +01:00"},
        {"2013-05-08 23:46:11 +0200", "2013-05-08 23:46:11 +02:00"},
        {"Fri, 07 Feb 2025 10:00:00 GMT", "2025-02-07 10:00:00 +00:00"},
        {"2015-05-06T23:46:37.121Z", "2015-05-06 23:46:37 +00:00"},
        {"2016-03-08T12:00:00.999-05:30", "2016-03-08 12:00:00 -05:30"},
        {"Feb 7 2025 3pm", "2025-02-07 15:00:00"},
        {"25-02-07", "2025-02-07"},
        {"2025-03-09 02:30", "2025-03-09 02:30:00"}, /* a gap in New York */
        {"Feb 7", ""},
        {"10:00", ""},
        {"2025-02-30", ""},
        {"Last Modified", ""},
        {"2025-02-07 10:00:00 +01:00:30", ""},
        {"12345-01-01", ""},
    };
    postparse_tz *zones[3] = {NULL, open_zone("America/New_York"),
                              open_zone("Asia/Shanghai")};
    for (size_t z = 0; z < 3; z++)
        for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
            char buf[POSTPARSE_DATE_CANONICAL_MAX];
            size_t n = postparse_date_canonical(rows[i].in, strlen(rows[i].in),
                                                zones[z], buf, sizeof buf);
            if (strcmp(buf, rows[i].want) != 0)
                fail_msg("zone %zu: '%s' -> '%s', expected '%s'", z, rows[i].in,
                         buf, rows[i].want);
            assert_int_equal(n, strlen(rows[i].want));
        }
    /* A short buffer gets the start, NUL-terminated; the length is whole. */
    char small[8];
    assert_int_equal(
        postparse_date_canonical("Feb 7, 2025", 11, NULL, small, sizeof small),
        10);
    assert_string_equal(small, "2025-02");
    postparse_tz_free(zones[1]);
    postparse_tz_free(zones[2]);
}

int main(int argc, char **argv)
{
    ruby_cases_path = argc > 1 ? argv[1] : NULL;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_table),
        cmocka_unit_test(test_parse_null_zone_is_utc),
        cmocka_unit_test(test_parse_fields),
        cmocka_unit_test(test_parse_where),
        cmocka_unit_test(test_parse_odd_input),
        cmocka_unit_test(test_parse_as_ruby),
        cmocka_unit_test(test_post_dates),
        cmocka_unit_test(test_filename),
        cmocka_unit_test(test_filename_then_parse),
        cmocka_unit_test(test_civil),
        cmocka_unit_test(test_unix_and_format),
        cmocka_unit_test(test_zone_offsets),
        cmocka_unit_test(test_zone_local_to_unix),
        cmocka_unit_test(test_zone_close_transitions),
        cmocka_unit_test(test_zone_open_errors),
        cmocka_unit_test(test_zone_open_forms),
        cmocka_unit_test(test_zone_from_tzif),
        cmocka_unit_test(test_zone_allocator),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_canonical),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
