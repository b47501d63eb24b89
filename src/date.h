/* SPDX-License-Identifier: MIT */
/* Calendar helpers shared by the date files (date.c defines them). */
#ifndef POSTPARSE_SRC_DATE_H
#define POSTPARSE_SRC_DATE_H

#include <postparse/date.h>

/* a / b rounded toward minus infinity (b > 0), as Ruby's Integer#div. */
int64_t postparse__floor_div(int64_t a, int64_t b);
/* Gregorian leap year, for any sign of year. */
bool postparse__is_leap(int64_t year);

#endif
