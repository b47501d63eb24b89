/* SPDX-License-Identifier: MIT */
/* Proleptic Gregorian calendar arithmetic, the one copy of it: the date
 * layer, the value keys (Time#eql? compares instants), the YAML timestamp
 * resolver and the time zone rules all count days through it. */
#ifndef POSTPARSE_BASE_CALENDAR_H
#define POSTPARSE_BASE_CALENDAR_H

#include <stdbool.h>
#include <stdint.h>

/* a / b rounded toward minus infinity (b > 0), as Ruby's Integer#div. */
int64_t postparse__floor_div(int64_t a, int64_t b);

/* Gregorian leap year, for any sign of year. */
bool postparse__is_leap(int64_t year);

/* Days of month (1..12) of year. */
int postparse__days_in_month(int64_t year, int month);

/* Days since 1970-01-01 (Howard Hinnant's days_from_civil), with the month
 * folded into the year first so that rolled-over fields work. */
int64_t postparse__days_from_civil(int64_t year, int month, int64_t day);

/* The inverse; any of the outputs may be NULL. */
void postparse__civil_from_days(int64_t days, int64_t *year, int *month,
                                int *day);

#endif
