/* SPDX-License-Identifier: MIT */
#include "site.h"

#include <stdio.h>

bool site_setup(const char *command, const cli_options *options,
                postparse_options *popts, postparse_tz **zone)
{
    *zone = NULL;
    if (options->timezone != NULL) {
        postparse_status st =
            postparse_tz_open(options->timezone, NULL, NULL, zone);

        if (st != POSTPARSE_OK) {
            fprintf(stderr,
                    "postparse %s: --timezone '%s': %s; expected an IANA "
                    "name (Asia/Shanghai), UTC or an offset (+08:00)\n",
                    command, options->timezone,
                    st == POSTPARSE_ERR_NOMEM ? "out of memory"
                                              : "unknown time zone");
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
