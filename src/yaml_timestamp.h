/* SPDX-License-Identifier: MIT */
/* Psych 4.0.3's timestamps (psych/scalar_scanner.rb): which plain scalars
 * are times or dates, and their values as Ruby computes them. */
#ifndef POSTPARSE_YAML_TIMESTAMP_H
#define POSTPARSE_YAML_TIMESTAMP_H

#include <stdbool.h>
#include <stddef.h>

#include <postparse/date.h>

/* Does s[0..n) match ScalarScanner's TIME pattern? */
bool postparse__yaml_match_time(const char *s, size_t n);

/* ScalarScanner#parse_time of a text that matched TIME: 1 and *out on
 * success, 0 when Ruby raises ArgumentError, -1 when it raises
 * NoMethodError. */
int postparse__yaml_parse_time(const char *s, size_t n,
                               postparse_datetime *out);

/* A date (YYYY-MM-DD) as Psych reads one: 1 and *out, 0 when Date.strptime
 * raises, -1 when s is not of that pattern. */
int postparse__yaml_match_date(const char *s, size_t n,
                               postparse_datetime *out);

#endif
