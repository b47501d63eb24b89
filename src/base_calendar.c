/* SPDX-License-Identifier: MIT */
#include "base_calendar.h"

int64_t postparse__floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return q - (a % b != 0 && (a < 0) != (b < 0));
}

static int64_t floor_mod(int64_t a, int64_t b)
{
    return a - postparse__floor_div(a, b) * b;
}

bool postparse__is_leap(int64_t year)
{
    return floor_mod(year, 4) == 0 &&
           (floor_mod(year, 100) != 0 || floor_mod(year, 400) == 0);
}

int postparse__days_in_month(int64_t year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};
    return days[month - 1] + (month == 2 && postparse__is_leap(year));
}

int64_t postparse__days_from_civil(int64_t year, int month, int64_t day)
{
    int64_t m0 = (int64_t)month - 1;
    int64_t y = year + postparse__floor_div(m0, 12);
    int64_t m = floor_mod(m0, 12) + 1;
    y -= m <= 2;
    int64_t era = postparse__floor_div(y, 400);
    int64_t yoe = y - era * 400;
    int64_t mp = (m + 9) % 12;
    int64_t doy = (153 * mp + 2) / 5;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468 + (day - 1);
}

void postparse__civil_from_days(int64_t days, int64_t *year, int *month,
                                int *day)
{
    int64_t z = days + 719468;
    int64_t era = postparse__floor_div(z, 146097);
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    if (year)
        *year = yoe + era * 400 + (m <= 2);
    if (month)
        *month = (int)m;
    if (day)
        *day = (int)d;
}
