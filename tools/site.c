/* SPDX-License-Identifier: MIT */
#include "site.h"

#include <stdio.h>

#include "report.h"

bool site_setup(const char *command, const cli_options *options,
                postparse_options *popts, postparse_tz **zone)
{
    *zone = NULL;
    if (options->timezone != NULL) {
        postparse_status st =
            postparse_tz_open(options->timezone, NULL, NULL, zone);

        if (st != POSTPARSE_OK) {
            const char *tz = options->timezone;
            /* A sign makes it an offset (postparse_tz_open): say what
             * range and forms are, as Ruby's "utc_offset out of range". */
            bool offset = tz[0] == '+' || tz[0] == '-';
            fprintf(stderr, "postparse %s: --timezone '", command);
            report_escaped(stderr, tz);
            fprintf(stderr, "': %s\n",
                    st == POSTPARSE_ERR_NOMEM ? "out of memory"
                    : offset ? "not an offset from -23:59:59 to +23:59:59; "
                               "expected +H, +HH, +HHMM, +HH:MM or +HH:MM:SS "
                               "(+8, +08:00, -0530)"
                             : "unknown time zone; expected an IANA name "
                               "(Asia/Shanghai), UTC, an offset (+08:00) or a "
                               "POSIX TZ string (CST-8)");
            return false;
        }
    }
    popts->site_zone = *zone;
    popts->site_time_set = options->time_set;
    popts->site_time = options->time;
    popts->site_time_nanosecond = options->time_nanosecond;
    popts->future = options->future;
    popts->unpublished = options->unpublished;
    return true;
}
