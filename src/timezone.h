/* SPDX-License-Identifier: MIT */
/* What the date parser needs from a zone beyond the public API. */
#ifndef POSTPARSE_SRC_TIMEZONE_H
#define POSTPARSE_SRC_TIMEZONE_H

#include <postparse/date.h>

/* Ruby's Time.zone_offset falls back to the local zone's own abbreviation:
 * `zone` (upper case, `len` bytes) is compared with the abbreviation in force
 * at local midnight on January 1, then July 1, of `year`. Returns true and
 * the offset on a match. */
bool postparse__tz_abbreviation_offset(const postparse_tz *tz, int64_t year,
                                       const char *zone, size_t len,
                                       int32_t *offset);

#endif
